import SFNKit

/// What a command itself finds wrong (the library areas have their own: InputError, ReferenceError,
/// ResponseError, ConfigError, CredentialError, ServiceError); `ErrorReport` maps all of them to exit codes.
enum CommandError: GuidedError, Equatable {
  /// A CA bundle (from `source`-like settings) that cannot be read.
  case unreadableCABundle(path: String)
  /// An output format from the environment or config that is not json, table or text.
  case unknownOutputFormat(value: String, source: String)
  /// A --query expression that does not parse.
  case badQuery(detail: String)
  /// A --since/--until value that is neither a time nor a duration.
  case notATime(option: String, text: String)
  /// An ARN `describe` has no operation for.
  case cannotDescribe(arn: String)
  /// `sfn output` of an execution still running.
  case noOutputYet(execution: String, status: String)
  /// `sfn output` of an output that is not JSON.
  case outputNotJSON
  /// `--heartbeat` of zero or less.
  case heartbeatNotPositive
  /// `--cli-input-json` that does not parse.
  case cliInputNotJSON(detail: String)
  /// Pagination options while pagination is off (`off` says why).
  case paginationOff(off: String, options: [String])
  /// A definition the local checks reject; `findings` are written with the error (lines above it, or the JSON
  /// error's `problems`), `flagHint` names the flag that skips the checks.
  case invalidDefinition(name: String, flagHint: String?, findings: [ValidationFinding])
  /// `sfn validate` found errors; the findings are its result on stdout, `summary` counts them.
  case validationFailed(summary: String, findings: [ValidationFinding])
  /// The terminal cannot be opened for the MFA code.
  case noTerminalForMFA
  /// An empty MFA code.
  case noMFACode(serial: String)
  /// An option's value that should be JSON and is not (`sfn run --input`).
  case notJSON(option: String, detail: String)
  /// `--state-machine` not written NAME=FILE.
  case badMachineOption(value: String)
  /// A definition the engine cannot run or the graph cannot draw although it lints clean; `message` says which.
  case unusableDefinition(message: String)
  /// `sfn run` stopped at a task only `sfn local` can answer (a callback or activity, by task token).
  case waitsForOutsideTask(tokens: [String])
  /// `sfn graph --history FILE`: a line that is not a history event, or no events at all (`line` nil).
  case notAHistory(path: String, line: Int?)
  /// `sfn test` found no test files.
  case noTestFiles
  /// A file the command would write exists already; `advice` says what to do.
  case fileExists(path: String, advice: String)
  /// A file that cannot be written (`what` names it when the path alone does not say).
  case unwritable(what: String?, path: String, reason: String)

  /// The failure class `ErrorReport` turns into an exit code.
  var kind: FailureKind {
    switch self {
    case .unreadableCABundle, .unknownOutputFormat: return .configuration
    case .badQuery, .notATime, .cannotDescribe, .heartbeatNotPositive, .paginationOff: return .usage
    case .noOutputYet, .outputNotJSON: return .rejected
    case .cliInputNotJSON, .invalidDefinition, .validationFailed: return .badInput
    case .noTerminalForMFA, .noMFACode: return .credentials
    case .badMachineOption, .fileExists: return .usage
    case .notJSON, .unusableDefinition, .waitsForOutsideTask, .notAHistory: return .badInput
    case .noTestFiles, .unwritable: return .inputFile
    }
  }

  /// No separate hint: the messages carry theirs.
  var hint: String? { nil }

  /// `InvalidDefinition` for a definition the checks reject; the kind's code otherwise.
  var errorCode: String? {
    switch self {
    case .invalidDefinition, .validationFailed: return "InvalidDefinition"
    default: return nil
    }
  }

