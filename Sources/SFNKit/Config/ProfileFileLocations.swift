#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The operating-system family, which decides the home directory variables and the path separator.
public enum Platform: Sendable {
  /// Linux, macOS and other POSIX systems.
  case posix
  /// Windows.
  case windows

  /// The platform this binary runs on.
  public static var current: Platform {
    #if os(Windows)
    return .windows
    #else
    return .posix
    #endif
  }
}

/// Where the shared config and credentials files live, from `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE` and home.
public struct ProfileFileLocations: Sendable, Equatable {
  /// Path of the config file (`~` expanded).
  public var configPath: String
  /// Path of the credentials file (`~` expanded).
  public var credentialsPath: String
  /// The user's home directory, or nil when no variable names one.
  public var home: String?
  /// The separator used to build default paths.
  public var separator: String

  /// Explicit paths, mostly for tests.
  public init(configPath: String, credentialsPath: String, home: String? = nil, separator: String = "/") {
    self.configPath = configPath
    self.credentialsPath = credentialsPath
    self.home = home
    self.separator = separator
  }

  /// The locations the AWS CLI would use in `environment` on `platform`.
  public init(environment: Environment, platform: Platform = .current) {
    let home = Self.homeDirectory(environment, platform: platform)
    let separator = platform == .windows ? "\\" : "/"
    func resolve(_ variable: String, _ file: String) -> String {
      if let path = environment[variable] { return Self.expandTilde(path, home: home) }
      return [home ?? "~", ".aws", file].joined(separator: separator)
    }
    self.init(configPath: resolve("AWS_CONFIG_FILE", "config"),
              credentialsPath: resolve("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
              home: home, separator: separator)
  }

  /// `$HOME`; on Windows falling back to `%USERPROFILE%`, then `%HOMEDRIVE%%HOMEPATH%`.
  public static func homeDirectory(_ environment: Environment, platform: Platform = .current) -> String? {
    if let home = environment["HOME"] { return home }
    guard platform == .windows else { return nil }
    if let profile = environment["USERPROFILE"] { return profile }
    if let drive = environment["HOMEDRIVE"], let path = environment["HOMEPATH"] { return drive + path }
    return nil
  }

  /// Replaces a leading `~` (alone or before a separator) by `home`.
  public static func expandTilde(_ path: String, home: String?) -> String {
    guard let home, path.first == "~" else { return path }
    let rest = path.dropFirst()
    guard rest.isEmpty || rest.first == "/" || rest.first == "\\" else { return path }
    return home + rest
  }

  /// A path under the home directory built from `components`, e.g. `["sso", "cache", "x.json"]` under `.aws`.
  public func awsPath(_ components: String...) -> String {
    ([home ?? "~", ".aws"] + components).joined(separator: separator)
  }

  /// `path` with the home directory shown as `~`, for messages.
  public func abbreviate(_ path: String) -> String {
    guard let home, !home.isEmpty, path.hasPrefix(home) else { return path }
    let rest = path.dropFirst(home.count)
    guard rest.isEmpty || rest.first == "/" || rest.first == "\\" else { return path }
    // String + String: String + Substring is a generic call whose first use costs ~0.27M instructions.
    return "~" + String(rest)
  }
}

/// Picks the profile name: `--profile` > `AWS_PROFILE` > `AWS_DEFAULT_PROFILE` > `default` (AWS CLI v2 order).
public struct ProfileSelection: Sendable, Equatable {
  /// Where a profile name came from.
  public enum Source: String, Sendable {
    /// The `--profile` option.
    case commandLine = "--profile"
    /// The `AWS_PROFILE` variable.
    case awsProfile = "AWS_PROFILE"
    /// The `AWS_DEFAULT_PROFILE` variable.
    case awsDefaultProfile = "AWS_DEFAULT_PROFILE"
    /// Nothing chose one, so it is `default`.
    case defaultName = "default"
  }

  /// The profile name.
  public var name: String
  /// Where the name came from.
  public var source: Source

  /// The selected profile given the `--profile` value (nil when absent) and the environment.
  public init(override: String?, environment: Environment) {
    if let override, !override.isEmpty {
      (name, source) = (override, .commandLine)
    } else if let name = environment["AWS_PROFILE"] {
      (self.name, source) = (name, .awsProfile)
    } else if let name = environment["AWS_DEFAULT_PROFILE"] {
      (self.name, source) = (name, .awsDefaultProfile)
    } else {
      (name, source) = ("default", .defaultName)
    }
  }

  /// True when the user named the profile explicitly (`--profile`), which drops env-var credentials from the chain.
  public var isExplicit: Bool { source == .commandLine }
}
