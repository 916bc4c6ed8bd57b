import JSONata

/// A workflow variable read in a state: its name and where the read is written.
private struct VariableRead {
  var name: String
  var node: ASLNode
  /// UTF-16 offset of the `$` inside a JSONata expression body, or nil for a JSONPath string (reported at its start).
  var offset: Int?
}

extension ASLChecker {
  /// Warns where a state reads a workflow variable that no state able to run before it assigns (as the console
  /// does): assignments flow along Next, Default, Choice and Catch transitions within a scope, into Parallel
  /// branches and inline Map processors, but not out of them, and not into a Distributed Map's child workflows.
  func checkVariableFlow(_ root: ASLNode) {
    checkVariableFlow(scope: root, inherited: [], outerNames: [])
  }

  private func checkVariableFlow(scope: ASLNode, inherited: Set<String>, outerNames: Set<String>) {
    guard let states = scope["States"], states.isObject else { return }
    var assigned: [String: Set<String>] = [:]
    var successors: [String: [String]] = [:]
    for m in states.members {
      assigned[m.key] = Self.assignedNames(m.value)
      successors[m.key] = Self.transitions(m.value)
    }
    for m in states.members {
      // Everything assigned by a state from which this one can be reached (itself only through a loop).
      var available = inherited
      for (name, names) in assigned where reaches(from: name, to: m.key, successors: successors) {
        available.formUnion(names)
      }
      let language = m.value["QueryLanguage"]?.string.flatMap { ASLQueryLanguage(rawValue: $0) } ?? topLanguage
      for read in variableReads(in: m.value, language: language) where !available.contains(read.name) {
        var message = "Variable '$\(read.name)' is read in '\(m.key)', but no state that can run before it assigns it"
        if outerNames.contains(read.name) {
          message += "; a Distributed Map's child workflow cannot read the variables of the outer scope"
        }
        if let offset = read.offset {
          expressionError(message, in: read.node, offset: offset, code: "unassigned-variable", severity: .warning)
        } else {
          warning(message, at: read.node, code: "unassigned-variable")
        }
      }
      for (nested, distributed) in Self.nestedScopes(m.value) {
        if distributed {
          checkVariableFlow(scope: nested, inherited: [], outerNames: available)
        } else {
          checkVariableFlow(scope: nested, inherited: available, outerNames: outerNames)
        }
      }
    }
  }

  /// True when `target` can run after `start` (a path of one or more transitions).
  private func reaches(from start: String, to target: String, successors: [String: [String]]) -> Bool {
    var seen: Set<String> = []
    var queue = successors[start] ?? []
    while let next = queue.popLast() {
      if next == target { return true }
      if seen.insert(next).inserted { queue += successors[next] ?? [] }
    }
    return false
  }

  /// The variables a state's Assign, its Choice rules' Assign and its Catchers' Assign set.
  private static func assignedNames(_ state: ASLNode) -> Set<String> {
    var names: Set<String> = []
    func add(_ assign: ASLNode?) {
      for m in assign?.members ?? [] { names.insert(m.key.hasSuffix(".$") ? String(m.key.dropLast(2)) : m.key) }
    }
    add(state["Assign"])
    for rule in state["Choices"]?.elements ?? [] { add(rule["Assign"]) }
    for catcher in state["Catch"]?.elements ?? [] { add(catcher["Assign"]) }
    return names
  }

  /// The states a state can hand over to.
  private static func transitions(_ state: ASLNode) -> [String] {
    var next = [state["Next"]?.string, state["Default"]?.string].compactMap { $0 }
    for rule in state["Choices"]?.elements ?? [] { next += [rule["Next"]?.string].compactMap { $0 } }
    for catcher in state["Catch"]?.elements ?? [] { next += [catcher["Next"]?.string].compactMap { $0 } }
    return next
  }

  /// Parallel branches and Map processors, each with whether it runs as a Distributed Map's child workflow.
  private static func nestedScopes(_ state: ASLNode) -> [(ASLNode, Bool)] {
    var scopes = (state["Branches"]?.elements ?? []).map { ($0, false) }
    for key in ["ItemProcessor", "Iterator"] {
      guard let processor = state[key] else { continue }
      let distributed = processor["ProcessorConfig"]?["Mode"]?.string == "DISTRIBUTED"
      scopes.append((processor, distributed))
    }
    return scopes
  }

  /// The workflow variables a state reads, outside its nested scopes.
  private func variableReads(in state: ASLNode, language: ASLQueryLanguage) -> [VariableRead] {
    var reads: [VariableRead] = []
    func visit(_ node: ASLNode, key: String?) {
      switch node.kind {
      case .string(let s):
        if language == .jsonata, ASLJSONata.isExpression(s), case .success(let e) = ASLJSONata.parse(s) {
          let bound = ASLJSONata.locallyBound(ASLJSONata.body(s))
          for v in e.referencedVariables where !v.name.isEmpty && v.name != "$" && v.name != "states"
            && !bound.contains(v.name) {
            reads.append(VariableRead(name: v.name, node: node, offset: v.position))
          }
        } else if language == .jsonPath, let key, key.hasSuffix(".$") || key.hasSuffix("Path") || key == "Variable" {
          for name in Self.jsonPathVariables(s) { reads.append(VariableRead(name: name, node: node, offset: nil)) }
        }
      case .array(let items):
        for item in items { visit(item, key: key) }
      case .object(let members):
        for m in members where !["Branches", "ItemProcessor", "Iterator", "Comment"].contains(m.key) {
          visit(m.value, key: m.key)
        }
      default:
        break
      }
    }
    visit(state, key: nil)
    return reads
  }

  /// Variable names in a JSONPath path (`$name`, `$name.field`) or intrinsic call's arguments.
  static func jsonPathVariables(_ text: String) -> [String] {
    let s = Array(text.unicodeScalars)
    var names: [String] = []
    var quoted = false
    var i = 0
    while i < s.count {
      let c = s[i]
      if c == "\\" {
        i += 2
        continue
      }
      if c == "'" { quoted.toggle() }
      if !quoted, c == "$", i + 1 < s.count, s[i + 1] != "$", ASLPath.isIdentifierPart(s[i + 1]),
         i == 0 || !(ASLPath.isIdentifierPart(s[i - 1]) || s[i - 1] == "$") {
        var j = i + 1
        while j < s.count, ASLPath.isIdentifierPart(s[j]) { j += 1 }
        names.append(String(String.UnicodeScalarView(s[(i + 1)..<j])))
        i = j
        continue
      }
      i += 1
    }
    return names
  }
}
