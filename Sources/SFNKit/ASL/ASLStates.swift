extension ASLChecker {
  /// Checks one state: its type, fields, query language and type-specific rules.
  func checkState(_ member: ASLMember) {
    let state = member.value
    guard state.isObject else {
      error("State '\(member.key)' must be an object, not \(article(state.typeName))", at: state, code: "wrong-type")
      return
    }
    guard let typeNode = state["Type"] else {
      error("State '\(member.key)' is missing required field 'Type'", at: state, code: "missing-field")
      return
    }
    guard let type = typeNode.string, let spec = ASLStateSpec.byType[type] else {
      error("'Type' must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map", at: typeNode,
            code: "invalid-state-type")
      return
    }
    let language = stateLanguage(state)
    checkStateFields(state, type: type, spec: spec, language: language)
    string(state, "Comment", nonEmpty: false)
    checkDataFields(state, language: language)
    switch type {
    case "Task": checkTask(state, language: language)
    case "Choice": checkChoice(state, language: language)
    case "Wait": checkWait(state, language: language)
    case "Fail": checkFail(state, language: language)
    case "Parallel": checkParallel(state)
    case "Map": checkMap(state, language: language)
    default: break  // Pass and Succeed have only the shared data fields.
    }
    if state["Retry"] != nil || state["Catch"] != nil { checkErrorHandling(state, language: language) }
    checkExpressions(state, type: type, language: language)
  }

  /// The state's own QueryLanguage, else the machine's; JSONPath states are not allowed in a JSONata machine.
  private func stateLanguage(_ state: ASLNode) -> ASLQueryLanguage {
    guard let node = state["QueryLanguage"] else { return topLanguage }
    enumValue(state, "QueryLanguage", ["JSONPath", "JSONata"])
    switch node.string {
    case "JSONata": return .jsonata
    case "JSONPath":
      if topLanguage == .jsonata {
        error("A state cannot use JSONPath when the state machine's QueryLanguage is JSONata", at: node,
              code: "jsonpath-in-jsonata-machine")
        return .jsonata
      }
      return .jsonPath
    default: return topLanguage
    }
  }

  /// Wait: exactly one of Seconds, Timestamp, SecondsPath, TimestampPath.
  func checkWait(_ state: ASLNode, language: ASLQueryLanguage) {
    let keys = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"]
    if !keys.contains(where: { state.member($0) != nil }) {
      let names = language == .jsonata ? "'Seconds' or 'Timestamp'"
        : "'Seconds', 'Timestamp', 'SecondsPath' or 'TimestampPath'"
      error("Wait state needs exactly one of \(names)", at: state, code: "missing-field")
    }
    exclusive(state, keys)
    let expressions = language == .jsonata
    integer(state, "Seconds", in: 0...99_999_999, expressionAllowed: expressions)
    if let ts = state["Timestamp"], !(expressions && ASLJSONata.isExpression(ts)) {
      if let s = ts.string {
        if !Self.isTimestamp(s) {
          error("'Timestamp' must be an RFC 3339 timestamp such as 2024-01-31T23:59:59Z", at: ts,
                code: "invalid-timestamp")
        }
      } else {
        typeError(ts, name: "Timestamp", expected: expressions ? "a string or a JSONata expression" : "a string")
      }
    }
    pathField(state, "SecondsPath", .reference)
    pathField(state, "TimestampPath", .reference)
  }

  /// Fail: Error/ErrorPath and Cause/CausePath are exclusive pairs.
  func checkFail(_ state: ASLNode, language: ASLQueryLanguage) {
    exclusive(state, ["Error", "ErrorPath"])
    exclusive(state, ["Cause", "CausePath"])
    string(state, "Error", nonEmpty: false)
    string(state, "Cause", nonEmpty: false)
    pathField(state, "ErrorPath", .reference, intrinsic: true)
    pathField(state, "CausePath", .reference, intrinsic: true)
  }

  /// Parallel: a non-empty array of branches, each its own scope.
  func checkParallel(_ state: ASLNode) {
    guard let branches = state["Branches"] else { return }
    guard let items = branches.elements else { return typeError(branches, name: "Branches", expected: "an array") }
    if items.isEmpty { error("'Branches' must contain at least one branch", at: branches, code: "empty-array") }
    for (i, branch) in items.enumerated() {
      guard branch.isObject else {
        typeError(branch, name: "Branches[\(i)]", expected: "an object")
        continue
      }
      rejectUnknownFields(branch, allowed: ["StartAt", "States", "Comment"], in: "a Parallel branch")
      checkScope(branch, context: "Branch \(i)")
    }
  }

  /// RFC 3339 with an upper-case `T` and `Z`, as the service requires: `YYYY-MM-DDTHH:MM:SS[.f][Z|±HH:MM]`.
  static func isTimestamp(_ text: String) -> Bool {
    let s = Array(text.utf8)
    func digits(_ at: Int, _ n: Int) -> Int? {
      guard at + n <= s.count else { return nil }
      var v = 0
      for i in at..<(at + n) {
        guard s[i] >= 0x30, s[i] <= 0x39 else { return nil }
        v = v * 10 + Int(s[i] - 0x30)
      }
      return v
    }
    guard s.count >= 20, let _ = digits(0, 4), s[4] == 0x2D, let month = digits(5, 2), s[7] == 0x2D,
          let day = digits(8, 2), s[10] == UInt8(ascii: "T"), let hour = digits(11, 2), s[13] == 0x3A,
          let minute = digits(14, 2), s[16] == 0x3A, let second = digits(17, 2),
          (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return false }
    var i = 19
    if s[i] == UInt8(ascii: ".") {
      i += 1
      let start = i
      while i < s.count, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
      if i == start { return false }
    }
    guard i < s.count else { return false }
    if s[i] == UInt8(ascii: "Z") { return i + 1 == s.count }
    guard s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-"), i + 6 == s.count, let oh = digits(i + 1, 2),
          s[i + 3] == 0x3A, let om = digits(i + 4, 2) else { return false }
    return oh < 24 && om < 60
  }
}
