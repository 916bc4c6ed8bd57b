#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SFNKit

/// The process's output streams and what they are connected to.
struct Terminal {
  let stdoutIsTTY: Bool
  let stderrIsTTY: Bool
  /// Colour escape codes are allowed on stdout / stderr.
  let colorStdout: Bool
  let colorStderr: Bool
  /// Columns available on stdout.
  let width: Int

  /// The real streams, with colour decided by `mode`, NO_COLOR and TERM=dumb.
  static func system(color mode: ColorMode, environment: Environment) -> Terminal {
    let outTTY = isatty(1) == 1
    let errTTY = isatty(2) == 1
    let allowed = environment.variables["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    func decide(_ tty: Bool) -> Bool {
      switch mode {
      case .always: return true
      case .never: return false
      case .auto: return tty && allowed
      }
    }
    return Terminal(stdoutIsTTY: outTTY, stderrIsTTY: errTTY, colorStdout: decide(outTTY), colorStderr: decide(errTTY),
                    width: columns(environment: environment, tty: outTTY))
  }

  private static func columns(environment: Environment, tty: Bool) -> Int {
    if let c = environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
    var size = winsize()
    if tty, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    return 80
  }

  /// Writes `text` to stdout as is.
  func out(_ text: String) {
    fputs(text, stdout)
  }

  /// Writes one line to stderr.
  func err(_ line: String) {
    fputs(line + "\n", stderr)
  }
}
