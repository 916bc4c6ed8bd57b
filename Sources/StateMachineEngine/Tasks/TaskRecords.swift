import SFNKit

// JSON forms of the task layer's plain data, for a server that saves a running execution (pending tasks, mock
// counts) and restores it after a restart.

/// A saved task record that does not have the expected shape.
public struct TaskRecordError: Error, Equatable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// The message.
  public var description: String { message }
}

extension TaskInvocation {
  /// The invocation as a JSON object (absent optionals are left out).
  public var json: JSON {
    var o = JSONObject([("executionArn", .string(executionArn)), ("stateName", .string(stateName)),
                        ("resource", .string(resource)), ("parameters", parameters), ("attempt", .integer(attempt))])
    if let taskToken { o["taskToken"] = .string(taskToken) }
    if let timeoutSeconds { o["timeoutSeconds"] = .integer(timeoutSeconds) }
    if let heartbeatSeconds { o["heartbeatSeconds"] = .integer(heartbeatSeconds) }
    if let credentials { o["credentials"] = credentials }
    return .object(o)
  }

  /// An invocation read back from `json`.
  public init(json: JSON) throws {
    func string(_ key: String) throws -> String {
      guard let value = json[key]?.stringValue else { throw TaskRecordError(message: "task record: no \(key)") }
      return value
    }
    guard let parameters = json["parameters"], let attempt = json["attempt"]?.intValue else {
      throw TaskRecordError(message: "task record: no parameters or attempt")
    }
    self.init(executionArn: try string("executionArn"), stateName: try string("stateName"),
              resource: try string("resource"), parameters: parameters, taskToken: json["taskToken"]?.stringValue,
              timeoutSeconds: json["timeoutSeconds"]?.intValue, heartbeatSeconds: json["heartbeatSeconds"]?.intValue,
              credentials: json["credentials"], attempt: attempt)
  }
}

extension TaskOutcome {
  /// `{"succeeded": RESULT}`, `{"failed": {"error", "cause"}}` or `{"pending": true}`.
  public var json: JSON {
    switch self {
    case .succeeded(let result):
      return .object(JSONObject([("succeeded", result)]))
    case .failed(let error):
      var details = JSONObject([("error", .string(error.error))])
      if let cause = error.cause { details["cause"] = .string(cause) }
      return .object(JSONObject([("failed", .object(details))]))
    case .pending:
      return .object(JSONObject([("pending", true)]))
    }
  }

  /// An outcome read back from `json`.
  public init(json: JSON) throws {
    if let result = json["succeeded"] {
      self = .succeeded(result)
    } else if let failed = json["failed"], let error = failed["error"]?.stringValue {
      self = .failed(StatesError(error, cause: failed["cause"]?.stringValue))
    } else if json["pending"] == true {
      self = .pending
    } else {
      throw TaskRecordError(message: "task outcome record: expected succeeded, failed or pending")
    }
  }
}

extension MockTaskSource {
  /// The invocation counts as a JSON array of `{"executionArn", "stateName", "count"}`, sorted.
  public var invocationCountsJSON: JSON {
    let sorted = invocationCounts.sorted {
      ($0.key.executionArn, $0.key.stateName) < ($1.key.executionArn, $1.key.stateName)
    }
    return .array(sorted.map { key, count in
      .object(JSONObject([("executionArn", .string(key.executionArn)), ("stateName", .string(key.stateName)),
                          ("count", .integer(count))]))
    })
  }

  /// Counts read back from `invocationCountsJSON`.
  public static func invocationCounts(json: JSON) throws -> [CounterKey: Int] {
    guard let entries = json.arrayValue else { throw TaskRecordError(message: "mock counts: expected an array") }
    var counts: [CounterKey: Int] = [:]
    for entry in entries {
      guard let arn = entry["executionArn"]?.stringValue, let state = entry["stateName"]?.stringValue,
            let count = entry["count"]?.intValue else {
        throw TaskRecordError(message: "mock counts: each entry needs executionArn, stateName and count")
      }
      counts[CounterKey(executionArn: arn, stateName: state)] = count
    }
    return counts
  }
}
