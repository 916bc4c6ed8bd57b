#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
