#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Parses HTTP `Date` header values without a formatter (no ICU, no locale).
///
/// Accepts the three forms RFC 9110 section 5.6.7 says recipients must read: IMF-fixdate (RFC 1123,
/// `Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`) and
/// asctime (`Sun Nov  6 08:49:37 1994`). The weekday is not checked against the date.
public enum HTTPDate {
  private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

  /// The instant `text` names, or nil when it is not an HTTP date in UTC.
  public static func parse(_ text: String) -> Date? {
    var tokens = text.split { $0 == " " || $0 == "," || $0 == "-" || $0 == "\t" }.map(String.init)
    if let first = tokens.first, first.allSatisfy(\.isLetter), month(first) == nil { tokens.removeFirst() }
    let day: Int?, monthNumber: Int?, year: Int?, time: String
    if tokens.count == 4, month(tokens[0]) != nil {  // asctime: month day time year
      guard tokens[3].count == 4 else { return nil }
      (monthNumber, day, time, year) = (month(tokens[0]), Int(tokens[1]), tokens[2], Int(tokens[3]))
    } else if tokens.count == 5 {  // IMF-fixdate or RFC 850: day month year time zone
      guard ["GMT", "UTC", "+0000", "Z"].contains(tokens[4].uppercased()), let y = Int(tokens[2]) else { return nil }
      (day, monthNumber, time) = (Int(tokens[0]), month(tokens[1]), tokens[3])
      // RFC 850 two-digit years are read as 1970-2069.
      year = tokens[2].count == 2 ? (y < 70 ? 2000 + y : 1900 + y) : y
    } else {
      return nil
    }
    let clock = time.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
    guard let day, let monthNumber, let year, clock.count == 3,
          let hour = clock[0], let minute = clock[1], let second = clock[2],
          (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
    else { return nil }
    let days = CivilDate.days(year: year, month: monthNumber, day: day)
    return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
  }

  private static func month(_ name: String) -> Int? {
    guard name.count == 3, let index = months.firstIndex(of: name.lowercased()) else { return nil }
    return index + 1
  }
}
