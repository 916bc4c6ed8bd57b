#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// What a `states:startExecution` Task asks the engine to start.
public struct ChildExecutionRequest: Sendable, Equatable {
  /// The child's state machine (`StateMachineArn`).
  public var stateMachineArn: String
  /// The execution name (`Name`), nil to let the engine choose one.
  public var name: String?
  /// The child's input: `Input` as given (an object, or JSON text parsed), `{}` when absent or null.
  public var input: JSON
  /// The parent execution's ARN.
  public var parentExecutionArn: String
  /// The parent Task's state name.
  public var parentStateName: String
  /// The integration pattern: request-response, `.sync`, `.sync:2` or `.waitForTaskToken`.
  public var pattern: TaskResource.Pattern
  /// The parent task's token: for `.sync` the engine completes the parent with it when the child ends.
  public var parentTaskToken: String?

  /// A request with these parts.
  public init(stateMachineArn: String, name: String?, input: JSON, parentExecutionArn: String,
              parentStateName: String, pattern: TaskResource.Pattern, parentTaskToken: String?) {
    self.stateMachineArn = stateMachineArn
    self.name = name
    self.input = input
    self.parentExecutionArn = parentExecutionArn
    self.parentStateName = parentStateName
    self.pattern = pattern
    self.parentTaskToken = parentTaskToken
  }
}

/// A child execution just started: StartExecution's answer.
public struct ChildExecutionStarted: Sendable, Equatable {
  /// The child's execution ARN.
  public var executionArn: String
  /// When it started.
  public var startDate: Date

  /// A started child.
  public init(executionArn: String, startDate: Date) {
    self.executionArn = executionArn
    self.startDate = startDate
  }
}

/// A finished child execution, as DescribeExecution describes it.
public struct ChildExecutionResult: Sendable, Equatable {
  /// The child's execution ARN.
  public var executionArn: String
  /// Its state machine's ARN.
  public var stateMachineArn: String
  /// Its name.
  public var name: String
  /// `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`.
  public var status: String
  /// When it started.
  public var startDate: Date
  /// When it ended.
  public var stopDate: Date
  /// Its input.
  public var input: JSON
  /// Its output (SUCCEEDED only).
  public var output: JSON?
  /// Its error (FAILED, TIMED_OUT, ABORTED), when it has one.
  public var error: String?
  /// Its cause, when it has one.
  public var cause: String?

  /// A finished child with these parts.
  public init(executionArn: String, stateMachineArn: String, name: String, status: String, startDate: Date,
              stopDate: Date, input: JSON, output: JSON? = nil, error: String? = nil, cause: String? = nil) {
    self.executionArn = executionArn
    self.stateMachineArn = stateMachineArn
    self.name = name
    self.status = status
    self.startDate = startDate
    self.stopDate = stopDate
    self.input = input
    self.output = output
    self.error = error
    self.cause = cause
  }
}

/// The engine core's side of nested executions: it knows the state machines and runs children in the engine.
///
/// For `.sync` and `.sync:2` the core, when the child ends, completes the parent task (token
/// `request.parentTaskToken`) with `StartExecutionTask.outcome(pattern:child:)`; it may record `TaskSubmitted`
/// with `TaskEvents.submitted(StartExecutionTask.startedOutput(started))` when it starts the child.
public protocol ChildExecutionStarter: AnyObject {
  /// Starts a child execution; throws a `StatesError` when it cannot (unknown state machine, name in use).
  func startChildExecution(_ request: ChildExecutionRequest) throws -> ChildExecutionStarted
}

/// The results `states:startExecution` tasks give, as AWS shapes them.
public enum StartExecutionTask {
  /// The request-response result: `{"ExecutionArn", "StartDate"}` (epoch milliseconds, as Step Functions writes
  /// dates in integration results).
  public static func startedOutput(_ started: ChildExecutionStarted) -> JSON {
    .object(JSONObject([("ExecutionArn", .string(started.executionArn)),
                        ("StartDate", .integer(milliseconds(started.startDate)))]))
  }

