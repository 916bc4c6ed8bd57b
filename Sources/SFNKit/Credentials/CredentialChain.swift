#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Credentials together with the provider that supplied them (for `sfn configure list` / `whoami`).
public struct ResolvedCredentials {
  /// The credentials.
  public var credentials: Credentials
  /// The provider's short name, e.g. `shared-credentials-file`.
  public var source: String
  /// What the provider looked at, e.g. `profile "dev" in ~/.aws/credentials`.
  public var detail: String
  /// The variable, `file:line` or URL that configured the source (empty when unknown).
  public var location: String

  /// Credentials from `source`.
  public init(credentials: Credentials, source: String, detail: String, location: String = "") {
    self.credentials = credentials
    self.source = source
    self.detail = detail
    self.location = location
  }
}

/// Tries credential providers in order; the first that returns credentials wins, the first that throws stops.
public struct CredentialChain: CredentialProvider {
  /// The providers, in order.
  public var providers: [CredentialProvider]

  /// A chain of `providers`.
  public init(_ providers: [CredentialProvider]) { self.providers = providers }

  /// The AWS CLI v2 chain for the context: env, assume-role, web identity, SSO, credentials file, login (refused),
  /// process, config file, container, IMDS. `--profile` drops the environment sources.
  public init(context: CredentialContext) {
    var providers: [CredentialProvider] = []
    if context.environmentCredentialsAllowed { providers.append(EnvironmentProvider(environment: context.environment)) }
    providers += [
      AssumeRoleProvider(context: context), WebIdentityProvider(context: context), SSOProvider(context: context),
      StaticProfileProvider(file: .credentials, context: context), LoginSessionProvider(context: context),
      ProcessProvider(context: context),
      StaticProfileProvider(file: .config, context: context), ContainerProvider(context: context),
      IMDSProvider(context: context),
    ]
    self.init(providers)
  }

  /// The standard chain for the CLI: loads the shared files, checks a named profile exists, and builds the chain.
  ///
  /// `profile` is the `--profile` value (nil when absent); `region` is the resolved client region (for STS).
  public static func standard(environment: Environment, profile: String?, transport: HTTPTransport,
                              region: String? = nil, mfaPrompt: MFAPrompt? = nil,
                              fileSystem: FileSystem = LocalFileSystem(), clock: Clock = .system) throws
    -> CredentialChain
  {
    let context = try CredentialContext(environment: environment, profile: profile, transport: transport,
                                        fileSystem: fileSystem, clock: clock, region: region, mfaPrompt: mfaPrompt)
    try context.checkProfileExists()
    return CredentialChain(context: context)
  }

  /// `chain`.
  public var name: String { "chain" }
  /// The sources this chain tries, comma-separated.
  public var triedDescription: String { tried.joined(separator: ", ") }

  private var tried: [String] {
    providers.map(\.triedDescription).filter { !$0.isEmpty }
  }

  /// The first credentials found, with their source; throws `CredentialError.noCredentials` when none is found.
  public func resolve() throws -> ResolvedCredentials {
    for provider in providers {
      if let credentials = try provider.credentials() {
        return ResolvedCredentials(credentials: credentials, source: provider.name, detail: provider.triedDescription,
                                   location: provider.sourceLocation)
      }
    }
    throw CredentialError.noCredentials(tried: tried)
  }

  /// See `resolve()`; never returns nil.
  public func credentials() throws -> Credentials? { try resolve().credentials }
}
