#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything resolved before the first request: profile, region, endpoint and credential chain, with sources.
///
/// Built once per CLI invocation from the environment, the global options and a transport; loading it reads the
/// shared files, so a malformed file or an unknown `--profile` / `AWS_PROFILE` fails here with a `ConfigError`.
public struct ClientSetup {
  /// The injected world plus the parsed shared files and the selected profile.
  public let context: CredentialContext
  /// The client region and its source, nil when nothing sets one.
  public let region: ResolvedSetting<String>?
  /// The `--endpoint-url` value, if given.
  public let endpointOverride: String?

  /// Loads the shared files and resolves the region; `profile`, `region` and `endpointURL` are the global options.
  ///
  /// `files` are the shared files when the caller read them already (to build the transport from their settings).
  /// `regionFromInstanceMetadata` lets the region fall back to IMDS as the AWS CLI does (costs up to two
  /// one-second timeouts off EC2, and only when no other source sets a region).
  public init(environment: Environment, profile: String?, region: String?, endpointURL: String?,
              transport: HTTPTransport, fileSystem: FileSystem = LocalFileSystem(), clock: Clock = .system,
              mfaPrompt: MFAPrompt? = nil, files: ProfileFiles? = nil, regionFromInstanceMetadata: Bool = true) throws {
    var context = try CredentialContext(environment: environment, profile: profile, transport: transport,
                                        fileSystem: fileSystem, clock: clock, mfaPrompt: mfaPrompt, files: files)
    try context.checkProfileExists()
    let profileSection = context.profile
    let imds: (() -> String?)? = regionFromInstanceMetadata ? {
      IMDSClient(environment: environment, profile: profileSection, transport: transport)?.region()
    } : nil
    let resolved = RegionResolver(commandLine: region, environment: environment, profile: profileSection,
                                  profileName: context.selection.name,
                                  configPath: context.locations.abbreviate(context.files.configPath),
                                  instanceRegion: imds).resolve()
    context.region = resolved?.value
    self.context = context
    self.region = resolved
    self.endpointOverride = endpointURL
  }

  /// The selected profile name and why it was chosen.
  public var profile: ProfileSelection { context.selection }

  /// The region, or the "no region: pass --region, ..." configuration error.
  public func requireRegion() throws -> ResolvedSetting<String> {
    if let region { return region }
    throw ConfigError(.invalidSetting, "no region: pass --region, set AWS_REGION, or add 'region =' to profile "
                      + "\"\(profile.name)\" in \(context.locations.abbreviate(context.files.configPath))",
                      profile: profile.name)
  }

  /// The Step Functions endpoint and its source: configured URLs (`EndpointResolver.configuredEndpoint`), else the
  /// endpoint rules for the region.
  public func endpoint() throws -> ResolvedSetting<URL> {
    let resolver = EndpointResolver(service: .stepFunctions, commandLine: endpointOverride,
                                    environment: context.environment, profile: context.profile, files: context.files)
    // Without a configured URL the rules need a region: fail with the message that names the profile.
    let region = try resolver.configuredEndpoint() == nil ? requireRegion().value : self.region?.value
    return try resolver.resolve(region: region)
  }

  /// True when the endpoint came from configuration rather than the rules (e.g. Step Functions Local).
  public func endpointIsCustom() throws -> Bool { try endpoint().source != .endpointRules }

  /// The AWS CLI v2 credential chain for the selected profile.
  public var credentialChain: CredentialChain { CredentialChain(context: context) }

  /// Any other string setting: env var `variable` (if given) beats profile key `key`, e.g.
  /// `setting("AWS_MAX_ATTEMPTS", "max_attempts")` or `setting("AWS_DEFAULT_OUTPUT", "output")`.
  public func setting(_ variable: String?, _ key: String) -> ResolvedSetting<String>? {
    SettingLookup.string(variable, key, environment: context.environment, profile: context.profile)
  }

  /// A `true`/`false` setting, e.g. `flag("AWS_DISABLE_HOST_PREFIX_INJECTION", "disable_host_prefix_injection")`.
  public func flag(_ variable: String?, _ key: String) throws -> ResolvedSetting<Bool>? {
    try SettingLookup.bool(variable, key, environment: context.environment, profile: context.profile)
  }

  /// `sts GetCallerIdentity` with `credentials`, for `sfn whoami`.
  public func callerIdentity(_ credentials: Credentials) throws -> CallerIdentity {
    try context.stsClient().getCallerIdentity(credentials)
  }
}

extension ResolvedCredentials {
  /// The access key id as `configure list` shows it: `****************ABCD`.
  public var maskedAccessKey: String {
    String(repeating: "*", count: max(0, credentials.accessKeyId.count - 4)) + credentials.accessKeyId.suffix(4)
  }
}
