import SFNKit

/// A filter `[?(...)]` of a JSONPath, with Jayway's operators: `==`, `!=`, `<`, `<=`, `>`, `>=`, `=~` (a
/// `/regex/` that must match the whole string), `in`, `nin`, `subsetof`, `anyof`, `noneof`, `size`, `empty`,
/// `contains`, existence (`@.x`), `!`, `&&`, `||` and parentheses.
indirect enum JSONPathFilter: Sendable, Equatable {
  case and(JSONPathFilter, JSONPathFilter)
  case or(JSONPathFilter, JSONPathFilter)
  case not(JSONPathFilter)
  /// True when the operand exists (a path that selects something, whatever its value).
  case exists(Operand)
  case compare(Operand, String, Operand)

  /// A value in a filter.
  enum Operand: Sendable, Equatable {
    /// `@...` (relative to the tested item) or `$...` (from the document root).
    case path(relative: Bool, steps: [JSONPathStep], definite: Bool)
    case literal(JSON)
    case regex(String, caseInsensitive: Bool)
  }

  /// Parses the text between `[?(` and `)]`.
  static func parse(_ text: String, path: String) throws -> JSONPathFilter {
    var parser = FilterParser(text: text, path: path)
    let filter = try parser.parseOr()
    parser.skipSpaces()
    guard parser.atEnd else { throw parser.syntax("unexpected text in filter") }
    return filter
  }

  /// True when `item` passes the filter; `root` is what `$` means inside it.
  func matches(_ item: JSON, root: JSON) -> Bool {
    switch self {
    case .and(let a, let b): return a.matches(item, root: root) && b.matches(item, root: root)
    case .or(let a, let b): return a.matches(item, root: root) || b.matches(item, root: root)
    case .not(let a): return !a.matches(item, root: root)
    case .exists(let operand):
      // Jayway checks presence only: a field holding null or false exists.
      guard let value = operand.value(item, root: root) else { return false }
      if case .path(_, _, false) = operand, case .array(let items) = value { return !items.isEmpty }
      return true
    case .compare(let lhs, let op, let rhs):
      return Self.compare(lhs.value(item, root: root), op, rhs, item: item, root: root)
    }
  }

  private static func compare(_ left: JSON?, _ op: String, _ rhsOperand: Operand, item: JSON, root: JSON) -> Bool {
    if op == "=~" {
      guard case .regex(let pattern, let insensitive) = rhsOperand, let left else { return false }
      let subject: String
      switch left {
      case .string(let s): subject = s
      case .number(let n): subject = n.text
      case .bool(let b): subject = String(b)
      default: return false
      }
      guard let regex = try? Regex(pattern) else { return false }
      return (try? (insensitive ? regex.ignoresCase() : regex).wholeMatch(in: subject)) != nil
    }
    let right = rhsOperand.value(item, root: root)
    switch op {
    case "==": return left != nil && right != nil && equal(left!, right!)
    case "!=": return !(left != nil && right != nil && equal(left!, right!))
    case "<", "<=", ">", ">=":
      guard let left, let right, let order = ordering(left, right) else { return false }
      switch op {
      case "<": return order < 0
      case "<=": return order <= 0
      case ">": return order > 0
      default: return order >= 0
      }
    case "in", "nin":
      guard let left, case .array(let list)? = right else { return op == "nin" }
      let found = list.contains { equal($0, left) }
      return op == "in" ? found : !found
    case "subsetof", "anyof", "noneof":
      guard case .array(let l)? = left, case .array(let r)? = right else { return false }
      switch op {
      case "subsetof": return l.allSatisfy { a in r.contains { equal($0, a) } }
      case "anyof": return l.contains { a in r.contains { equal($0, a) } }
      default: return !l.contains { a in r.contains { equal($0, a) } }
      }
    case "size":
      guard let n = right?.intValue else { return false }
      switch left {
      case .array(let a)?: return a.count == n
      case .string(let s)?: return s.count == n
      default: return false
      }
    case "empty":
      guard case .bool(let wanted)? = right else { return false }
      switch left {
      case .array(let a)?: return a.isEmpty == wanted
      case .string(let s)?: return s.isEmpty == wanted
      default: return false
      }
    case "contains":
      switch (left, right) {
      case (.string(let s)?, .string(let t)?): return s.contains(t)
      case (.array(let a)?, let r?): return a.contains { equal($0, r) }
      default: return false
      }
    default: return false
    }
  }

  /// Equality of filter values: numbers by value, everything else structurally; as in Jayway, a number equals a
  /// string that spells the same number (`@.a == '1'` holds for `1`).
  private static func equal(_ a: JSON, _ b: JSON) -> Bool {
    switch (a, b) {
    case (.number(let n), .string(let s)), (.string(let s), .number(let n)):
      return Double(s).map { $0 == n.doubleValue } ?? false
    default: return a == b
    }
  }

  /// The order of two numbers or two strings; nil for values that do not compare.
  private static func ordering(_ a: JSON, _ b: JSON) -> Int? {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    default: return nil
    }
  }
}

