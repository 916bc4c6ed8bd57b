extension ASLChecker {
  /// The value a data-test comparator expects.
  private enum Operand {
    case string, number, bool, timestamp, path
  }

  /// Every Choice Rule comparator and what it compares against.
  private static let comparators: [String: Operand] = {
    var table: [String: Operand] = [
      "StringMatches": .string, "BooleanEquals": .bool, "BooleanEqualsPath": .path, "IsNull": .bool,
      "IsPresent": .bool, "IsNumeric": .bool, "IsString": .bool, "IsBoolean": .bool, "IsTimestamp": .bool,
    ]
    let relations = ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"]
    for (prefix, operand) in [("String", Operand.string), ("Numeric", .number), ("Timestamp", .timestamp)] {
      for r in relations {
        table[prefix + r] = operand
        table[prefix + r + "Path"] = .path
      }
    }
    return table
  }()

  /// Choice: a non-empty array of rules, an optional Default, and a warning when nothing catches a non-match.
  func checkChoice(_ state: ASLNode, language: ASLQueryLanguage) {
    if let d = state["Default"], d.string == nil { typeError(d, name: "Default", expected: "a string") }
    if let choices = state["Choices"] {
      guard let rules = choices.elements else { return typeError(choices, name: "Choices", expected: "an array") }
      if rules.isEmpty { error("'Choices' must contain at least one rule", at: choices, code: "empty-array") }
      for rule in rules { checkChoiceRule(rule, topLevel: true, language: language) }
    }
    if state.member("Default") == nil {
      warning("Choice state has no Default: when no rule matches, the execution fails with States.NoChoiceMatched",
              at: state, code: "choice-without-default")
    }
  }

  private func checkChoiceRule(_ rule: ASLNode, topLevel: Bool, language: ASLQueryLanguage) {
    guard rule.isObject else { return typeError(rule, name: "Choice rule", expected: "an object") }
    if topLevel {
      requireField(rule, "Next", in: "A top-level Choice rule")
      string(rule, "Next")
    } else if let next = rule.member("Next") {
      error("Only top-level Choice rules may have 'Next'; nested rules inside And/Or/Not may not", key: next,
            code: "nested-next")
    }
    string(rule, "Comment", nonEmpty: false)
    if language == .jsonata {
      checkJSONataRule(rule, topLevel: topLevel)
    } else {
      checkJSONPathRule(rule, topLevel: topLevel)
    }
  }

  private func checkJSONataRule(_ rule: ASLNode, topLevel: Bool) {
    let allowed: Set<String> = topLevel ? ["Condition", "Next", "Comment", "Assign", "Output"]
      : ["Condition", "Comment"]
    rejectUnknownFields(rule, allowed: allowed, in: "a JSONata Choice rule (use 'Condition')")
    requireField(rule, "Condition", in: "A JSONata Choice rule")
    if let c = rule["Condition"], c.bool == nil, !ASLJSONata.isExpression(c) {
      error("'Condition' must be a JSONata expression ({% ... %}) or a boolean", at: c, code: "invalid-condition")
    }
    if let assign = object(rule, "Assign") { checkAssign(assign, language: .jsonata) }
  }

  private func checkJSONPathRule(_ rule: ASLNode, topLevel: Bool) {
    var allowed: Set<String> = ["Variable", "And", "Or", "Not", "Next", "Comment"]
    if topLevel { allowed.insert("Assign") }
    let operators = rule.members.filter { Self.comparators[$0.key] != nil }
    for m in rule.members where !allowed.contains(m.key) && Self.comparators[m.key] == nil {
      let hint = m.key == "Condition" ? " (Condition needs QueryLanguage JSONata)" : ""
      error("Field '\(m.key)' is not allowed in a Choice rule\(hint)", key: m, code: "field-not-allowed")
    }
    let combinators = ["And", "Or", "Not"].compactMap { rule.member($0) }
    if let assign = object(rule, "Assign") { checkAssign(assign, language: .jsonPath) }
    if combinators.isEmpty {
      guard rule.member("Variable") != nil else {
        error("Choice rule needs 'Variable' and a comparison operator, or one of 'And', 'Or', 'Not'", at: rule,
              code: "invalid-choice-rule")
        return
      }
      pathField(rule, "Variable", .reference)
      if operators.isEmpty {
        error("Choice rule has 'Variable' but no comparison operator such as StringEquals or IsPresent", at: rule,
              code: "invalid-choice-rule")
      }
      for extra in operators.dropFirst() {
        error("Choice rule may have only one comparison operator; found '\(operators[0].key)' and '\(extra.key)'",
              key: extra, code: "invalid-choice-rule")
      }
      for op in operators { checkOperand(op) }
      return
    }
    for extra in combinators.dropFirst() {
      error("Choice rule may use only one of 'And', 'Or', 'Not'", key: extra, code: "invalid-choice-rule")
    }
    if let v = rule.member("Variable") {
      error("'Variable' cannot be combined with '\(combinators[0].key)'", key: v, code: "invalid-choice-rule")
    }
    for op in operators {
      error("'\(op.key)' cannot be combined with '\(combinators[0].key)'", key: op, code: "invalid-choice-rule")
    }
    let combinator = combinators[0]
    if combinator.key == "Not" {
      checkChoiceRule(combinator.value, topLevel: false, language: .jsonPath)
    } else if let items = combinator.value.elements {
      if items.isEmpty {
        error("'\(combinator.key)' must contain at least one rule", at: combinator.value, code: "empty-array")
      }
      for item in items { checkChoiceRule(item, topLevel: false, language: .jsonPath) }
    } else {
      typeError(combinator.value, name: combinator.key, expected: "an array of rules")
    }
  }

  private func checkOperand(_ op: ASLMember) {
    let value = op.value
    switch Self.comparators[op.key]! {
    case .string:
      if value.string == nil { typeError(value, name: op.key, expected: "a string") }
    case .number:
      if value.number == nil { typeError(value, name: op.key, expected: "a number") }
    case .bool:
      if value.bool == nil { typeError(value, name: op.key, expected: "a boolean") }
    case .timestamp:
      guard let s = value.string else { return typeError(value, name: op.key, expected: "a timestamp string") }
      if !Self.isTimestamp(s) {
        error("'\(op.key)' must be an RFC 3339 timestamp such as 2024-01-31T23:59:59Z", at: value,
              code: "invalid-timestamp")
      }
    case .path:
      guard let s = value.string else { return typeError(value, name: op.key, expected: "a path string") }
      pathOrCall(s, at: value, name: op.key, .reference, intrinsic: false)
    }
  }
}
