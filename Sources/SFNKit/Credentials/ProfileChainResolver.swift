#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the first credentials of a profile chain come from, before any role is assumed.
public enum BaseCredentialSource: Equatable, CustomStringConvertible {
  /// `aws_access_key_id` / `aws_secret_access_key` written in `profile`.
  case staticKeys(profile: String, StaticKeys)
  /// `credential_source = Environment | Ec2InstanceMetadata | EcsContainer`.
  case namedSource(String, profile: String)
  /// `web_identity_token_file` with `role_arn`.
  case webIdentity(WebIdentitySettings)
  /// `sso_*` keys, directly or through an `sso-session`.
  case sso(SSOSettings)
  /// `credential_process`.
  case process(command: String, profile: String, location: SourceLocation?)

  /// A short description without secrets, e.g. `static keys in profile "b"`.
  public var description: String {
    switch self {
    case .staticKeys(let profile, _): return "static keys in profile \"\(profile)\""
    case .namedSource(let name, let profile): return "credential_source \(name) of profile \"\(profile)\""
    case .webIdentity(let settings): return "web identity token \(settings.tokenFile)"
    case .sso(let settings): return "SSO for profile \"\(settings.profile)\""
    case .process(_, let profile, _): return "credential_process of profile \"\(profile)\""
    }
  }
}

/// A static key pair as written in a profile; `description` hides the secret.
public struct StaticKeys: Equatable, CustomStringConvertible {
  /// The credentials (long-term, or with a session token).
  public var credentials: Credentials
  /// Where `aws_access_key_id` was written.
  public var location: SourceLocation?
  /// The access key id only.
  public var description: String { "access key \(credentials.accessKeyId)" }

  /// Keys written at `location`.
  public init(credentials: Credentials, location: SourceLocation?) {
    self.credentials = credentials
    self.location = location
  }
}

/// One `role_arn` to assume with the previous step's credentials.
public struct RoleStep: Equatable {
  /// The profile that names the role.
  public var profile: String
  /// `role_arn`.
  public var roleArn: String
  /// `role_session_name`, if set.
  public var sessionName: String?
  /// `external_id`, if set.
  public var externalId: String?
  /// `mfa_serial`, if set.
  public var mfaSerial: String?
  /// `duration_seconds`, if set.
  public var durationSeconds: Int?
  /// Where `role_arn` was written.
  public var location: SourceLocation?

  /// A step assuming `roleArn`, named by `profile`.
  public init(profile: String, roleArn: String, sessionName: String? = nil, externalId: String? = nil,
              mfaSerial: String? = nil, durationSeconds: Int? = nil, location: SourceLocation? = nil) {
    self.profile = profile
    self.roleArn = roleArn
    self.sessionName = sessionName
    self.externalId = externalId
    self.mfaSerial = mfaSerial
    self.durationSeconds = durationSeconds
    self.location = location
  }
}

/// A resolved profile: a base source, then roles to assume in order (the first uses the base credentials).
public struct ProfileChain: Equatable {
  /// The first credentials.
  public var base: BaseCredentialSource
  /// Roles to assume, innermost (closest to the base) first.
  public var roles: [RoleStep]

  /// A chain from `base` through `roles`.
  public init(base: BaseCredentialSource, roles: [RoleStep]) {
    self.base = base
    self.roles = roles
  }
}

/// Follows `role_arn` / `source_profile` / `credential_source` from a profile to its base credentials.
///
/// Matches the cross-SDK `assume-role-tests.json` cases: a source profile with complete static keys stops the chain
/// even if it has its own `role_arn`; a profile naming itself as `source_profile` uses its own keys; revisiting a
/// profile is a loop.
public enum ProfileChainResolver {
  /// The chain for `profileName` in `files`.
  public static func resolve(_ files: ProfileFiles, profile profileName: String) throws -> ProfileChain {
    if files.profiles.isEmpty {
      throw ConfigError(.unknownProfile, "No profiles were defined in \(files.configPath) or \(files.credentialsPath)",
                        profile: profileName)
    }
    var name = profileName
    var visited: [String] = []
    var roles: [RoleStep] = []
    while true {
      guard let profile = files.profile(named: name) else {
        let from = visited.last.map { "referenced from \($0)" } ?? "selected"
        let location = visited.last.flatMap { files.profile(named: $0)?.location(of: "source_profile") }
        throw ConfigError(.unknownProfile, "could not find source profile \(name) \(from) (not in \(files.configPath) "
                          + "or \(files.credentialsPath))", location: location, profile: visited.last)
      }
      if visited.contains(name) {
        let loop = (visited + [name]).joined(separator: " -> ")
        throw ConfigError(.profileLoop, "profile formed an infinite loop: \(loop)",
                          location: profile.location(of: "source_profile"), profile: name)
      }
      visited.append(name)
      if visited.count > 1, let keys = try? staticKeys(profile) {
        return ProfileChain(base: .staticKeys(profile: name, keys), roles: roles.reversed())
      }
      guard let (step, next) = try roleStep(profile) else {
        return ProfileChain(base: try baseSource(profile, files: files), roles: roles.reversed())
      }
      roles.append(step)
      guard let next, next != name else {
        // credential_source, or a profile that is its own source: its own settings are the base.
        return ProfileChain(base: try baseSource(profile, files: files, allowRoleFree: true), roles: roles.reversed())
      }
      name = next
    }
  }

