#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a resolved setting came from, for `sfn configure list` and error messages.
public enum SettingSource: Sendable, Equatable, CustomStringConvertible {
  /// A command-line option, e.g. `--region`.
  case commandLine(String)
  /// An environment variable, e.g. `AWS_REGION`.
  case environment(String)
  /// A key of a profile (`key` is lower case).
  case profile(name: String, key: String, location: SourceLocation?)
  /// A sub-key of a `[services NAME]` section, e.g. `sfn.endpoint_url`.
  case servicesSection(name: String, key: String, location: SourceLocation?)
  /// The EC2 instance metadata service.
  case instanceMetadata
  /// Computed from the endpoint rules for the region (and FIPS / dual-stack flags).
  case endpointRules
  /// Nothing set it; the built-in default applies.
  case defaultValue

  /// The AWS CLI's `configure list` "Type" column: `parameter`, `env`, `config-file`, `imds`, ...
  public var type: String {
    switch self {
    case .commandLine: return "parameter"
    case .environment: return "env"
    case .profile, .servicesSection: return "config-file"
    case .instanceMetadata: return "imds"
    case .endpointRules: return "rules"
    case .defaultValue: return "default"
    }
  }

  /// The `configure list` "Location" column: the option, variable or `file:line`.
  public var location: String {
    switch self {
    case .commandLine(let option): return option
    case .environment(let name): return name
    case .profile(_, _, let location?), .servicesSection(_, _, let location?): return location.description
    case .profile(let name, let key, nil): return "profile \"\(name)\" \(key)"
    case .servicesSection(let name, let key, nil): return "services \"\(name)\" \(key)"
    case .instanceMetadata: return "169.254.169.254"
    case .endpointRules: return "region"
    case .defaultValue: return ""
    }
  }

  /// E.g. `env AWS_REGION` or `config-file /home/u/.aws/config:3`.
  public var description: String { location.isEmpty ? type : "\(type) \(location)" }
}

/// A setting's value together with where it came from.
public struct ResolvedSetting<Value: Sendable>: Sendable {
  /// The value.
  public var value: Value
  /// Where it came from.
  public var source: SettingSource

  /// `value` from `source`.
  public init(_ value: Value, from source: SettingSource) {
    self.value = value
    self.source = source
  }
}

// Conditional, so that the type's metadata needs no conformance lookup when the runtime first instantiates it.
extension ResolvedSetting: Equatable where Value: Equatable {}

/// Reads one named setting from an env var and then a profile key, with its source.
public enum SettingLookup {
  /// The env var `variable` if set, else `key` in `profile`.
  public static func string(_ variable: String?, _ key: String?, environment: Environment, profile: ProfileSection?)
    -> ResolvedSetting<String>?
  {
    if let variable, let value = environment[variable] { return ResolvedSetting(value, from: .environment(variable)) }
    if let key, let profile, let value = profile[key], !value.isEmpty {
      return ResolvedSetting(value, from: .profile(name: profile.name, key: key, location: profile.location(of: key)))
    }
    return nil
  }

  /// A `true`/`false` setting (any case); other values are a configuration error naming their source.
  public static func bool(_ variable: String?, _ key: String?, environment: Environment, profile: ProfileSection?)
    throws -> ResolvedSetting<Bool>?
  {
    guard let text = string(variable, key, environment: environment, profile: profile) else { return nil }
    switch text.value.lowercased() {
    case "true": return ResolvedSetting(true, from: text.source)
    case "false": return ResolvedSetting(false, from: text.source)
    default:
      throw ConfigError(.invalidSetting, "\(text.source.location) must be true or false, not \"\(text.value)\"",
                        profile: profile?.name)
    }
  }
}
