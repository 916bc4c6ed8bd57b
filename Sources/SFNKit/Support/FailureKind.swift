/// What kind of failure an error is; front ends map these to exit codes.
public enum FailureKind: Sendable, Equatable {
  /// The command line itself is wrong (exit 64).
  case usage
  /// Input data is malformed, too large or invalid (exit 65).
  case badInput
  /// An input file is missing or unreadable (exit 66).
  case inputFile
  /// Configuration is wrong: profile, region, endpoint, config file (exit 7).
  case configuration
  /// No credentials, or the service refused them (exit 5).
  case credentials
  /// The service rejected the request (exit 4).
  case rejected
  /// The service could not be reached or stayed unavailable (exit 6).
  case unreachable
}

/// An error that knows its kind and a one-line message for the user.
public protocol UserFacingError: Error, CustomStringConvertible {
  /// The failure class.
  var kind: FailureKind { get }
}

/// A user-facing error that says what to do apart from what went wrong, and names itself for programs
/// (`--error-format json`'s `hint` and `code`); the human line joins message and hint with "; ".
public protocol GuidedError: UserFacingError {
  /// What to do about it, or nil.
  var hint: String? { get }
  /// A stable identifier of the problem (`PayloadTooLarge`), or nil for the kind's generic code.
  var errorCode: String? { get }
}
