#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

extension Execution {
  /// Runs branch `id` from its continuation until it ends or waits.
  func advance(_ id: Int) {
    guard let branch = state.branches[id] else { return }
    // Only a finished block's results matter to a redrive; copying a running block would copy its arrays.
    advancing = RedriveAnchor(branch: branch,
                              block: branch.continuation == .blockDone ? branch.block.flatMap { state.blocks[$0] } : nil)
    switch branch.continuation {
    case .blocked: return
    case .startIteration: startIteration(id)
    case .enter: enter(id)
    case .waitDone: guarded(id) { try self.finishWait(id) }
    case .attempt: guarded(id) { try self.startAttempt(id) }
    case .taskOutcome(let outcome): guarded(id) { try self.taskEnded(id, outcome) }
    case .reenter: guarded(id) { try self.startBlock(id) }
    case .blockDone: guarded(id) { try self.blockEnded(id) }
    }
  }

  /// Runs `body`; a `StatesError` it throws is the state's failure (data errors from its fields).
  func guarded(_ id: Int, _ body: () throws -> Void) {
    do {
      try body()
    } catch let error as StatesError {
      dataFailure(id, error)
    } catch let failure as FieldEvaluationFailure {
      dataFailure(id, failure.error, location: failure.location, afterEvaluation: failure.afterEvaluation)
    } catch {
      dataFailure(id, StatesError.runtime("\(error)"))
    }
  }

  func enter(_ id: Int) {
    guard var branch = state.branches[id] else { return }
    let def = stateDefinition(branch)
    branch.enteredTime = now
    branch.retryCount = 0
    branch.retrierAttempts = Array(repeating: 0, count: def.retriers.count)
    branch.enteredPreviousEventId = branch.lastEventId
    branch.continuation = .blocked
    state.branches[id] = branch
    let entered = emit(id, def.type.rawValue + "StateEntered", "stateEnteredEventDetails",
                       EventDetails.entered(def.name, input: branch.input))
    state.branches[id]?.enteredEventId = entered
    guarded(id) {
      switch def.type {
      case .pass: try self.runPass(id, def)
      case .choice: try self.runChoice(id, def)
      case .wait: try self.startWait(id, def)
      case .succeed: try self.runSucceed(id, def)
      case .fail: try self.runFail(id, def)
      case .task: try self.startAttempt(id)
      case .parallel, .map: try self.startBlock(id)
      }
    }
  }

  // MARK: - Field evaluation

  /// `$$` for branch `id`.
  func context(_ id: Int, token: String? = nil) -> JSON {
    let branch = state.branches[id]!
    let retries = [.task, .parallel, .map].contains(stateDefinition(branch).type) ? branch.retryCount : nil
    let built = ContextObject.build(info: info, stateName: branch.state, enteredTime: branch.enteredTime,
                                    retryCount: retries, taskToken: token, mapItem: branch.mapItem)
    return probe?.context(built) ?? built
  }

  /// `$states` for a JSONata field.
  func statesBinding(_ id: Int, input: JSON, result: JSON? = nil, errorOutput: JSON? = nil) -> JSONataStates {
    JSONataStates(input: input, result: result, errorOutput: errorOutput, context: context(id))
  }

  /// JSONPath InputPath applied to the branch's input.
  func effectiveInput(_ id: Int, _ def: StateDefinition) throws -> JSON {
    let branch = state.branches[id]!
    switch def.inputPath {
    case .absent: return probed(id, "afterInputPath", branch.input)
    case .null: return probed(id, "afterInputPath", .object(JSONObject()))
    case .path(let p):
      return probed(id, "afterInputPath", try data.select(p, field: "InputPath", input: branch.input,
                                                      context: context(id), variables: branch.variables))
    }
  }

  /// `value`, recorded as data-flow step `step` when branch `id` is the single state being tested.
  func probed(_ id: Int, _ step: String, _ value: JSON) -> JSON {
    if let probe, state.branches[id]?.parent == nil { probe.record(step, value) }
    return value
  }

