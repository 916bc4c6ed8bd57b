import ArgumentParser
import SFNKit

/// The exit codes of docs/cli.md ("Exit codes").
enum ExitStatus: Int32 {
  case success = 0, failed = 1, timedOut = 2, aborted = 3, rejected = 4, credentials = 5, unreachable = 6
  case configuration = 7, usage = 64, badInput = 65, inputFile = 66, timeout = 124
  /// Ctrl-C: 128 + SIGINT, as a shell reports a process the signal ended.
  case interrupted = 130

  init(_ kind: FailureKind) {
    switch kind {
    case .usage: self = .usage
    case .badInput: self = .badInput
    case .inputFile: self = .inputFile
    case .configuration: self = .configuration
    case .credentials: self = .credentials
    case .rejected: self = .rejected
    case .unreachable: self = .unreachable
    }
  }

  /// The exit code for a finished execution's status.
  init?(executionStatus: String) {
    switch executionStatus {
    case "SUCCEEDED": self = .success
    case "FAILED": self = .failed
    case "TIMED_OUT": self = .timedOut
    case "ABORTED": self = .aborted
    default: return nil
    }
  }
}

/// One error as sfn reports it: the parts of the `sfn: ...` line and the fields of `--error-format json`.
struct ErrorDetails: Equatable {
  /// A stable identifier: the service's error code, or sfn's own (`PayloadTooLarge`, `UsageError`, ...).
  var code: String
  var message: String
  /// What to do about it, when known.
  var hint: String?
  /// The service's request id, when the service answered.
  var requestId: String?
  var status: ExitStatus
  /// True when the same command may succeed if run again later (throttling, an unreachable endpoint).
  var retryable: Bool
  /// The located problems of a definition that failed validation.
  var problems: [ValidationFinding] = []
  /// True when the command already printed the problems (on stdout): the text format does not repeat them.
  var problemsShown = false

  /// The human line (after `sfn: `): the message, then the hint.
  var line: String { hint.map { "\(message); \($0)" } ?? message }
}

/// Turns an error into its message, hint and exit code: the one place that maps every area's typed errors
/// (InputError, ReferenceError, ResponseError, ConfigError, CredentialError, ServiceError, CommandError, ...) and
/// the transport's to exit codes and hints. `ErrorWriter` writes the result as a line or a JSON object.
enum ErrorReport {
  /// True for the errors `describe` knows; others (argument-parser's) are left to argument-parser.
  static func recognises(_ error: Error) -> Bool {
    error is UserFacingError || error is TransportError || error is SubprocessError || error is OutcomeError
  }

  /// The human line and exit code of `error`.
  static func describe(_ error: Error) -> (message: String, status: ExitStatus) {
    let d = details(error)
    return (d.line, d.status)
  }

  /// Everything reported about `error`.
  static func details(_ error: Error) -> ErrorDetails {
    switch error {
    case let e as ServiceError:
      return ErrorDetails(code: e.code, message: e.description, hint: hint(for: e), requestId: e.requestId,
                          status: ExitStatus(e.kind), retryable: e.kind == .unreachable && e.code != "InvalidResponse")
    case let e as ExecutionRoleError:
      return ErrorDetails(code: e.errorCode ?? "ExecutionRoleError", message: e.description, hint: e.hint,
                          requestId: e.service?.requestId, status: ExitStatus(e.kind), retryable: false)
    case let e as CommandError:
      var d = userFacing(e)
      switch e {
      case .invalidDefinition(_, _, let findings): d.problems = findings
      case .validationFailed(_, let findings):
        d.problems = findings
        d.problemsShown = true
      default: break
      }
      return d
    case let e as CredentialError:
      var d = userFacing(e)
      d.retryable = e.kind == .unreachable
      return d
    case let e as UserFacingError:
      return userFacing(e)
    case let e as OutcomeError:
      return ErrorDetails(code: e.code, message: e.message, hint: nil, requestId: nil, status: e.status,
                          retryable: false)
    case let e as TransportError:
      let (code, message, hint, retryable) = describe(transport: e)
      return ErrorDetails(code: code, message: message, hint: hint, requestId: nil,
                          status: e == .cancelled ? .interrupted : .unreachable, retryable: retryable)
    case let e as JSONParseError:
      return ErrorDetails(code: "InvalidJSON", message: "invalid JSON at \(e)", status: .badInput, retryable: false)
    case let e as JMESPathError:
      return ErrorDetails(code: "InvalidQuery", message: "--query: \(e)", status: .usage, retryable: false)
    case let e as FileSystemError:
      return ErrorDetails(code: "InputFileError", message: "cannot read \(e)", status: .inputFile, retryable: false)
    case let e as SubprocessError:
      return ErrorDetails(code: "InputFileError", message: e.description, status: .inputFile, retryable: false)
    default:
      return ErrorDetails(code: genericCode(.rejected), message: "\(error)", status: .rejected, retryable: false)
    }
  }

