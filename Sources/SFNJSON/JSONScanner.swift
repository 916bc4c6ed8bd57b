/// Token-level reading of JSON text (white space, literals, numbers, strings, positions), shared by `JSONParser`
/// and the ASL reader, which build different trees from the same tokens.
public struct JSONScanner {
  public let bytes: [UInt8]
  public var pos = 0
  /// The 1-based line of `pos`, kept up to date by `skipWhitespace` (the only place a newline can be outside a string).
  public private(set) var line = 1
  private var lineStart = 0
  private var depth = 0
  // Column cache: positions are asked for in increasing order, so counting resumes where it stopped.
  private var cacheOffset = 0
  private var cacheColumn = 1
  public static let maxDepth = 512

  public init(bytes: [UInt8]) { self.bytes = bytes }

  /// The current byte, or nil at the end.
  public var current: UInt8? { pos < bytes.count ? bytes[pos] : nil }

  /// True when `pos` is at byte `b`.
  public func at(_ b: Unicode.Scalar) -> Bool { pos < bytes.count && bytes[pos] == UInt8(ascii: b) }

  /// The 1-based character column of `offset`, which must be on the current line.
  public mutating func column(at offset: Int) -> Int {
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

  /// An error at `offset` (default: the current position) with its line and column.
  public func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
    let end = min(offset ?? pos, bytes.count)
    var l = 1
    var start = 0
    for i in 0..<end where bytes[i] == 0x0A {
      l += 1
      start = i + 1
    }
    let column = bytes[start..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    return JSONParseError(message: message, line: l, column: column)
  }

  public mutating func skipWhitespace() {
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

  /// The error for a byte that cannot start a value.
  public func unexpectedValue() -> JSONParseError {
    guard pos < bytes.count else { return error("unexpected end of input, expected a value") }
    let b = bytes[pos]
    let shown: String
    if b >= 0x20 && b < 0x7F {
      shown = "'\(Character(UnicodeScalar(b)))'"
    } else {
      let hex = String(b, radix: 16, uppercase: true)
      shown = "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
    }
    return error("unexpected character \(shown), expected a value")
  }

  /// Consumes `true`, `false` or `null`.
  public mutating func literal(_ word: String) throws {
    for (i, w) in word.utf8.enumerated() where pos + i >= bytes.count || bytes[pos + i] != w {
      throw error("invalid literal, expected '\(word)'")
    }
    pos += word.utf8.count
  }

  /// Enters an object or array, refusing nesting deeper than `maxDepth`; pair with `leave()`.
  public mutating func enter() throws {
    depth += 1
    if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
  }

  public mutating func leave() { depth -= 1 }

  /// After a member or element: true for `,` (more follow), false for `close` (done); consumes either.
  public mutating func separator(close: Unicode.Scalar, in container: String) throws -> Bool {
    skipWhitespace()
    guard pos < bytes.count else { throw error("unexpected end of input in \(container)") }
    if at(",") {
      pos += 1
      return true
    }
    if at(close) {
      pos += 1
      return false
    }
    throw error("expected ',' or '\(close)' in \(container)")
  }

  /// Reads a number; returns its value and its text as written.
  public mutating func number() throws -> (value: Double, literal: String) {
    let start = pos
    let token = try numberToken()
    guard let value = Double(token.literal) else { throw error("invalid number", at: start) }
    return (value, token.literal)
  }

  /// Reads a number's text; `isFloat` when it has a fraction or an exponent.
  public mutating func numberToken() throws -> (literal: String, isFloat: Bool) {
    let start = pos
    var isFloat = false
    if at("-") { pos += 1 }
    func digits() -> Int {
      let s = pos
      while pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
      return pos - s
    }
    let intStart = pos
    let intDigits = digits()
    if intDigits == 0 { throw error("invalid number") }
    if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") { throw error("leading zeros are not allowed", at: intStart) }
    if at(".") {
      pos += 1
      isFloat = true
      if digits() == 0 { throw error("expected digits after '.'") }
    }
    if at("e") || at("E") {
      pos += 1
      isFloat = true
      if at("+") || at("-") { pos += 1 }
      if digits() == 0 { throw error("expected digits in exponent") }
    }
    return (String(decoding: bytes[start..<pos], as: UTF8.self), isFloat)
  }

  /// Reads a string starting at its opening quote.
  public mutating func string() throws -> String {
    let open = pos
    pos += 1
    let start = pos
    // Fast path: no escapes.
    while pos < bytes.count {
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        let s = try decode(bytes[start..<pos], at: start)
        pos += 1
        return s
      }
      if b == UInt8(ascii: "\\") || b < 0x20 { break }
      pos += 1
    }
    var out = [UInt8](bytes[start..<pos])
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
    return try decode(out[...], at: open)
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

  private func decode(_ raw: ArraySlice<UInt8>, at offset: Int) throws -> String {
    if !raw.contains(where: { $0 >= 0x80 }) { return String(decoding: raw, as: UTF8.self) }
    guard let s = String(validating: raw, as: UTF8.self) else { throw error("invalid UTF-8 in string", at: offset) }
    return s
  }
}
