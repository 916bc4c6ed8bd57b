#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

extension Execution {
  /// The kind of history events a Task's resource produces.
  enum TaskEventFamily {
    case task(resourceType: String, resource: String)
    case lambda
    case activity
  }

  func family(_ resource: TaskResource) -> TaskEventFamily {
    switch resource.kind {
    case .lambdaFunction: return .lambda
    case .activity: return .activity
    default: return .task(resourceType: resource.resourceType ?? "unknown", resource: resource.resourceName ?? resource.arn)
    }
  }

  /// An integer field given as a number, a `...Path` (JSONPath) or an expression (JSONata).
  func integerField(_ id: Int, _ def: StateDefinition, _ name: String, input: JSON) throws -> Int? {
    let branch = state.branches[id]!
    if def.queryLanguage == .jsonata {
      guard let value = try jsonata(id, def[name], field: name, states: statesBinding(id, input: input)) else {
        return nil
      }
      guard let n = value.intValue else {
        throw StatesError("States.QueryEvaluationError",
                          cause: "The JSONata expression specified for the field '\(name)' returned an unexpected "
                            + "result type. Expected 'integer', but was '\(value)'")
      }
      return n
    }
    if let n = def[name]?.intValue { return n }
    guard let path = def[name + "Path"]?.stringValue else { return nil }
    let value = try data.select(path, field: name + "Path", input: input, context: context(id),
                                variables: branch.variables)
    guard let n = value.intValue else {
      throw StatesError.runtime("The \(name)Path field refers to value \"\(value)\" which is not a valid integer: \(path)")
    }
    return n
  }

  /// Starts one attempt of the Task state branch `id` is in.
  func startAttempt(_ id: Int) throws {
    var branch = state.branches[id]!
    let def = stateDefinition(branch)
    let resourceText: String
    if def.queryLanguage == .jsonata, let r = def["Resource"], r.stringValue?.hasPrefix("{%") == true {
      resourceText = try jsonata(id, r, field: "Resource", states: statesBinding(id, input: branch.input))?
        .stringValue ?? ""
    } else {
      resourceText = def["Resource"]?.stringValue ?? ""
    }
    let resource = TaskResource(resourceText)
    let callback = resource.pattern == .waitForTaskToken || resource.kind == .activity
    let token = newToken()
    branch.attemptSerial += 1
    branch.taskToken = token
    branch.enteredTime = branch.retryCount == 0 ? branch.enteredTime : branch.enteredTime
    state.branches[id] = branch

    let parameters: JSON
    if def.queryLanguage == .jsonata {
      let states = JSONataStates(input: branch.input, context: context(id, token: callback ? token : nil))
      parameters = probed(id, "afterArguments",
                          try jsonata(id, def.arguments, field: "Arguments", states: states) ?? branch.input)
    } else {
      let effective = try effectiveInput(id, def)
      if let template = def.parameters {
        parameters = try data.payload(template, field: "Parameters", input: effective,
                                      context: context(id, token: callback ? token : nil), variables: branch.variables)
      } else {
        parameters = effective
      }
      _ = probed(id, "afterParameters", parameters)
    }
    let timeout = try integerField(id, def, "TimeoutSeconds", input: branch.input)
    let heartbeat = try integerField(id, def, "HeartbeatSeconds", input: branch.input)
    state.branches[id]?.taskParameters = parameters
    state.branches[id]?.heartbeatSeconds = heartbeat

    var timing: [(String, JSON)] = []
    if let timeout { timing.append(("timeoutInSeconds", .integer(timeout))) }
    if let heartbeat { timing.append(("heartbeatInSeconds", .integer(heartbeat))) }
    switch family(resource) {
    case .lambda:
      var details = JSONObject([("resource", .string(resource.arn)), ("input", EventDetails.text(parameters)),
                                ("inputDetails", EventDetails.notTruncated)])
      for (k, v) in timing { details[k] = v }
      emit(id, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details)
    case .activity:
      var details = JSONObject([("resource", .string(resource.arn)), ("input", EventDetails.text(parameters)),
                                ("inputDetails", EventDetails.notTruncated)])
      for (k, v) in timing { details[k] = v }
      emit(id, "ActivityScheduled", "activityScheduledEventDetails", details)
    case .task(let type, let name):
      var details = JSONObject([("resourceType", .string(type)), ("resource", .string(name)),
                                ("region", .string(info.region)), ("parameters", EventDetails.text(parameters))])
      for (k, v) in timing { details[k] = v }
      emit(id, "TaskScheduled", "taskScheduledEventDetails", details)
    }

    let invocation = TaskInvocation(executionArn: info.executionArn, stateName: def.name, resource: resource.arn,
                                    parameters: parameters, taskToken: token, timeoutSeconds: timeout,
                                    heartbeatSeconds: heartbeat, attempt: branch.retryCount)
    let outcome: TaskOutcome
    do {
      outcome = try tasks.start(invocation)
    } catch let e as StatesError {
      outcome = .failed(e)
    } catch {
      outcome = .failed(StatesError("States.TaskFailed", cause: "\(error)"))
    }
    let serial = state.branches[id]!.attemptSerial
    switch family(resource) {
    case .lambda: emit(id, "LambdaFunctionStarted")
    case .activity: break
    case .task(let type, let name):
      emit(id, "TaskStarted", "taskStartedEventDetails",
           JSONObject([("resourceType", .string(type)), ("resource", .string(name))]))
    }
    if case .pending = outcome {
      state.pendingTasks[token] = id
      if let timeout { addTimer(due: now + TimeInterval(timeout), branch: id, kind: .taskTimeout(serial: serial)) }
      if let heartbeat {
        addTimer(due: now + TimeInterval(heartbeat), branch: id, kind: .heartbeat(serial: serial))
      }
      return
    }
    try taskEnded(id, outcome)
  }

