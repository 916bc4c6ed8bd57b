import SFNKit

/// The runtime's output streams as commands use them: what they are connected to, colour and width.
struct Terminal {
  let stdoutIsTTY: Bool
  let stderrIsTTY: Bool
  /// Colour escape codes are allowed on stdout / stderr.
  let colorStdout: Bool
  let colorStderr: Bool
  /// Columns available on stdout.
  let width: Int
  private let stdout: OutputSink
  private let stderr: OutputSink

  /// The runtime's streams, with colour decided by `mode`, NO_COLOR and TERM=dumb.
  init(_ runtime: Runtime, color mode: ColorMode) {
    let environment = runtime.environment
    let allowed = environment.variables["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    func decide(_ tty: Bool) -> Bool {
      switch mode {
      case .always: return true
      case .never: return false
      case .auto: return tty && allowed
      }
    }
    stdoutIsTTY = runtime.stdoutIsTTY
    stderrIsTTY = runtime.stderrIsTTY
    colorStdout = decide(runtime.stdoutIsTTY)
    colorStderr = decide(runtime.stderrIsTTY)
    width = Self.columns(runtime)
    stdout = runtime.stdout
    stderr = runtime.stderr
  }

  private static func columns(_ runtime: Runtime) -> Int {
    if let c = runtime.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
    if runtime.stdoutIsTTY, let c = runtime.terminalColumns() { return c }
    return 80
  }

  /// Writes `text` to stdout as is.
  func out(_ text: String) {
    stdout.write(text)
  }

  /// Writes `text` to stdout and flushes, so it shows as soon as it is known.
  func outNow(_ text: String) {
    stdout.write(text)
    stdout.flush()
  }

  /// Writes one line to stderr.
  func err(_ line: String) {
    stderr.write(line + "\n")
  }
}
