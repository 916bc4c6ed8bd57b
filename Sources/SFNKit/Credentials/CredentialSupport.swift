#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import COpenSSL

/// SHA-1 hex digests, used only for the cache file names the AWS CLI also uses (not for security).
enum SHA1Hex {
  /// The lower-case hex SHA-1 of the UTF-8 bytes of `text`.
  static func of(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
    let input = bytes.isEmpty ? [0] : bytes
    input.withUnsafeBufferPointer { source in
      digest.withUnsafeMutableBufferPointer { output in
        _ = SHA1(source.baseAddress, bytes.count, output.baseAddress)
      }
    }
    return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }
}

/// RFC 3339 / ISO 8601 timestamps as credential sources write them, without a formatter (no ICU, no locale).
enum ISO8601 {
  /// Parses `2026-01-01T00:00:00Z`, with optional fraction and `+hh:mm` / `-hh:mm` / `+hhmm` offset.
  static func parse(_ text: String) -> Date? {
    let chars = Array(text.utf8)
    var index = 0
    func number(_ width: Int) -> Int? {
      guard index + width <= chars.count else { return nil }
      var value = 0
      for c in chars[index..<index + width] {
        guard c >= 48 && c <= 57 else { return nil }
        value = value * 10 + Int(c - 48)
      }
      index += width
      return value
    }
    func expect(_ c: UInt8) -> Bool {
      guard index < chars.count, chars[index] == c else { return false }
      index += 1
      return true
    }
    guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
          index < chars.count, chars[index] == 84 || chars[index] == 116 || chars[index] == 32 else { return nil }
    index += 1
    guard let hour = number(2), expect(58), let minute = number(2), expect(58), let second = number(2) else {
      return nil
    }
    var fraction = 0.0
    if expect(46) {
      var scale = 0.1
      while index < chars.count, chars[index] >= 48 && chars[index] <= 57 {
        fraction += Double(chars[index] - 48) * scale
        scale /= 10
        index += 1
      }
    }
    var offset = 0
    if expect(90) || expect(122) {
      offset = 0
    } else if index < chars.count, chars[index] == 43 || chars[index] == 45 {
      let sign = chars[index] == 45 ? -1 : 1
      index += 1
      guard let hours = number(2) else { return nil }
      _ = expect(58)
      let minutes = number(2) ?? 0
      offset = sign * (hours * 3600 + minutes * 60)
    } else {
      return nil
    }
    guard index == chars.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
          second < 61 else { return nil }
    let seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }

  /// `2026-01-01T00:00:00Z` (whole seconds, UTC).
  static func format(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (y, m, d) = civilFromDays(days)
    func pad(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2))"
      + ":\(pad(secondOfDay % 60, 2))Z"
  }

  // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, days since 1970-01-01).
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}

/// Serialises a flat object like Python's `json.dumps(obj, sort_keys=True)`, so cache keys match the AWS CLI's.
enum PythonJSONKey {
  /// A key/value that is either a string or an integer.
  enum Value { case string(String), int(Int) }

  /// The dump of `fields` with sorted keys, using `separators` (Python's default is `, ` and `: `).
  static func dump(_ fields: [String: Value], compact: Bool = false) -> String {
    let items = fields.keys.sorted().map { key -> String in
      let value: String
      switch fields[key]! {
      case .string(let s): value = quote(s)
      case .int(let i): value = String(i)
      }
      return quote(key) + (compact ? ":" : ": ") + value
    }
    return "{" + items.joined(separator: compact ? "," : ", ") + "}"
  }

  /// A JSON string literal with Python's `ensure_ascii` escaping.
  static func quote(_ text: String) -> String {
    var out = "\""
    for unit in text.utf16 {
      switch unit {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(unit)!)
      default:
        let hex = String(unit, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return out + "\""
  }
}
