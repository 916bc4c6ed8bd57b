#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The AWS CLI's disk cache of temporary credentials: `~/.aws/cli/cache/<sha1>.json`, mode 0600.
///
/// Files hold `{"Credentials": {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}}` like the CLI's, so
/// `aws` and `sfn` share them. Entries within `refreshWindow` of expiry count as missing, so they are refreshed early.
public struct CredentialCache {
  /// The cache directory, e.g. `/home/u/.aws/cli/cache`.
  public var directory: String
  /// Where files are read and written.
  public var fileSystem: FileSystem
  /// The clock deciding expiry.
  public var clock: Clock
  /// How long before expiry an entry stops being used (botocore: 15 minutes).
  public var refreshWindow: Double

  /// A cache in `directory`.
  public init(directory: String, fileSystem: FileSystem, clock: Clock = .system, refreshWindow: Double = 900) {
    self.directory = directory
    self.fileSystem = fileSystem
    self.clock = clock
    self.refreshWindow = refreshWindow
  }

  /// The file name (without `.json`) for a request described by `fields`, as botocore computes it.
  static func key(_ fields: [String: PythonJSONKey.Value], compact: Bool = false) -> String {
    SHA1Hex.of(PythonJSONKey.dump(fields, compact: compact))
  }

  /// Path of the entry for `key`.
  public func path(_ key: String) -> String { "\(directory)/\(key).json" }

  /// The cached credentials for `key` when present, readable and not near expiry.
  public func load(_ key: String) -> Credentials? {
    guard let bytes = try? fileSystem.contents(atPath: path(key)), let json = try? JSONParser.parse(bytes: bytes),
          let block = json["Credentials"], let id = block["AccessKeyId"]?.stringValue,
          let secret = block["SecretAccessKey"]?.stringValue,
          let expiration = block["Expiration"]?.stringValue.flatMap(ISO8601.parse),
          expiration.timeIntervalSince(clock.now()) > refreshWindow else { return nil }
    return Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: block["SessionToken"]?.stringValue,
                       expiration: expiration, accountId: block["AccountId"]?.stringValue)
  }

  /// Stores temporary credentials under `key`; credentials without an expiration are not cached. Failures are
  /// ignored: the cache only saves calls.
  public func store(_ credentials: Credentials, key: String, providerType: String) {
    guard let expiration = credentials.expiration else { return }
    var block: [(String, JSON)] = [("AccessKeyId", .string(credentials.accessKeyId)),
                                   ("SecretAccessKey", .string(credentials.secretAccessKey))]
    if let token = credentials.sessionToken { block.append(("SessionToken", .string(token))) }
    block.append(("Expiration", .string(ISO8601.format(expiration))))
    if let account = credentials.accountId { block.append(("AccountId", .string(account))) }
    let json = JSON.object(JSONObject([("ProviderType", .string(providerType)),
                                       ("Credentials", .object(JSONObject(block)))]))
    try? fileSystem.createDirectory(atPath: directory, mode: 0o700)
    try? fileSystem.write(Array(JSONWriter.compact.string(json).utf8), toPath: path(key), mode: 0o600)
  }
}
