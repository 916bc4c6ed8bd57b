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
    CivilDate.fields(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
  }

  private static func pad(_ value: Int, _ width: Int) -> String { CivilDate.pad(value, width) }
}
