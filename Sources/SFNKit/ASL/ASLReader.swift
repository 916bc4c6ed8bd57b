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
  private let bytes: [UInt8]
  private var pos = 0
  private var depth = 0
  private var line = 1
  private var lineStart = 0
  // Column cache: positions are asked for in increasing order, so counting resumes where it stopped.
  private var cacheOffset = 0
  private var cacheColumn = 1
  private var duplicates: [ASLDuplicateKey] = []
  private static let maxDepth = 512

  /// Reads a whole definition; throws `ASLSyntaxError` for malformed JSON.
  public static func read(_ text: String) throws -> ASLDocument {
    var reader = ASLReader(bytes: Array(text.utf8))
    reader.skipWhitespace()
    let root = try reader.readValue(path: "$")
    reader.skipWhitespace()
    if reader.pos < reader.bytes.count { throw reader.error("unexpected text after the JSON value") }
    return ASLDocument(root: root, duplicateKeys: reader.duplicates)
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private mutating func column(at offset: Int) -> Int {
    if cacheOffset < lineStart || cacheOffset > offset {
      cacheOffset = lineStart
      cacheColumn = 1
    }
    // Columns count characters, not bytes: skip UTF-8 continuation bytes.
    while cacheOffset < offset {
      if bytes[cacheOffset] & 0xC0 != 0x80 { cacheColumn += 1 }
      cacheOffset += 1
    }
    return cacheColumn
  }

  private func error(_ message: String, at offset: Int? = nil) -> ASLSyntaxError {
    let end = min(offset ?? pos, bytes.count)
    var l = 1
    var start = 0
    for i in 0..<end where bytes[i] == 0x0A {
      l += 1
      start = i + 1
    }
    let col = bytes[start..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    return ASLSyntaxError(message: message, line: l, column: col)
  }

  private mutating func skipWhitespace() {
    while pos < bytes.count {
      switch bytes[pos] {
      case 0x0A:
        pos += 1
        line += 1
        lineStart = pos
      case 0x20, 0x0D, 0x09: pos += 1
      default: return
      }
    }
  }

  private mutating func readValue(path: String) throws -> ASLNode {
    guard pos < bytes.count else { throw error("unexpected end of input, expected a value") }
    let l = line
    let c = column(at: pos)
    let kind: ASLNode.Kind
    switch bytes[pos] {
    case UInt8(ascii: "{"): kind = try readObject(path: path)
    case UInt8(ascii: "["): kind = try readArray(path: path)
    case UInt8(ascii: "\""): kind = .string(try readString())
    case UInt8(ascii: "t"): kind = try literal("true", .bool(true))
    case UInt8(ascii: "f"): kind = try literal("false", .bool(false))
    case UInt8(ascii: "n"): kind = try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = try readNumber()
    default: throw error("unexpected character \(describe(bytes[pos])), expected a value")
    }
    return ASLNode(kind: kind, line: l, column: c, path: path)
  }

  private func describe(_ b: UInt8) -> String {
    if b >= 0x20 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
    let hex = String(b, radix: 16, uppercase: true)
    return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
  }

  private mutating func literal(_ word: String, _ value: ASLNode.Kind) throws -> ASLNode.Kind {
    for (i, w) in word.utf8.enumerated() where pos + i >= bytes.count || bytes[pos + i] != w {
      throw error("invalid literal, expected '\(word)'")
    }
    pos += word.utf8.count
    return value
  }

  private mutating func enter() throws {
    depth += 1
    if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
  }

  private mutating func readObject(path: String) throws -> ASLNode.Kind {
    try enter()
    defer { depth -= 1 }
    pos += 1
    var members: [ASLMember] = []
    var seen: [String: Int] = [:]
    skipWhitespace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
      pos += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
        throw error(pos < bytes.count ? "expected a string key" : "unexpected end of input in object")
      }
      let keyLine = line
      let keyColumn = column(at: pos)
      let key = try readString()
      skipWhitespace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
      pos += 1
      skipWhitespace()
      let value = try readValue(path: ASLNode.childPath(path, key: key))
      let member = ASLMember(key: key, line: keyLine, column: keyColumn, value: value)
      if let first = seen[key] {
        duplicates.append(ASLDuplicateKey(key: key, first: members[first], duplicate: member))
      } else {
        seen[key] = members.count
      }
      members.append(member)
      skipWhitespace()
      guard pos < bytes.count else { throw error("unexpected end of input in object") }
      if bytes[pos] == UInt8(ascii: ",") {
        pos += 1
        continue
      }
      if bytes[pos] == UInt8(ascii: "}") {
        pos += 1
        return .object(members)
      }
      throw error("expected ',' or '}' in object")
    }
  }

  private mutating func readArray(path: String) throws -> ASLNode.Kind {
    try enter()
    defer { depth -= 1 }
    pos += 1
    var items: [ASLNode] = []
    skipWhitespace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
      pos += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try readValue(path: path + "[\(items.count)]"))
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

  private mutating func readNumber() throws -> ASLNode.Kind {
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
    if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") {
      throw error("leading zeros are not allowed", at: intStart)
    }
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
    return .number(value, literal: text)
  }

  private mutating func readString() throws -> String {
    let open = pos
    pos += 1
    var out: [UInt8] = []
    while true {
      guard pos < bytes.count else { throw error("unterminated string", at: open) }
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
      guard pos < bytes.count else { throw error("unterminated string", at: open) }
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
      case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
      default: throw error("invalid escape '\\\(Character(UnicodeScalar(e)))'", at: pos - 2)
      }
    }
    guard let s = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in string", at: open) }
    return s
  }

  private mutating func unicodeEscape() throws -> [UInt8] {
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
    return Array(String(Character(UnicodeScalar(scalar)!)).utf8)
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
}
