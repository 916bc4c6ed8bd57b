#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

extension Execution {
  /// Errors AWS raises from a state's own fields, whose causes it prefixes with the state and its entered event.
  static let fieldErrors: Set<String> = ["States.Runtime", "States.QueryEvaluationError", "States.IntrinsicFailure"]

  /// A state failed while evaluating its fields (or any other error thrown inside it).
  func dataFailure(_ id: Int, _ raw: StatesError, location: String? = nil, afterEvaluation: Bool = false) {
    guard let branch = state.branches[id] else { return }
    var error = raw
    if Self.fieldErrors.contains(error.error) {
      error.cause = "An error occurred while executing the state '\(branch.state)' (entered at the event id "
        + "#\(branch.enteredEventId)). " + (error.cause ?? "")
    }
    // States.Runtime is never retried or caught: the execution fails.
    if error.error == "States.Runtime" {
      runtimeFailure(id, error)
      return
    }
    stateFailed(id, error, location: location, afterEvaluation: afterEvaluation)
  }

  /// States.Runtime in branch `id` fails the execution it runs in: a Distributed Map child execution is an
  /// execution of its own on AWS, so only the child fails (its map run counts the failure against the tolerance);
  /// anywhere else the whole execution fails.
  func runtimeFailure(_ id: Int, _ error: StatesError) {
    if let branch = state.branches[id], let child = branch.child,
       endMapRunChild(child, error: error, aborted: false, lastEventId: branch.lastEventId) { return }
    failExecution(error, after: id)
  }

  /// Fails branch `id` with an error raised while handling another one (no retry, no catch).
  func unrecoverable(_ id: Int, _ raw: StatesError) {
    guard let branch = state.branches[id] else { return }
    var error = raw
    if Self.fieldErrors.contains(error.error) {
      error.cause = "An error occurred while executing the state '\(branch.state)' (entered at the event id "
        + "#\(branch.enteredEventId)). " + (error.cause ?? "")
    }
    if error.error == "States.Runtime" { runtimeFailure(id, error) } else { branchFailed(id, error) }
  }

  /// A state failed with `error`: retry it, catch it, or fail its branch.
  func stateFailed(_ id: Int, _ error: StatesError, location: String? = nil, afterEvaluation: Bool = false) {
    guard var branch = state.branches[id] else { return }
    let def = stateDefinition(branch)
    if let index = def.retriers.firstIndex(where: { ErrorMatcher.matches($0.errorEquals, error.error) }) {
      let retrier = def.retriers[index]
      if let probe, branch.parent == nil {
        branch.retrierAttempts[index] = max(branch.retrierAttempts[index], probe.retrierRetryCount)
        probe.retrier = index
      }
      if branch.retrierAttempts[index] < retrier.maxAttempts {
        let delay = retrier.interval(forRetry: branch.retrierAttempts[index])
        if let probe, branch.parent == nil {
          // A state under test reports that it would be retried instead of waiting for the retry.
          probe.ending = .retriable(index: index, backoff: delay, error: error)
          finish(.failed, error: error)
          return
        }
        branch.retrierAttempts[index] += 1
        branch.retryCount += 1
        branch.continuation = .blocked
        state.branches[id] = branch
        addTimer(due: now + (retrier.fullJitter ? delay * random() : delay), branch: id, kind: .retry)
        return
      }
    }
    if let index = def.catchers.firstIndex(where: { ErrorMatcher.matches($0.errorEquals, error.error) }) {
      let catcher = def.catchers[index]
      if let probe, branch.parent == nil { probe.catching = (index, error) }
      do {
        try caught(id, def, catcher, error)
      } catch {
        // The catcher's own fields failed: nothing catches that again.
        unrecoverable(id, (error as? StatesError) ?? (error as? FieldEvaluationFailure)?.error
                        ?? StatesError.runtime("\(error)"))
      }
      return
    }
    if error.error == "States.QueryEvaluationError" {
      var details = JSONObject([("error", .string(error.error)), ("cause", .string(error.cause ?? ""))])
      if let location { details["location"] = .string(location) }
      details["state"] = .string(def.name)
      let previous = afterEvaluation ? branch.lastEventId : branch.enteredPreviousEventId
      let eventId = append(type: "EvaluationFailed", previous: previous,
                           key: "evaluationFailedEventDetails", details: details, child: branch.child)
      if branch.recordsHistory { state.branches[id]?.lastEventId = eventId }
    }
    switch def.type {
    case .map: emit(id, "MapStateFailed")
    case .parallel: emit(id, "ParallelStateFailed")
    default: break
    }
    branchFailed(id, error)
  }

  /// The error output a catcher passes on: `{"Error": ..., "Cause": ...}`.
  static func errorOutput(_ error: StatesError) -> JSON {
    var o = JSONObject([("Error", .string(error.error))])
    if let cause = error.cause { o["Cause"] = .string(cause) }
    return .object(o)
  }

  func caught(_ id: Int, _ def: StateDefinition, _ catcher: Catcher, _ error: StatesError) throws {
    let branch = state.branches[id]!
    let errorOutput = Self.errorOutput(error)
    let output: JSON
    let assigned: [(String, JSON)]?
    if def.queryLanguage == .jsonata {
      let states = statesBinding(id, input: branch.input, errorOutput: errorOutput)
      assigned = try assignments(id, catcher.assign, def, jsonPathInput: errorOutput, states: states)
      output = try jsonata(id, catcher.output, field: "Output", states: states) ?? errorOutput
    } else {
      assigned = try assignments(id, catcher.assign, def, jsonPathInput: errorOutput, states: JSONataStates(input: .null))
      switch catcher.resultPath {
      case .absent: output = errorOutput
      case .null: output = branch.input
      case .path(let p): output = try data.merge(errorOutput, into: branch.input, at: p)
      }
    }
    switch def.type {
    case .map: emit(id, "MapStateFailed")
    case .parallel: emit(id, "ParallelStateFailed")
    default: break
    }
    try exitState(id, def, output: output, assigned: assigned, next: catcher.next)
  }
}
