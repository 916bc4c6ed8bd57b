extension ASLChecker {
  /// Error names the service defines in the `States.` namespace.
  static let knownStatesErrors: Set<String> = [
    "States.ALL", "States.HeartbeatTimeout", "States.Timeout", "States.TaskFailed", "States.Permissions",
    "States.ResultPathMatchFailure", "States.ParameterPathFailure", "States.QueryEvaluationError",
    "States.BranchFailed", "States.NoChoiceMatched", "States.IntrinsicFailure",
    "States.ExceedToleratedFailureThreshold",
    "States.ItemReaderFailed", "States.ResultWriterFailed", "States.Runtime", "States.DataLimitExceeded",
  ]

  /// Retry and Catch arrays of a Task, Parallel or Map state.
  func checkErrorHandling(_ state: ASLNode, language: ASLQueryLanguage) {
    if let retry = state["Retry"] {
      if let retriers = retry.elements {
        for (i, r) in retriers.enumerated() { checkRetrier(r, isLast: i == retriers.count - 1) }
      } else {
        typeError(retry, name: "Retry", expected: "an array")
      }
    }
    if let catchNode = state["Catch"] {
      if let catchers = catchNode.elements {
        for (i, c) in catchers.enumerated() { checkCatcher(c, isLast: i == catchers.count - 1, language: language) }
        warnAboutSwallowedTimeouts(state, catchers: catchers)
      } else {
        typeError(catchNode, name: "Catch", expected: "an array")
      }
    }
  }

  private func checkRetrier(_ r: ASLNode, isLast: Bool) {
    guard r.isObject else { return typeError(r, name: "Retrier", expected: "an object") }
    rejectUnknownFields(r, allowed: ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                                     "JitterStrategy", "Comment"], in: "a Retrier")
    checkErrorEquals(r, isLast: isLast, what: "Retrier")
    integer(r, "IntervalSeconds", in: 1...99_999_999)
    integer(r, "MaxAttempts", in: 0...99_999_999)
    integer(r, "MaxDelaySeconds", in: 1...31_622_400)
    enumValue(r, "JitterStrategy", ["FULL", "NONE"])
    string(r, "Comment", nonEmpty: false)
    if let rate = r["BackoffRate"] {
      if let value = rate.number {
        // Integer literals are accepted: AWS takes `"BackoffRate": 2` (the CDK writes it for every retry), although
        // statelint types the field as a float and rejects them.
        if value < 1 {
          error("'BackoffRate' is \(rate.literalText) but must be at least 1.0", at: rate, code: "out-of-range")
        }
      } else {
        typeError(rate, name: "BackoffRate", expected: "a number")
      }
    }
  }

  private func checkCatcher(_ c: ASLNode, isLast: Bool, language: ASLQueryLanguage) {
    guard c.isObject else { return typeError(c, name: "Catcher", expected: "an object") }
    var allowed: Set<String> = ["ErrorEquals", "Next", "Comment", "Assign"]
    if language == .jsonPath { allowed.insert("ResultPath") } else { allowed.insert("Output") }
    for m in c.members where !allowed.contains(m.key) {
      let hint = m.key == "ResultPath" ? " when QueryLanguage is JSONata (use Output or Assign)"
        : m.key == "Output" ? " when QueryLanguage is JSONPath" : ""
      error("Field '\(m.key)' is not allowed in a Catcher\(hint)", key: m, code: "field-not-allowed")
    }
    checkErrorEquals(c, isLast: isLast, what: "Catcher")
    requireField(c, "Next", in: "A Catcher")
    string(c, "Next")
    string(c, "Comment", nonEmpty: false)
    if language == .jsonPath { pathField(c, "ResultPath", .destination, nullable: true) }
    if let assign = object(c, "Assign") { checkAssign(assign, language: language) }
  }

  /// ErrorEquals is a non-empty array of names; States.ALL stands alone, in the last retrier or catcher.
  private func checkErrorEquals(_ object: ASLNode, isLast: Bool, what: String) {
    requireField(object, "ErrorEquals", in: "A \(what)")
    guard let node = object["ErrorEquals"] else { return }
    guard let names = node.elements else { return typeError(node, name: "ErrorEquals", expected: "an array") }
    if names.isEmpty {
      error("'ErrorEquals' must not be empty", at: node, code: "empty-error-equals")
      return
    }
    for n in names {
      guard let name = n.string else {
        typeError(n, name: "ErrorEquals", expected: "an array of strings")
        continue
      }
      if name.isEmpty {
        error("Error names must not be empty", at: n, code: "empty-string")
      } else if name == "States.ALL" {
        if names.count > 1 {
          error("'States.ALL' must appear alone in ErrorEquals", at: n, code: "states-all-not-alone")
        }
        if !isLast {
          error("A \(what) with 'States.ALL' must be the last one", at: n, code: "states-all-not-last")
        }
      } else if name.hasPrefix("States."), !Self.knownStatesErrors.contains(name) {
        warning("'\(name)' is not an error Step Functions raises; check the spelling", at: n,
                code: "unknown-states-error")
      }
    }
  }

  /// A catch-all catcher also takes the state's own timeouts unless an earlier catcher handles them.
  private func warnAboutSwallowedTimeouts(_ state: ASLNode, catchers: [ASLNode]) {
    let timed = ["TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"]
    guard timed.contains(where: { state.member($0) != nil }) else { return }
    var timeoutHandled = false
    for c in catchers {
      let names = (c["ErrorEquals"]?.elements ?? []).compactMap(\.string)
      if names.contains("States.Timeout") || names.contains("States.HeartbeatTimeout") { timeoutHandled = true }
      if names == ["States.ALL"], !timeoutHandled, let node = c["ErrorEquals"]?.elements?.first {
        warning("Catch on States.ALL also catches States.Timeout from this state's timeout; add a catcher for "
                  + "States.Timeout before it if timeouts need different handling", at: node,
                code: "catch-all-swallows-timeout")
      }
    }
  }
}
