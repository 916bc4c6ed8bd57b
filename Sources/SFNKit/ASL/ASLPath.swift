/// Syntax of JSONPath paths as Step Functions accepts them: `$`, `$.a.b`, `$['a']`, `$[0]`, `$$.Execution.Id`, `$var`.
enum ASLPath {
  /// What a path may contain where it is used.
  struct Rules {
    /// Reference paths select a single node: no `..`, `*`, slices, unions or filters.
    var reference: Bool
    /// `$name` workflow variables are accepted.
    var variables: Bool
    /// `$$` (the context object) is accepted.
    var context: Bool

    /// A path with the full JSONPath syntax (InputPath, `.$` values).
    static let path = Rules(reference: false, variables: true, context: true)
    /// A reference path reading a value (Choice Variable, *Path fields).
    static let reference = Rules(reference: true, variables: true, context: true)
    /// A reference path naming where to write (ResultPath): state input only.
    static let destination = Rules(reference: true, variables: false, context: false)
  }

  /// Nil when `text` is a well-formed path under `rules`, else why not.
  static func problem(_ text: String, _ rules: Rules) -> String? {
    let s = Array(text.unicodeScalars)
    guard s.first == "$" else { return "a path must start with '$'" }
    var i = 1
    if i < s.count, s[i] == "$" {
      if !rules.context { return "the context object ($$) cannot be used here" }
      i += 1
    } else if i < s.count, isIdentifierStart(s[i]) {
      if !rules.variables { return "variables cannot be used here" }
      while i < s.count, isIdentifierPart(s[i]) { i += 1 }
    }
    while i < s.count {
      if s[i] == "." {
        i += 1
        if i < s.count, s[i] == "." {
          if rules.reference { return "'..' is not allowed in a reference path" }
          i += 1
        }
        if i < s.count, s[i] == "*" {
          if rules.reference { return "'*' is not allowed in a reference path" }
          i += 1
          continue
        }
        if i < s.count, s[i] == "[" { continue }
        let start = i
        while i < s.count, isNameCharacter(s[i]) { i += 1 }
        if i == start { return "expected a field name after '.'" + (i < s.count ? ", found '\(s[i])'" : "") }
      } else if s[i] == "[" {
        guard let close = matchingBracket(s, from: i) else { return "unclosed '['" }
        if let p = bracketProblem(String(String.UnicodeScalarView(s[(i + 1)..<close])), rules) { return p }
        i = close + 1
      } else {
        return "unexpected '\(s[i])' after '\(String(String.UnicodeScalarView(s[0..<i])))'"
      }
    }
    return nil
  }

  /// True for a workflow variable name: a letter or `_`, then letters, digits or `_`.
  static func isVariableName(_ name: String) -> Bool {
    let s = Array(name.unicodeScalars)
    guard let first = s.first, isIdentifierStart(first) else { return false }
    return s.dropFirst().allSatisfy(isIdentifierPart)
  }

  private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c.value > 0x7F && c.properties.isAlphabetic)
  }

  static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
    isIdentifierStart(c) || (c >= "0" && c <= "9")
  }

  private static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
    !c.properties.isWhitespace && !".[]'\"(),*?@".unicodeScalars.contains(c)
  }

  private static func matchingBracket(_ s: [Unicode.Scalar], from open: Int) -> Int? {
    var depth = 0
    var quote: Unicode.Scalar?
    var i = open
    while i < s.count {
      let c = s[i]
      if let q = quote {
        if c == "\\" { i += 1 } else if c == q { quote = nil }
      } else if c == "'" || c == "\"" {
        quote = c
      } else if c == "[" || c == "(" {
        depth += 1
      } else if c == "]" || c == ")" {
        depth -= 1
        if depth == 0 { return c == "]" ? i : nil }
      }
      i += 1
    }
    return nil
  }

  private static func bracketProblem(_ inner: String, _ rules: Rules) -> String? {
    let t = inner.trimmingSpaces
    if t.isEmpty { return "empty '[]'" }
    if isQuoted(t) || isInteger(t, allowNegative: !rules.reference) { return nil }
    if rules.reference { return "'[\(inner)]' is not allowed in a reference path; use a field name or an index" }
    if t == "*" { return nil }
    if t.hasPrefix("?(") || t.hasPrefix("(") {
      return t.hasSuffix(")") ? nil : "unclosed filter expression '[\(inner)]'"
    }
    let union = t.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
    if union.count > 1 {
      return union.allSatisfy({ isQuoted($0) || isInteger($0, allowNegative: true) }) ? nil
        : "invalid union '[\(inner)]'"
    }
    let slice = t.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
    if slice.count == 2 || slice.count == 3,
       slice.allSatisfy({ $0.isEmpty || isInteger($0, allowNegative: true) }) {
      return nil
    }
    return "invalid subscript '[\(inner)]'"
  }

  private static func isQuoted(_ t: String) -> Bool {
    guard t.count >= 2, let f = t.first, f == "'" || f == "\"", t.last == f else { return false }
    return true
  }

  private static func isInteger(_ t: String, allowNegative: Bool) -> Bool {
    var digits = Substring(t)
    if allowNegative, digits.first == "-" { digits = digits.dropFirst() }
    return !digits.isEmpty && digits.allSatisfy { $0 >= "0" && $0 <= "9" }
  }
}

fileprivate extension String {
  /// The string without leading and trailing spaces and tabs (no Foundation needed).
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}
