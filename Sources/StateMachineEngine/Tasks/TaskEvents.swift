import SFNKit

/// A history event a Task attempt produces, before the engine numbers and dates it.
public struct TaskEvent: Sendable, Equatable {
  /// `TaskScheduled`, `LambdaFunctionFailed`, `ActivityStarted`, ...
  public var type: String
  /// The member holding the details (`taskScheduledEventDetails`), nil for an event without details.
  public var detailsKey: String?
  /// The details, with inputs, outputs and parameters as JSON text, as GetExecutionHistory returns them.
  public var details: JSONObject?

  /// An event with these parts.
  public init(type: String, detailsKey: String? = nil, details: JSONObject? = nil) {
    self.type = type
    self.detailsKey = detailsKey
    self.details = details
  }
}

/// The history events of Task attempts, in the family AWS uses for the resource: `Task*` with `resourceType` and
/// `resource` for service and SDK integrations, `LambdaFunction*` for a Lambda function ARN, `Activity*` for an
/// activity. The engine asks for each event as the attempt progresses, so it need not know per-resource rules.
public struct TaskEvents: Sendable {
  /// The resource the events describe.
  public let resource: TaskResource
  /// The execution's region (`region` in TaskScheduled).
  public let region: String

  /// Events for `resource` in an execution running in `region`.
  public init(resource: TaskResource, region: String) {
    self.resource = resource
    self.region = region
  }

  /// `TaskScheduled` / `LambdaFunctionScheduled` / `ActivityScheduled`, with the task's parameters and timing.
  public func scheduled(_ task: TaskInvocation) -> TaskEvent {
    var details = JSONObject()
    switch family {
    case .lambda, .activity:
      details["resource"] = .string(resource.arn)
      details["input"] = Self.text(task.parameters)
      details["inputDetails"] = Self.notTruncated
    case .task(let type, let name):
      details["resourceType"] = .string(type)
      details["resource"] = .string(name)
      details["region"] = .string(region)
      details["parameters"] = Self.text(task.parameters)
    }
    if let timeout = task.timeoutSeconds { details["timeoutInSeconds"] = .integer(timeout) }
    // Lambda functions have no heartbeat; AWS's LambdaFunctionScheduled details have no such member.
    if let heartbeat = task.heartbeatSeconds, family != .lambda { details["heartbeatInSeconds"] = .integer(heartbeat) }
    if family != .activity, let role = task.credentials?["RoleArn"]?.stringValue {
      details["taskCredentials"] = .object(JSONObject([("roleArn", .string(role))]))
    }
    return event("Scheduled", details)
  }

  /// The event when the work starts right after scheduling (`TaskStarted`, `LambdaFunctionStarted`); nil for an
  /// activity, which starts when a worker takes it (`activityStarted(workerName:)`).
  public func started() -> TaskEvent? {
    switch family {
    case .lambda: return TaskEvent(type: "LambdaFunctionStarted")
    case .activity: return nil
    case .task: return event("Started", JSONObject())
    }
  }

  /// `ActivityStarted` when a worker's GetActivityTask takes the task.
  public func activityStarted(workerName: String) -> TaskEvent {
    TaskEvent(type: "ActivityStarted", detailsKey: "activityStartedEventDetails",
              details: JSONObject([("workerName", .string(workerName))]))
  }

  /// `TaskSubmitted` with the service's answer to the request that started a `.sync` or `.waitForTaskToken` task
  /// (a child's `{ExecutionArn, StartDate}`); nil outside service integrations.
  public func submitted(_ output: JSON) -> TaskEvent? {
    guard case .task = family else { return nil }
    var details = JSONObject()
    details["output"] = Self.text(output)
    details["outputDetails"] = Self.notTruncated
    return event("Submitted", details)
  }

  /// How the attempt ended: `*Succeeded` with the result, `*TimedOut` for `States.Timeout` and
  /// `States.HeartbeatTimeout`, `*Failed` otherwise; nil while it is pending.
  public func ended(_ outcome: TaskOutcome) -> TaskEvent? {
    var details = JSONObject()
    switch outcome {
    case .pending:
      return nil
    case .succeeded(let result):
      details["output"] = Self.text(result)
      details["outputDetails"] = Self.notTruncated
      return event("Succeeded", details)
    case .failed(let error):
      details["error"] = .string(error.error)
      if let cause = error.cause { details["cause"] = .string(cause) }
      let timedOut = error.error == "States.Timeout" || error.error == "States.HeartbeatTimeout"
      return event(timedOut ? "TimedOut" : "Failed", details)
    }
  }

  /// The event families.
  private enum Family: Equatable {
    case task(resourceType: String, resource: String)
    case lambda
    case activity
  }

  private var family: Family {
    switch resource.kind {
    case .lambdaFunction: return .lambda
    case .activity: return .activity
    case .integration, .sdk: return .task(resourceType: resource.resourceType!, resource: resource.resourceName!)
    case .other:
      // Not an ARN AWS accepts; only a mock or a command can answer it. Task* events name it whole.
      return .task(resourceType: "unknown", resource: resource.arn)
    }
  }

  /// `Task` + `suffix` (with resourceType and resource first), `LambdaFunction` + suffix or `Activity` + suffix.
  private func event(_ suffix: String, _ details: JSONObject) -> TaskEvent {
    let prefix: String
    var details = details
    switch family {
    case .lambda: prefix = "LambdaFunction"
    case .activity: prefix = "Activity"
    case .task(let type, let name):
      prefix = "Task"
      details["resourceType"] = .string(type)
      details["resource"] = .string(name)
    }
    let key = prefix.prefix(1).lowercased() + prefix.dropFirst() + suffix + "EventDetails"
    return TaskEvent(type: prefix + suffix, detailsKey: key, details: details)
  }

  private static let notTruncated: JSON = ["truncated": false]

  private static func text(_ value: JSON) -> JSON { .string(JSONWriter.compact.string(value)) }
}
