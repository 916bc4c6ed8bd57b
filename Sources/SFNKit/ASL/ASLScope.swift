extension ASLChecker {
  /// Limits the service enforces on names and definitions.
  static let maxStateNameLength = 80

  /// Checks the top level of a definition, then its states.
  func checkMachine(_ root: ASLNode) {
    guard root.isObject else {
      error("A state machine definition must be a JSON object, not \(article(root.typeName))", at: root,
            code: "wrong-type")
      return
    }
    rejectUnknownFields(root, allowed: ["Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"],
                        in: "the top level of a state machine")
    enumValue(root, "QueryLanguage", ["JSONPath", "JSONata"])
    if root["QueryLanguage"]?.string == "JSONata" { topLanguage = .jsonata }
    enumValue(root, "Version", ["1.0"])
    string(root, "Comment", nonEmpty: false)
    integer(root, "TimeoutSeconds", in: 1...99_999_999)
    checkScope(root, context: "The state machine")
  }

  /// Checks a set of states with its own StartAt: the machine, a Parallel branch or a Map processor.
  func checkScope(_ scope: ASLNode, context: String) {
    requireField(scope, "StartAt", in: context)
    requireField(scope, "States", in: context)
    string(scope, "StartAt")
    guard let states = object(scope, "States") else { return }
    if states.members.isEmpty {
      error("'States' must contain at least one state", at: states, code: "no-states")
      return
    }
    var local: [String: ASLMember] = [:]
    for m in states.members {
      if local[m.key] != nil { continue }  // Reported as a duplicate key already.
      local[m.key] = m
      checkStateName(m)
      checkState(m)
    }
    checkTransitions(scope, states: states, local: local)
  }

  private func checkStateName(_ m: ASLMember) {
    let length = m.key.count
    if length == 0 {
      error("State names must not be empty", key: m, code: "state-name-empty")
    } else if length > Self.maxStateNameLength {
      error("State name is \(length) characters long; the maximum is \(Self.maxStateNameLength)", key: m,
            code: "state-name-too-long")
    }
    if let first = stateNames[m.key] {
      error("State name '\(m.key)' is already used at line \(first.line), column \(first.column); state names must "
              + "be unique in the whole state machine", key: m, code: "duplicate-state-name")
    } else {
      stateNames[m.key] = m
    }
  }

  /// Every transition target exists in this scope, every state is reachable, and something ends the scope.
  private func checkTransitions(_ scope: ASLNode, states: ASLNode, local: [String: ASLMember]) {
    var edges: [String: [String]] = [:]
    for (name, m) in local {
      var targets: [String] = []
      for (field, node) in transitionNodes(of: m.value) {
        guard let target = node.string else { continue }
        if local[target] == nil {
          error("\(field) '\(target)' does not name a state in this scope", at: node, code: "unknown-state")
        } else {
          targets.append(target)
        }
      }
      edges[name] = targets
    }
    if let startNode = scope["StartAt"], let start = startNode.string {
      if local[start] == nil {
        error("StartAt '\(start)' does not name a state in this scope", at: startNode, code: "unknown-state")
      } else {
        var seen: Set<String> = [start]
        var stack = [start]
        while let name = stack.popLast() {
          for t in edges[name] ?? [] where seen.insert(t).inserted { stack.append(t) }
        }
        for m in states.members where seen.insert(m.key).inserted {
          error("State '\(m.key)' is not reachable from StartAt", key: m, code: "unreachable-state")
        }
      }
    }
    if !local.values.contains(where: { isTerminal($0.value) }) {
      error("No terminal state: add a Succeed or Fail state, or a state with \"End\": true", at: states,
            code: "no-terminal-state")
    }
  }

  /// The string nodes naming a state's successors, with the field name used in messages.
  func transitionNodes(of state: ASLNode) -> [(String, ASLNode)] {
    var result: [(String, ASLNode)] = []
    if let n = state["Next"] { result.append(("Next", n)) }
    if let n = state["Default"] { result.append(("Default", n)) }
    for rule in state["Choices"]?.elements ?? [] {
      if let n = rule["Next"] { result.append(("Next", n)) }
    }
    for catcher in state["Catch"]?.elements ?? [] {
      if let n = catcher["Next"] { result.append(("Next", n)) }
    }
    return result
  }

  private func isTerminal(_ state: ASLNode) -> Bool {
    let type = state["Type"]?.string
    return type == "Succeed" || type == "Fail" || state["End"]?.bool == true
  }
}
