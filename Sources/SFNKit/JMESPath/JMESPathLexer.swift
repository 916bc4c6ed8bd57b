/// The kinds of token in a JMESPath expression.
enum JMESPathTokenType: Sendable, Equatable {
  case eof, unquotedIdentifier, quotedIdentifier, literal, number
  case dot, star, lbracket, rbracket, flatten, filter, lbrace, rbrace, lparen, rparen
  case comma, colon, current, expref, pipe, or, and, not
  case eq, ne, lt, lte, gt, gte

  /// Pratt binding power; at or below `projectionStop` a token ends a projection. Same table as jmespath.py.
  var bindingPower: Int {
    switch self {
    case .pipe: return 1
    case .or: return 2
    case .and: return 3
    case .eq, .ne, .lt, .lte, .gt, .gte: return 5
    case .flatten: return 9
    case .star: return 20
    case .filter: return 21
    case .dot: return 40
    case .not: return 45
    case .lbrace: return 50
    case .lbracket: return 55
    case .lparen: return 60
    default: return 0
    }
  }

  static let projectionStop = 10

  /// How the token reads in an error message.
  var display: String {
    switch self {
    case .eof: return "end of expression"
    case .unquotedIdentifier, .quotedIdentifier: return "identifier"
    case .literal: return "literal"
    case .number: return "number"
    case .dot: return "'.'"
    case .star: return "'*'"
    case .lbracket: return "'['"
    case .rbracket: return "']'"
    case .flatten: return "'[]'"
    case .filter: return "'[?'"
    case .lbrace: return "'{'"
    case .rbrace: return "'}'"
    case .lparen: return "'('"
    case .rparen: return "')'"
    case .comma: return "','"
    case .colon: return "':'"
    case .current: return "'@'"
    case .expref: return "'&'"
    case .pipe: return "'|'"
    case .or: return "'||'"
    case .and: return "'&&'"
    case .not: return "'!'"
    case .eq: return "'=='"
    case .ne: return "'!='"
    case .lt: return "'<'"
    case .lte: return "'<='"
    case .gt: return "'>'"
    case .gte: return "'>='"
    }
  }
}

/// One token with its payload and 0-based character position.
struct JMESPathToken: Sendable {
  var type: JMESPathTokenType
  var start: Int
  var text: String = ""
  var number: Int = 0
  var literal: JSON = .null

  /// How the token reads in an error message: its source text where that helps.
  var display: String {
    switch type {
    case .unquotedIdentifier, .number: return "'\(text)'"
    case .quotedIdentifier: return "identifier \"\(text)\""
    default: return type.display
    }
  }
}

/// Splits a JMESPath expression into tokens, following jmespath.py (the AWS CLI's implementation).
struct JMESPathLexer {
  private let chars: [Unicode.Scalar]
  private var pos = 0

  /// Tokens of `expression`, ending with `.eof`.
  static func tokenize(_ expression: String) throws -> [JMESPathToken] {
    var lexer = JMESPathLexer(chars: Array(expression.unicodeScalars))
    if lexer.chars.isEmpty { throw JMESPathError.syntax("empty expression", at: 0) }
    return try lexer.run()
  }

  private init(chars: [Unicode.Scalar]) { self.chars = chars }

  private var current: Unicode.Scalar? { pos < chars.count ? chars[pos] : nil }

  private func peek(_ offset: Int = 1) -> Unicode.Scalar? {
    pos + offset < chars.count ? chars[pos + offset] : nil
  }

  private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

