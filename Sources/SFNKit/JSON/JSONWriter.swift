/// Serialises JSON values the way the AWS CLI (Python's `json.dumps`) prints them.
public struct JSONWriter: Sendable {
  /// Spaces per indentation level; nil writes compact JSON with no white space.
  public var indent: Int?
  /// Sort object keys instead of keeping their order.
  public var sortKeys: Bool

  /// Compact output: `{"a":1,"b":[1,2]}`.
  public static let compact = JSONWriter(indent: nil, sortKeys: false)
  /// The AWS CLI's output: four-space indent, `"key": value`.
  public static let pretty = JSONWriter(indent: 4, sortKeys: false)

  /// A writer with the given layout.
  public init(indent: Int?, sortKeys: Bool = false) {
    self.indent = indent
    self.sortKeys = sortKeys
  }

  /// The serialised text of `value`.
  public func string(_ value: JSON) -> String {
    var out = ""
    write(value, into: &out, level: 0)
    return out
  }

  /// Appends the serialised text of `value` to `out`.
  public func write(_ value: JSON, into out: inout String, level: Int = 0) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += JSONWriter.format(n)
    case .string(let s): JSONWriter.quote(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        newline(into: &out, level: level + 1)
        write(item, into: &out, level: level + 1)
      }
      newline(into: &out, level: level)
      out += "]"
    case .object(let object):
      if object.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      var first = true
      func member(_ key: String, _ value: JSON) {
        if !first { out += "," }
        first = false
        newline(into: &out, level: level + 1)
        JSONWriter.quote(key, into: &out)
        out += indent == nil ? ":" : ": "
        write(value, into: &out, level: level + 1)
      }
      if sortKeys {
        for (key, value) in object.sorted(by: { $0.key < $1.key }) { member(key, value) }
      } else {
        for (key, value) in object { member(key, value) }
      }
      newline(into: &out, level: level)
      out += "}"
    }
  }

  private func newline(into out: inout String, level: Int) {
    guard let indent else { return }
    out += "\n"
    // Made once per level instead of once per line (a big part of printing a long history).
    if indent == 4, level < JSONWriter.fourSpaceIndents.count {
      out += JSONWriter.fourSpaceIndents[level]
    } else {
      out += String(repeating: " ", count: indent * level)
    }
  }

  // Each from the one before: String(repeating:count:) costs ~20,000 instructions per string at start-up.
  private static let fourSpaceIndents: [String] = {
    var all = [""]
    for _ in 1..<32 { all.append(all[all.count - 1] + "    ") }
    return all
  }()

  /// A number as Python's json.dumps writes it (integers exactly, floats as `repr`), except that infinities and
  /// NaN, which JSON cannot hold, are written `null`.
  public static func format(_ n: JSONNumber) -> String {
    if n.isFloat, !n.doubleValue.isFinite { return "null" }
    return n.text
  }

  /// A plain double for messages: integral values without a fraction, others in the shortest form that reads back.
  public static func format(number n: Double) -> String {
    if n.isNaN || n.isInfinite { return "null" }
    if n.rounded() == n, abs(n) < 1e16 { return String(Int64(n)) }
    return n.description
  }

  /// Appends `s` as a JSON string literal, escaping only what JSON requires.
  public static func quote(_ s: String, into out: inout String) {
    out += "\""
    var needsEscape = false
    for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
      needsEscape = true
      break
    }
    if !needsEscape {
      out += s
      out += "\""
      return
    }
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}

extension JSON: CustomStringConvertible {
  /// Compact JSON text.
  public var description: String { JSONWriter.compact.string(self) }
}
