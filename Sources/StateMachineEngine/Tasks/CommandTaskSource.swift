#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// One `--task STATE=COMMAND` option: the Task state it answers and the shell command that answers it.
public struct TaskCommandOption: Sendable, Equatable {
  /// The Task state's name.
  public var stateName: String
  /// The command line, run by `/bin/sh -c`.
  public var command: String

  /// An option with these parts.
  public init(stateName: String, command: String) {
    self.stateName = stateName
    self.command = command
  }

  /// Parses `STATE=COMMAND`, split at the first `=` (state names rarely hold one; commands often do).
  public init(parsing value: String) throws {
    guard let equals = value.firstIndex(of: "=") else {
      throw TaskOptionError.notStateEqualsCommand(value: value)
    }
    stateName = String(value[..<equals])
    command = String(value[value.index(after: equals)...])
    guard !stateName.isEmpty else { throw TaskOptionError.emptyStateName(value: value) }
    guard !command.trimmingWhitespace().isEmpty else {
      throw TaskOptionError.emptyCommand(value: value)
    }
  }
}

/// Answers Task states with local commands (`--task STATE=COMMAND`).
///
/// The command runs under `/bin/sh -c`, so pipes, quotes and `$VAR` work as a user typing it expects. It gets the
/// task's parameters as one line of JSON on stdin and, besides the caller's environment, `SFN_STATE_NAME`,
/// `SFN_EXECUTION_ARN`, `SFN_RESOURCE`, `SFN_RETRY_COUNT` and (for callback and activity tasks) `SFN_TASK_TOKEN`.
/// Its stderr passes through. Exit 0: stdout is the task's JSON result (empty stdout is `{}`, as for
/// `sfn activity worker`). A non-zero exit fails the task with the `{"error": ..., "cause": ...}` it printed on
/// stdout, else with `States.TaskFailed` and a cause naming the command, its exit status and its last stderr.
/// TimeoutSeconds is enforced in real time (scaled like Wait states): the command is stopped and the task fails
/// with `States.Timeout`. For a request-response `lambda:invoke` task the command plays the function: it reads
/// the `Payload` parameter, its output is wrapped as Invoke answers, and a Lambda-style
/// `{"errorType", "errorMessage"}` it prints names the error (see `LambdaInvokeShape`).
public final class CommandTaskSource: TaskSource {
  /// The command for each state.
  public let commands: [String: String]
  private let environment: [String: String]
  private let shell: String
  private let timeScale: Double
  private let clock: Clock
  private let stderr: (@Sendable ([UInt8]) -> Void)?

  /// A source running `options`; two options for one state are a usage error. `environment` is what commands
  /// inherit; `timeScale` multiplies TimeoutSeconds (`--wait-scale`); `clock` measures the timeout; the commands'
  /// stderr goes to `stderr` (nil keeps only what a failure message quotes).
  public init(options: [TaskCommandOption], environment: [String: String], shell: String = "/bin/sh",
              timeScale: Double = 1, clock: Clock = .system, stderr: (@Sendable ([UInt8]) -> Void)? = nil) throws {
    var commands: [String: String] = [:]
    for option in options {
      guard commands[option.stateName] == nil else {
        throw TaskOptionError.stateTwice(state: option.stateName)
      }
      commands[option.stateName] = option.command
    }
    self.commands = commands
    self.environment = environment
    self.shell = shell
    self.timeScale = timeScale
    self.clock = clock
    self.stderr = stderr
  }

  /// Runs the state's command; nil when no `--task` names the state.
  public func outcome(for task: TaskInvocation) throws -> TaskOutcome? {
    guard let command = commands[task.stateName] else { return nil }
    var variables = environment
    variables["SFN_STATE_NAME"] = task.stateName
    variables["SFN_EXECUTION_ARN"] = task.executionArn
    variables["SFN_RESOURCE"] = task.resource
    variables["SFN_RETRY_COUNT"] = String(task.attempt)
    variables["SFN_TASK_TOKEN"] = task.taskToken
    let lambda = LambdaInvokeShape(task)
    if lambda != nil, let name = task.parameters["FunctionName"]?.stringValue { variables["SFN_FUNCTION_NAME"] = name }
    let runner = TaskCommand(arguments: [shell, "-c", command], environment: variables, stderr: stderr)
    let input = Array((JSONWriter.compact.string(lambda?.event ?? task.parameters) + "\n").utf8)
    let deadline = task.timeoutSeconds.map { clock.now().addingTimeInterval(Double($0) * timeScale) }
    var timedOut = false
    let result: TaskCommandResult
    do {
      result = try runner.run(input: input, tickInterval: 1, tick: {}, shouldStop: {
        if let deadline, self.clock.now() >= deadline { timedOut = true }
        return timedOut
      })
    } catch {
      return .failed(StatesError("States.TaskFailed", cause: "\(error)"))
    }
    if timedOut { return .failed(StatesError("States.Timeout")) }
    let outcome = CommandResultInterpreter(command: command, task: task, limit: runner.outputLimit).outcome(result)
    guard let lambda, case .succeeded(let payload) = outcome else { return outcome }
    return .succeeded(lambda.result(payload))
  }
}

