import JSONata

/// Recognition, parsing and definition-time checks of `{% ... %}` JSONata expressions.
enum ASLJSONata {
  /// True when `node` is a string holding a JSONata expression.
  static func isExpression(_ node: ASLNode) -> Bool { node.string.map(isExpression) ?? false }

  /// True when `text` starts with `{%` and ends with `%}`.
  static func isExpression(_ text: String) -> Bool {
    text.utf8.count >= 4 && text.hasPrefix("{%") && text.hasSuffix("%}")
  }

  /// The expression between `{%` and `%}`.
  static func body(_ text: String) -> String { String(text.dropFirst(2).dropLast(2)) }

  /// The fields of `$states` and where they can be read.
  static let statesFields: Set<String> = ["input", "result", "errorOutput", "context"]

  /// The parsed body of an expression string with Step Functions' functions, or the JSONata syntax error.
  static func parse(_ text: String) -> Result<JSONataExpression, JSONataError> {
    do {
      return .success(try JSONataExpression(body(text), library: StepFunctionsDialect.library))
    } catch let e as JSONataError {
      return .failure(e)
    } catch {
      return .failure(JSONataError(code: "S0201", message: "\(error)"))
    }
  }

  /// Names an expression binds itself (`$x := ...`, lambda parameters): calls and reads of these are not
  /// workflow variables or built-ins.
  static func locallyBound(_ body: String) -> Set<String> {
    let s = Array(body.unicodeScalars)
    var names: Set<String> = []
    func name(at start: Int) -> (String, Int) {
      var i = start
      while i < s.count, ASLPath.isIdentifierPart(s[i]) { i += 1 }
      return (String(String.UnicodeScalarView(s[start..<i])), i)
    }
    var i = 0
    while i < s.count {
      if s[i] == "$", i + 1 < s.count, ASLPath.isIdentifierPart(s[i + 1]) {
        let (n, end) = name(at: i + 1)
        var j = end
        while j < s.count, s[j].properties.isWhitespace { j += 1 }
        if j + 1 < s.count, s[j] == ":", s[j + 1] == "=" { names.insert(n) }
        i = end
      } else if s[i] == "(", isLambdaHead(s, before: i) {
        var j = i + 1
        while j < s.count, s[j] != ")" {
          if s[j] == "$" {
            let (n, end) = name(at: j + 1)
            names.insert(n)
            j = end
          } else {
            j += 1
          }
        }
        i = j
      } else {
        i += 1
      }
    }
    return names
  }

  /// True when the `(` at `index` opens the parameter list of `function(...)` or `λ(...)`.
  private static func isLambdaHead(_ s: [Unicode.Scalar], before index: Int) -> Bool {
    var j = index - 1
    while j >= 0, s[j].properties.isWhitespace { j -= 1 }
    if j >= 0, s[j] == "λ" { return true }
    let word = Array("function".unicodeScalars)
    guard j + 1 >= word.count else { return false }
    return Array(s[(j + 1 - word.count)...j]) == word && (j - word.count < 0 || !ASLPath.isIdentifierPart(s[j - word.count]))
  }

  /// The `$states.FIELD` names read at each `$states` reference, with the reference's offset in the body.
  static func statesFieldReads(_ body: String, at positions: [Int]) -> [(field: String, position: Int)] {
    let units = Array(body.utf16)
    return positions.compactMap { p in
      var i = p + "$states".utf16.count
      while i < units.count, units[i] == 0x20 || units[i] == 0x0A || units[i] == 0x09 || units[i] == 0x0D { i += 1 }
      guard i < units.count, units[i] == 0x2E else { return nil }  // "."
      i += 1
      let start = i
      while i < units.count, let u = Unicode.Scalar(units[i]), ASLPath.isIdentifierPart(u) { i += 1 }
      guard i > start else { return nil }
      return (String(decoding: units[start..<i], as: UTF16.self), p)
    }
  }
}

/// Where an expression sits in a state: which field, of which state type, and whether under a Catcher.
struct ASLExpressionPlace {
  /// The state's Type.
  var stateType: String
  /// The state's top-level field holding the expression (Arguments, Output, Assign, Catch, Choices, ...).
  var field: String

  /// Whether `$states.result` can be read here: the Output and Assign of states that produce a result.
  var resultAvailable: Bool {
    ["Task", "Map", "Parallel"].contains(stateType) && (field == "Output" || field == "Assign")
  }

  /// Whether `$states.errorOutput` can be read here: a Catcher's Output and Assign.
  var errorOutputAvailable: Bool { field == "Catch" }
}

extension ASLChecker {
  /// Fields whose values are never evaluated, or are checked in their own scope.
  private static let unevaluated: Set<String> = ["Comment", "Branches", "ItemProcessor", "Iterator"]

