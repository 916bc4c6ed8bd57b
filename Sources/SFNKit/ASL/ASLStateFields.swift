/// Which fields each state type allows, requires, and under which query language.
struct ASLStateSpec {
  /// Fields allowed in both query languages.
  let common: Set<String>
  /// Fields allowed only when the state's query language is JSONPath.
  let jsonPathOnly: Set<String>
  /// Fields allowed only when the state's query language is JSONata.
  let jsonataOnly: Set<String>
  /// Fields that must be present.
  let required: [String]
  /// True for states that continue somewhere: they need exactly one of `Next` or `"End": true`.
  let needsTransition: Bool

  private static let base: Set<String> = ["Type", "Comment", "QueryLanguage"]
  private static let flow: Set<String> = ["Next", "End", "Assign"]
  private static let io: Set<String> = ["InputPath", "OutputPath"]
  private static let result: Set<String> = ["Parameters", "ResultPath", "ResultSelector"]

  /// The spec of every state type, by its `Type` string.
  static let byType: [String: ASLStateSpec] = [
    "Pass": ASLStateSpec(
      common: base.union(flow), jsonPathOnly: io.union(["Parameters", "ResultPath", "Result"]),
      jsonataOnly: ["Output"], required: [], needsTransition: true),
    "Task": ASLStateSpec(
      common: base.union(flow).union(["Resource", "Credentials", "TimeoutSeconds", "HeartbeatSeconds", "Retry",
                                      "Catch"]),
      jsonPathOnly: io.union(result).union(["TimeoutSecondsPath", "HeartbeatSecondsPath"]),
      jsonataOnly: ["Arguments", "Output"], required: ["Resource"], needsTransition: true),
    "Choice": ASLStateSpec(
      common: base.union(["Choices", "Default", "Assign"]), jsonPathOnly: io, jsonataOnly: ["Output"],
      required: ["Choices"], needsTransition: false),
    "Wait": ASLStateSpec(
      common: base.union(flow).union(["Seconds", "Timestamp"]),
      jsonPathOnly: io.union(["SecondsPath", "TimestampPath"]), jsonataOnly: ["Output"], required: [],
      needsTransition: true),
    "Succeed": ASLStateSpec(
      common: base, jsonPathOnly: io, jsonataOnly: ["Output"], required: [], needsTransition: false),
    "Fail": ASLStateSpec(
      common: base.union(["Error", "Cause"]), jsonPathOnly: ["ErrorPath", "CausePath"], jsonataOnly: [],
      required: [], needsTransition: false),
    "Parallel": ASLStateSpec(
      common: base.union(flow).union(["Branches", "Retry", "Catch"]), jsonPathOnly: io.union(result),
      jsonataOnly: ["Arguments", "Output"], required: ["Branches"], needsTransition: true),
    "Map": ASLStateSpec(
      common: base.union(flow).union(["ItemProcessor", "Iterator", "ItemReader", "ItemSelector", "ItemBatcher",
                                      "ResultWriter", "MaxConcurrency", "ToleratedFailurePercentage",
                                      "ToleratedFailureCount", "Label", "Retry", "Catch"]),
      jsonPathOnly: io.union(result).union(["ItemsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath",
                                            "ToleratedFailureCountPath"]),
      jsonataOnly: ["Items", "Output"], required: [], needsTransition: true),
  ]

  /// The JSONata replacement to suggest for a JSONPath-only field.
  static let jsonataReplacement: [String: String] = [
    "Parameters": "Arguments", "ResultSelector": "Output", "ResultPath": "Output or Assign", "OutputPath": "Output",
    "InputPath": "$states.input in expressions", "ItemsPath": "Items", "Result": "Output",
    "TimeoutSecondsPath": "TimeoutSeconds with an expression", "HeartbeatSecondsPath":
      "HeartbeatSeconds with an expression", "SecondsPath": "Seconds with an expression",
    "TimestampPath": "Timestamp with an expression", "ErrorPath": "Error with an expression",
    "CausePath": "Cause with an expression", "MaxConcurrencyPath": "MaxConcurrency with an expression",
    "ToleratedFailurePercentagePath": "ToleratedFailurePercentage with an expression",
    "ToleratedFailureCountPath": "ToleratedFailureCount with an expression",
  ]
}

extension ASLChecker {
  /// Checks the state's fields against its type and query language, and its Next/End transition.
  func checkStateFields(_ state: ASLNode, type: String, spec: ASLStateSpec, language: ASLQueryLanguage) {
    for m in state.members {
      if spec.common.contains(m.key) { continue }
      if spec.jsonPathOnly.contains(m.key) {
        if language == .jsonata {
          let hint = ASLStateSpec.jsonataReplacement[m.key].map { " (use \($0))" } ?? ""
          error("Field '\(m.key)' is not allowed when QueryLanguage is JSONata\(hint)", key: m,
                code: "jsonpath-field-in-jsonata")
        }
        continue
      }
      if spec.jsonataOnly.contains(m.key) {
        if language == .jsonPath {
          error("Field '\(m.key)' is only allowed when QueryLanguage is JSONata", key: m,
                code: "jsonata-field-in-jsonpath")
        }
        continue
      }
      error("Field '\(m.key)' is not allowed in a \(type) state", key: m, code: "field-not-allowed")
    }
    for key in spec.required { requireField(state, key, in: "\(type) state") }
    if spec.needsTransition { checkTransition(state, type: type) }
  }

  /// `Next` and `End` are exclusive and one of them is required.
  private func checkTransition(_ state: ASLNode, type: String) {
    let next = state.member("Next")
    let end = state.member("End")
    if next != nil { string(state, "Next") }
    var ends = false
    if let end {
      if let b = end.value.bool { ends = b } else { typeError(end.value, name: "End", expected: "a boolean") }
    }
    if let next, ends {
      error("A state cannot have both 'Next' and \"End\": true", key: next, code: "next-and-end")
    } else if next == nil && !ends {
      error("\(type) state needs either 'Next' or \"End\": true", at: state, code: "missing-transition")
    }
  }
}
