#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Asks the user for an MFA code for the device `serial`; throws to give up.
public typealias MFAPrompt = (_ serial: String) throws -> String

/// Everything credential providers read from the outside world, injected so tests control it.
public struct CredentialContext {
  /// The environment variables.
  public var environment: Environment
  /// The parsed shared files.
  public var files: ProfileFiles
  /// Where the shared files (and `~/.aws`) are.
  public var locations: ProfileFileLocations
  /// The selected profile and why.
  public var selection: ProfileSelection
  /// How HTTP requests are sent (STS, SSO, container, IMDS).
  public var transport: HTTPTransport
  /// File access (token files, caches).
  public var fileSystem: FileSystem
  /// The current time.
  public var clock: Clock
  /// The client region, used for the regional STS endpoint.
  public var region: String?
  /// Asks for MFA codes; nil when there is no terminal to ask on.
  public var mfaPrompt: MFAPrompt?
  /// The AWS CLI's credential cache (`~/.aws/cli/cache`).
  public var cache: CredentialCache

  /// A context; `files` are loaded from `fileSystem` at the standard locations when not given.
  public init(environment: Environment, profile: String? = nil, transport: HTTPTransport,
              fileSystem: FileSystem = LocalFileSystem(), clock: Clock = .system, region: String? = nil,
              mfaPrompt: MFAPrompt? = nil, files: ProfileFiles? = nil, platform: Platform = .current) throws {
    self.environment = environment
    self.locations = ProfileFileLocations(environment: environment, platform: platform)
    self.files = try files ?? ProfileFiles.load(locations, fileSystem: fileSystem)
    self.selection = ProfileSelection(override: profile, environment: environment)
    self.transport = transport
    self.fileSystem = fileSystem
    self.clock = clock
    self.region = region
    self.mfaPrompt = mfaPrompt
    self.cache = CredentialCache(directory: locations.awsPath("cli", "cache"), fileSystem: fileSystem, clock: clock)
  }

  /// The selected profile, or nil when it does not exist.
  public var profile: ProfileSection? { files.profile(named: selection.name) }

  /// True unless `--profile` was given: env-var credentials (and web identity env vars) then stay out of the chain.
  public var environmentCredentialsAllowed: Bool { !selection.isExplicit }

  /// An error when the selected profile was named (by `--profile` or `AWS_PROFILE`) but is in neither file.
  public func checkProfileExists() throws {
    guard profile == nil, selection.source != .defaultName else { return }
    throw ConfigError(.unknownProfile, "profile \"\(selection.name)\" (from \(selection.source.rawValue)) is not in "
                      + "\(locations.abbreviate(files.configPath)) or \(locations.abbreviate(files.credentialsPath))",
                      profile: selection.name)
  }

  /// The STS client for role assumption: `AWS_ENDPOINT_URL_STS` / configured endpoint if set, else regional.
  public func stsClient() throws -> STSClient {
    let resolver = EndpointResolver(service: .sts, commandLine: nil, environment: environment, profile: profile,
                                    files: files)
    let override = try resolver.configuredEndpoint().flatMap { URL(string: $0.value) }
    return STSClient.regional(region: region, transport: transport, clock: clock, endpointOverride: override)
  }

  /// The endpoint of a credential service (SSO, SSO-OIDC) in `region`: a configured URL
  /// (`AWS_ENDPOINT_URL_<ID>`, `AWS_ENDPOINT_URL`, a `services` section, `endpoint_url`) as botocore honours for
  /// every client, else `https://<prefix>.<region>.<dnsSuffix>`.
  public func serviceEndpoint(_ service: AWSServiceEndpointInfo, region: String) throws -> URL {
    let resolver = EndpointResolver(service: service, commandLine: nil, environment: environment, profile: profile,
                                    files: files)
    if let configured = try resolver.configuredEndpoint(), let url = URL(string: configured.value) { return url }
    let host = "\(service.hostPrefix).\(region).\(Partition.forRegion(region).dnsSuffix)"
    guard let url = URL(string: "https://\(host)") else {
      throw ConfigError(.invalidSetting, "region \"\(region)\" is not a valid region name", profile: selection.name)
    }
    return url
  }

  /// `path` shortened with `~` for messages.
  func show(_ path: String) -> String { locations.abbreviate(path) }
}