  /// The outcome of a `.sync` / `.sync:2` task whose child ended: success with the DescribeExecution shape (Input
  /// and Output as JSON text for `.sync`, parsed for `.sync:2`), or `States.TaskFailed` whose cause is that shape.
  public static func outcome(pattern: TaskResource.Pattern, child: ChildExecutionResult) -> TaskOutcome {
    let parsed = pattern == .sync2
    var o = JSONObject()
    o["ExecutionArn"] = .string(child.executionArn)
    o["Input"] = parsed ? child.input : .string(JSONWriter.compact.string(child.input))
    o["InputDetails"] = ["Included": true]
    o["Name"] = .string(child.name)
    if let output = child.output {
      o["Output"] = parsed ? output : .string(JSONWriter.compact.string(output))
      o["OutputDetails"] = ["Included": true]
    }
    if let error = child.error { o["Error"] = .string(error) }
    if let cause = child.cause { o["Cause"] = .string(cause) }
    o["StartDate"] = .integer(milliseconds(child.startDate))
    o["StateMachineArn"] = .string(child.stateMachineArn)
    o["Status"] = .string(child.status)
    o["StopDate"] = .integer(milliseconds(child.stopDate))
    guard child.status == "SUCCEEDED" else {
      return .failed(StatesError("States.TaskFailed", cause: JSONWriter.compact.string(.object(o))))
    }
    return .succeeded(.object(o))
  }

  /// The request a task's parameters make, or the `States.Runtime` error AWS's validation would give.
  public static func request(for task: TaskInvocation) throws -> ChildExecutionRequest {
    guard let parameters = task.parameters.objectValue else {
      throw StatesError.runtime("states:startExecution in state '\(task.stateName)' needs an object of "
                                  + "parameters with StateMachineArn")
    }
    guard let machine = parameters["StateMachineArn"]?.stringValue else {
      throw StatesError.runtime("states:startExecution in state '\(task.stateName)' needs the parameter "
                                  + "StateMachineArn (a string)")
    }
    var input = JSON.object(JSONObject())
    switch parameters["Input"] {
    case nil, .null?:
      break
    case .string(let text)?:
      do {
        input = try JSONParser.parse(text)
      } catch {
        throw StatesError("States.TaskFailed", cause: "The Input of states:startExecution in state "
                            + "'\(task.stateName)' is a string that is not JSON: \(error)")
      }
    case let value?:
      input = value
    }
    return ChildExecutionRequest(stateMachineArn: machine, name: parameters["Name"]?.stringValue, input: input,
                                 parentExecutionArn: task.executionArn, parentStateName: task.stateName,
                                 pattern: task.classifiedResource.pattern, parentTaskToken: task.taskToken)
  }

  private static func milliseconds(_ date: Date) -> Int {
    Int((date.timeIntervalSince1970 * 1000).rounded())
  }
}

/// Runs `states:startExecution` tasks as child executions in the engine (through the core's
/// `ChildExecutionStarter`): request-response answers at once; `.sync`, `.sync:2` and `.waitForTaskToken` are
/// pending until the child ends or sends the token back.
public final class StartExecutionTaskSource: TaskSource {
  private let starter: ChildExecutionStarter

  /// A source starting children through `starter`.
  public init(starter: ChildExecutionStarter) {
    self.starter = starter
  }

  /// Starts the child for a `states:startExecution` task; nil for any other resource.
  public func outcome(for task: TaskInvocation) throws -> TaskOutcome? {
    guard task.classifiedResource.isStartExecution else { return nil }
    let request: ChildExecutionRequest
    do {
      request = try StartExecutionTask.request(for: task)
    } catch let error as StatesError where error.error != "States.Runtime" {
      return .failed(error)
    }
    let started = try starter.startChildExecution(request)
    switch request.pattern {
    case .requestResponse: return .succeeded(StartExecutionTask.startedOutput(started))
    case .sync, .sync2, .waitForTaskToken: return .pending
    }
  }
}
