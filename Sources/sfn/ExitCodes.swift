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

/// Turns an error into its one-line message and exit code: the one place that maps every area's typed errors
/// (InputError, ReferenceError, ResponseError, ConfigError, CredentialError, ServiceError, CommandError, ...) and
/// the transport's to exit codes and hints.
enum ErrorReport {
  /// True for the errors `describe` knows; others (argument-parser's) are left to argument-parser.
  static func recognises(_ error: Error) -> Bool {
    error is UserFacingError || error is TransportError || error is SubprocessError
  }

  static func describe(_ error: Error) -> (message: String, status: ExitStatus) {
    switch error {
    case let e as ServiceError:
      return (e.description + hint(for: e), ExitStatus(e.kind))
    case let e as UserFacingError:
      return (e.description, ExitStatus(e.kind))
    case let e as TransportError:
      return (describe(transport: e), e == .cancelled ? .interrupted : .unreachable)
    case let e as JSONParseError:
      return ("invalid JSON at \(e)", .badInput)
    case let e as JMESPathError:
      return ("--query: \(e)", .usage)
    case let e as FileSystemError:
      return ("cannot read \(e)", .inputFile)
    case let e as SubprocessError:
      return (e.description, .inputFile)
    default:
      return ("\(error)", .rejected)
    }
  }

  private static func hint(for e: ServiceError) -> String {
    switch e.kind {
    case .credentials: return "; check the access key, secret and session token (sfn configure list shows which are used)"
    case .unreachable where e.code == "InvalidResponse":
      return "; the request may have been carried out, check before repeating it"
    case .unreachable where e.status == 429 || RetryClassifier.defaultThrottlingCodes.contains(e.code):
      return "; still throttled after retries, slow down or raise --max-attempts"
    case .unreachable: return "; the service stayed unavailable after retries, try again later or raise --max-attempts"
    default: return ""
    }
  }

  static func describe(transport e: TransportError) -> String {
    switch e {
    case .connectionRefused(let host, let m): return "could not connect to \(host): \(m); is the endpoint right and the service running?"
    case .dnsFailure(let host, let m): return "could not resolve \(host): \(m); check --endpoint-url, --region and your network"
    case .timeout(let m): return "request timed out: \(m); raise --cli-read-timeout or --cli-connect-timeout"
    case .tls(let m): return "TLS failure: \(m); check --ca-bundle or AWS_CA_BUNDLE"
    case .connectionLost(let m): return "connection lost: \(m)"
    case .other(_, let m): return "request failed: \(m)"
    case .cancelled: return "interrupted"
    }
  }
}
