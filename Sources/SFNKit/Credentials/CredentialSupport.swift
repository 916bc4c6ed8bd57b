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

/// RFC 3339 / ISO 8601 timestamps as credential sources write them.
enum ISO8601 {
  /// Parses `2026-01-01T00:00:00Z`, with optional fraction and `+hh:mm` / `-hh:mm` / `+hhmm` offset;
  /// a date without a time is not an expiry.
  static func parse(_ text: String) -> Date? {
    guard text.utf8.count > 10 else { return nil }
    return Timestamp.parse(text).map { Date(timeIntervalSince1970: $0) }
  }

  /// `2026-01-01T00:00:00Z` (whole seconds, UTC).
  static func format(_ date: Date) -> String {
    let t = CivilDate.fields(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
    return "\(CivilDate.pad(t.year, 4))-\(CivilDate.pad(t.month, 2))-\(CivilDate.pad(t.day, 2))T"
      + "\(CivilDate.pad(t.hour, 2)):\(CivilDate.pad(t.minute, 2)):\(CivilDate.pad(t.second, 2))Z"
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
