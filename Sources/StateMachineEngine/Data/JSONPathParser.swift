import SFNKit

/// Reads the text of a JSONPath into its root and steps (the syntax `SFNKit.ASLPath` checks, plus filters).
struct JSONPathParser {
  private let s: [Unicode.Scalar]
  private var i = 0
  private let text: String

  init(_ text: String) {
    self.text = text
    s = Array(text.unicodeScalars)
  }

  /// The root and steps of a whole path.
  mutating func parsePath() throws -> (JSONPathQuery.Root, [JSONPathStep]) {
    guard i < s.count, s[i] == "$" else { throw syntax("a path must start with '$'") }
    i += 1
    var root = JSONPathQuery.Root.input
    if i < s.count, s[i] == "$" {
      root = .context
      i += 1
    } else if i < s.count, Self.isIdentifierStart(s[i]) {
      let start = i
      while i < s.count, Self.isIdentifierPart(s[i]) { i += 1 }
      root = .variable(String(String.UnicodeScalarView(s[start..<i])))
    }
    let steps = try parseSteps(stopAt: { _ in false })
    guard i == s.count else { throw syntax("unexpected '\(s[i])'") }
    return (root, steps)
  }

  /// Steps until the end or until `stop` accepts the next character at bracket depth zero (used inside filters).
  mutating func parseSteps(stopAt stop: (Unicode.Scalar) -> Bool) throws -> [JSONPathStep] {
    var steps: [JSONPathStep] = []
    while i < s.count, !stop(s[i]) {
      if s[i] == "." {
        i += 1
        if i < s.count, s[i] == "." {
          i += 1
          steps.append(.scan(try parseStepAfterDot(stopAt: stop)))
        } else {
          steps.append(try parseStepAfterDot(stopAt: stop))
        }
      } else if s[i] == "[" {
        steps.append(try parseBracket())
      } else {
        break
      }
    }
    return steps
  }

  /// The position reached, for a caller that parses an embedded path.
  var position: Int { i }

  /// Starts reading at `position` (for a filter's embedded path).
  mutating func seek(_ position: Int) { i = position }

  private mutating func parseStepAfterDot(stopAt stop: (Unicode.Scalar) -> Bool) throws -> JSONPathStep {
    guard i < s.count else { throw syntax("expected a field name after '.'") }
    if s[i] == "*" {
      i += 1
      return .wildcard
    }
    if s[i] == "[" { return try parseBracket() }
    let start = i
    while i < s.count, s[i] != ".", s[i] != "[", !stop(s[i]) { i += 1 }
    guard i > start else { throw syntax("expected a field name after '.'") }
    return .property([String(String.UnicodeScalarView(s[start..<i]))])
  }

  private mutating func parseBracket() throws -> JSONPathStep {
    let open = i
    i += 1
    skipSpaces()
    guard i < s.count else { throw syntax("unclosed '['") }
    if s[i] == "?" {
      i += 1
      skipSpaces()
      guard i < s.count, s[i] == "(" else { throw syntax("expected '(' after '[?'") }
      let close = try matching(from: i)
      let inner = String(String.UnicodeScalarView(s[(i + 1)..<close]))
      let filter = try JSONPathFilter.parse(inner, path: text)
      i = close + 1
      skipSpaces()
      try expect("]")
      return .filter(filter)
    }
    if s[i] == "*" {
      i += 1
      skipSpaces()
      try expect("]")
      return .wildcard
    }
    if s[i] == "'" || s[i] == "\"" {
      var names: [String] = []
      while true {
        skipSpaces()
        names.append(try parseQuoted())
        skipSpaces()
        guard i < s.count else { throw syntax("unclosed '['") }
        if s[i] == "," {
          i += 1
          continue
        }
        try expect("]")
        return .property(names)
      }
    }
    guard let close = s[open...].firstIndex(of: "]") else { throw syntax("unclosed '['") }
    let inner = String(String.UnicodeScalarView(s[(open + 1)..<close])).filter { $0 != " " }
    i = close + 1
    if inner.contains(":") {
      let parts = inner.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2 || parts.count == 3 else { throw syntax("invalid slice '[\(inner)]'") }
      let bounds = try parts.prefix(2).map { part -> Int? in
        if part.isEmpty { return nil }
        guard let n = Int(part) else { throw syntax("invalid slice '[\(inner)]'") }
        return n
      }
      return .slice(start: bounds[0], end: bounds[1])
    }
    let indexes = try inner.split(separator: ",", omittingEmptySubsequences: false).map { part -> Int in
      guard let n = Int(part) else { throw syntax("invalid subscript '[\(inner)]'") }
      return n
    }
    return .index(indexes)
  }

  private mutating func parseQuoted() throws -> String {
    guard i < s.count, s[i] == "'" || s[i] == "\"" else { throw syntax("expected a quoted name") }
    let quote = s[i]
    i += 1
    var out = String.UnicodeScalarView()
    while i < s.count {
      let c = s[i]
      if c == "\\", i + 1 < s.count {
        // A backslash only keeps the next character from closing the name; AWS keeps both (a recorded case
        // reads the key `Test\""Name"` with `$['Test\""Name"']`).
        out.append(c)
        out.append(s[i + 1])
        i += 2
        continue
      }
      i += 1
      if c == quote { return String(out) }
      out.append(c)
    }
    throw syntax("unterminated quoted name")
  }

  /// The index of the parenthesis closing the one at `open`, skipping quoted text.
  private func matching(from open: Int) throws -> Int {
    var depth = 0
    var quote: Unicode.Scalar?
    var j = open
    while j < s.count {
      let c = s[j]
      if let q = quote {
        if c == "\\" { j += 1 } else if c == q { quote = nil }
      } else if c == "'" || c == "\"" {
        quote = c
      } else if c == "(" {
        depth += 1
      } else if c == ")" {
        depth -= 1
        if depth == 0 { return j }
      }
      j += 1
    }
    throw syntax("unclosed filter expression")
  }

  private mutating func skipSpaces() {
    while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
  }

  private mutating func expect(_ c: Unicode.Scalar) throws {
    guard i < s.count, s[i] == c else { throw syntax("expected '\(c)'") }
    i += 1
  }

  private func syntax(_ why: String) -> JSONPathError {
    JSONPathError(.syntax, "Invalid path '\(text)': \(why)")
  }

  static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c.value > 0x7F && c.properties.isAlphabetic)
  }

  static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
    isIdentifierStart(c) || (c >= "0" && c <= "9")
  }
}
