#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Value {
  /// A string as a JSON string literal, escaped as `JSON.stringify` does.
  public static func jsonQuoted(_ s: String) -> String {
    var out = "\""
    out.unicodeScalars.reserveCapacity(s.unicodeScalars.count + 2)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\u{8}": out += "\\b"
      case "\u{C}": out += "\\f"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A double rounded to 15 significant digits, as JavaScript's `Number(n.toPrecision(15))`.
  public static func precision15(_ d: Double) -> Double {
    guard d.isFinite, d != 0 else { return d }
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([d]) { vsnprintf(&buffer, buffer.count, "%.14e", $0) }
    let text = String(cString: buffer)
    return Double(text) ?? d
  }

  /// jsonata-js's `$string` cast: strings unchanged, functions "", other values as JSON with numbers rounded to
  /// 15 significant digits. Throws D3001 for a non-finite number; nil for undefined.
  public static func stringCast(_ value: Value?, pretty: Bool = false) throws -> String? {
    guard let value else { return nil }
    switch value {
    case .string(let s): return s
    case .function: return ""
    case .number(let n) where !n.isFinite:
      throw JSONataError(code: "D3001", value: value)
    case .array(let a) where a.outerWrapper && !a.items.isEmpty:
      return try stringify(a.items[0], pretty: pretty)
    default:
      return try stringify(value, pretty: pretty)
    }
  }

  /// `JSON.stringify` with jsonata-js's replacer: numbers to 15 significant digits, functions as "", non-finite
  /// numbers as null; `pretty` indents by two spaces.
  public static func stringify(_ value: Value, pretty: Bool) throws -> String {
    var out = ""
    write(value, pretty: pretty, indent: "", into: &out)
    return out
  }

  private static func write(_ value: Value, pretty: Bool, indent: String, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n.isFinite ? javaScriptString(precision15(n)) : "null"
    case .string(let s): out += jsonQuoted(s)
    case .function: out += "\"\""
    case .array(let a):
      if a.items.isEmpty {
        out += "[]"
        return
      }
      let inner = indent + "  "
      out += "["
      for (i, item) in a.items.enumerated() {
        if i > 0 { out += "," }
        if pretty { out += "\n" + inner }
        write(item, pretty: pretty, indent: inner, into: &out)
      }
      if pretty { out += "\n" + indent }
      out += "]"
    case .object(let o):
      if o.isEmpty {
        out += "{}"
        return
      }
      let inner = indent + "  "
      out += "{"
      for (i, entry) in o.entries.enumerated() {
        if i > 0 { out += "," }
        if pretty { out += "\n" + inner }
        out += jsonQuoted(entry.key) + (pretty ? ": " : ":")
        write(entry.value, pretty: pretty, indent: inner, into: &out)
      }
      if pretty { out += "\n" + indent }
      out += "}"
    }
  }
}