  /// The one-line message.
  var description: String {
    switch self {
    case .unreadableCABundle(let path):
      return "CA bundle \(path) cannot be read; check --ca-bundle, AWS_CA_BUNDLE or ca_bundle"
    case .unknownOutputFormat(let value, let source):
      return "output format '\(value)' (from \(source)) is not json, table or text"
    case .badQuery(let detail): return "--query: \(detail)"
    case .notATime(let option, let text):
      return "\(option): '\(text)' is neither a time (2026-11-24T10:00:00Z) nor a duration (1h)"
    case .cannotDescribe(let arn): return "cannot describe \(arn)"
    case .noOutputYet(let execution, let status):
      return "execution \(execution) is \(status) and has no output yet; `sfn wait` waits for it"
    case .outputNotJSON: return "the execution's output is not JSON; --raw prints it as it is"
    case .heartbeatNotPositive: return "--heartbeat must be more than 0"
    case .cliInputNotJSON(let detail): return "--cli-input-json: invalid JSON at \(detail)"
    case .paginationOff(let off, let options):
      return "cannot use \(off) with \(options.joined(separator: ", ")) (pagination is off)"
    case .invalidDefinition(let name, let flagHint, _):
      return "\(name): the definition is not valid (see above); nothing was sent" + (flagHint.map { " (\($0))" } ?? "")
    case .validationFailed(let summary, _): return "validation failed: \(summary)"
    case .noTerminalForMFA: return "cannot open the terminal to ask for the MFA code"
    case .noMFACode(let serial): return "no MFA code entered for \(serial)"
    case .notJSON(let option, let detail): return "\(option): not valid JSON: \(detail)"
    case .badMachineOption(let value):
      return "--state-machine '\(value)': expected NAME=FILE, e.g. --state-machine Child=child.asl.json"
    case .unusableDefinition(let message): return message
    case .waitsForOutsideTask(let tokens):
      return "the execution waits for a callback or activity (task token \(tokens.joined(separator: ", "))) that only "
        + "`sfn local` can deliver; answer the state with --mock-config or --task instead"
    case .notAHistory(let path, let line?):
      return "\(path): line \(line) is not a history event; give the JSON output of `sfn run --history` or `sfn history`"
    case .notAHistory(let path, nil): return "\(path): no history events in it"
    case .noTestFiles: return "no test files (*.test.yaml, *.test.yml, *.test.json) found"
    case .fileExists(let path, let advice): return "\(path) already exists: \(advice)"
    case .unwritable(let what, let path, let reason): return "cannot write \((what.map { $0 + " " } ?? ""))\(path): \(reason)"
    }
  }
}

/// How a command ends when what it waited for did not succeed: exit codes 1-3 and 124 of docs/cli.md, written
/// through `ErrorReport` like any error.
enum OutcomeError: Error, Equatable {
  /// An execution ended FAILED, TIMED_OUT or ABORTED (`error` and `cause` as it reported them).
  case executionEnded(name: String, status: ExitStatus, statusText: String, error: String?, cause: String?)
  /// `--timeout` passed while `what` was still running.
  case timedOut(what: String, seconds: Double)

  /// The error of an execution that ended with final status `status` other than SUCCEEDED; nil for SUCCEEDED, a
  /// status that is not final, or none.
  static func ended(status: String?, error: String?, cause: String?, name: String) -> OutcomeError? {
    guard let status, let code = ExitStatus(executionStatus: status), code != .success else { return nil }
    return .executionEnded(name: name, status: code, statusText: status, error: error, cause: cause)
  }

  /// Ends the command with the exit code of a final execution status; a failure's error and cause go to stderr.
  static func ifUnsuccessful(status: String?, error: String?, cause: String?, name: String) throws {
    if let ended = ended(status: status, error: error, cause: cause, name: name) { throw ended }
  }

  var status: ExitStatus {
    switch self {
    case .executionEnded(_, let status, _, _, _): return status
    case .timedOut: return .timeout
    }
  }

  /// `ExecutionFailed`, `ExecutionTimedOut`, `ExecutionAborted` or `WaitTimedOut`.
  var code: String {
    switch status {
    case .failed: return "ExecutionFailed"
    case .timedOut: return "ExecutionTimedOut"
    case .aborted: return "ExecutionAborted"
    default: return "WaitTimedOut"
    }
  }

  var message: String {
    switch self {
    case .executionEnded(let name, _, let statusText, let error, let cause):
      let detail = [error, cause].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
      return "execution \(name) \(statusText)" + (detail.isEmpty ? "" : ": " + detail)
    case .timedOut(let what, let seconds):
      return "--timeout \(DurationParser.format(seconds)) passed; \(what) still running"
    }
  }
}