  /// The role step of `profile` and the next profile name (nil for credential_source), or nil without `role_arn`.
  private static func roleStep(_ profile: ProfileSection) throws -> (RoleStep, String?)? {
    guard let roleArn = profile["role_arn"], profile["web_identity_token_file"] == nil else { return nil }
    let location = profile.location(of: "role_arn")
    var duration: Int?
    if let text = profile["duration_seconds"] {
      guard let value = Int(text), value > 0 else {
        throw ConfigError(.invalidProfile, "duration_seconds must be a whole number of seconds, not \"\(text)\"",
                          location: profile.location(of: "duration_seconds"), profile: profile.name)
      }
      duration = value
    }
    let step = RoleStep(profile: profile.name, roleArn: roleArn, sessionName: profile["role_session_name"],
                        externalId: profile["external_id"], mfaSerial: profile["mfa_serial"],
                        durationSeconds: duration, location: location)
    switch (profile["source_profile"], profile["credential_source"]) {
    case (.some, .some):
      throw ConfigError(.invalidProfile, "profile contained both source_profile and credential_source; "
                        + "only one may be set", location: location, profile: profile.name)
    case (nil, nil):
      throw ConfigError(.invalidProfile, "profile must contain `source_profile` or `credential_source` with role_arn",
                        location: location, profile: profile.name)
    case (let source?, nil):
      return (step, source)
    case (nil, .some):
      return (step, nil)
    }
  }

  /// The base source a profile itself provides: credential_source, web identity, SSO, static keys or a process.
  static func baseSource(_ profile: ProfileSection, files: ProfileFiles, allowRoleFree: Bool = false) throws
    -> BaseCredentialSource
  {
    if let source = profile["credential_source"], allowRoleFree || profile["role_arn"] == nil {
      guard ["Environment", "Ec2InstanceMetadata", "EcsContainer"].contains(source) else {
        throw ConfigError(.invalidProfile, "credential_source \"\(source)\" is not one of Environment, "
                          + "Ec2InstanceMetadata, EcsContainer", location: profile.location(of: "credential_source"),
                          profile: profile.name)
      }
      return .namedSource(source, profile: profile.name)
    }
    if let webIdentity = try WebIdentitySettings(profile: profile) { return .webIdentity(webIdentity) }
    if let sso = try SSOSettings(profile: profile, files: files) { return .sso(sso) }
    // CLI v2 order: keys from the credentials file, then credential_process, then keys from the config file.
    let keys = try? staticKeys(profile)
    if let keys, keys.location?.path == files.credentialsPath { return .staticKeys(profile: profile.name, keys) }
    if let command = profile["credential_process"] {
      return .process(command: command, profile: profile.name, location: profile.location(of: "credential_process"))
    }
    return .staticKeys(profile: profile.name, try staticKeys(profile))
  }

  /// The complete static key pair of `profile`, or an error naming what is missing.
  static func staticKeys(_ profile: ProfileSection) throws -> StaticKeys {
    switch (profile["aws_access_key_id"], profile["aws_secret_access_key"]) {
    case (let id?, let secret?):
      return StaticKeys(credentials: Credentials(accessKeyId: id, secretAccessKey: secret,
                                                 sessionToken: profile["aws_session_token"],
                                                 accountId: profile["aws_account_id"]),
                        location: profile.location(of: "aws_access_key_id"))
    case (.some, nil):
      throw ConfigError(.invalidProfile, "profile missing aws_secret_access_key",
                        location: profile.location(of: "aws_access_key_id"), profile: profile.name)
    case (nil, .some):
      throw ConfigError(.invalidProfile, "profile missing aws_access_key_id",
                        location: profile.location(of: "aws_secret_access_key"), profile: profile.name)
    case (nil, nil):
      throw ConfigError(.noCredentialSource, "profile `\(profile.name)` did not contain credential information",
                        profile: profile.name)
    }
  }
}
