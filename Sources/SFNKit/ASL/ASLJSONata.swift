/// Recognition and light syntax checks of `{% ... %}` JSONata expressions.
enum ASLJSONata {
  /// True when `node` is a string holding a JSONata expression.
  static func isExpression(_ node: ASLNode) -> Bool { node.string.map(isExpression) ?? false }

  /// True when `text` starts with `{%` and ends with `%}`.
  static func isExpression(_ text: String) -> Bool {
    text.utf8.count >= 4 && text.hasPrefix("{%") && text.hasSuffix("%}")
  }

  /// Nil when the expression body looks well formed: non-empty, brackets balanced, strings closed.
  static func problem(_ text: String) -> String? {
    let body = Array(text.unicodeScalars.dropFirst(2).dropLast(2))
    if body.allSatisfy({ $0.properties.isWhitespace }) { return "the expression is empty" }
    var stack: [Unicode.Scalar] = []
    var quote: Unicode.Scalar?
    var i = 0
    while i < body.count {
      let c = body[i]
      if let q = quote {
        if c == "\\" { i += 1 } else if c == q { quote = nil }
      } else if c == "\"" || c == "'" || c == "`" {
        quote = c
      } else if c == "/" && i + 1 < body.count && body[i + 1] == "*" {
        // Skip a /* comment */.
        i += 2
        while i + 1 < body.count && !(body[i] == "*" && body[i + 1] == "/") { i += 1 }
        if i + 1 >= body.count { return "unterminated comment" }
        i += 1
      } else if c == "(" || c == "[" || c == "{" {
        stack.append(c)
      } else if c == ")" || c == "]" || c == "}" {
        let open: Unicode.Scalar = c == ")" ? "(" : c == "]" ? "[" : "{"
        guard stack.popLast() == open else { return "unbalanced '\(c)'" }
      }
      i += 1
    }
    if let q = quote { return "unterminated string starting with \(q)" }
    if let open = stack.last { return "unclosed '\(open)'" }
    return nil
  }
}

extension ASLChecker {
  /// Fields whose values are never evaluated, or are checked in their own scope.
  private static let unevaluated: Set<String> = ["Comment", "Branches", "ItemProcessor", "Iterator"]

  /// Every `{% %}` string in a state: forbidden under JSONPath, syntax-checked under JSONata.
  func checkExpressions(_ node: ASLNode, language: ASLQueryLanguage) {
    switch node.kind {
    case .string(let s):
      if ASLJSONata.isExpression(s) {
        if language == .jsonPath {
          error("JSONata expressions ({% %}) are only allowed when QueryLanguage is JSONata", at: node,
                code: "jsonata-in-jsonpath")
        } else if let p = ASLJSONata.problem(s) {
          error("Invalid JSONata expression: \(p)", at: node, code: "invalid-jsonata")
        }
      } else if language == .jsonata, s.hasPrefix("{%") {
        error("A JSONata expression must end with '%}'", at: node, code: "invalid-jsonata")
      }
    case .array(let items):
      for item in items { checkExpressions(item, language: language) }
    case .object(let members):
      for m in members where !Self.unevaluated.contains(m.key) {
        if language == .jsonata, m.key.hasSuffix(".$") {
          warning("Keys ending in '.$' have no special meaning in JSONata; use a {% %} expression as the value",
                  key: m, code: "dollar-key-in-jsonata")
        }
        checkExpressions(m.value, language: language)
      }
    default:
      break
    }
  }
}
