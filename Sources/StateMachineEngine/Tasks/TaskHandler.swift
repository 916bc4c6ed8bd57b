import SFNKit

/// Runs the work a Task state names: a mocked response, a local command, a callback, a child execution.
///
/// The engine calls `start` once per attempt (each retry is a new call with `attempt` one higher). A handler that
/// answers later (a callback token, an activity, a `.sync` child) returns `.pending`; the engine then waits without
/// blocking a thread until its completion entry point is called with the task's `TaskOutcome`.
public protocol TaskHandler: AnyObject {
  /// Starts one Task attempt; returns its outcome, or `.pending` when it completes later (callback token,
  /// activity, child execution) through the engine's completion entry point. Throws a `StatesError` when the task
  /// cannot be run at all (no mocked response left, nothing answers it); `States.Runtime` among those is the error
  /// AWS never lets Retry or Catch handle, so it should fail the execution.
  func start(_ task: TaskInvocation) throws -> TaskOutcome
}

/// One attempt of a Task state as the engine hands it to a `TaskHandler`: plain data, so a server can persist a
/// pending task and hand it to a handler again after a restart.
public struct TaskInvocation: Sendable, Equatable {
  /// The ARN of the execution the task belongs to (a Map or Parallel branch shares its execution's ARN).
  public var executionArn: String
  /// The Task state's name.
  public var stateName: String
  /// The Task's `Resource`, resolved (after any JSONata or `.$` evaluation the state allows).
  public var resource: String
  /// The effective parameters: the state's input after InputPath/Parameters (JSONPath) or Arguments (JSONata).
  public var parameters: JSON
  /// The task token (`$$.Task.Token`) for `.waitForTaskToken` and activity tasks, else nil.
  public var taskToken: String?
  /// The resolved `TimeoutSeconds` / `TimeoutSecondsPath`, when the state sets one.
  public var timeoutSeconds: Int?
  /// The resolved `HeartbeatSeconds` / `HeartbeatSecondsPath`, when the state sets one.
  public var heartbeatSeconds: Int?
  /// The resolved `Credentials` field, when the state sets one.
  public var credentials: JSON?
  /// How many times this state has been retried before this attempt (`$$.State.RetryCount`): 0 the first time.
  public var attempt: Int

  /// An invocation with these parts.
  public init(executionArn: String, stateName: String, resource: String, parameters: JSON,
              taskToken: String? = nil, timeoutSeconds: Int? = nil, heartbeatSeconds: Int? = nil,
              credentials: JSON? = nil, attempt: Int = 0) {
    self.executionArn = executionArn
    self.stateName = stateName
    self.resource = resource
    self.parameters = parameters
    self.taskToken = taskToken
    self.timeoutSeconds = timeoutSeconds
    self.heartbeatSeconds = heartbeatSeconds
    self.credentials = credentials
    self.attempt = attempt
  }

  /// What the Resource designates (a service integration, a Lambda function, an activity).
  public var classifiedResource: TaskResource { TaskResource(resource) }
}

/// How a Task attempt ended, or that it has not ended yet.
public enum TaskOutcome: Sendable, Equatable {
  /// The task's result (before ResultSelector / ResultPath / Output).
  case succeeded(JSON)
  /// The task failed with this error and cause (what Retry and Catch match).
  case failed(StatesError)
  /// The task completes later through the engine's completion entry point (task token, activity, child run).
  case pending
}
