#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `AssumeRoleWithWebIdentity` needs: a token file and a role, from env vars or profile keys.
public struct WebIdentitySettings: Equatable {
  /// `role_arn` / `AWS_ROLE_ARN`.
  public var roleArn: String
  /// `web_identity_token_file` / `AWS_WEB_IDENTITY_TOKEN_FILE`; re-read on every refresh.
  public var tokenFile: String
  /// `role_session_name` / `AWS_ROLE_SESSION_NAME`, if set.
  public var sessionName: String?
  /// The profile the keys came from, or nil when all came from the environment.
  public var profile: String?

  /// Settings with the given parts.
  public init(roleArn: String, tokenFile: String, sessionName: String? = nil, profile: String? = nil) {
    self.roleArn = roleArn
    self.tokenFile = tokenFile
    self.sessionName = sessionName
    self.profile = profile
  }

  /// The settings of `profile`, with each env var (when `environment` is given) beating its profile key.
  ///
  /// Nil when no token file is configured; a token file without a role is an error.
  public init?(profile: ProfileSection?, environment: Environment? = nil) throws {
    guard let tokenFile = environment?["AWS_WEB_IDENTITY_TOKEN_FILE"] ?? profile?["web_identity_token_file"] else {
      return nil
    }
    guard let roleArn = environment?["AWS_ROLE_ARN"] ?? profile?["role_arn"] else {
      throw ConfigError(.invalidProfile, "web identity token file is set but `role_arn` was missing (set role_arn "
                        + "or AWS_ROLE_ARN)", location: profile?.location(of: "web_identity_token_file"),
                        profile: profile?.name)
    }
    self.init(roleArn: roleArn, tokenFile: tokenFile,
              sessionName: environment?["AWS_ROLE_SESSION_NAME"] ?? profile?["role_session_name"],
              profile: profile?.name)
  }
}

/// IAM Identity Center settings of a profile, either legacy (`sso_start_url` in the profile) or via `sso_session`.
public struct SSOSettings: Equatable {
  /// The profile that has them.
  public var profile: String
  /// `sso_session`, nil in the legacy form.
  public var sessionName: String?
  /// `sso_start_url`.
  public var startURL: String?
  /// `sso_region`.
  public var region: String?
  /// `sso_account_id`.
  public var accountId: String?
  /// `sso_role_name`.
  public var roleName: String?
  /// Where the profile's first SSO key was written.
  public var location: SourceLocation?

  /// The settings of `profile`, nil when it has no `sso_*` keys; inconsistent keys are an error.
  public init?(profile: ProfileSection, files: ProfileFiles) throws {
    let ssoKeys = profile.keys.filter { $0.hasPrefix("sso_") }
    guard !ssoKeys.isEmpty else { return nil }
    self.profile = profile.name
    self.location = profile.location(of: ssoKeys[0])
    accountId = profile["sso_account_id"]
    roleName = profile["sso_role_name"]
    func fail(_ message: String, _ key: String) -> ConfigError {
      ConfigError(.invalidProfile, message, location: profile.location(of: key) ?? location, profile: profile.name)
    }
    if roleName != nil && accountId == nil {
      throw fail("if `sso_role_name` is set, then `sso_account_id` must also be set", "sso_role_name")
    }
    if accountId != nil && roleName == nil {
      throw fail("if `sso_account_id` is set, then `sso_role_name` must also be set", "sso_account_id")
    }
    if let sessionName = profile["sso_session"] {
      guard let session = files.ssoSession(named: sessionName) else {
        throw fail("sso-session named `\(sessionName)` (referenced by profile `\(profile.name)`) was not found in "
                   + files.configPath, "sso_session")
      }
      for key in ["sso_region", "sso_start_url"] where profile[key] != nil && profile[key] != session[key] {
        throw fail("`\(key)` can only be specified in the [sso-session] config when a session name is given", key)
      }
      self.sessionName = sessionName
      startURL = session["sso_start_url"]
      region = session["sso_region"]
    } else {
      sessionName = nil
      startURL = profile["sso_start_url"]
      region = profile["sso_region"]
    }
  }

  /// The key names missing for fetching role credentials, empty when complete.
  public var missingForRoleCredentials: [String] {
    var missing: [String] = []
    if startURL == nil { missing.append("sso_start_url") }
    if region == nil { missing.append("sso_region") }
    if accountId == nil { missing.append("sso_account_id") }
    if roleName == nil { missing.append("sso_role_name") }
    return missing
  }
}
