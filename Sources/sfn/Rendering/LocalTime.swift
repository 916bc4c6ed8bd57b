#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SFNKit

/// Timestamps in the local time zone (TZ), for tables.
enum LocalTime {
  /// `2026-11-25 14:03:07`.
  static func dateTime(_ epoch: Double) -> String {
    let t = parts(epoch)
    return "\(t.year)-\(pad(t.month))-\(pad(t.day)) \(pad(t.hour)):\(pad(t.minute)):\(pad(t.second))"
  }

  /// `14:03:07.123`.
  static func timeOfDay(_ epoch: Double) -> String {
    // Whole milliseconds first, so 12:00:00.010 does not print as .009 through floating-point error.
    let totalMillis = (epoch * 1000).rounded()
    let t = parts((totalMillis / 1000).rounded(.down))
    let millis = Int(totalMillis - (totalMillis / 1000).rounded(.down) * 1000)
    return "\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)).\(pad(millis, 3))"
  }

  /// An ISO 8601 string as local date and time; other text unchanged.
  static func fromISO(_ text: String) -> String {
    Timestamp.parse(text).map(dateTime) ?? text
  }

  private static func parts(_ epoch: Double) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
    var seconds = time_t(epoch.rounded(.down))
    var tm = tm()
    localtime_r(&seconds, &tm)
    return (Int(tm.tm_year) + 1900, Int(tm.tm_mon) + 1, Int(tm.tm_mday), Int(tm.tm_hour), Int(tm.tm_min), Int(tm.tm_sec))
  }

  private static func pad(_ v: Int, _ width: Int = 2) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
