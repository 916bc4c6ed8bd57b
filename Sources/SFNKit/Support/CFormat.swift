#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// printf-style text for numbers (`%.1f`, `%02x`, `%g`), as `String(format:)` writes it, without Foundation.
public enum CFormat {
  /// `format` with `arguments`, through the C library's vsnprintf.
  public static func string(_ format: String, _ arguments: CVarArg...) -> String {
    withVaList(arguments) { list in
      var buffer = [CChar](repeating: 0, count: 256)
      let needed = Int(vsnprintf(&buffer, buffer.count, format, list))
      guard needed >= buffer.count else { return String(cString: buffer) }
      buffer = [CChar](repeating: 0, count: needed + 1)
      return withVaList(arguments) { again in
        _ = vsnprintf(&buffer, buffer.count, format, again)
        return String(cString: buffer)
      }
    }
  }
}
