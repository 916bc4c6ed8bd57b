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
    let t = CivilDate.fields(epochSeconds: Int(seconds))
    guard (0...9999).contains(t.year) else { return interpolated(t, micros) }
    // Digits straight into bytes: interpolating the padded fields cost ~9,000 instructions per timestamp.
    var out = Array((micros == 0 ? "0000-00-00T00:00:00+00:00" : "0000-00-00T00:00:00.000000+00:00").utf8)
    func put(_ value: Int, _ width: Int, at start: Int) {
      var v = value
      for i in stride(from: start + width - 1, through: start, by: -1) {
        out[i] = UInt8(48 + v % 10)
        v /= 10
      }
    }
    put(t.year, 4, at: 0)
    put(t.month, 2, at: 5)
    put(t.day, 2, at: 8)
    put(t.hour, 2, at: 11)
    put(t.minute, 2, at: 14)
    put(t.second, 2, at: 17)
    if micros != 0 { put(micros, 6, at: 20) }
    return String(decoding: out, as: UTF8.self)
  }

  /// `iso8601` by interpolation: any year, and the reference the fast path is tested against.
  static func interpolated(_ t: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int), _ micros: Int)
    -> String
  {
    var s = "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
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
    var secs = Double(CivilDate.days(year: y, month: mo, day: d)) * 86400
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

  private static func pad(_ v: Int, _ width: Int) -> String { CivilDate.pad(v, width) }
}
