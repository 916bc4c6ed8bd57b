#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Credentials from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (+ session token, expiration, account).
public struct EnvironmentProvider: CredentialProvider {
  /// The environment to read.
  public var environment: Environment

  /// A provider over `environment`.
  public init(environment: Environment) { self.environment = environment }

  /// `env`.
  public var name: String { "env" }
  /// `env`.
  public var triedDescription: String { "env" }

  /// Nil without an access key; an access key without a secret is an error.
  public func credentials() throws -> Credentials? {
    guard let id = environment["AWS_ACCESS_KEY_ID"] else { return nil }
    guard let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
      throw CredentialError(.credentials, provider: name,
                            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both or neither")
    }
    var expiration: Date?
    if let text = environment["AWS_CREDENTIAL_EXPIRATION"] {
      guard let date = ISO8601.parse(text) else {
        throw CredentialError(.credentials, provider: name,
                              "AWS_CREDENTIAL_EXPIRATION \"\(text)\" is not an ISO 8601 time")
      }
      expiration = date
    }
    return Credentials(accessKeyId: id, secretAccessKey: secret,
                       sessionToken: environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"],
                       expiration: expiration, accountId: environment["AWS_ACCOUNT_ID"])
  }
}

/// Static keys written in the selected profile, in the credentials file or (a later chain step) the config file.
public struct StaticProfileProvider: CredentialProvider {
  /// Which file's keys this provider takes.
  public var file: ProfileFileKind
  /// The shared context.
  public var context: CredentialContext

  /// A provider for the keys in `file`.
  public init(file: ProfileFileKind, context: CredentialContext) {
    self.file = file
    self.context = context
  }

  /// `shared-credentials-file` or `config-file`, as the AWS CLI names them.
  public var name: String { file == .credentials ? "shared-credentials-file" : "config-file" }

  private var path: String { file == .credentials ? context.files.credentialsPath : context.files.configPath }

  /// E.g. `profile "dev" in ~/.aws/credentials`.
  public var triedDescription: String { "profile \"\(context.selection.name)\" in \(context.show(path))" }

  /// The profile's keys when `aws_access_key_id` was written in this provider's file; half a pair is an error.
  public func credentials() throws -> Credentials? {
    guard let profile = context.profile, profile.location(of: "aws_access_key_id")?.path == path
      || (profile["aws_access_key_id"] == nil && profile.location(of: "aws_secret_access_key")?.path == path)
    else { return nil }
    do {
      return try ProfileChainResolver.staticKeys(profile).credentials
    } catch let error as ConfigError {
      throw ConfigError(.invalidProfile, "profile \"\(profile.name)\": \(error.message)", location: error.location,
                        profile: profile.name)
    }
  }
}
