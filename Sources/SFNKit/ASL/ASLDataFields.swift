extension ASLChecker {
  /// Checks the input/output processing fields shared by several state types.
  func checkDataFields(_ state: ASLNode, language: ASLQueryLanguage) {
    if language == .jsonPath {
      // statelint accepts an intrinsic function as InputPath; kept for compatibility with its verdicts.
      pathField(state, "InputPath", .path, intrinsic: true, nullable: true)
      pathField(state, "OutputPath", .path, nullable: true)
      pathField(state, "ResultPath", .destination, nullable: true)
      if let p = state["Parameters"] { payloadTemplate(p, field: "Parameters") }
      if let r = object(state, "ResultSelector") { payloadTemplate(r, field: "ResultSelector") }
    } else {
      if let a = state["Arguments"], !a.isObject, !ASLJSONata.isExpression(a) {
        typeError(a, name: "Arguments", expected: "an object or a JSONata expression")
      }
    }
    if let assign = object(state, "Assign") { checkAssign(assign, language: language) }
  }

  /// Checks a string field holding a path (or, where allowed, an intrinsic function call).
  func pathField(_ object: ASLNode, _ key: String, _ rules: ASLPath.Rules, intrinsic: Bool = false,
                 nullable: Bool = false) {
    guard let node = object[key] else { return }
    if node.isNull {
      if !nullable { error("'\(key)' must not be null", at: node, code: "null-not-allowed") }
      return
    }
    guard let text = node.string else {
      return typeError(node, name: key, expected: nullable ? "a path string or null" : "a path string")
    }
    pathOrCall(text, at: node, name: key, rules, intrinsic: intrinsic)
  }

  /// Reports what is wrong with a path or intrinsic call held by `node`.
  func pathOrCall(_ text: String, at node: ASLNode, name: String, _ rules: ASLPath.Rules, intrinsic: Bool) {
    if intrinsic && ASLIntrinsics.looksLikeCall(text) {
      for p in ASLIntrinsics.problems(text) {
        let message = "'\(name)': \(p.message)"
        if p.isWarning {
          warning(message, at: node, code: "intrinsic-suspicious")
        } else {
          error(message, at: node, code: "invalid-intrinsic")
        }
      }
      return
    }
    if let p = ASLPath.problem(text, rules) {
      let what = intrinsic ? "a valid path or intrinsic function call" : rules.reference ? "a valid reference path"
        : "a valid path"
      error("'\(name)' is not \(what): \(p)", at: node, code: "invalid-path")
    }
  }

  /// Walks a payload template: every `key.$` must hold a path or an intrinsic call (JSONPath only).
  func payloadTemplate(_ node: ASLNode, field: String) {
    for m in node.members {
      if m.key.hasSuffix(".$") {
        guard let text = m.value.string else {
          error("'\(m.key)' in \(field) must be a path or intrinsic function call string, not "
                  + article(m.value.typeName), at: m.value, code: "invalid-path")
          continue
        }
        pathOrCall(text, at: m.value, name: m.key, .path, intrinsic: true)
      } else {
        if let s = m.value.string, s.hasPrefix("$.") || s.hasPrefix("$$.") || isCallLike(s) {
          warning("'\(m.key)' in \(field) looks like a path but its key does not end in '.$', so it is passed as "
                    + "the literal string", at: m.value, code: "path-without-dollar-key")
        }
        payloadTemplate(m.value, field: field)
      }
    }
    for e in node.elements ?? [] { payloadTemplate(e, field: field) }
  }

  private func isCallLike(_ s: String) -> Bool {
    guard ASLIntrinsics.looksLikeCall(s), let paren = s.firstIndex(of: "(") else { return false }
    return ASLIntrinsics.arity[String(s[..<paren])] != nil && s.hasSuffix(")")
  }

  /// Assign keys are variable names; in JSONPath a `name.$` key takes a path or intrinsic call.
  func checkAssign(_ assign: ASLNode, language: ASLQueryLanguage) {
    for m in assign.members {
      var name = m.key
      if language == .jsonPath, name.hasSuffix(".$") {
        name.removeLast(2)
        if let text = m.value.string {
          pathOrCall(text, at: m.value, name: m.key, .path, intrinsic: true)
        } else {
          error("'\(m.key)' in Assign must be a path or intrinsic function call string, not "
                  + article(m.value.typeName), at: m.value, code: "invalid-path")
        }
      } else if language == .jsonPath {
        payloadTemplate(m.value, field: "Assign")
      }
      if !ASLPath.isVariableName(name) {
        error("'\(name)' is not a valid variable name: use a letter or '_' followed by letters, digits or '_'",
              key: m, code: "invalid-variable-name")
      } else if name == "states" {
        error("'states' is a reserved variable name", key: m, code: "invalid-variable-name")
      }
    }
  }
}
