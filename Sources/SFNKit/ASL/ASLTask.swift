extension ASLChecker {
  /// Errors Lambda raises for transient service problems; AWS recommends retrying them on every Lambda task.
  static let lambdaTransientErrors = ["Lambda.ServiceException", "Lambda.AWSLambdaException",
                                      "Lambda.SdkClientException", "Lambda.TooManyRequestsException"]

  /// Task: Resource, timeouts and heartbeats, credentials, and best-practice warnings.
  func checkTask(_ state: ASLNode, language: ASLQueryLanguage) {
    let kind = state["Resource"].flatMap { checkTaskResource($0) }
    exclusive(state, ["TimeoutSeconds", "TimeoutSecondsPath"])
    exclusive(state, ["HeartbeatSeconds", "HeartbeatSecondsPath"])
    let expressions = language == .jsonata
    let timeout = integer(state, "TimeoutSeconds", in: 1...99_999_999, expressionAllowed: expressions)
    let heartbeat = integer(state, "HeartbeatSeconds", in: 1...99_999_999, expressionAllowed: expressions)
    if let timeout, let heartbeat, heartbeat >= timeout, let node = state["HeartbeatSeconds"] {
      error("'HeartbeatSeconds' (\(heartbeat)) must be smaller than 'TimeoutSeconds' (\(timeout))", at: node,
            code: "heartbeat-not-below-timeout")
    }
    pathField(state, "TimeoutSecondsPath", .reference)
    pathField(state, "HeartbeatSecondsPath", .reference)
    if let credentials = state["Credentials"] {
      if credentials.isObject {
        if language == .jsonPath { payloadTemplate(credentials, field: "Credentials") }
      } else if !(expressions && ASLJSONata.isExpression(credentials)) {
        typeError(credentials, name: "Credentials", expected: "an object")
      }
    }
    if let kind, let resource = state["Resource"] { warnAboutTask(state, kind: kind, resource: resource) }
  }

  private func warnAboutTask(_ state: ASLNode, kind: ASLResourceARN.Kind, resource: ASLNode) {
    var isLambda = kind == .lambdaFunction
    var waitsForToken = kind == .activity
    if case .integration(let service, let action, let pattern) = kind {
      isLambda = service == "lambda" && action == "invoke"
      waitsForToken = pattern == ".waitForTaskToken"
    }
    if isLambda {
      let missing = missingLambdaRetries(state)
      if !missing.isEmpty {
        warning("Lambda task has no Retry for the transient Lambda errors " + missing.joined(separator: ", ")
                  + "; AWS recommends retrying them", at: resource, code: "lambda-without-retry")
      }
    }
    let timed = ["TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"]
    if waitsForToken && !timed.contains(where: { state.member($0) != nil }) {
      let what = kind == .activity ? "An activity task" : "A task waiting for a task token"
      warning("\(what) without TimeoutSeconds or HeartbeatSeconds can wait up to a year for a lost worker",
              at: resource, code: "wait-without-timeout")
    }
  }

  /// The transient Lambda errors no retrier (with attempts left) covers.
  private func missingLambdaRetries(_ state: ASLNode) -> [String] {
    var covered: Set<String> = []
    for retrier in state["Retry"]?.elements ?? [] where retrier["MaxAttempts"]?.integer != 0 {
      for e in retrier["ErrorEquals"]?.elements ?? [] { if let s = e.string { covered.insert(s) } }
    }
    if covered.contains("States.ALL") || covered.contains("States.TaskFailed") { return [] }
    return Self.lambdaTransientErrors.filter { !covered.contains($0) }
  }
}
