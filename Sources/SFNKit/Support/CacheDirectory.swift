/// sfn's cache directory (`$XDG_CACHE_HOME/sfn`, else `~/.cache/sfn`), where every cache keeps its files: the
/// directory private (0700) and each file 0600, since the entries name the user's accounts and resources.
/// Failures are ignored: a cache only saves a request.
public struct CacheDirectory {
  /// The directory, e.g. `/home/me/.cache/sfn`.
  public let path: String
  /// Where the files are read and written.
  public let fileSystem: FileSystem

  /// The cache directory at `path`.
  public init(path: String, fileSystem: FileSystem = LocalFileSystem()) {
    self.path = path
    self.fileSystem = fileSystem
  }

  /// `$XDG_CACHE_HOME/sfn` (an absolute XDG_CACHE_HOME only, as the XDG spec says), else `$HOME/.cache/sfn`;
  /// nil without either.
  public static func standard(environment: Environment, fileSystem: FileSystem = LocalFileSystem()) -> CacheDirectory? {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return CacheDirectory(path: xdg + "/sfn", fileSystem: fileSystem)
    }
    if let home = environment["HOME"] { return CacheDirectory(path: home + "/.cache/sfn", fileSystem: fileSystem) }
    return nil
  }

  /// The path of the cache file `name`.
  public func file(_ name: String) -> String { path + "/" + name }

  /// The bytes of cache file `name`, or nil when it is missing or unreadable.
  public func contents(of name: String) -> [UInt8]? { (try? fileSystem.contents(atPath: file(name))) ?? nil }

  /// Replaces cache file `name` with `bytes` (atomically), creating the directory when needed.
  public func store(_ bytes: [UInt8], as name: String) {
    try? fileSystem.createDirectory(atPath: path, mode: 0o700)
    try? fileSystem.write(bytes, toPath: file(name), mode: 0o600)
  }
}