extension JSONPathFilter.Operand {
  /// The operand's value for `item`: nil when a definite path selects nothing.
  func value(_ item: JSON, root: JSON) -> JSON? {
    switch self {
    case .literal(let v): return v
    case .regex(let pattern, _): return .string(pattern)
    case .path(let relative, let steps, let definite):
      var evaluation = JSONPathEvaluation(steps: steps, root: root, definite: false)
      do { try evaluation.walk(0, relative ? item : root, "@") } catch { return nil }
      if definite { return evaluation.results.first }
      return .array(evaluation.results)
    }
  }
}

/// Recursive-descent parser of a filter expression.
private struct FilterParser {
  let s: [Unicode.Scalar]
  let path: String
  var i = 0

  init(text: String, path: String) {
    s = Array(text.unicodeScalars)
    self.path = path
  }

  var atEnd: Bool { i >= s.count }

  mutating func skipSpaces() {
    while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\n" { i += 1 }
  }

  func syntax(_ why: String) -> JSONPathError { JSONPathError(.syntax, "Invalid path '\(path)': \(why)") }

  private mutating func eat(_ word: String) -> Bool {
    skipSpaces()
    let w = Array(word.unicodeScalars)
    guard s.count - i >= w.count, Array(s[i..<(i + w.count)]) == w else { return false }
    i += w.count
    return true
  }

  mutating func parseOr() throws -> JSONPathFilter {
    var left = try parseAnd()
    while eat("||") { left = .or(left, try parseAnd()) }
    return left
  }

  private mutating func parseAnd() throws -> JSONPathFilter {
    var left = try parseUnary()
    while eat("&&") { left = .and(left, try parseUnary()) }
    return left
  }

  private mutating func parseUnary() throws -> JSONPathFilter {
    skipSpaces()
    if i < s.count, s[i] == "!", i + 1 >= s.count || s[i + 1] != "=" {
      i += 1
      return .not(try parseUnary())
    }
    if i < s.count, s[i] == "(" {
      i += 1
      let inner = try parseOr()
      guard eat(")") else { throw syntax("missing ')' in filter") }
      return inner
    }
    let left = try parseOperand()
    skipSpaces()
    for op in ["==", "!=", "<=", ">=", "=~", "<", ">", "subsetof", "anyof", "noneof", "nin", "in", "size", "empty",
               "contains"] where eat(op) {
      return .compare(left, op, try parseOperand())
    }
    return .exists(left)
  }

  private mutating func parseOperand() throws -> JSONPathFilter.Operand {
    skipSpaces()
    guard i < s.count else { throw syntax("missing operand in filter") }
    let c = s[i]
    if c == "@" || c == "$" {
      var sub = JSONPathParser(String(String.UnicodeScalarView(s[i...])))
      sub.seek(1)
      let steps = try sub.parseSteps(stopAt: { " \t=!<>&|)".unicodeScalars.contains($0) })
      i += sub.position
      let definite = steps.indices.allSatisfy { steps[$0].isDefinite(isLeaf: $0 == steps.count - 1) }
      return .path(relative: c == "@", steps: steps, definite: definite)
    }
    if c == "/" {
      i += 1
      var pattern = String.UnicodeScalarView()
      while i < s.count, s[i] != "/" {
        if s[i] == "\\", i + 1 < s.count {
          pattern.append(s[i])
          i += 1
        }
        pattern.append(s[i])
        i += 1
      }
      guard i < s.count else { throw syntax("unterminated regular expression") }
      i += 1
      var insensitive = false
      while i < s.count, s[i].properties.isAlphabetic {
        if s[i] == "i" { insensitive = true }
        i += 1
      }
      return .regex(String(pattern), caseInsensitive: insensitive)
    }
    if c == "'" || c == "\"" {
      i += 1
      var out = String.UnicodeScalarView()
      while i < s.count, s[i] != c {
        if s[i] == "\\", i + 1 < s.count { i += 1 }
        out.append(s[i])
        i += 1
      }
      guard i < s.count else { throw syntax("unterminated string in filter") }
      i += 1
      return .literal(.string(String(out)))
    }
    // A JSON literal: number, true, false, null, or an array/object.
    let start = i
    if c == "[" || c == "{" {
      var depth = 0
      var quote: Unicode.Scalar?
      while i < s.count {
        let d = s[i]
        if let q = quote {
          if d == "\\" { i += 1 } else if d == q { quote = nil }
        } else if d == "'" || d == "\"" {
          quote = d
        } else if d == "[" || d == "{" {
          depth += 1
        } else if d == "]" || d == "}" {
          depth -= 1
          if depth == 0 {
            i += 1
            break
          }
        }
        i += 1
      }
    } else {
      while i < s.count, !" \t=!<>&|)".unicodeScalars.contains(s[i]) { i += 1 }
    }
    // Jayway accepts single-quoted strings inside array literals.
    let literal = String(String.UnicodeScalarView(s[start..<i])).replacingSingleQuotes()
    guard let value = try? JSONParser.parse(literal) else { throw syntax("invalid value '\(literal)' in filter") }
    return .literal(value)
  }
}

private extension String {
  /// The text with single-quoted strings turned into double-quoted ones.
  func replacingSingleQuotes() -> String {
    guard contains("'") else { return self }
    var out = ""
    var inDouble = false
    for c in self {
      if c == "\"" { inDouble.toggle() }
      out.append(c == "'" && !inDouble ? "\"" : c)
    }
    return out
  }
}