  /// JSONPath OutputPath applied to `value`.
  func applyOutputPath(_ id: Int, _ path: PathField, _ value: JSON) throws -> JSON {
    switch path {
    case .absent: return value
    case .null: return .object(JSONObject())
    case .path(let p):
      return try data.select(p, field: "OutputPath", input: value, context: context(id),
                             variables: state.branches[id]!.variables)
    }
  }

  /// JSONPath ResultPath: `result` placed into the state's raw input.
  func applyResultPath(_ id: Int, _ path: PathField, _ result: JSON) throws -> JSON {
    let input = state.branches[id]!.input
    switch path {
    case .absent: return result
    case .null: return input
    case .path(let p): return try data.merge(result, into: input, at: p)
    }
  }

  /// The variables an `Assign` block sets, in its order, evaluated with the values from before the state.
  func assignments(_ id: Int, _ assign: JSON?, _ def: StateDefinition, jsonPathInput: JSON,
                   states: @autoclosure () -> JSONataStates) throws -> [(String, JSON)]? {
    guard let assign else { return nil }
    let branch = state.branches[id]!
    let value: JSON
    if def.queryLanguage == .jsonata {
      value = try data.evaluate(assign, field: "Assign", states: states(), variables: branch.variables,
                                expecting: nil)
    } else {
      value = try data.payload(assign, field: "Assign", input: jsonPathInput, context: context(id),
                               variables: branch.variables)
    }
    guard let object = value.objectValue else { return [] }
    // A key written `name.$` in JSONPath has been resolved to `name` by the template.
    return object.map { ($0.key, $0.value) }
  }

  /// Evaluates a JSONata field (`Output`, `Arguments`, `Items`...), or returns nil when the state lacks it.
  func jsonata(_ id: Int, _ value: JSON?, field: String, states: JSONataStates,
               expecting: JSONKind? = nil) throws -> JSON? {
    guard let value else { return nil }
    return try data.evaluate(value, field: field, states: states, variables: state.branches[id]!.variables,
                             expecting: expecting)
  }

  // MARK: - Simple states

  func runPass(_ id: Int, _ def: StateDefinition) throws {
    let input = state.branches[id]!.input
    if def.queryLanguage == .jsonata {
      let states = statesBinding(id, input: input)
      let assigned = try assignments(id, def.assign, def, jsonPathInput: input, states: states)
      let output = try jsonata(id, def.output, field: "Output", states: states) ?? input
      try exitState(id, def, output: output, assigned: assigned, next: def.next)
      return
    }
    let effective = try effectiveInput(id, def)
    let result: JSON
    if let fixed = def.result {
      result = fixed
    } else if let parameters = def.parameters {
      result = try data.payload(parameters, field: "Parameters", input: effective, context: context(id),
                                variables: state.branches[id]!.variables)
    } else {
      result = effective
    }
    _ = probed(id, "afterResultSelector", probed(id, "afterParameters", result))
    let assigned = try assignments(id, def.assign, def, jsonPathInput: result, states: JSONataStates(input: .null))
    let output = try applyOutputPath(id, def.outputPath,
                                     probed(id, "afterResultPath", try applyResultPath(id, def.resultPath, result)))
    try exitState(id, def, output: output, assigned: assigned, next: def.next)
  }

  func runChoice(_ id: Int, _ def: StateDefinition) throws {
    let branch = state.branches[id]!
    if def.queryLanguage == .jsonata {
      let states = statesBinding(id, input: branch.input)
      for choice in def.choices {
        let condition = try data.evaluate(choice.rule["Condition"] ?? .bool(false), field: "Condition",
                                          states: states, variables: branch.variables, expecting: .boolean)
        if condition.boolValue == true {
          let assigned = try assignments(id, choice.assign ?? def.assign, def, jsonPathInput: branch.input,
                                         states: states)
          let output = try jsonata(id, choice.output ?? def.output, field: "Output", states: states) ?? branch.input
          try exitState(id, def, output: output, assigned: assigned, next: choice.next)
          return
        }
      }
      guard let next = def.defaultNext else { throw StatesError("States.NoChoiceMatched", cause: nil) }
      let assigned = try assignments(id, def.assign, def, jsonPathInput: branch.input, states: states)
      let output = try jsonata(id, def.output, field: "Output", states: states) ?? branch.input
      try exitState(id, def, output: output, assigned: assigned, next: next)
      return
    }
    let effective = try effectiveInput(id, def)
    let ctx = context(id)
    var chosen: (next: String, assign: JSON?)?
    for choice in def.choices
    where try data.matches(choice.rule, input: effective, context: ctx, variables: branch.variables) {
      chosen = (choice.next, choice.assign ?? def.assign)
      break
    }
    if chosen == nil, let next = def.defaultNext { chosen = (next, def.assign) }
    guard let chosen else { throw StatesError("States.NoChoiceMatched", cause: nil) }
    let assigned = try assignments(id, chosen.assign, def, jsonPathInput: effective, states: JSONataStates(input: .null))
    let output = try applyOutputPath(id, def.outputPath, effective)
    try exitState(id, def, output: output, assigned: assigned, next: chosen.next)
  }

