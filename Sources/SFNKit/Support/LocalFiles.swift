#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads real files, expanding a leading `~/` with the injected HOME.
public struct LocalFileReader: FileReading {
  public var home: String?

  /// A reader that expands `~/` to `home`.
  public init(home: String?) { self.home = home }

  public func read(_ path: String) throws -> [UInt8] {
    guard let f = fopen(expanded(path), "rb") else {
      let reason = String(cString: strerror(errno))
      throw SFNError(.inputFile, "cannot read \(path): \(reason.lowercased())")
    }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = fread(&buffer, 1, buffer.count, f)
      if n > 0 { out.append(contentsOf: buffer[0..<n]) }
      if n < buffer.count {
        if ferror(f) != 0 { throw SFNError(.inputFile, "cannot read \(path): \(String(cString: strerror(errno)).lowercased())") }
        break
      }
    }
    return out
  }

  /// True when `path` opens and its first byte reads (as `read` would), without reading the whole file.
  public func canRead(_ path: String) -> Bool {
    guard let f = fopen(expanded(path), "rb") else { return false }
    defer { fclose(f) }
    var byte: UInt8 = 0
    _ = fread(&byte, 1, 1, f)
    return ferror(f) == 0
  }

  private func expanded(_ path: String) -> String {
    if path.hasPrefix("~/"), let home { return home + path.dropFirst(1) }
    return path
  }
}

/// Reads all of standard input.
public func readStandardInput() -> [UInt8] {
  var out: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = read(0, &buffer, buffer.count)
    if n <= 0 { break }
    out.append(contentsOf: buffer[0..<n])
  }
  return out
}
