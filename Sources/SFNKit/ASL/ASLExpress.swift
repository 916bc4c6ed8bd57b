/// A state machine's type, as CreateStateMachine's `type` names it.
public enum StateMachineType: String, Sendable, CaseIterable {
  case standard = "STANDARD"
  case express = "EXPRESS"
}

/// What an EXPRESS state machine cannot do. AWS is the reference: CreateStateMachine rejects an EXPRESS definition
/// with an activity or a `.sync` / `.waitForTaskToken` integration ("SCHEMA_VALIDATION_FAILED: Express state
/// machine does not support ..."), so those are errors; waits and timeouts beyond the 5 minutes an Express
/// execution may run are accepted at creation and only fail the execution, so they are warnings.
extension ASLChecker {
  /// The longest an EXPRESS execution runs, in seconds.
  static let expressLimitSeconds = 300

  /// Checks every state of the machine, nested ones included, against the EXPRESS limits.
  func checkExpress(_ root: ASLNode) {
    guard root.isObject else { return }
    if let timeout = root["TimeoutSeconds"], let seconds = timeout.integer, seconds > Self.expressLimitSeconds {
      warning("TimeoutSeconds \(seconds) is over the 5 minutes (300 seconds) an EXPRESS execution may run; it "
                + "times out at 5 minutes", at: timeout, code: "express-duration")
    }
    checkExpressScope(root)
  }

  private func checkExpressScope(_ scope: ASLNode) {
    guard let states = scope["States"], states.isObject else { return }
    for member in states.members where member.value.isObject {
      let state = member.value
      switch state["Type"]?.string {
      case "Task": checkExpressTask(state, name: member.key)
      case "Wait":
        if let node = state["Seconds"], let seconds = node.integer, seconds > Self.expressLimitSeconds {
          warning("Wait state '\(member.key)' waits \(seconds) seconds, longer than the 5 minutes an EXPRESS "
                    + "execution may run; the execution would time out first", at: node, code: "express-duration")
        }
      case "Parallel":
        for branch in state["Branches"]?.elements ?? [] { checkExpressScope(branch) }
      case "Map":
        if let processor = state["ItemProcessor"] ?? state["Iterator"] { checkExpressScope(processor) }
      default: break
      }
    }
  }

  private func checkExpressTask(_ state: ASLNode, name: String) {
    if let resource = state["Resource"], let text = resource.string, let arn = ASLResourceARN(text) {
      switch try? arn.classify().get() {
      case .activity?:
        error("Task '\(name)' runs an activity; EXPRESS state machines do not support activities (AWS rejects the "
                + "definition). Use --type STANDARD, or a Lambda function or service integration", at: resource,
              code: "express-unsupported")
      case .integration(_, _, let pattern)? where !pattern.isEmpty:
        let kind = pattern == ".waitForTaskToken" ? "Wait for Callback (.waitForTaskToken)" : "Run a Job (\(pattern))"
        error("Task '\(name)' uses the \(kind) pattern; EXPRESS state machines support Request Response "
                + "integrations only (AWS rejects the definition). Use --type STANDARD, or drop '\(pattern)'",
              at: resource, code: "express-unsupported")
      default: break
      }
    }
    for key in ["TimeoutSeconds", "HeartbeatSeconds"] {
      if let node = state[key], let seconds = node.integer, seconds > Self.expressLimitSeconds {
        warning("Task '\(name)' \(key) \(seconds) is over the 5 minutes an EXPRESS execution may run; the "
                  + "execution times out first", at: node, code: "express-duration")
      }
    }
  }
}