  func runSucceed(_ id: Int, _ def: StateDefinition) throws {
    let input = state.branches[id]!.input
    let output: JSON
    if def.queryLanguage == .jsonata {
      output = try jsonata(id, def.output, field: "Output", states: statesBinding(id, input: input)) ?? input
    } else {
      output = try applyOutputPath(id, def.outputPath, try effectiveInput(id, def))
    }
    try exitState(id, def, output: output, assigned: nil, next: nil)
  }

  func runFail(_ id: Int, _ def: StateDefinition) throws {
    let branch = state.branches[id]!
    var error: JSON?
    var cause: JSON?
    if def.queryLanguage == .jsonata {
      let states = statesBinding(id, input: branch.input)
      error = try jsonata(id, def["Error"], field: "Error", states: states)
      cause = try jsonata(id, def["Cause"], field: "Cause", states: states)
    } else {
      let ctx = context(id)
      error = try def["ErrorPath"]?.stringValue.map {
        try data.select($0, field: "ErrorPath", input: branch.input, context: ctx, variables: branch.variables)
      } ?? def["Error"]
      cause = try def["CausePath"]?.stringValue.map {
        try data.select($0, field: "CausePath", input: branch.input, context: ctx, variables: branch.variables)
      } ?? def["Cause"]
    }
    let failure = StatesError(error?.stringValue ?? "", cause: cause?.stringValue)
    branchFailed(id, failure, hasError: error != nil)
  }

  // MARK: - Wait

