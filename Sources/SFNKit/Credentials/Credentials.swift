#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An AWS access key pair with an optional session token.
public struct Credentials: Sendable, Equatable {
  public var accessKeyId: String
  public var secretAccessKey: String
  public var sessionToken: String?
  /// When temporary credentials stop working; nil for long-term keys.
  public var expiration: Date?
  /// The account the keys belong to, when the source says so.
  public var accountId: String?

  /// Credentials with the given parts.
  public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil,
              expiration: Date? = nil, accountId: String? = nil) {
    self.accessKeyId = accessKeyId
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
    self.accountId = accountId
  }
}

/// One source of credentials (environment, profile, SSO, IMDS, ...).
public protocol CredentialProvider {
  /// A short name of the source for messages and `configure list`, e.g. `env`.
  var name: String { get }
  /// What the source looked at, for "tried ..." lists, e.g. `profile "dev" in ~/.aws/credentials`; `name` by default.
  var triedDescription: String { get }
  /// The variable, `file:line` or URL that configured the source; empty by default.
  var sourceLocation: String { get }
  /// The credentials, nil when this source is not configured, or an error when it is but fails.
  func credentials() throws -> Credentials?
}

// Requirements with defaults rather than casts to narrower protocols: each cast's first use scans every
// protocol conformance record in the binary (~0.5M instructions at start-up).
extension CredentialProvider {
  /// `name`.
  public var triedDescription: String { name }
  /// Empty: unknown.
  public var sourceLocation: String { "" }
}
