#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One line of `sfn configure list`: a setting, its value and where it came from.
public struct ConfigurationEntry: Equatable {
  /// `profile`, `region`, `endpoint` or `access_key`.
  public var name: String
  /// The value as shown (the access key masked), nil when nothing sets it.
  public var value: String?
  /// Where it came from, as the AWS CLI's "Type" column: `parameter`, `env`, `config-file`, `imds`, or for
  /// `access_key` the credential provider (`shared-credentials-file`, `assume-role`, `sso`, `iam-role`, ...).
  public var type: String
  /// The option, variable, `file:line` or URL that set it.
  public var location: String

  /// An entry with the given parts.
  public init(name: String, value: String?, type: String, location: String) {
    self.name = name
    self.value = value
    self.type = type
    self.location = location
  }
}

/// What `sfn configure list` shows: profile, region, endpoint and credentials, each with its source.
///
/// Resolving the credentials runs the chain (it may call STS, SSO, IMDS or a process, and uses the disk cache);
/// finding none is shown as not set, while configuration and provider failures are thrown.
public struct ConfigurationReport {
  /// The entries in display order.
  public var entries: [ConfigurationEntry]

  /// The report for `setup`.
  public init(setup: ClientSetup) throws {
    entries = [Self.profile(setup), try Self.region(setup), try Self.endpoint(setup), try Self.credentials(setup)]
  }

  /// `{"profile": {"value", "type", "location"}, ...}`; an unset value is null.
  public var json: JSON {
    .object(JSONObject(entries.map { entry in
      (entry.name, JSON.object(JSONObject([("value", entry.value.map(JSON.string) ?? .null),
                                           ("type", .string(entry.type)), ("location", .string(entry.location))])))
    }))
  }

  private static func profile(_ setup: ClientSetup) -> ConfigurationEntry {
    let selection = setup.profile
    switch selection.source {
    case .commandLine: return ConfigurationEntry(name: "profile", value: selection.name, type: "parameter",
                                                 location: "--profile")
    case .awsProfile, .awsDefaultProfile:
      return ConfigurationEntry(name: "profile", value: selection.name, type: "env",
                                location: selection.source.rawValue)
    case .defaultName: return ConfigurationEntry(name: "profile", value: selection.name, type: "default", location: "")
    }
  }

  private static func region(_ setup: ClientSetup) throws -> ConfigurationEntry {
    guard let region = setup.region else {
      return ConfigurationEntry(name: "region", value: nil, type: "none", location: "")
    }
    return ConfigurationEntry(name: "region", value: region.value, type: region.source.type,
                              location: location(region.source, setup))
  }

  private static func endpoint(_ setup: ClientSetup) throws -> ConfigurationEntry {
    let context = setup.context
    let configured = try EndpointResolver(commandLine: setup.endpointOverride, environment: context.environment,
                                          profile: context.profile, files: context.files).configuredEndpoint()
    if setup.region == nil && configured == nil {
      return ConfigurationEntry(name: "endpoint", value: nil, type: "none", location: "needs a region")
    }
    let endpoint = try setup.endpoint()
    return ConfigurationEntry(name: "endpoint", value: endpoint.value.absoluteString, type: endpoint.source.type,
                              location: location(endpoint.source, setup))
  }

  private static func credentials(_ setup: ClientSetup) throws -> ConfigurationEntry {
    do {
      let resolved = try setup.credentialChain.resolve()
      return ConfigurationEntry(name: "access_key", value: resolved.maskedAccessKey, type: resolved.source,
                                location: resolved.location)
    } catch let error as CredentialError where error.provider == nil && !error.tried.isEmpty {
      return ConfigurationEntry(name: "access_key", value: nil, type: "none", location: "")
    }
  }

  /// The source's location, with the IMDS endpoint actually configured rather than the default address.
  private static func location(_ source: SettingSource, _ setup: ClientSetup) -> String {
    guard source == .instanceMetadata else { return source.location }
    let context = setup.context
    return IMDSClient(environment: context.environment, profile: context.profile, transport: context.transport)?
      .endpoint ?? source.location
  }
}
