#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Printing credentials (directly, nested in another value, or in a debugger) shows the access key id only.
extension Credentials: CustomStringConvertible, CustomDebugStringConvertible {
  /// E.g. `Credentials(AKIA..., secret ***, session token ***)`.
  public var description: String {
    "Credentials(\(accessKeyId), secret ***" + (sessionToken == nil ? "" : ", session token ***") + ")"
  }

  /// Same as `description`: secrets never reach logs.
  public var debugDescription: String { description }
}

/// A profile using `login_session` (the console-login provider, which needs the AWS CRT): sfn cannot use it and
/// says so instead of reporting "no credentials".
public struct LoginSessionProvider: CredentialProvider {
  /// The shared context.
  public var context: CredentialContext

  /// A provider for the selected profile.
  public init(context: CredentialContext) { self.context = context }

  /// `login`, the AWS CLI's name.
  public var name: String { "login" }
  /// Empty: this provider only ever refuses, so it is left out of the "tried ..." list.
  public var triedDescription: String { "" }

  /// Nil without `login_session`; otherwise a configuration error explaining the alternatives.
  public func credentials() throws -> Credentials? {
    guard let profile = context.profile, profile["login_session"] != nil else { return nil }
    throw ConfigError(.invalidProfile, "profile \"\(profile.name)\" uses login_session (`aws login`), which sfn does "
                      + "not support; use `aws configure export-credentials --profile \(profile.name) --format env` "
                      + "or an SSO / access-key profile", location: profile.location(of: "login_session"),
                      profile: profile.name)
  }
}
