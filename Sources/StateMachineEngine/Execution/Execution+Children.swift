#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

// What a core running child executions (`ExecutionGroup`, `sfn local`) needs from an execution besides the
// task-completion entry point: the TaskSubmitted event of a started child, and StopExecution.
extension Execution {
  /// Records `TaskSubmitted` with the service's answer (`{ExecutionArn, StartDate}`) for the pending task waiting
  /// on `taskToken`, as AWS records it for `.sync` and `.waitForTaskToken` integrations; false when no task waits.
  @discardableResult
  public func recordSubmitted(taskToken: String, output: JSON) -> Bool {
    guard state.status == .running, let id = state.pendingTasks[taskToken], let branch = state.branches[id] else {
      return false
    }
    let resource = TaskResource(stateDefinition(branch)["Resource"]?.stringValue ?? "")
    guard let event = TaskEvents(resource: resource, region: info.region).submitted(output) else { return false }
    emit(id, event.type, event.detailsKey, event.details)
    return true
  }

  /// Stops a running execution as StopExecution does: `ExecutionAborted` (with the error and cause given) and
  /// status ABORTED; its pending tasks and timers are dropped. Nothing happens once it has ended.
  public func abort(error: String? = nil, cause: String? = nil) {
    guard state.status == .running else { return }
    var details = JSONObject()
    if let error { details["error"] = .string(error) }
    if let cause { details["cause"] = .string(cause) }
    append(type: "ExecutionAborted", previous: state.nextEventId - 1, key: "executionAbortedEventDetails",
           details: details)
    finish(.aborted, error: error.map { StatesError($0, cause: cause) })
  }

  /// The execution as a finished child: DescribeExecution's fields for `StartExecutionTask.outcome`; nil while it
  /// runs.
  public var childResult: ChildExecutionResult? {
    guard state.status != .running else { return nil }
    return ChildExecutionResult(executionArn: info.executionArn, stateMachineArn: info.stateMachineArn,
                                name: info.name, status: state.status.rawValue, startDate: info.startTime,
                                stopDate: state.stopTime ?? now, input: info.input, output: state.output,
                                error: state.error?.error, cause: state.error?.cause)
  }
}
