#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Credentials from STS `AssumeRole` for a profile with `role_arn`, following `source_profile` chains.
public struct AssumeRoleProvider: CredentialProvider {
  /// The shared context.
  public var context: CredentialContext

  /// A provider for the selected profile.
  public init(context: CredentialContext) { self.context = context }

  /// `assume-role`.
  public var name: String { "assume-role" }
  /// What was looked at.
  public var triedDescription: String { "role_arn of profile \"\(context.selection.name)\"" }

  /// Nil unless the profile has `role_arn` (without `web_identity_token_file`, which the web identity provider takes).
  public func credentials() throws -> Credentials? {
    guard let profile = context.profile, profile["role_arn"] != nil, profile["web_identity_token_file"] == nil else {
      return nil
    }
    let chain = try ProfileChainResolver.resolve(context.files, profile: profile.name)
    return try credentials(through: chain.roles.count, of: chain)
  }

  /// Credentials after assuming the first `count` roles of `chain`; each step is cached, so a cache hit on the
  /// outermost role skips everything underneath.
  private func credentials(through count: Int, of chain: ProfileChain) throws -> Credentials {
    guard count > 0 else { return try baseCredentials(chain.base) }
    let role = chain.roles[count - 1]
    var keyFields: [String: PythonJSONKey.Value] = ["RoleArn": .string(role.roleArn)]
    if let name = role.sessionName { keyFields["RoleSessionName"] = .string(name) }
    if let id = role.externalId { keyFields["ExternalId"] = .string(id) }
    if let serial = role.mfaSerial { keyFields["SerialNumber"] = .string(serial) }
    if let duration = role.durationSeconds { keyFields["DurationSeconds"] = .int(duration) }
    let cacheKey = CredentialCache.key(keyFields)
    if let cached = context.cache.load(cacheKey) { return cached }

    let source = try credentials(through: count - 1, of: chain)
    var tokenCode: String?
    if let serial = role.mfaSerial {
      guard let prompt = context.mfaPrompt else {
        throw ConfigError(.invalidProfile, "profile \"\(role.profile)\" needs an MFA code for \(serial) but there is "
                          + "no terminal to ask on", location: role.location, profile: role.profile)
      }
      tokenCode = try prompt(serial)
    }
    let sessionName = role.sessionName ?? "botocore-session-\(Int(context.clock.now().timeIntervalSince1970))"
    let credentials = try context.stsClient().assumeRole(role, sessionName: sessionName, tokenCode: tokenCode,
                                                         source: source)
    context.cache.store(credentials, key: cacheKey, providerType: "assume-role")
    return credentials
  }

  /// The credentials of the chain's base source.
  private func baseCredentials(_ base: BaseCredentialSource) throws -> Credentials {
    let provider: CredentialProvider
    switch base {
    case .staticKeys(_, let keys): return keys.credentials
    case .namedSource("Environment", _): provider = EnvironmentProvider(environment: context.environment)
    case .namedSource("EcsContainer", _): provider = ContainerProvider(context: context)
    case .namedSource(_, _): provider = IMDSProvider(context: context)
    case .webIdentity(let settings): provider = WebIdentityProvider(context: context, settings: settings)
    case .sso(let settings): provider = SSOProvider(context: context, settings: settings)
    case .process(let command, let profile, let location):
      provider = ProcessProvider(context: context, command: (command, profile, location))
    }
    guard let credentials = try provider.credentials() else {
      throw CredentialError(.credentials, provider: name, "assume-role: \(base) provided no credentials")
    }
    return credentials
  }
}
