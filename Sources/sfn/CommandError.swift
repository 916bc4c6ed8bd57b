import SFNKit

/// What a command itself finds wrong (the library areas have their own: InputError, ReferenceError,
/// ResponseError, ConfigError, CredentialError, ServiceError); `ErrorReport` maps all of them to exit codes.
enum CommandError: UserFacingError, Equatable {
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
  /// A definition the local checks reject (findings printed above); `flagHint` names the flag that skips them.
  case invalidDefinition(name: String, flagHint: String?)
  /// The terminal cannot be opened for the MFA code.
  case noTerminalForMFA
  /// An empty MFA code.
  case noMFACode(serial: String)

  /// The failure class `ErrorReport` turns into an exit code.
  var kind: FailureKind {
    switch self {
    case .unreadableCABundle, .unknownOutputFormat: return .configuration
    case .badQuery, .notATime, .cannotDescribe, .heartbeatNotPositive, .paginationOff: return .usage
    case .noOutputYet, .outputNotJSON: return .rejected
    case .cliInputNotJSON, .invalidDefinition: return .badInput
    case .noTerminalForMFA, .noMFACode: return .credentials
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
    case .invalidDefinition(let name, let flagHint):
      return "\(name): the definition is not valid (see above); nothing was sent" + (flagHint.map { " (\($0))" } ?? "")
    case .noTerminalForMFA: return "cannot open the terminal to ask for the MFA code"
    case .noMFACode(let serial): return "no MFA code entered for \(serial)"
    }
  }
}