  private mutating func run() throws -> [JMESPathToken] {
    var tokens: [JMESPathToken] = []
    while let c = current {
      let start = pos
      func simple(_ type: JMESPathTokenType) -> JMESPathToken {
        JMESPathToken(type: type, start: start)
      }
      switch c {
      case " ", "\t", "\n", "\r":
        pos += 1
        continue
      case ".": tokens.append(simple(.dot)); pos += 1
      case "*": tokens.append(simple(.star)); pos += 1
      case "]": tokens.append(simple(.rbracket)); pos += 1
      case ",": tokens.append(simple(.comma)); pos += 1
      case ":": tokens.append(simple(.colon)); pos += 1
      case "@": tokens.append(simple(.current)); pos += 1
      case "(": tokens.append(simple(.lparen)); pos += 1
      case ")": tokens.append(simple(.rparen)); pos += 1
      case "{": tokens.append(simple(.lbrace)); pos += 1
      case "}": tokens.append(simple(.rbrace)); pos += 1
      case "[":
        // `[]` and `[?` are single tokens only when written without white space inside.
        switch peek() {
        case "]": tokens.append(simple(.flatten)); pos += 2
        case "?": tokens.append(simple(.filter)); pos += 2
        default: tokens.append(simple(.lbracket)); pos += 1
        }
      case "|": tokens.append(twoChar("|", .or, else: .pipe))
      case "&": tokens.append(twoChar("&", .and, else: .expref))
      case "<": tokens.append(twoChar("=", .lte, else: .lt))
      case ">": tokens.append(twoChar("=", .gte, else: .gt))
      case "!": tokens.append(twoChar("=", .ne, else: .not))
      case "=":
        guard peek() == "=" else { throw JMESPathError.syntax("unexpected '=' (did you mean '=='?)", at: start) }
        tokens.append(simple(.eq))
        pos += 2
      case "'":
        let raw = try consumeUntil("'", what: "raw string literal", name: "quote")
        tokens.append(JMESPathToken(type: .literal, start: start, literal: .string(Self.unescapeQuote(raw))))
      case "`":
        tokens.append(try jsonLiteral())
      case "\"":
        tokens.append(try quotedIdentifier())
      case "-", "0"..."9":
        pos += 1
        while let d = current, Self.isDigit(d) { pos += 1 }
        let text = String(String.UnicodeScalarView(chars[start..<pos]))
        if text == "-" { throw JMESPathError.syntax("expected a digit after '-'", at: start) }
        // Out-of-range indices behave like any index past the end.
        let number = Int(text) ?? (c == "-" ? Int.min : Int.max)
        tokens.append(JMESPathToken(type: .number, start: start, text: text, number: number))
      default:
        guard Self.isIdentifierStart(c) else {
          throw JMESPathError.syntax("unexpected character '\(c.escaped(asASCII: false))'", at: start)
        }
        pos += 1
        while let d = current, Self.isIdentifierStart(d) || Self.isDigit(d) { pos += 1 }
        let text = String(String.UnicodeScalarView(chars[start..<pos]))
        tokens.append(JMESPathToken(type: .unquotedIdentifier, start: start, text: text))
      }
    }
    tokens.append(JMESPathToken(type: .eof, start: chars.count))
    return tokens
  }

  private mutating func twoChar(_ second: Unicode.Scalar, _ matched: JMESPathTokenType,
                                else single: JMESPathTokenType) -> JMESPathToken {
    let start = pos
    if peek() == second {
      pos += 2
      return JMESPathToken(type: matched, start: start)
    }
    pos += 1
    return JMESPathToken(type: single, start: start)
  }

  /// Reads up to the closing `delimiter`, keeping backslashes and the character after each one verbatim.
  private mutating func consumeUntil(_ delimiter: Unicode.Scalar, what: String, name: String) throws -> String {
    let start = pos
    var out = String.UnicodeScalarView()
    pos += 1
    while current != delimiter {
      if current == "\\" {
        out.append("\\")
        pos += 1
      }
      guard let c = current else {
        throw JMESPathError.syntax("unterminated \(what) (no closing \(name))", at: start)
      }
      out.append(c)
      pos += 1
    }
    pos += 1
    return String(out)
  }

  /// Replaces `\'` (or `` \` ``) with the bare quote; other backslashes stay as written.
  private static func unescapeQuote(_ s: String, quote: Unicode.Scalar = "'") -> String {
    let scalars = Array(s.unicodeScalars)
    guard scalars.contains("\\") else { return s }
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      if scalars[i] == "\\", i + 1 < scalars.count, scalars[i + 1] == quote {
        out.append(quote)
        i += 2
      } else {
        out.append(scalars[i])
        i += 1
      }
    }
    return String(out)
  }

  private mutating func jsonLiteral() throws -> JMESPathToken {
    let start = pos
    let body = Self.unescapeQuote(try consumeUntil("`", what: "JSON literal", name: "backtick"), quote: "`")
    if let value = try? JSONParser.parse(body) {
      return JMESPathToken(type: .literal, start: start, literal: value)
    }
    // Like jmespath.py, accept the deprecated form where unquoted text is a string (`foo` means "foo").
    let trimmed = String(body.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
    if let value = try? JSONParser.parse("\"" + trimmed + "\"") {
      return JMESPathToken(type: .literal, start: start, literal: value)
    }
    throw JMESPathError.syntax("invalid JSON literal", at: start)
  }

  private mutating func quotedIdentifier() throws -> JMESPathToken {
    let start = pos
    let body = try consumeUntil("\"", what: "quoted identifier", name: "double quote")
    guard case .string(let name)? = try? JSONParser.parse("\"" + body + "\"") else {
      throw JMESPathError.syntax("invalid quoted identifier", at: start)
    }
    return JMESPathToken(type: .quotedIdentifier, start: start, text: name)
  }
}