  /// Every `{% %}` string in a state: forbidden under JSONPath (except as a literal in Assign), parsed and
  /// checked under JSONata.
  func checkExpressions(_ state: ASLNode, type: String, language: ASLQueryLanguage) {
    for m in state.members where !Self.unevaluated.contains(m.key) {
      let place = ASLExpressionPlace(stateType: type, field: m.key)
      if language == .jsonPath, m.key == "Catch" || m.key == "Choices", let items = m.value.elements {
        // A catcher's or a Choice rule's own Assign holds literals as the state's Assign does.
        for item in items {
          for member in item.members where !Self.unevaluated.contains(member.key) {
            checkExpressions(member.value, place: place, language: language, inAssign: member.key == "Assign")
          }
        }
        continue
      }
      checkExpressions(m.value, place: place, language: language, inAssign: m.key == "Assign")
    }
  }

  private func checkExpressions(_ node: ASLNode, place: ASLExpressionPlace, language: ASLQueryLanguage,
                                inAssign: Bool = false) {
    switch node.kind {
    case .string(let s):
      if ASLJSONata.isExpression(s) {
        if language == .jsonPath, inAssign {
          // AWS accepts it and assigns the text unevaluated (recorded: assign_base BASE_CONSTANT_LITERALS).
          warning("'\(s)' is a literal string here: JSONata is evaluated only when QueryLanguage is JSONata",
                  at: node, code: "jsonata-literal-in-jsonpath")
        } else if language == .jsonPath {
          error("JSONata expressions ({% %}) are only allowed when QueryLanguage is JSONata", at: node,
                code: "jsonata-in-jsonpath")
        } else {
          checkExpression(s, at: node, place: place)
        }
      } else if language == .jsonata, s.hasPrefix("{%") {
        error("A JSONata expression must end with '%}'", at: node, code: "invalid-jsonata")
      }
    case .array(let items):
      for item in items { checkExpressions(item, place: place, language: language, inAssign: inAssign) }
    case .object(let members):
      for m in members where !Self.unevaluated.contains(m.key) {
        if language == .jsonata, m.key.hasSuffix(".$") {
          warning("Keys ending in '.$' have no special meaning in JSONata; use a {% %} expression as the value",
                  key: m, code: "dollar-key-in-jsonata")
        }
        checkExpressions(m.value, place: place, language: language, inAssign: inAssign)
      }
    default:
      break
    }
  }

  /// Parses one expression and checks what AWS checks when a definition is created.
  private func checkExpression(_ text: String, at node: ASLNode, place: ASLExpressionPlace) {
    let body = ASLJSONata.body(text)
    if body.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
      return error("Invalid JSONata expression: the expression is empty", at: node, code: "invalid-jsonata")
    }
    let expression: JSONataExpression
    switch ASLJSONata.parse(text) {
    case .failure(let e):
      var offset = e.position ?? 0
      if let token = e.token, token != "(end)", offset >= token.utf16.count { offset -= token.utf16.count }
      return expressionError("Invalid JSONata expression: \(e.message) (\(e.code))", in: node, offset: offset,
                             code: "invalid-jsonata")
    case .success(let parsed):
      expression = parsed
    }
    let bound = ASLJSONata.locallyBound(body)
    for call in expression.referencedFunctions where !bound.contains(call.name) {
      if call.name == "eval" {
        expressionError("$eval is not supported in Step Functions", in: node, offset: call.position,
                        code: "jsonata-eval")
      } else if StepFunctionsDialect.functions[call.name] == nil {
        expressionError("Unknown JSONata function '$\(call.name)'", in: node, offset: call.position,
                        code: "unknown-function")
      }
    }
    let statesReads = expression.referencedVariables.filter { $0.name == "states" }.map(\.position)
    for read in ASLJSONata.statesFieldReads(body, at: statesReads) {
      switch read.field {
      case "result" where !place.resultAvailable:
        expressionError("$states.result is not available here: only in the Output and Assign of a Task, Map or "
                        + "Parallel state", in: node, offset: read.position, code: "states-result-unavailable")
      case "errorOutput" where !place.errorOutputAvailable:
        expressionError("$states.errorOutput is not available here: only in a Catcher's Output and Assign",
                        in: node, offset: read.position, code: "states-error-output-unavailable")
      case let field where !ASLJSONata.statesFields.contains(field):
        expressionError("$states has no field '\(field)' (it has input, result, errorOutput and context)", in: node,
                        offset: read.position, code: "unknown-states-field", severity: .warning)
      default:
        break
      }
    }
  }

  /// A finding at the character `offset` UTF-16 units into the expression body of the string `node`.
  func expressionError(_ message: String, in node: ASLNode, offset: Int, code: String,
                       severity: ASLDiagnostic.Severity = .error) {
    let column = source.column(ofStringAt: node, decodedOffset: 2 + offset) ?? node.column
    add(severity, message, line: node.line, column: column, path: node.path, code: code)
  }
}