  func startWait(_ id: Int, _ def: StateDefinition) throws {
    let branch = state.branches[id]!
    let due: Date
    if def.queryLanguage == .jsonata {
      let states = statesBinding(id, input: branch.input)
      if let seconds = try jsonata(id, def["Seconds"], field: "Seconds", states: states) {
        guard let n = seconds.numberValue, n.isIntegral, let s = n.intValue, s >= 0 else {
          throw StatesError("States.QueryEvaluationError", cause: "The JSONata expression specified for the field "
                              + "'Seconds' returned an unexpected result type. Expected 'integer', but was '\(seconds)'")
        }
        due = now + TimeInterval(s)
      } else if let stamp = try jsonata(id, def["Timestamp"], field: "Timestamp", states: states) {
        guard let text = stamp.stringValue, let date = ISOTimestamp.parse(text) else {
          let error = StatesError("States.QueryEvaluationError", cause: "The Timestamp field cannot be parsed as an "
                                    + "ISO-8601 extended offset date-time format string: \(Self.plain(stamp))")
          throw FieldEvaluationFailure(error, location: "Timestamp", afterEvaluation: true)
        }
        due = date
      } else {
        due = now
      }
    } else if let seconds = def["Seconds"]?.intValue {
      due = now + TimeInterval(seconds)
    } else if let path = def["SecondsPath"]?.stringValue {
      let value = try data.select(path, field: "SecondsPath", input: try effectiveInput(id, def),
                                  context: context(id), variables: branch.variables)
      guard let n = value.numberValue, n.isIntegral, let s = n.intValue, s >= 0 else {
        throw StatesError.runtime("The SecondsPath parameter cannot be parsed as a long value: \(path) == \(value)")
      }
      due = now + TimeInterval(s)
    } else if let text = def["Timestamp"]?.stringValue {
      due = ISOTimestamp.parse(text) ?? now
    } else if let path = def["TimestampPath"]?.stringValue {
      let value = try data.select(path, field: "TimestampPath", input: try effectiveInput(id, def),
                                  context: context(id), variables: branch.variables)
      guard let text = value.stringValue, let date = ISOTimestamp.parse(text) else {
        let shown = value.stringValue ?? "\(value)"
        throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
                                    + "date-time format string: \(path) == \(shown)")
      }
      due = date
    } else {
      due = now
    }
    addTimer(due: max(due, now), branch: id, kind: .wait)
  }

  func finishWait(_ id: Int) throws {
    let branch = state.branches[id]!
    let def = stateDefinition(branch)
    if def.queryLanguage == .jsonata {
      let states = statesBinding(id, input: branch.input)
      let assigned = try assignments(id, def.assign, def, jsonPathInput: branch.input, states: states)
      let output = try jsonata(id, def.output, field: "Output", states: states) ?? branch.input
      try exitState(id, def, output: output, assigned: assigned, next: def.next)
      return
    }
    let effective = try effectiveInput(id, def)
    let assigned = try assignments(id, def.assign, def, jsonPathInput: effective, states: JSONataStates(input: .null))
    try exitState(id, def, output: try applyOutputPath(id, def.outputPath, effective), assigned: assigned,
                  next: def.next)
  }

  // MARK: - Leaving a state

  /// The cause AWS gives when a payload is over the limit.
  func sizeExceeded(_ name: String) -> StatesError {
    StatesError("States.DataLimitExceeded",
                cause: "The state/task '\(name)' returned a result with a size exceeding the maximum number of bytes "
                  + "service limit.")
  }

  /// True when `value`'s JSON text is over the payload limit.
  func isOversized(_ value: JSON) -> Bool {
    var bytes: [UInt8] = []
    JSONWriter.compact.write(value, into: &bytes)
    return bytes.count > Self.payloadLimit
  }

  /// Records the state's exit, applies its assignments and moves to `next` (or ends the branch).
  func exitState(_ id: Int, _ def: StateDefinition, output: JSON, assigned: [(String, JSON)]?,
                 next: String?) throws {
    if isOversized(output) { throw sizeExceeded(def.name) }
    emit(id, def.type.rawValue + "StateExited", "stateExitedEventDetails",
         EventDetails.exited(def.name, output: output, assigned: assigned))
    var branch = state.branches[id]!
    for (name, value) in assigned ?? [] { branch.variables[name] = value }
    if let probe, branch.parent == nil {
      // A single state under test ends here, whatever follows it.
      probe.variables = branch.variables
      probe.ending = .exited(next: def.type == .succeed ? nil : next, caught: probe.catching)
      state.branches[id] = branch
      finish(.succeeded, output: output)
      return
    }
    if let next, def.type != .succeed {
      branch.state = next
      branch.input = output
      branch.continuation = .enter
      state.branches[id] = branch
      state.ready.append(id)
    } else {
      state.branches[id] = branch
      branchSucceeded(id, output)
    }
  }

  /// A branch reached its end with `output`.
  func branchSucceeded(_ id: Int, _ output: JSON) {
    guard let branch = state.branches.removeValue(forKey: id) else { return }
    if let parent = branch.parent {
      childSucceeded(parent, branch: branch, output: output)
    } else {
      append(type: "ExecutionSucceeded", previous: branch.lastEventId, key: "executionSucceededEventDetails",
             details: EventDetails.output(output))
      finish(.succeeded, output: output)
    }
  }

  /// A branch failed with `error` that nothing caught (`hasError` false: a Fail state without an error name).
  func branchFailed(_ id: Int, _ error: StatesError, hasError: Bool = true) {
    guard let branch = state.branches.removeValue(forKey: id) else { return }
    removeTimers(branch: id)
    if let token = branch.taskToken { state.pendingTasks[token] = nil }
    if let parent = branch.parent {
      childFailed(parent, branch: branch, error: error)
    } else {
      var details = JSONObject()
      if hasError { details["error"] = .string(error.error) }
      if let cause = error.cause { details["cause"] = .string(cause) }
      append(type: "ExecutionFailed", previous: branch.lastEventId, key: "executionFailedEventDetails",
             details: details)
      finish(.failed, error: error)
    }
  }
}
