/// An instant written as Step Functions accepts timestamps (Java's ISO-8601 extended offset date-time):
/// `2016-03-14T01:59:00Z`, `2016-03-14T01:59:00.123+01:00`; seconds and fraction optional, the offset required.
/// Used by the Timestamp* Choice operators and IsTimestamp; comparable as instants.
public struct StatesTimestamp: Sendable, Hashable, Comparable {
  /// Seconds since 1970-01-01T00:00:00Z.
  public let epochSeconds: Int64
  /// Nanoseconds within the second (0...999_999_999).
  public let nanoseconds: Int32

  /// Parses `text`; nil when it is not a valid offset date-time (a day or hour out of range included).
  public init?(_ text: String) {
    let s = Array(text.utf8)
    var i = 0
    func number(_ digits: Int) -> Int? {
      guard i + digits <= s.count else { return nil }
      var v = 0
      for c in s[i..<(i + digits)] {
        guard c >= 0x30, c <= 0x39 else { return nil }
        v = v * 10 + Int(c - 0x30)
      }
      i += digits
      return v
    }
    func eat(_ c: UInt8) -> Bool {
      guard i < s.count, s[i] == c else { return false }
      i += 1
      return true
    }
    guard let year = number(4), eat(UInt8(ascii: "-")), let month = number(2), eat(UInt8(ascii: "-")),
          let day = number(2), eat(UInt8(ascii: "T")) || eat(UInt8(ascii: "t")),
          let hour = number(2), eat(UInt8(ascii: ":")), let minute = number(2) else { return nil }
    var second = 0
    var nanos = 0
    if eat(UInt8(ascii: ":")) {
      guard let sec = number(2) else { return nil }
      second = sec
      if eat(UInt8(ascii: ".")) {
        let start = i
        while i < s.count, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
        let digits = i - start
        guard digits >= 1, digits <= 9 else { return nil }
        nanos = s[start..<i].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        for _ in digits..<9 { nanos *= 10 }
      }
    }
    var offset = 0
    if eat(UInt8(ascii: "Z")) || eat(UInt8(ascii: "z")) {
      offset = 0
    } else if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
      let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
      i += 1
      guard let oh = number(2), eat(UInt8(ascii: ":")), let om = number(2), oh <= 18, om <= 59 else { return nil }
      var os = 0
      if eat(UInt8(ascii: ":")) {
        guard let sec = number(2), sec <= 59 else { return nil }
        os = sec
      }
      offset = sign * (oh * 3600 + om * 60 + os)
    } else {
      return nil
    }
    guard i == s.count, (1...12).contains(month), day >= 1, day <= Self.daysIn(month, year), hour <= 23,
          minute <= 59, second <= 59 else { return nil }
    let days = Self.daysFromCivil(year: year, month: month, day: day)
    epochSeconds = Int64(days * 86400 + hour * 3600 + minute * 60 + second - offset)
    nanoseconds = Int32(nanos)
  }

  /// Orders by instant.
  public static func < (a: StatesTimestamp, b: StatesTimestamp) -> Bool {
    (a.epochSeconds, a.nanoseconds) < (b.epochSeconds, b.nanoseconds)
  }

  private static func daysIn(_ month: Int, _ year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
