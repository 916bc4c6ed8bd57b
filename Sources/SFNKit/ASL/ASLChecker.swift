/// The query language of a state: JSONPath (the default) or JSONata.
enum ASLQueryLanguage: String {
  case jsonPath = "JSONPath"
  case jsonata = "JSONata"
}

/// Walks a located definition and collects diagnostics; the rule families live in extensions in sibling files.
final class ASLChecker {
  private(set) var diagnostics: [ASLDiagnostic] = []
  /// The machine-wide query language, inherited by states that do not set their own.
  var topLanguage: ASLQueryLanguage = .jsonPath
  /// Every state name seen so far, machine-wide: names must be unique across all nested scopes.
  var stateNames: [String: ASLMember] = [:]
  /// The definition's text, for positions inside string literals.
  let source: ASLSourceText

  /// A checker for the definition `text`.
  init(source text: String) { source = ASLSourceText(text) }

  /// Records an error about a value.
  func error(_ message: String, at node: ASLNode, code: String) {
    add(.error, message, line: node.line, column: node.column, path: node.path, code: code)
  }

  /// Records an error about a key (a field that should not be there, a duplicate, a bad state name).
  func error(_ message: String, key member: ASLMember, code: String) {
    add(.error, message, line: member.line, column: member.column, path: member.path, code: code)
  }

  /// Records a warning about a value.
  func warning(_ message: String, at node: ASLNode, code: String) {
    add(.warning, message, line: node.line, column: node.column, path: node.path, code: code)
  }

  /// Records a warning about a key.
  func warning(_ message: String, key member: ASLMember, code: String) {
    add(.warning, message, line: member.line, column: member.column, path: member.path, code: code)
  }

  /// Records a finding at an explicit position.
  func add(_ severity: ASLDiagnostic.Severity, _ message: String, line: Int, column: Int, path: String, code: String) {
    diagnostics.append(ASLDiagnostic(severity: severity, message: message, line: line, column: column, path: path,
                                     code: code))
  }

  // MARK: Typed field helpers shared by the rule files.

  /// Reports a type mismatch for `name`, naming what was expected.
  func typeError(_ node: ASLNode, name: String, expected: String) {
    error("'\(name)' must be \(expected), not \(article(node.typeName))", at: node, code: "wrong-type")
  }

  /// `a string`, `an object`, ...
  func article(_ typeName: String) -> String {
    (["a", "e", "i", "o", "u"].contains(typeName.first.map(String.init) ?? "") ? "an " : "a ") + typeName
  }

  /// The string value of `key` in `object`, reporting a type error when present but not a string.
  @discardableResult
  func string(_ object: ASLNode, _ key: String, nonEmpty: Bool = true) -> String? {
    guard let node = object[key] else { return nil }
    guard let s = node.string else {
      typeError(node, name: key, expected: "a string")
      return nil
    }
    if nonEmpty && s.isEmpty { error("'\(key)' must not be empty", at: node, code: "empty-string") }
    return s
  }

  /// Checks that `key`, when present, is an integer in `range`; in JSONata mode a `{% %}` expression is accepted.
  @discardableResult
  func integer(_ object: ASLNode, _ key: String, in range: ClosedRange<Int>, expressionAllowed: Bool = false) -> Int? {
    guard let node = object[key] else { return nil }
    if expressionAllowed, ASLJSONata.isExpression(node) { return nil }
    guard node.number != nil else {
      typeError(node, name: key, expected: expressionAllowed ? "an integer or a JSONata expression" : "an integer")
      return nil
    }
    guard let value = node.integer else {
      error("'\(key)' must be an integer", at: node, code: "not-integer")
      return nil
    }
    if !range.contains(value) {
      let bound = range.upperBound >= 99_999_999 ? "at least \(range.lowerBound)"
        : "between \(range.lowerBound) and \(range.upperBound)"
      error("'\(key)' is \(value) but must be \(bound)", at: node, code: "out-of-range")
      return nil
    }
    return value
  }

  /// Checks that `key`, when present, is an object; returns it.
  @discardableResult
  func object(_ parent: ASLNode, _ key: String) -> ASLNode? {
    guard let node = parent[key] else { return nil }
    guard node.isObject else {
      typeError(node, name: key, expected: "an object")
      return nil
    }
    return node
  }

  /// Reports each field of `object` that is not in `allowed`, at its key.
  func rejectUnknownFields(_ object: ASLNode, allowed: Set<String>, in context: String) {
    for m in object.members where !allowed.contains(m.key) {
      error("Field '\(m.key)' is not allowed in \(context)", key: m, code: "field-not-allowed")
    }
  }

  /// Reports a missing required field at the object that lacks it.
  func requireField(_ object: ASLNode, _ key: String, in context: String) {
    if object.member(key) == nil {
      error("\(context) is missing required field '\(key)'", at: object, code: "missing-field")
    }
  }

  /// Reports when more than one of `keys` is present, at each one written after the first.
  func exclusive(_ object: ASLNode, _ keys: [String]) {
    let present = keys.compactMap { object.member($0) }.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    guard present.count > 1 else { return }
    let list = keys.map { "'\($0)'" }.joined(separator: ", ")
    for m in present.dropFirst() {
      error("Only one of \(list) may be set", key: m, code: "mutually-exclusive")
    }
  }

  /// Checks that a value is one of a closed set of strings.
  func enumValue(_ object: ASLNode, _ key: String, _ allowed: [String]) {
    guard let node = object[key] else { return }
    guard let s = node.string else { return typeError(node, name: key, expected: "a string") }
    if !allowed.contains(s) {
      let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
      error("'\(key)' is '\(s)' but must be one of \(list)", at: node, code: "invalid-value")
    }
  }
}
