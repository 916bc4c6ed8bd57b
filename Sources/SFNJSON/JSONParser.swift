/// A malformed JSON document, with the 1-based line and column where reading stopped.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
  public var message: String
  public var line: Int
  public var column: Int
  public var description: String { "line \(line), column \(column): \(message)" }
}

/// Strict RFC 8259 JSON reader over UTF-8 bytes.
public struct JSONParser {
  private var scanner: JSONScanner

  /// Parses a whole document; anything but white space after the value is an error.
  public static func parse(_ text: String) throws -> JSON {
    try parse(bytes: Array(text.utf8))
  }

  /// Parses a whole document from raw bytes, rejecting invalid UTF-8.
  public static func parse(bytes: [UInt8]) throws -> JSON {
    var p = JSONParser(scanner: JSONScanner(bytes: bytes))
    p.scanner.skipWhitespace()
    let value = try p.parseValue()
    p.scanner.skipWhitespace()
    if p.scanner.current != nil { throw p.scanner.error("unexpected text after the JSON value") }
    return value
  }

  private mutating func parseValue() throws -> JSON {
    switch scanner.current ?? 0 {  // 0 (end of input) falls to the error
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try scanner.string())
    case UInt8(ascii: "t"):
      try scanner.literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try scanner.literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try scanner.literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      let start = scanner.pos
      let token = try scanner.numberToken()
      guard let n = JSONNumber(token: token.literal, isFloat: token.isFloat) else {
        throw scanner.error("invalid number", at: start)
      }
      return .number(n)
    default: throw scanner.unexpectedValue()
    }
  }

  private mutating func parseObject() throws -> JSON {
    try scanner.enter()
    defer { scanner.leave() }
    scanner.pos += 1
    var object = JSONObject()
    scanner.skipWhitespace()
    if scanner.at("}") {
      scanner.pos += 1
      return .object(object)
    }
    repeat {
      scanner.skipWhitespace()
      guard scanner.at("\"") else {
        throw scanner.error(scanner.current != nil ? "expected a string key" : "unexpected end of input in object")
      }
      let key = try scanner.string()
      scanner.skipWhitespace()
      guard scanner.at(":") else { throw scanner.error("expected ':' after key") }
      scanner.pos += 1
      scanner.skipWhitespace()
      object[key] = try parseValue()
    } while try scanner.separator(close: "}", in: "object")
    return .object(object)
  }

  private mutating func parseArray() throws -> JSON {
    try scanner.enter()
    defer { scanner.leave() }
    scanner.pos += 1
    var items: [JSON] = []
    scanner.skipWhitespace()
    if scanner.at("]") {
      scanner.pos += 1
      return .array(items)
    }
    repeat {
      scanner.skipWhitespace()
      items.append(try parseValue())
    } while try scanner.separator(close: "]", in: "array")
    return .array(items)
  }
}