/// Turns what a `--task` command did into the task's outcome.
struct CommandResultInterpreter {
  let command: String
  let task: TaskInvocation
  let limit: Int

  func outcome(_ result: TaskCommandResult) -> TaskOutcome {
    let stdout = String(decoding: result.stdout, as: UTF8.self).trimmingWhitespace()
    guard result.status == 0 else {
      if let printed = printedError(stdout) { return .failed(printed) }
      let how = result.status.map { "exited with status \($0)" } ?? "was killed by signal \(result.signal ?? 0)"
      let stderr = String(decoding: result.stderrTail, as: UTF8.self).trimmingWhitespace()
      let lastLine = stderr.split(separator: "\n").last.map { ": \($0)" } ?? ""
      return .failed(StatesError("States.TaskFailed",
                                 cause: "The command for state '\(task.stateName)' (\(command)) \(how)\(lastLine)"))
    }
    if result.stdout.count > limit {
      return .failed(StatesError("States.DataLimitExceeded", cause: "The state/task '\(task.resource)' returned a "
                                   + "result with a size exceeding the maximum number of bytes service limit."))
    }
    if stdout.isEmpty { return .succeeded(.object(JSONObject())) }
    do {
      return .succeeded(try JSONParser.parse(stdout))
    } catch {
      let excerpt = stdout.count > 80 ? String(stdout.prefix(80)) + "…" : stdout
      return .failed(StatesError("States.TaskFailed", cause: "The command for state '\(task.stateName)' "
                                   + "(\(command)) printed output that is not JSON (\(error)): \(excerpt)"))
    }
  }

  /// `{"error": "...", "cause": "..."}` (or `Error`/`Cause`, as mock configurations spell them) on stdout; or a
  /// Lambda runtime's `{"errorType": ..., "errorMessage": ...}`, which, as with Lambda, names the error and is
  /// itself the cause.
  private func printedError(_ stdout: String) -> StatesError? {
    guard let printed = try? JSONParser.parse(stdout), let object = printed.objectValue else { return nil }
    if let error = (object["error"] ?? object["Error"])?.stringValue {
      return StatesError(error, cause: (object["cause"] ?? object["Cause"])?.stringValue)
    }
    if let type = object["errorType"]?.stringValue {
      return StatesError(type, cause: JSONWriter.compact.string(printed))
    }
    return nil
  }
}

/// A `--task` command standing in for the Lambda function of an `arn:aws:states:::lambda:invoke` task, so the
/// definition runs as written: the command gets the function's event (the `Payload` parameter) and its output
/// becomes the invoke result's `Payload`, as Lambda's Invoke answers (`ExecutedVersion`, `Payload`,
/// `StatusCode`; the HTTP metadata AWS adds is left out, there being no HTTP call).
struct LambdaInvokeShape {
  /// The function's event.
  let event: JSON

  /// The shape for request-response `lambda:invoke` tasks; nil for any other resource or pattern (a callback's
  /// result is what the callback sends, not an Invoke answer).
  init?(_ task: TaskInvocation) {
    let resource = task.classifiedResource
    guard resource.kind == .integration(service: "lambda", action: "invoke"), resource.pattern == .requestResponse
    else { return nil }
    event = task.parameters["Payload"] ?? .object(JSONObject())
  }

  /// The invoke result around the function's output.
  func result(_ payload: JSON) -> JSON {
    .object(JSONObject([("ExecutedVersion", "$LATEST"), ("Payload", payload), ("StatusCode", 200)]))
  }
}
