#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The client region in AWS CLI v2 order: `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > profile `region` > IMDS.
public struct RegionResolver {
  /// The `--region` value, if given.
  public var commandLine: String?
  /// The environment.
  public var environment: Environment
  /// The selected profile, if it exists.
  public var profile: ProfileSection?
  /// The selected profile's name, for the error message.
  public var profileName: String
  /// The config file path as shown to the user.
  public var configPath: String
  /// Asks IMDS for the instance's region; nil skips that step (and it returns nil when IMDS is unavailable).
  public var instanceRegion: (() -> String?)?

  /// A resolver over these inputs.
  public init(commandLine: String?, environment: Environment, profile: ProfileSection?, profileName: String,
              configPath: String = "~/.aws/config", instanceRegion: (() -> String?)? = nil) {
    self.commandLine = commandLine
    self.environment = environment
    self.profile = profile
    self.profileName = profileName
    self.configPath = configPath
    self.instanceRegion = instanceRegion
  }

  /// The region and its source, or nil when nothing sets one.
  public func resolve() -> ResolvedSetting<String>? {
    if let commandLine, !commandLine.isEmpty { return ResolvedSetting(commandLine, from: .commandLine("--region")) }
    for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
      if let value = environment[variable] { return ResolvedSetting(value, from: .environment(variable)) }
    }
    if let profile, let region = profile["region"], !region.isEmpty {
      return ResolvedSetting(region, from: .profile(name: profile.name, key: "region",
                                                    location: profile.location(of: "region")))
    }
    if let region = instanceRegion?() { return ResolvedSetting(region, from: .instanceMetadata) }
    return nil
  }

  /// The region, or the CLI's "no region" configuration error.
  public func require() throws -> ResolvedSetting<String> {
    guard let region = resolve() else {
      throw ConfigError(.invalidSetting, "no region: pass --region, set AWS_REGION, or add 'region =' to profile "
                        + "\"\(profileName)\" in \(configPath)", profile: profileName)
    }
    return region
  }
}
