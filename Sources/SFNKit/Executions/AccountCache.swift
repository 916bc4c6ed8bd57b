/// Where an account lives: learnt once from an ARN the service returned, so names can become ARNs without a request.
public struct AccountScope: Equatable, Sendable {
  public var partition: String
  public var account: String

  /// A scope for `account` in `partition`.
  public init(partition: String, account: String) {
    self.partition = partition
    self.account = account
  }
}

/// Remembers the account behind a key (endpoint, region, profile, access key id) in the cache file `accounts`.
public struct AccountCache {
  /// The cache directory; nil disables the cache.
  public var directory: CacheDirectory?
  /// The file's name in the cache directory.
  static let fileName = "accounts"

  /// A cache in `directory`.
  public init(directory: CacheDirectory?) { self.directory = directory }

  /// The standard cache directory, or none with SFN_NO_CACHE set.
  public static func standard(environment: Environment, fileSystem: FileSystem = LocalFileSystem()) -> AccountCache {
    if environment["SFN_NO_CACHE"] != nil { return AccountCache(directory: nil) }
    return AccountCache(directory: CacheDirectory.standard(environment: environment, fileSystem: fileSystem))
  }

  /// The scope stored for `key`, if any.
  public func lookup(_ key: String) -> AccountScope? {
    for (k, scope) in entries() where k == key { return scope }
    return nil
  }

  /// Stores `scope` for `key`; failures to write are ignored (the cache only saves a request).
  public func store(_ key: String, _ scope: AccountScope) {
    guard let directory else { return }
    var lines = entries().filter { $0.0 != key }.map { "\($0.0)\t\($0.1.partition)\t\($0.1.account)" }
    lines.append("\(key)\t\(scope.partition)\t\(scope.account)")
    directory.store(Array((lines.suffix(100).joined(separator: "\n") + "\n").utf8), as: Self.fileName)
  }

  private func entries() -> [(String, AccountScope)] {
    guard let bytes = directory?.contents(of: Self.fileName),
      let text = String(validating: bytes, as: UTF8.self)
    else { return [] }
    return text.split(separator: "\n").compactMap { line in
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return f.count == 3 ? (f[0], AccountScope(partition: f[1], account: f[2])) : nil
    }
  }
}
