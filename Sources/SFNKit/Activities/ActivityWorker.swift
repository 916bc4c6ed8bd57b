/// Polls an activity for tasks and answers each by running a command: its stdout (JSON) is the task's output,
/// a non-zero exit a failure with the exit status and the tail of its stderr. Heartbeats while the command runs.
public struct ActivityWorker {
  /// Calls one operation with an optional read timeout.
  public typealias Call = (OperationName, JSON, Double?) throws -> JSON

  public var activityArn: String
  public var workerName: String
  public var command: TaskCommand
  /// Seconds between heartbeats while a command runs.
  public var heartbeatInterval: Double = 30
  /// Stop after this many tasks (nil: until stopped).
  public var maxTasks: Int?
  /// Read timeout of the long poll: the service holds it up to 60 s.
  public var pollTimeout: Double = 70
  private let call: Call
  private let stop: StopSignal
  private let log: (String) -> Void

  /// A worker for `activityArn` running `command`, calling the service through `call`; `log` gets one-line notes.
  public init(activityArn: String, workerName: String, command: TaskCommand, call: @escaping Call, stop: StopSignal,
              log: @escaping (String) -> Void) {
    self.activityArn = activityArn
    self.workerName = workerName
    self.command = command
    self.call = call
    self.stop = stop
    self.log = log
  }

  /// Runs until stopped (or `maxTasks` tasks are done); returns the number of tasks answered.
  public func run() throws -> Int {
    var done = 0
    while !stop.requested, maxTasks.map({ done < $0 }) ?? true {
      let task: JSON
      do {
        task = try call(.getActivityTask, ["activityArn": .string(activityArn), "workerName": .string(workerName)], pollTimeout)
      } catch TransportError.timeout {
        continue  // a long poll that saw no task and no answer: poll again
      }
      guard let token = task["taskToken"]?.stringValue, !token.isEmpty else { continue }
      stop.setBusy(true)
      defer { stop.setBusy(false) }
      try handle(token: token, input: task["input"]?.stringValue ?? "{}")
      done += 1
    }
    return done
  }

  private func handle(token: String, input: String) throws {
    log("task received; running \(command.arguments[0])")
    var lost = false
    let result: TaskCommandResult
    do {
      result = try command.run(input: Array(input.utf8), tickInterval: heartbeatInterval, tick: {
        guard !lost else { return }
        do {
          _ = try call(.sendTaskHeartbeat, ["taskToken": .string(token)], nil)
        } catch let e as ServiceError where ["TaskTimedOut", "InvalidToken", "TaskDoesNotExist"].contains(e.code) {
          log("heartbeat refused (\(e.code)): the task is gone; stopping the command")
          lost = true
        } catch {
          log("heartbeat failed: \(error)")
        }
      }, shouldStop: { lost || stop.urgent })
    } catch {
      try report(token, failure: "CommandNotRun", cause: "\(error)")
      return
    }
    if lost { return }
    if stop.urgent {
      try report(token, failure: "WorkerStopped", cause: "the activity worker was stopped while the command ran")
      return
    }
    guard result.status == 0 else {
      let how = result.status.map { "exit status \($0)" } ?? "killed by signal \(result.signal ?? 0)"
      let tail = String(decoding: result.stderrTail, as: UTF8.self).trimmingWhitespace()
      try report(token, failure: "CommandFailed", cause: tail.isEmpty ? how : "\(how): \(tail)")
      return
    }
    if result.stdout.count > command.outputLimit {
      try report(token, failure: "OutputTooLarge", cause: "the command's output is over \(command.outputLimit) bytes")
      return
    }
    var output = String(decoding: result.stdout, as: UTF8.self).trimmingWhitespace()
    if output.isEmpty { output = "{}" }
    guard (try? JSONParser.parse(output)) != nil else {
      try report(token, failure: "InvalidOutput", cause: "the command's stdout is not JSON: \(output.prefix(200))")
      return
    }
    try send(.sendTaskSuccess, ["taskToken": .string(token), "output": .string(output)])
    log("task succeeded")
  }

  private func report(_ token: String, failure error: String, cause: String) throws {
    try send(.sendTaskFailure, ["taskToken": .string(token), "error": .string(error), "cause": .string(String(cause.suffix(32768)))])
    log("task failed: \(error): \(cause.split(separator: "\n").last ?? "")")
  }

  /// Sends a task answer; a task that timed out meanwhile is logged, not fatal.
  private func send(_ operation: OperationName, _ input: JSON) throws {
    do {
      _ = try call(operation, input, nil)
    } catch let e as ServiceError where ["TaskTimedOut", "InvalidToken", "TaskDoesNotExist"].contains(e.code) {
      log("\(operation.rawValue) refused (\(e.code)): the task timed out or was answered already")
    }
  }
}
