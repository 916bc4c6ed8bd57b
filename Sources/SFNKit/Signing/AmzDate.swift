#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// UTC date stamps in the basic ISO 8601 forms SigV4 uses, computed without a formatter (no ICU, no locale).
public enum AmzDate {
  /// The `X-Amz-Date` form, e.g. `20150830T123600Z` (fractions of a second are dropped).
  public static func timestamp(_ date: Date) -> String {
    let t = fields(date)
    return pad(t.year, 4) + pad(t.month, 2) + pad(t.day, 2) + "T" + pad(t.hour, 2) + pad(t.minute, 2)
      + pad(t.second, 2) + "Z"
  }

  /// The credential-scope date, e.g. `20150830`.
  public static func day(_ date: Date) -> String {
    let t = fields(date)
    return pad(t.year, 4) + pad(t.month, 2) + pad(t.day, 2)
  }

  /// Calendar fields of `date` in UTC (proleptic Gregorian).
  static func fields(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    // Howard Hinnant's civil_from_days: days since 1970-01-01 to year/month/day.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
