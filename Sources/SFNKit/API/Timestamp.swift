/// Converts between epoch seconds and ISO 8601 text without Foundation's calendar machinery.
public enum Timestamp {
  /// `2026-11-24T22:04:59.123000+00:00` (Python's `isoformat()`, as the AWS CLI prints); no fraction when it is zero.
  public static func iso8601(epochSeconds: Double) -> String {
    var seconds = epochSeconds.rounded(.down)
    var micros = Int(((epochSeconds - seconds) * 1_000_000).rounded())
    if micros == 1_000_000 {
      seconds += 1
      micros = 0
    }
    let total = Int64(seconds)
    let days = Int64((Double(total) / 86400).rounded(.down))
    let secsOfDay = Int(total - days * 86400)
    let (y, m, d) = civil(fromDays: days)
    var s = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secsOfDay / 3600, 2)):\(pad(secsOfDay / 60 % 60, 2)):\(pad(secsOfDay % 60, 2))"
    if micros != 0 { s += "." + pad(micros, 6) }
    return s + "+00:00"
  }

  /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`, `±HH:MM` or no zone (UTC) into epoch seconds.
  public static func parse(_ text: String) -> Double? {
    let chars = Array(text.utf8)
    var i = 0
    func number(_ digits: Int) -> Int? {
      guard i + digits <= chars.count else { return nil }
      var v = 0
      for k in 0..<digits {
        let c = chars[i + k]
        guard c >= 48, c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
      }
      i += digits
      return v
    }
    func expect(_ c: UInt8) -> Bool {
      guard i < chars.count, chars[i] == c else { return false }
      i += 1
      return true
    }
    guard let y = number(4), expect(45), let mo = number(2), expect(45), let d = number(2),
      (1...12).contains(mo), (1...31).contains(d)
    else { return nil }
    var secs = Double(days(fromCivil: y, mo, d)) * 86400
    if i == chars.count { return secs }
    guard expect(84) || expect(116) || expect(32), let h = number(2), expect(58), let mi = number(2), h < 24, mi < 60
    else { return nil }
    secs += Double(h * 3600 + mi * 60)
    if expect(58) {
      guard let s = number(2), s <= 60 else { return nil }
      secs += Double(s)
      if expect(46) {
        var scale = 0.1
        let start = i
        while i < chars.count, chars[i] >= 48, chars[i] <= 57 {
          secs += Double(chars[i] - 48) * scale
          scale /= 10
          i += 1
        }
        if i == start { return nil }
      }
    }
    if i == chars.count || expect(90) || expect(122) { return i == chars.count ? secs : nil }
    let sign: Double
    if expect(43) { sign = 1 } else if expect(45) { sign = -1 } else { return nil }
    guard let oh = number(2) else { return nil }
    _ = expect(58)
    guard let om = number(2), i == chars.count else { return nil }
    return secs - sign * Double(oh * 3600 + om * 60)
  }

  private static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  // Howard Hinnant's days_from_civil / civil_from_days.
  static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int64 {
    let y = Int64(m <= 2 ? y0 - 1 : y0)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = Int64((m + 9) % 12)
    let doy = (153 * mp + 2) / 5 + Int64(d) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
  }
}
