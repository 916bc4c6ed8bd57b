/// A malformed JSON document, with the 1-based line and column where reading stopped.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
  public var message: String
  public var line: Int
  public var column: Int
  public var description: String { "line \(line), column \(column): \(message)" }
}

/// Strict RFC 8259 JSON reader over UTF-8 bytes.
public struct JSONParser {
  private let bytes: [UInt8]
  private var pos = 0
  private var depth = 0
  private static let maxDepth = 512

  /// Parses a whole document; anything but white space after the value is an error.
  public static func parse(_ text: String) throws -> JSON {
    try parse(bytes: Array(text.utf8))
  }

  /// Parses a whole document from raw bytes, rejecting invalid UTF-8.
  public static func parse(bytes: [UInt8]) throws -> JSON {
    var p = JSONParser(bytes: bytes)
    p.skipWhitespace()
    let value = try p.parseValue()
    p.skipWhitespace()
    if p.pos < p.bytes.count { throw p.error("unexpected text after the JSON value") }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
    let end = min(offset ?? pos, bytes.count)
    var line = 1
    var lineStart = 0
    for i in 0..<end where bytes[i] == UInt8(ascii: "\n") {
      line += 1
      lineStart = i + 1
    }
    // Columns count characters, not bytes: skip UTF-8 continuation bytes.
    let column = bytes[lineStart..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    return JSONParseError(message: message, line: line, column: column)
  }

  private mutating func skipWhitespace() {
    while pos < bytes.count {
      switch bytes[pos] {
      case 0x20, 0x0A, 0x0D, 0x09: pos += 1
      default: return
      }
    }
  }

  private mutating func parseValue() throws -> JSON {
    guard pos < bytes.count else { throw error("unexpected end of input, expected a value") }
    switch bytes[pos] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected character \(describe(bytes[pos])), expected a value")
    }
  }

  private func describe(_ b: UInt8) -> String {
    b >= 0x20 && b < 0x7F ? "'\(Character(UnicodeScalar(b)))'" : hexByte(b)
  }

  private func hexByte(_ b: UInt8) -> String {
    let hex = String(b, radix: 16, uppercase: true)
    return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
  }

  private mutating func literal(_ word: StaticString, _ value: JSON) throws -> JSON {
    let w = word.utf8Start
    for i in 0..<word.utf8CodeUnitCount {
      guard pos + i < bytes.count, bytes[pos + i] == w[i] else {
        throw error("invalid literal, expected '\(word)'")
      }
    }
    pos += word.utf8CodeUnitCount
    return value
  }

  private mutating func enter() throws {
    depth += 1
    if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
  }

  private mutating func parseObject() throws -> JSON {
    try enter()
    defer { depth -= 1 }
    pos += 1
    var object = JSONObject()
    skipWhitespace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
      pos += 1
      return .object(object)
    }
    while true {
      skipWhitespace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
        throw error(pos < bytes.count ? "expected a string key" : "unexpected end of input in object")
      }
      let key = try parseString()
      skipWhitespace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
      pos += 1
      skipWhitespace()
      object[key] = try parseValue()
      skipWhitespace()
      guard pos < bytes.count else { throw error("unexpected end of input in object") }
      if bytes[pos] == UInt8(ascii: ",") {
        pos += 1
        continue
      }
      if bytes[pos] == UInt8(ascii: "}") {
        pos += 1
        return .object(object)
      }
      throw error("expected ',' or '}' in object")
    }
  }

  private mutating func parseArray() throws -> JSON {
    try enter()
    defer { depth -= 1 }
    pos += 1
    var items: [JSON] = []
    skipWhitespace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
      pos += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue())
      skipWhitespace()
      guard pos < bytes.count else { throw error("unexpected end of input in array") }
      if bytes[pos] == UInt8(ascii: ",") {
        pos += 1
        continue
      }
      if bytes[pos] == UInt8(ascii: "]") {
        pos += 1
        return .array(items)
      }
      throw error("expected ',' or ']' in array")
    }
  }

  private mutating func parseNumber() throws -> JSON {
    let start = pos
    if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
    func digits() -> Int {
      let s = pos
      while pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
      return pos - s
    }
    let intStart = pos
    let intDigits = digits()
    if intDigits == 0 { throw error("invalid number") }
    if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") { throw error("leading zeros are not allowed", at: intStart) }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
      pos += 1
      if digits() == 0 { throw error("expected digits after '.'") }
    }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
      pos += 1
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
      if digits() == 0 { throw error("expected digits in exponent") }
    }
    let text = String(decoding: bytes[start..<pos], as: UTF8.self)
    guard let value = Double(text) else { throw error("invalid number", at: start) }
    return .number(value)
  }

  private mutating func parseString() throws -> String {
    pos += 1
    let start = pos
    // Fast path: no escapes.
    while pos < bytes.count {
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        let s = try decodeUTF8(start, pos)
        pos += 1
        return s
      }
      if b == UInt8(ascii: "\\") || b < 0x20 { break }
      pos += 1
    }
    var out = [UInt8](bytes[start..<pos])
    while true {
      guard pos < bytes.count else { throw error("unterminated string", at: start - 1) }
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        pos += 1
        break
      }
      if b < 0x20 { throw error("control character in string; escape it as \\u00XX") }
      if b != UInt8(ascii: "\\") {
        out.append(b)
        pos += 1
        continue
      }
      pos += 1
      guard pos < bytes.count else { throw error("unterminated string", at: start - 1) }
      let e = bytes[pos]
      pos += 1
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if scalar >= 0xD800, scalar < 0xDC00 {
          guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
            throw error("unpaired surrogate in \\u escape")
          }
          pos += 2
          let low = try hex4()
          guard low >= 0xDC00, low < 0xE000 else { throw error("unpaired surrogate in \\u escape") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if scalar >= 0xDC00, scalar < 0xE000 {
          throw error("unpaired surrogate in \\u escape")
        }
        out.append(contentsOf: Array(String(Character(UnicodeScalar(scalar)!)).utf8))
      default:
        throw error("invalid escape '\\\(Character(UnicodeScalar(e)))'", at: pos - 2)
      }
    }
    return try decodeUTF8(out)
  }

  private mutating func hex4() throws -> UInt32 {
    guard pos + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[pos]
      let d: UInt32
      switch b {
      case 0x30...0x39: d = UInt32(b - 0x30)
      case 0x41...0x46: d = UInt32(b - 0x41 + 10)
      case 0x61...0x66: d = UInt32(b - 0x61 + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      v = v << 4 | d
      pos += 1
    }
    return v
  }

  private func decodeUTF8(_ from: Int, _ to: Int) throws -> String {
    var ascii = true
    for i in from..<to where bytes[i] >= 0x80 {
      ascii = false
      break
    }
    if ascii { return String(decoding: bytes[from..<to], as: UTF8.self) }
    guard let s = String(validating: bytes[from..<to], as: UTF8.self) else {
      throw error("invalid UTF-8 in string", at: from)
    }
    return s
  }

  private func decodeUTF8(_ raw: [UInt8]) throws -> String {
    guard let s = String(validating: raw, as: UTF8.self) else { throw error("invalid UTF-8 in string") }
    return s
  }
}