  /// A usage error argument-parser found (`message` is its text, `status` its exit code).
  static func usage(_ message: String, status: ExitStatus) -> ErrorDetails {
    ErrorDetails(code: genericCode(.usage), message: message, status: status, retryable: false)
  }

  private static func userFacing(_ e: UserFacingError) -> ErrorDetails {
    let guided = e as? GuidedError
    return ErrorDetails(code: guided?.errorCode ?? genericCode(e.kind), message: e.description, hint: guided?.hint,
                        status: ExitStatus(e.kind), retryable: false)
  }

  /// The code of an error with no more specific one, by its exit code.
  static func genericCode(_ kind: FailureKind) -> String {
    switch kind {
    case .usage: return "UsageError"
    case .badInput: return "InvalidInput"
    case .inputFile: return "InputFileError"
    case .configuration: return "ConfigurationError"
    case .credentials: return "CredentialsError"
    case .rejected: return "Rejected"
    case .unreachable: return "Unreachable"
    }
  }

  /// What to do about a service error: by its code first (the known gotchas), then by its kind.
  private static func hint(for e: ServiceError) -> String? {
    if let known = ServiceErrorHints.hint(code: e.code) { return known }
    switch e.kind {
    case .credentials: return "check the access key, secret and session token (sfn configure list shows which are used)"
    case .unreachable where e.code == "InvalidResponse":
      return "the request may have been carried out, check before repeating it"
    case .unreachable where e.status == 429 || RetryClassifier.defaultThrottlingCodes.contains(e.code):
      return "still throttled after retries, slow down or raise --max-attempts"
    case .unreachable: return "the service stayed unavailable after retries, try again later or raise --max-attempts"
    default: return nil
    }
  }

  /// A transport failure's code, message, hint and whether trying again may help.
  static func describe(transport e: TransportError) -> (code: String, message: String, hint: String?, retryable: Bool) {
    switch e {
    case .connectionRefused(let host, let m):
      return ("ConnectionRefused", "could not connect to \(host): \(m)", "is the endpoint right and the service running?", true)
    case .dnsFailure(let host, let m):
      return ("DNSFailure", "could not resolve \(host): \(m)", "check --endpoint-url, --region and your network", false)
    case .timeout(let m): return ("Timeout", "request timed out: \(m)", "raise --cli-read-timeout or --cli-connect-timeout", true)
    case .tls(let m): return ("TLSError", "TLS failure: \(m)", "check --ca-bundle or AWS_CA_BUNDLE", false)
    case .connectionLost(let m): return ("ConnectionLost", "connection lost: \(m)", nil, true)
    case .other(_, let m): return ("RequestFailed", "request failed: \(m)", nil, false)
    case .cancelled: return ("Interrupted", "interrupted", nil, false)
    }
  }
}

/// Hints for the service error codes behind the well-known Step Functions mistakes.
enum ServiceErrorHints {
  /// How long task tokens live, for the token errors.
  static let tokenLifetime = "a task token lives until its task ends: at most 1 year for a STANDARD execution, "
    + "5 minutes for an EXPRESS one, less when the state sets TimeoutSeconds or HeartbeatSeconds"

  static func hint(code: String) -> String? {
    switch code {
    // AWS: "The task token has either expired or the task associated with the token has already been closed."
    case "TaskTimedOut":
      return "the token expired or its task is already closed: it was answered before, its TimeoutSeconds or "
        + "HeartbeatSeconds passed (send heartbeats while working), or its execution ended; " + tokenLifetime
    case "TaskDoesNotExist":
      return "Step Functions has no task for this token: its execution ended, or the token belongs to another "
        + "region or account; " + tokenLifetime
    case "InvalidToken":
      return "this is not a task token Step Functions issued: pass the whole $$.Task.Token value, unquoted and "
        + "untruncated (up to 1024 characters)"
    case "StateMachineTypeNotSupported":
      return "StartSyncExecution runs EXPRESS state machines only; for a STANDARD one use `sfn start MACHINE --wait` "
        + "(StartExecution, then waits), or deploy it with --type EXPRESS"
    default: return nil
    }
  }
}
