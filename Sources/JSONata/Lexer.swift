/// A token of the expression language.
struct Token {
  var type: NodeType
  var value: String
  var literal: Value = .null
  var regex: RegexLiteral?
  /// The offset just after the token, as jsonata-js reports token positions.
  var position: Int
}

/// Splits an expression into tokens, working on UTF-16 code units so offsets match jsonata-js's.
struct Lexer {
  private let source: [UInt16]
  private var position = 0

  init(_ text: String) { source = Array(text.utf16) }

  /// The length of the expression in UTF-16 code units.
  var length: Int { source.count }

  private static let operatorChars: Set<UInt16> = Set(".[]{}(),@#;:?+-*/%|=<>^&!~".utf16)
  private static let doubleOperators: [String] = ["..", ":=", "!=", ">=", "<=", "**", "~>"]

  private func char(_ i: Int) -> UInt16 { i < source.count ? source[i] : 0 }
  private func text(_ from: Int, _ to: Int) -> String { String(decoding: source[from..<to], as: UTF16.self) }
  private static func isSpace(_ c: UInt16) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 11 }

  /// The next token, or nil at the end. `prefix` is true where an operand cannot start (so `/` is division).
  mutating func next(prefix: Bool) throws -> Token? {
    while position < source.count && Lexer.isSpace(source[position]) { position += 1 }
    if position >= source.count { return nil }
    var c = source[position]
    // comments
    if c == 0x2F && char(position + 1) == 0x2A {
      let start = position
      position += 2
      while !(char(position) == 0x2A && char(position + 1) == 0x2F) {
        position += 1
        if position >= source.count { throw JSONataError(code: "S0106", position: start) }
      }
      position += 2
      return try next(prefix: prefix)
    }
    if !prefix && c == 0x2F {
      position += 1
      return try scanRegex()
    }
    if c == 0x2E && char(position + 1) == 0x2E { return op("..", 2) }
    if c == 0x3A && char(position + 1) == 0x3D { return op(":=", 2) }
    if c == 0x21 && char(position + 1) == 0x3D { return op("!=", 2) }
    if c == 0x3E && char(position + 1) == 0x3D { return op(">=", 2) }
    if c == 0x3C && char(position + 1) == 0x3D { return op("<=", 2) }
    if c == 0x2A && char(position + 1) == 0x2A { return op("**", 2) }
    if c == 0x7E && char(position + 1) == 0x3E { return op("~>", 2) }
    if Lexer.operatorChars.contains(c) { return op(String(UnicodeScalar(UInt8(c))), 1) }
    if c == 0x22 || c == 0x27 { return try scanString(quote: c) }
    if let number = try scanNumber() { return number }
    if c == 0x60 {
      position += 1
      let start = position
      while position < source.count && source[position] != 0x60 { position += 1 }
      if position >= source.count { throw JSONataError(code: "S0105", position: position) }
      let name = text(start, position)
      position += 1
      return Token(type: .name, value: name, position: position)
    }
    var i = position
    while true {
      c = char(i)
      if i >= source.count || Lexer.isSpace(c) || Lexer.operatorChars.contains(c) {
        if source[position] == 0x24 {
          let name = text(position + 1, i)
          position = i
          return Token(type: .variable, value: name, position: position)
        }
        let name = text(position, i)
        position = i
        switch name {
        case "or", "in", "and": return Token(type: .op, value: name, position: position)
        case "true": return Token(type: .value, value: name, literal: .bool(true), position: position)
        case "false": return Token(type: .value, value: name, literal: .bool(false), position: position)
        case "null": return Token(type: .value, value: name, literal: .null, position: position)
        default:
          if position == source.count && name.isEmpty { return nil }
          return Token(type: .name, value: name, position: position)
        }
      }
      i += 1
    }
  }

  private mutating func op(_ value: String, _ width: Int) -> Token {
    position += width
    return Token(type: .op, value: value, position: position)
  }

  private mutating func scanString(quote: UInt16) throws -> Token {
    position += 1
    var units: [UInt16] = []
    while position < source.count {
      var c = source[position]
      if c == 0x5C {
        position += 1
        c = char(position)
        switch c {
        case 0x22, 0x5C, 0x2F: units.append(c)
        case 0x62: units.append(8)
        case 0x66: units.append(12)
        case 0x6E: units.append(10)
        case 0x72: units.append(13)
        case 0x74: units.append(9)
        case 0x75:
          let hex = position + 1 + 4 <= source.count ? text(position + 1, position + 5) : ""
          guard hex.utf8.count == 4, hex.allSatisfy(\.isHexDigit), let code = UInt16(hex, radix: 16) else {
            throw JSONataError(code: "S0104", position: position)
          }
          units.append(code)
          position += 4
        default:
          throw JSONataError(code: "S0103", position: position, token: text(position, min(position + 1, length)))
        }
      } else if c == quote {
        position += 1
        let s = String(decoding: units, as: UTF16.self)
        return Token(type: .string, value: s, literal: .string(s), position: position)
      } else {
        units.append(c)
      }
      position += 1
    }
    throw JSONataError(code: "S0101", position: position)
  }

  /// jsonata-js's number pattern: `(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?`.
  private mutating func scanNumber() throws -> Token? {
    func isDigit(_ c: UInt16) -> Bool { c >= 0x30 && c <= 0x39 }
    var i = position
    guard isDigit(char(i)) else { return nil }
    if char(i) == 0x30 {
      i += 1
    } else {
      while isDigit(char(i)) { i += 1 }
    }
    if char(i) == 0x2E && isDigit(char(i + 1)) {
      i += 1
      while isDigit(char(i)) { i += 1 }
    }
    if char(i) == 0x65 || char(i) == 0x45 {
      var j = i + 1
      if char(j) == 0x2B || char(j) == 0x2D { j += 1 }
      if isDigit(char(j)) {
        while isDigit(char(j)) { j += 1 }
        i = j
      }
    }
    let textValue = text(position, i)
    guard let number = Double(textValue), number.isFinite else {
      throw JSONataError(code: "S0102", position: position, token: textValue)
    }
    position = i
    return Token(type: .number, value: textValue, literal: .number(number), position: position)
  }

  private mutating func scanRegex() throws -> Token {
    var start = position
    var depth = 0
    func isClosingSlash(_ p: Int) -> Bool {
      guard char(p) == 0x2F && depth == 0 else { return false }
      var backslashes = 0
      while p - (backslashes + 1) >= 0 && char(p - (backslashes + 1)) == 0x5C { backslashes += 1 }
      return backslashes % 2 == 0
    }
    while position < source.count {
      let c = source[position]
      if isClosingSlash(position) {
        let pattern = text(start, position)
        if pattern.isEmpty { throw JSONataError(code: "S0301", position: position) }
        position += 1
        start = position
        while char(position) == 0x69 || char(position) == 0x6D { position += 1 }
        let flags = text(start, position)
        let literal = try RegexLiteral(pattern: pattern, flags: flags, position: position)
        return Token(type: .regex, value: pattern, regex: literal, position: position)
      }
      let previous = position > 0 ? source[position - 1] : 0
      if (c == 0x28 || c == 0x5B || c == 0x7B) && previous != 0x5C { depth += 1 }
      if (c == 0x29 || c == 0x5D || c == 0x7D) && previous != 0x5C { depth -= 1 }
      position += 1
    }
    throw JSONataError(code: "S0302", position: position)
  }
}
