/// A JSON syntax error in an ASL definition, with the 1-based position where reading stopped.
public struct ASLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// 1-based line.
  public var line: Int
  /// 1-based column, in characters.
  public var column: Int
  /// `line:column: message`.
  public var description: String { "\(line):\(column): \(message)" }
}

/// A key that appears twice in the same object.
public struct ASLDuplicateKey: Sendable {
  /// The repeated key.
  public let key: String
  /// The first occurrence.
  public let first: ASLMember
  /// The later occurrence.
  public let duplicate: ASLMember
}

/// The located tree of a definition and the duplicate keys met while reading it.
public struct ASLDocument: Sendable {
  /// The top-level value.
  public let root: ASLNode
  /// Every repeated key, in document order.
  public let duplicateKeys: [ASLDuplicateKey]
}

/// Strict RFC 8259 JSON reader that records each value's and key's position and JSON path.
public struct ASLReader {
  private var scanner: JSONScanner
  private var duplicates: [ASLDuplicateKey] = []

  /// Reads a whole definition; throws `ASLSyntaxError` for malformed JSON.
  public static func read(_ text: String) throws -> ASLDocument {
    var reader = ASLReader(scanner: JSONScanner(bytes: Array(text.utf8)))
    do {
      reader.scanner.skipWhitespace()
      let root = try reader.readValue(path: "$")
      reader.scanner.skipWhitespace()
      if reader.scanner.current != nil { throw reader.scanner.error("unexpected text after the JSON value") }
      return ASLDocument(root: root, duplicateKeys: reader.duplicates)
    } catch let e as JSONParseError {
      throw ASLSyntaxError(message: e.message, line: e.line, column: e.column)
    }
  }

  private mutating func readValue(path: String) throws -> ASLNode {
    let line = scanner.line
    let column = scanner.column(at: scanner.pos)
    let kind: ASLNode.Kind
    switch scanner.current ?? 0 {  // 0 (end of input) falls to the error
    case UInt8(ascii: "{"): kind = try readObject(path: path)
    case UInt8(ascii: "["): kind = try readArray(path: path)
    case UInt8(ascii: "\""): kind = .string(try scanner.string())
    case UInt8(ascii: "t"):
      try scanner.literal("true")
      kind = .bool(true)
    case UInt8(ascii: "f"):
      try scanner.literal("false")
      kind = .bool(false)
    case UInt8(ascii: "n"):
      try scanner.literal("null")
      kind = .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      let n = try scanner.number()
      kind = .number(n.value, literal: n.literal)
    default: throw scanner.unexpectedValue()
    }
    return ASLNode(kind: kind, line: line, column: column, path: path)
  }

  private mutating func readObject(path: String) throws -> ASLNode.Kind {
    try scanner.enter()
    defer { scanner.leave() }
    scanner.pos += 1
    var members: [ASLMember] = []
    var seen: [String: Int] = [:]
    scanner.skipWhitespace()
    if scanner.at("}") {
      scanner.pos += 1
      return .object(members)
    }
    repeat {
      scanner.skipWhitespace()
      guard scanner.at("\"") else {
        throw scanner.error(scanner.current != nil ? "expected a string key" : "unexpected end of input in object")
      }
      let keyLine = scanner.line
      let keyColumn = scanner.column(at: scanner.pos)
      let key = try scanner.string()
      scanner.skipWhitespace()
      guard scanner.at(":") else { throw scanner.error("expected ':' after key") }
      scanner.pos += 1
      scanner.skipWhitespace()
      let value = try readValue(path: ASLNode.childPath(path, key: key))
      let member = ASLMember(key: key, line: keyLine, column: keyColumn, value: value)
      if let first = seen[key] {
        duplicates.append(ASLDuplicateKey(key: key, first: members[first], duplicate: member))
      } else {
        seen[key] = members.count
      }
      members.append(member)
    } while try scanner.separator(close: "}", in: "object")
    return .object(members)
  }

  private mutating func readArray(path: String) throws -> ASLNode.Kind {
    try scanner.enter()
    defer { scanner.leave() }
    scanner.pos += 1
    var items: [ASLNode] = []
    scanner.skipWhitespace()
    if scanner.at("]") {
      scanner.pos += 1
      return .array(items)
    }
    repeat {
      scanner.skipWhitespace()
      items.append(try readValue(path: path + "[\(items.count)]"))
    } while try scanner.separator(close: "]", in: "array")
    return .array(items)
  }
}
