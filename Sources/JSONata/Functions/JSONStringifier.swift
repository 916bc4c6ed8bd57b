/// `$string`'s conversion of a non-string value: JavaScript's `JSON.stringify` with jsonata-js's replacer, which
/// writes numbers rounded to 15 significant digits and functions as "".
struct JSONStringifier {
  /// Indent nested members by two spaces per level (`$string(x, true)`), or write everything on one line.
  let prettify: Bool

  /// The JSON text of `value`. A non-finite number nested in a container is error D1001, as jsonata-js's
  /// `isNumeric` check raises it; NaN there is written `null` as `JSON.stringify` does.
  func string(_ value: Value) throws -> String {
    var out = ""
    try write(value, depth: 0, into: &out)
    return out
  }

  private func write(_ value: Value, depth: Int, into out: inout String) throws {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n):
      if n.isNaN {
        out += "null"
      } else if n.isInfinite {
        throw JSONataError(code: "D1001", value: value)
      } else {
        out += Value.javaScriptString(JavaScriptNumber.roundedTo15Digits(n))
      }
    case .string(let s): JSONStringifier.quote(s, into: &out)
    case .function: out += "\"\""
    case .array(let a):
      if a.items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, item) in a.items.enumerated() {
        if i > 0 { out += "," }
        newline(depth + 1, into: &out)
        try write(item, depth: depth + 1, into: &out)
      }
      newline(depth, into: &out)
      out += "]"
    case .object(let o):
      if o.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, entry) in JavaScript.entries(o).enumerated() {
        if i > 0 { out += "," }
        newline(depth + 1, into: &out)
        JSONStringifier.quote(entry.key, into: &out)
        out += prettify ? ": " : ":"
        try write(entry.value, depth: depth + 1, into: &out)
      }
      newline(depth, into: &out)
      out += "}"
    }
  }

  /// A line break and indentation before a member, when prettifying.
  private func newline(_ depth: Int, into out: inout String) {
    guard prettify else { return }
    out += "\n"
    out += String(repeating: " ", count: 2 * depth)
  }

  /// `JSON.stringify` of a string: quotes, with `"`, `\` and control characters escaped.
  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
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
    out += "\""
  }
}