  /// Records how a task attempt ended, then processes its result or its error.
  func taskEnded(_ id: Int, _ outcome: TaskOutcome) throws {
    var branch = state.branches[id]!
    branch.continuation = .blocked
    branch.taskToken = nil
    state.branches[id] = branch
    let def = stateDefinition(branch)
    let resourceText = def["Resource"]?.stringValue ?? ""
    let resource = TaskResource(resourceText)
    let fam = family(resource)
    var result: JSON
    switch outcome {
    case .pending:
      return
    case .failed(let error):
      recordTaskFailure(id, fam, error)
      stateFailed(id, error)
      return
    case .succeeded(let value):
      result = value
    }
    if isOversized(result) {
      let name: String
      if case .task(let type, _) = fam { name = type } else { name = "lambda" }
      let error = sizeExceeded(name)
      recordTaskFailure(id, fam, error)
      stateFailed(id, error)
      return
    }
    switch fam {
    case .lambda: emit(id, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", EventDetails.output(result))
    case .activity: emit(id, "ActivitySucceeded", "activitySucceededEventDetails", EventDetails.output(result))
    case .task(let type, let name):
      emit(id, "TaskSucceeded", "taskSucceededEventDetails",
           EventDetails.output(result, extra: [("resourceType", .string(type)), ("resource", .string(name))]))
    }
    try processResult(id, def, result)
  }

  /// ResultSelector, ResultPath, OutputPath and Assign (JSONPath) or Output and Assign (JSONata) on a result,
  /// then the state's exit. Task, Parallel and Map share it.
  func processResult(_ id: Int, _ def: StateDefinition, _ result: JSON) throws {
    let branch = state.branches[id]!
    _ = probed(id, "result", result)
    if def.queryLanguage == .jsonata {
      let states = statesBinding(id, input: branch.input, result: result)
      let assigned = try assignments(id, def.assign, def, jsonPathInput: result, states: states)
      let output = try jsonata(id, def.output, field: "Output", states: states) ?? result
      try exitState(id, def, output: output, assigned: assigned, next: def.next)
      return
    }
    var selected = result
    if let selector = def.resultSelector {
      selected = try data.payload(selector, field: "ResultSelector", input: result, context: context(id),
                                  variables: branch.variables)
    }
    _ = probed(id, "afterResultSelector", selected)
    let assigned = try assignments(id, def.assign, def, jsonPathInput: selected, states: JSONataStates(input: .null))
    let output = try applyOutputPath(id, def.outputPath,
                                     probed(id, "afterResultPath", try applyResultPath(id, def.resultPath, selected)))
    try exitState(id, def, output: output, assigned: assigned, next: def.next)
  }

  func recordTaskFailure(_ id: Int, _ fam: TaskEventFamily, _ error: StatesError) {
    let timedOut = error.error == "States.Timeout" || error.error == "States.HeartbeatTimeout"
    switch fam {
    case .lambda:
      emit(id, timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
           timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails",
           EventDetails.failure(error))
    case .activity:
      emit(id, timedOut ? "ActivityTimedOut" : "ActivityFailed",
           timedOut ? "activityTimedOutEventDetails" : "activityFailedEventDetails", EventDetails.failure(error))
    case .task(let type, let name):
      let extra: [(String, JSON)] = [("resourceType", .string(type)), ("resource", .string(name))]
      emit(id, timedOut ? "TaskTimedOut" : "TaskFailed", timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails",
           EventDetails.failure(error, extra: extra))
    }
  }
}
