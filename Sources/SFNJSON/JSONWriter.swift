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
    var bytes: [UInt8] = []
    write(value, into: &bytes, level: 0)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the serialised text of `value` to `out`.
  public func write(_ value: JSON, into out: inout String, level: Int = 0) {
    var bytes: [UInt8] = []
    write(value, into: &bytes, level: level)
    out += String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the serialised UTF-8 of `value` to `out`: bytes, because a String append per token cost about a
  /// third of printing a response.
  public func write(_ value: JSON, into out: inout [UInt8], level: Int = 0) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let n): out.append(contentsOf: JSONWriter.format(n).utf8)
    case .string(let s): JSONWriter.quote(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        newline(into: &out, level: level + 1)
        write(item, into: &out, level: level + 1)
      }
      newline(into: &out, level: level)
      out.append(UInt8(ascii: "]"))
    case .object(let object):
      if object.isEmpty {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(UInt8(ascii: "{"))
      var first = true
      let separator = indent == nil ? ":" : ": "
      func member(_ key: String, _ value: JSON) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        newline(into: &out, level: level + 1)
        JSONWriter.quote(key, into: &out)
        out.append(contentsOf: separator.utf8)
        write(value, into: &out, level: level + 1)
      }
      if sortKeys {
        for (key, value) in object.sorted(by: { $0.key < $1.key }) { member(key, value) }
      } else {
        for (key, value) in object { member(key, value) }
      }
      newline(into: &out, level: level)
      out.append(UInt8(ascii: "}"))
    }
  }

  private func newline(into out: inout [UInt8], level: Int) {
    guard let indent else { return }
    out.append(UInt8(ascii: "\n"))
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
  }

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
    var bytes: [UInt8] = []
    quote(s, into: &bytes)
    out += String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the UTF-8 of `s` as a JSON string literal, escaping only what JSON requires.
  public static func quote(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      out.append(contentsOf: s.utf8)
      out.append(UInt8(ascii: "\""))
      return
    }
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
      case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
      case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
      case 0x08: out.append(contentsOf: "\\b".utf8)
      case 0x0C: out.append(contentsOf: "\\f".utf8)
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "\\u00".utf8)
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 0xF)])
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension JSON: CustomStringConvertible {
  /// Compact JSON text.
  public var description: String { JSONWriter.compact.string(self) }
}
