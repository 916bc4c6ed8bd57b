#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// Remembers the account behind a key (endpoint, region, profile, access key id) in a small file.
public struct AccountCache {
  /// The cache file, e.g. `~/.cache/sfn/accounts`; nil disables the cache.
  public var path: String?

  /// A cache in `path`.
  public init(path: String?) { self.path = path }

  /// The cache file under XDG_CACHE_HOME or HOME, as the environment says.
  public static func standard(environment: Environment) -> AccountCache {
    if environment["SFN_NO_CACHE"] != nil { return AccountCache(path: nil) }
    if let xdg = environment["XDG_CACHE_HOME"] { return AccountCache(path: xdg + "/sfn/accounts") }
    if let home = environment["HOME"] { return AccountCache(path: home + "/.cache/sfn/accounts") }
    return AccountCache(path: nil)
  }

  /// The scope stored for `key`, if any.
  public func lookup(_ key: String) -> AccountScope? {
    for (k, scope) in entries() where k == key { return scope }
    return nil
  }

  /// Stores `scope` for `key`; failures to write are ignored (the cache only saves a request).
  public func store(_ key: String, _ scope: AccountScope) {
    guard let path else { return }
    var lines = entries().filter { $0.0 != key }.map { "\($0.0)\t\($0.1.partition)\t\($0.1.account)" }
    lines.append("\(key)\t\(scope.partition)\t\(scope.account)")
    let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    makeDirectories(directory)
    let temporary = path + ".\(getpid()).tmp"
    guard let f = fopen(temporary, "w") else { return }
    fputs(lines.suffix(100).joined(separator: "\n") + "\n", f)
    fclose(f)
    rename(temporary, path)
  }

  private func entries() -> [(String, AccountScope)] {
    guard let path, let bytes = try? LocalFileReader(home: nil).read(path),
      let text = String(validating: bytes, as: UTF8.self)
    else { return [] }
    return text.split(separator: "\n").compactMap { line in
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return f.count == 3 ? (f[0], AccountScope(partition: f[1], account: f[2])) : nil
    }
  }

  private func makeDirectories(_ directory: String) {
    var current = ""
    for part in directory.split(separator: "/") {
      current += "/" + part
      mkdir(current, 0o700)
    }
  }
}
