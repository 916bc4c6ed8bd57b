#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a setting was written: a file and a 1-based line number.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
  /// The file path as it was opened (not `~`-abbreviated).
  public var path: String
  /// The 1-based line number.
  public var line: Int

  /// A location in `path` at `line`.
  public init(path: String, line: Int) {
    self.path = path
    self.line = line
  }

  /// `path:line`, the form editors and compilers use.
  public var description: String { "\(path):\(line)" }
}

/// A problem with the user's configuration; the CLI exits with 7 and prints `message`.
public struct ConfigError: UserFacingError, Sendable, Equatable {
  /// What kind of configuration problem this is, for callers that branch on it.
  public enum Reason: Sendable, Equatable {
    /// A config or credentials file does not follow the INI dialect.
    case malformedFile
    /// A config file exists but could not be read.
    case unreadableFile
    /// The selected profile (or a `source_profile`) does not exist.
    case unknownProfile
    /// `source_profile` references form a loop.
    case profileLoop
    /// A profile's settings are contradictory or incomplete.
    case invalidProfile
    /// A profile that had to provide credentials has none of the credential settings.
    case noCredentialSource
    /// `credential_process` could not run or printed something unusable.
    case credentialProcess
    /// A region or endpoint setting is unusable.
    case invalidSetting
  }

  /// The category of the problem.
  public var reason: Reason
  /// One line saying what is wrong; never contains a secret.
  public var message: String
  /// The file and line at fault, when known.
  public var location: SourceLocation?
  /// The profile involved, when there is one.
  public var profile: String?

  /// An error for `reason` with a one-line `message`.
  public init(_ reason: Reason, _ message: String, location: SourceLocation? = nil, profile: String? = nil) {
    self.reason = reason
    self.message = message
    self.location = location
    self.profile = profile
  }

  /// Always `.configuration` (exit 7).
  public var kind: FailureKind { .configuration }

  /// The process exit code the CLI uses for configuration errors.
  public var exitCode: Int32 { 7 }

  /// `file:line: message` when the location is known, else the message.
  public var description: String {
    if let location { return "\(location): \(message)" }
    return message
  }
}
