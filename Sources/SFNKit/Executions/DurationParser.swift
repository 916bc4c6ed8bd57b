/// Parses durations as the verbs take them: `90` (seconds), `90s`, `10m`, `1h30m`, `1.5s`.
public enum DurationParser {
  /// Seconds in `text`, or a usage error naming `option`.
  public static func seconds(_ text: String, option: String = "--timeout") throws -> Double {
    guard let value = parse(text) else {
      throw InputError.notDuration(at: option, text: text)
    }
    return value
  }

  /// Seconds in `text`, or nil when it is not a duration.
  public static func parse(_ text: String) -> Double? {
    let s = text.trimmingWhitespace().lowercased()
    guard !s.isEmpty else { return nil }
    if let plain = Double(s), plain >= 0, plain.isFinite { return plain }
    var total = 0.0
    var number = ""
    var lastUnit = Double.infinity
    for c in s {
      if c.isNumber || c == "." {
        number.append(c)
        continue
      }
      let unit: Double
      switch c {
      case "d": unit = 86400
      case "h": unit = 3600
      case "m": unit = 60
      case "s": unit = 1
      default: return nil
      }
      // Units must be given largest first and once each (1h30m, not 30m1h).
      guard let n = Double(number), n >= 0, unit < lastUnit else { return nil }
      total += n * unit
      lastUnit = unit
      number = ""
    }
    return number.isEmpty ? total : nil
  }

  /// `1h30m`, `10m`, `4.2s`, `120ms`: a short human form of `seconds`.
  public static func format(_ seconds: Double) -> String {
    if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
    if seconds < 60 {
      let tenths = (seconds * 10).rounded() / 10
      return tenths == tenths.rounded() ? "\(Int(tenths))s" : "\(tenths)s"
    }
    let whole = Int(seconds.rounded())
    let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60)
    var out = ""
    if h > 0 { out += "\(h)h" }
    if m > 0 { out += "\(m)m" }
    if s > 0 || out.isEmpty { out += "\(s)s" }
    return out
  }
}
