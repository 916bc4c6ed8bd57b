#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A named section of the shared files: a profile, an `sso-session` or a `services` section.
public struct ProfileSection: Sendable, Equatable {
  /// The section's name, e.g. `dev` for `[profile dev]`.
  public var name: String
  /// Lower-cased property names in the order they first appeared.
  public private(set) var keys: [String] = []
  /// Lower-cased property name to value and location.
  public private(set) var values: [String: ProfileValue] = [:]

  /// An empty section called `name`.
  public init(name: String) { self.name = name }

  /// The value of `key` (any case), or nil when it is not set.
  public subscript(key: String) -> String? { values[key.lowercased()]?.value }

  /// Where `key` was written, for `file:line` messages.
  public func location(of key: String) -> SourceLocation? { values[key.lowercased()]?.location }

  /// The sub-properties under `key` (`key =` followed by indented `name = value` lines), names lower-cased.
  public func subProperties(of key: String) -> [String: String] {
    guard let raw = self[key] else { return [:] }
    var result: [String: String] = [:]
    for line in raw.split(separator: "\n") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      let name = ProfileFileParser.trim(line[..<equals]).lowercased()
      let value = ProfileFileParser.stripComment(line[line.index(after: equals)...], needsWhitespace: true)
      if !name.isEmpty { result[name] = String(value) }
    }
    return result
  }

  /// Sets `key` (lower-cased) to `value`; a later write to the same key wins.
  public mutating func set(_ key: String, _ value: ProfileValue) {
    let key = key.lowercased()
    if values[key] == nil { keys.append(key) }
    values[key] = value
  }

  /// Copies every property of `other` over this section's.
  mutating func merge(_ other: RawSection) {
    for key in other.keys { set(key, other.values[key]!) }
  }
}

/// Which shared file a text came from; the two use different section syntax.
public enum ProfileFileKind: Sendable {
  /// `~/.aws/config`: `[profile NAME]`, `[default]`, `[sso-session NAME]`, `[services NAME]`.
  case config
  /// `~/.aws/credentials`: bare `[NAME]` sections only.
  case credentials
}

/// The parsed and merged contents of `~/.aws/config` and `~/.aws/credentials`.
public struct ProfileFiles: Sendable, Equatable {
  /// Profiles by name; a profile in both files is merged with the credentials file winning per key.
  public var profiles: [String: ProfileSection] = [:]
  /// `[sso-session NAME]` sections by name.
  public var ssoSessions: [String: ProfileSection] = [:]
  /// `[services NAME]` sections by name.
  public var services: [String: ProfileSection] = [:]
  /// The config file path that was read (or would have been).
  public var configPath: String
  /// The credentials file path that was read (or would have been).
  public var credentialsPath: String

  /// Empty files at the given paths.
  public init(configPath: String = "~/.aws/config", credentialsPath: String = "~/.aws/credentials") {
    self.configPath = configPath
    self.credentialsPath = credentialsPath
  }

  /// Parses the two files' texts (nil means the file does not exist).
  public init(config: String?, credentials: String?, configPath: String = "~/.aws/config",
              credentialsPath: String = "~/.aws/credentials") throws {
    self.init(configPath: configPath, credentialsPath: credentialsPath)
    if let config { try add(ProfileFileParser.parse(config, path: configPath), kind: .config) }
    if let credentials { try add(ProfileFileParser.parse(credentials, path: credentialsPath), kind: .credentials) }
  }

  /// Reads the files at `locations` through `fileSystem`; a missing file counts as empty.
  public static func load(_ locations: ProfileFileLocations, fileSystem: FileSystem) throws -> ProfileFiles {
    func read(_ path: String) throws -> String? {
      do {
        guard let bytes = try fileSystem.contents(atPath: path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
      } catch {
        throw ConfigError(.unreadableFile, "cannot read \(path): \(error)")
      }
    }
    return try ProfileFiles(config: read(locations.configPath), credentials: read(locations.credentialsPath),
                            configPath: locations.configPath, credentialsPath: locations.credentialsPath)
  }

  /// The profile called `name`, or nil.
  public func profile(named name: String) -> ProfileSection? { profiles[name] }

  /// The `sso-session` called `name`, or nil.
  public func ssoSession(named name: String) -> ProfileSection? { ssoSessions[name] }

  /// The `services` section called `name`, or nil.
  public func servicesSection(named name: String) -> ProfileSection? { services[name] }

  /// Files the raw sections of one file under profiles / sso-sessions / services; others are ignored.
  private mutating func add(_ sections: [RawSection], kind: ProfileFileKind) {
    // In the config file `[profile default]` beats a bare `[default]`, which is then dropped entirely.
    let hasPrefixedDefault = kind == .config && sections.contains { Self.split($0.header) == ("profile", "default") }
    for section in sections {
      let (prefix, name) = Self.split(section.header)
      switch (kind, prefix) {
      case (.config, "profile"?):
        Self.merge(section, named: name, into: &profiles)
      case (.config, nil) where name == "default" && !hasPrefixedDefault:
        Self.merge(section, named: name, into: &profiles)
      case (.config, "sso-session"?):
        Self.merge(section, named: name, into: &ssoSessions)
      case (.config, "services"?):
        Self.merge(section, named: name, into: &services)
      case (.credentials, nil):
        Self.merge(section, named: name, into: &profiles)
      default:
        continue  // e.g. `[foo]` in config or `[profile foo]` in credentials: not a profile
      }
    }
  }

  /// Splits `profile  name` into ("profile", "name"); a header without whitespace has no prefix.
  private static func split(_ header: String) -> (String?, String) {
    guard let space = header.firstIndex(where: { ProfileFileParser.whitespace.contains($0) }) else {
      return (nil, header)
    }
    return (String(header[..<space]), String(ProfileFileParser.trim(header[space...])))
  }

  private static func merge(_ section: RawSection, named name: String, into table: inout [String: ProfileSection]) {
    guard ProfileFileParser.isValidIdentifier(name) else { return }
    table[name, default: ProfileSection(name: name)].merge(section)
  }
}
