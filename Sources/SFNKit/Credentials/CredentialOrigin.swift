#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Where each provider's credentials were configured (`CredentialProvider.sourceLocation`), for `sfn configure list`.

extension ProfileSection {
  /// `file:line` of the first of `keys` that is set, or empty.
  fileprivate func firstLocation(_ keys: [String]) -> String {
    keys.lazy.compactMap { self.location(of: $0) }.first?.description ?? ""
  }
}

extension EnvironmentProvider {
  /// `AWS_ACCESS_KEY_ID`.
  public var sourceLocation: String { "AWS_ACCESS_KEY_ID" }
}

extension StaticProfileProvider {
  /// Where `aws_access_key_id` was written.
  public var sourceLocation: String {
    context.profile?.firstLocation(["aws_access_key_id", "aws_secret_access_key"]) ?? ""
  }
}

extension AssumeRoleProvider {
  /// Where the selected profile's `role_arn` was written.
  public var sourceLocation: String { context.profile?.firstLocation(["role_arn"]) ?? "" }
}

extension WebIdentityProvider {
  /// `AWS_WEB_IDENTITY_TOKEN_FILE` when the environment configured it, else the profile's key.
  public var sourceLocation: String {
    if settings == nil, context.environmentCredentialsAllowed,
       context.environment["AWS_WEB_IDENTITY_TOKEN_FILE"] != nil {
      return "AWS_WEB_IDENTITY_TOKEN_FILE"
    }
    return context.profile?.firstLocation(["web_identity_token_file"]) ?? ""
  }
}

extension SSOProvider {
  /// Where the profile's SSO account (or session) was written.
  public var sourceLocation: String {
    settings?.location?.description
      ?? context.profile?.firstLocation(["sso_account_id", "sso_session", "sso_start_url"]) ?? ""
  }
}

extension ProcessProvider {
  /// Where `credential_process` was written.
  public var sourceLocation: String {
    if let command { return command.location?.description ?? "" }
    return context.profile?.firstLocation(["credential_process"]) ?? ""
  }
}

extension ContainerProvider {
  /// The variable that configured the container endpoint.
  public var sourceLocation: String {
    context.environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] != nil
      ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" : "AWS_CONTAINER_CREDENTIALS_FULL_URI"
  }
}

extension IMDSProvider {
  /// The instance metadata endpoint that answered.
  public var sourceLocation: String {
    IMDSClient(environment: context.environment, profile: context.profile, transport: context.transport)?.endpoint
      ?? ""
  }
}
