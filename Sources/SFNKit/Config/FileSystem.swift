#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File access, injectable so tests can supply contents: config files, credential and cache files, and the files
/// users name on the command line (`read(_:)`).
public protocol FileSystem: AnyObject {
  /// The bytes of the file at `path`, or nil when it does not exist; other failures throw.
  func contents(atPath path: String) throws -> [UInt8]?
  /// Replaces the file at `path` atomically with `bytes`, creating it with permission bits `mode`.
  func write(_ bytes: [UInt8], toPath path: String, mode: UInt16) throws
  /// Creates the directory at `path` and any missing parents with permission bits `mode`.
  func createDirectory(atPath path: String, mode: UInt16) throws
  /// True when a file or directory is at `path` (readable or not).
  func exists(atPath path: String) -> Bool
  /// True when the file at `path` reads (a directory does not).
  func isReadable(_ path: String) -> Bool
}

extension FileSystem {
  /// The bytes of a file the user named (a parameter file, a definition, an input): missing or unreadable, it is
  /// an input-file error.
  public func read(_ path: String) throws -> [UInt8] {
    let bytes: [UInt8]?
    do { bytes = try contents(atPath: path) } catch let e as FileSystemError {
      throw InputError.unreadableFile(path: path, reason: e.reason.lowercased())
    }
    guard let bytes else { throw InputError.unreadableFile(path: path, reason: FileSystemError.reason(ENOENT).lowercased()) }
    return bytes
  }

  /// The text of a file the user named: as `read(_:)`, and not UTF-8 is an input error too.
  public func readText(_ path: String) throws -> String {
    guard let text = String(validating: try read(path), as: UTF8.self) else { throw InputError.fileNotUTF8(path: path) }
    return text
  }

  /// See `FileSystem.isReadable(_:)`: the whole file reads.
  public func isReadable(_ path: String) -> Bool { ((try? contents(atPath: path)) ?? nil) != nil }
}

/// Why a file operation failed, with the C `errno`.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path involved.
  public var path: String
  /// The `errno` value.
  public var code: Int32
  /// `path: reason`.
  public var description: String { "\(path): \(reason)" }
  /// The C library's text for `code`, e.g. `No such file or directory`.
  public var reason: String { Self.reason(code) }

  /// The C library's text for `errno` value `code`.
  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// The real file system, through POSIX calls so permission bits are exact.
public final class LocalFileSystem: FileSystem, @unchecked Sendable {
  /// What a leading `~/` in a path to read stands for (the injected HOME); nil leaves such paths as they are.
  public let home: String?

  /// The file system of this machine.
  public init(home: String? = nil) { self.home = home }

  /// See `FileSystem.contents(atPath:)`.
  public func contents(atPath path: String) throws -> [UInt8]? {
    let fd = open(expanded(path), O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw FileSystemError(path: path, code: errno)
    }
    defer { close(fd) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileSystemError(path: path, code: errno)
      }
      if count == 0 { return result }
      result.append(contentsOf: buffer[0..<count])
    }
  }

  /// See `FileSystem.exists(atPath:)`.
  public func exists(atPath path: String) -> Bool { access(expanded(path), F_OK) == 0 }

  /// See `FileSystem.isReadable(_:)`; opens the file and reads one byte, so checking a CA bundle (200 KB) does not
  /// read it all.
  public func isReadable(_ path: String) -> Bool {
    let fd = open(expanded(path), O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var byte: UInt8 = 0
    while true {
      let count = posixRead(fd, &byte, 1)
      if count >= 0 { return true }
      if errno != EINTR { return false }
    }
  }

  private func expanded(_ path: String) -> String {
    if path.hasPrefix("~/"), let home { return home + path.dropFirst(1) }
    return path
  }

  /// See `FileSystem.write(_:toPath:mode:)`; writes a temporary file next to `path`, then renames it.
  public func write(_ bytes: [UInt8], toPath path: String, mode: UInt16) throws {
    let temporary = "\(path).tmp\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
    guard fd >= 0 else { throw FileSystemError(path: path, code: errno) }
    var offset = 0
    while offset < bytes.count {
      let count = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
      if count < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(fd)
        unlink(temporary)
        throw FileSystemError(path: path, code: code)
      }
      offset += count
    }
    // The umask may have widened nothing, but an existing file keeps its old bits: set them explicitly.
    fchmod(fd, mode_t(mode))
    close(fd)
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw FileSystemError(path: path, code: code)
    }
  }

  /// See `FileSystem.createDirectory(atPath:mode:)`.
  public func createDirectory(atPath path: String, mode: UInt16) throws {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      prefix += "/" + component
      if mkdir(prefix, mode_t(mode)) != 0 && errno != EEXIST {
        throw FileSystemError(path: prefix, code: errno)
      }
    }
  }
}

/// `read(2)`, named apart from `FileSystem.read`.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
  return Glibc.read(fd, buffer, count)
  #else
  return Darwin.read(fd, buffer, count)
  #endif
}

/// `write(2)`, named apart from `FileSystem.write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  return Glibc.write(fd, buffer, count)
  #else
  return Darwin.write(fd, buffer, count)
  #endif
}

/// Files held in memory, for tests and dry runs; not thread-safe.
public final class InMemoryFileSystem: FileSystem {
  /// Path to contents.
  public var files: [String: [UInt8]]
  /// Path to the permission bits it was written with.
  public private(set) var modes: [String: UInt16] = [:]
  /// Directories created.
  public private(set) var directories: Set<String> = []

  /// A file system holding `files` (texts as UTF-8).
  public init(_ files: [String: String] = [:]) {
    self.files = files.mapValues { Array($0.utf8) }
  }

  /// See `FileSystem.contents(atPath:)`.
  public func contents(atPath path: String) throws -> [UInt8]? { files[path] }

  /// See `FileSystem.write(_:toPath:mode:)`.
  public func write(_ bytes: [UInt8], toPath path: String, mode: UInt16) throws {
    files[path] = bytes
    modes[path] = mode
  }

  /// See `FileSystem.createDirectory(atPath:mode:)`.
  public func createDirectory(atPath path: String, mode: UInt16) throws { directories.insert(path) }

  /// See `FileSystem.exists(atPath:)`.
  public func exists(atPath path: String) -> Bool { files[path] != nil || directories.contains(path) }

  /// The text of the file at `path`, or nil.
  public func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }
}
