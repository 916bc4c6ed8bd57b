#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// The context object (`$$` in JSONPath, `$states.context` in JSONata) as AWS lays it out.
enum ContextObject {
  /// `retryCount` nil leaves `State.RetryCount` out, as AWS does for states that cannot retry.
  static func build(info: ExecutionInfo, stateName: String, enteredTime: Date, retryCount: Int?, taskToken: String?,
                    mapItem: JSON?) -> JSON {
    var o = JSONObject()
    o["Execution"] = .object(JSONObject([
      ("Id", .string(info.executionArn)), ("Input", info.input), ("StartTime", .string(ISOTimestamp.format(info.startTime))),
      ("Name", .string(info.name)), ("RoleArn", .string(info.roleArn)), ("RedriveCount", .integer(info.redriveCount)),
    ]))
    o["StateMachine"] = .object(JSONObject([("Id", .string(info.stateMachineArn)),
                                            ("Name", .string(info.stateMachineName))]))
    var stateObject = JSONObject([("EnteredTime", .string(ISOTimestamp.format(enteredTime))),
                                  ("Name", .string(stateName))])
    if let retryCount { stateObject["RetryCount"] = .integer(retryCount) }
    o["State"] = .object(stateObject)
    if let taskToken { o["Task"] = .object(JSONObject([("Token", .string(taskToken))])) }
    if let mapItem { o["Map"] = .object(JSONObject([("Item", mapItem)])) }
    return .object(o)
  }
}

/// ISO-8601 timestamps as Step Functions writes and accepts them.
public enum ISOTimestamp {
  /// `2026-01-01T00:00:00.000Z` (milliseconds, UTC), as in `$$.Execution.StartTime`.
  public static func format(_ date: Date) -> String {
    let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
    let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
    let f = CivilDate.fields(epochSeconds: seconds)
    let pad = CivilDate.pad
    return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):"
      + "\(pad(f.second, 2)).\(pad(millis - seconds * 1000, 3))Z"
  }

  /// Parses an extended offset date-time (`2016-03-14T01:59:00Z`, fractions, `+01:00`); nil when AWS would refuse it.
  public static func parse(_ text: String) -> Date? {
    let c = Array(text.utf8)
    func digits(_ at: Int, _ n: Int) -> Int? {
      guard at + n <= c.count else { return nil }
      var v = 0
      for i in at..<(at + n) {
        guard c[i] >= 48, c[i] <= 57 else { return nil }
        v = v * 10 + Int(c[i] - 48)
      }
      return v
    }
    guard c.count >= 20, let y = digits(0, 4), c[4] == 45, let mo = digits(5, 2), c[7] == 45, let d = digits(8, 2),
          c[10] == 84, let h = digits(11, 2), c[13] == 58, let mi = digits(14, 2), c[16] == 58,
          let s = digits(17, 2) else { return nil }
    guard (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), h < 24, mi < 60, s < 60 else { return nil }
    var i = 19
    var fraction = 0.0
    if c[i] == 46 {
      i += 1
      var scale = 0.1
      let start = i
      while i < c.count, c[i] >= 48, c[i] <= 57 {
        fraction += Double(c[i] - 48) * scale
        scale /= 10
        i += 1
      }
      guard i > start else { return nil }
    }
    guard i < c.count else { return nil }
    var offset = 0
    if c[i] == 90 {
      i += 1
    } else if c[i] == 43 || c[i] == 45, let oh = digits(i + 1, 2), c.count > i + 3, c[i + 3] == 58,
              let om = digits(i + 4, 2) {
      offset = (oh * 60 + om) * 60 * (c[i] == 43 ? 1 : -1)
      i += 6
    } else {
      return nil
    }
    guard i == c.count else { return nil }
    let days = CivilDate.days(year: y, month: mo, day: d)
    let seconds = Double(days * 86_400 + h * 3600 + mi * 60 + s - offset) + fraction
    return Date(timeIntervalSince1970: seconds)
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
