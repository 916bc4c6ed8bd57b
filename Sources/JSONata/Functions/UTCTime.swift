/// A moment as JavaScript's `Date` reads it in UTC: proleptic Gregorian fields from milliseconds since the
/// epoch, by plain calendar arithmetic (no time zone data; JSONata formats in UTC or at a fixed offset).
struct UTCTime {
  /// Milliseconds in a day.
  static let millisPerDay = 86_400_000.0
  /// JavaScript's time value limit: a Date further than this from the epoch is invalid.
  static let maxMillis = 8.64e15

  /// Milliseconds since the epoch.
  let millis: Double
  /// The year (astronomical: 0 is 1 BC).
  let year: Int
  /// Month of the year, 0 (January) to 11, as `getUTCMonth`.
  let month: Int
  /// Day of the month, from 1.
  let day: Int
  /// Hours of the day, 0 to 23.
  let hours: Int
  /// Minutes, 0 to 59.
  let minutes: Int
  /// Seconds, 0 to 59.
  let seconds: Int
  /// Milliseconds, 0 to 999.
  let milliseconds: Int
  /// Day of the week, 0 (Sunday) to 6, as `getUTCDay`.
  let weekday: Int

  /// The fields of a valid time value; nil for NaN or beyond ±8.64e15 ms (JavaScript's Invalid Date).
  init?(millis: Double) {
    guard millis.isFinite, abs(millis) <= Self.maxMillis else { return nil }
    let ms = Int64(millis.rounded(.towardZero))  // a Date holds an integral time value
    self.millis = Double(ms)
    let day = Self.floorDiv(ms, 86_400_000)
    var rest = ms - day * 86_400_000
    (year, month, self.day) = Self.civil(fromDays: day)
    hours = Int(rest / 3_600_000)
    rest %= 3_600_000
    minutes = Int(rest / 60_000)
    rest %= 60_000
    seconds = Int(rest / 1000)
    milliseconds = Int(rest % 1000)
    weekday = Int(Self.floorMod(day + 4, 7))  // 1970-01-01 was a Thursday
  }

  /// JavaScript's `Date.UTC(year, month, day, hours, minutes, seconds, ms)`: fields may overflow into the next
  /// unit, years 0 to 99 mean 1900 to 1999, and NaN or out-of-range results are NaN.
  static func utc(_ year: Double, _ month: Double, _ day: Double = 1, _ hours: Double = 0, _ minutes: Double = 0,
                  _ seconds: Double = 0, _ ms: Double = 0) -> Double {
    let fields = [year, month, day, hours, minutes, seconds, ms]
    guard fields.allSatisfy({ $0.isFinite }) else { return .nan }
    var y = year.rounded(.towardZero)
    if y >= 0 && y <= 99 { y += 1900 }
    let m = month.rounded(.towardZero)
    guard abs(y) < 1e9, abs(m) < 1e9 else { return .nan }
    let yearTotal = Int64(y) + floorDiv(Int64(m), 12)
    let monthIndex = floorMod(Int64(m), 12)
    let days = Double(daysFromCivil(yearTotal, monthIndex + 1, 1)) + day.rounded(.towardZero) - 1
    let time = hours.rounded(.towardZero) * 3_600_000 + minutes.rounded(.towardZero) * 60_000
      + seconds.rounded(.towardZero) * 1000 + ms.rounded(.towardZero)
    let result = days * millisPerDay + time
    return abs(result) <= maxMillis ? result : .nan
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (month 1 to 12).
  static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDiv(y, 400)
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The proleptic Gregorian date (year, month 0 to 11, day) of a day count since 1970-01-01.
  static func civil(fromDays days: Int64) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = floorDiv(z, 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month - 1), Int(day))
  }

  /// Integer division rounding toward negative infinity.
  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// The remainder of `floorDiv`, with the sign of `b`.
  static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}
