#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import SFNKit

/// Where a command's output goes: the process's stdout or stderr, or a buffer in tests.
protocol OutputSink: AnyObject, Sendable {
  /// Writes `text` as is (buffered; `flush` pushes it out).
  func write(_ text: String)
  /// Writes raw bytes (a child process's stderr passed through).
  func write(bytes: [UInt8])
  /// Pushes buffered text out now, for output that must show as soon as it is known (`history --follow`).
  func flush()
}

/// One of the process's C streams (stdout or stderr), keeping stdio's buffering.
final class StreamSink: OutputSink, @unchecked Sendable {
  private let stream: UnsafeMutablePointer<FILE>

  init(_ stream: UnsafeMutablePointer<FILE>) { self.stream = stream }

  func write(_ text: String) { fputs(text, stream) }

  func write(bytes: [UInt8]) {
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, stream) }
    fflush(stream)
  }

  func flush() { fflush(stream) }
}

/// The outside world a command touches, built once in main and handed to the command: terminal writers and what
/// they are connected to, the environment, files, standard input, the clock, sleeping and the HTTP transport.
///
/// `.system()` is the real process; tests build one with buffers, a scratch environment and a recording transport,
/// and run commands in-process through `runMain(_:runtime:)`. Nothing in the CLI writes to stdout or stderr except
/// through `stdout` and `stderr` here.
struct Runtime {
  /// Standard output and standard error.
  var stdout: OutputSink
  var stderr: OutputSink
  /// Whether stdout / stderr are terminals (tables, colour and progress lines depend on it).
  var stdoutIsTTY: Bool
  var stderrIsTTY: Bool
  /// The terminal's width in columns when stdout is one and it can be asked; COLUMNS comes first.
  var terminalColumns: () -> Int?
  /// The environment variables.
  var environment: Environment
  /// Files (parameter files, definitions, the shared config files, caches).
  var files: FileSystem
  /// All of standard input, for `-` arguments.
  var stdin: () -> [UInt8]
  /// The current time (signing, credential expiry).
  var clock: Clock
  /// Ctrl-C: raised, it cancels the request in flight and ends sleeps, and the command exits "interrupted".
  var interrupt: Interrupt
  /// Waits between polls (`wait`, `--wait`, `history --follow`) and before a retry; the real one returns early
  /// on Ctrl-C.
  var sleep: (Double) -> Void
  /// Builds the HTTP transport once the timeouts and the CA bundle (options, environment, profile) are known.
  var makeTransport: (TransportOptions) throws -> HTTPTransport
  /// Routes SIGINT and SIGTERM to a new `StopSignal`, for a command that stops between tasks (`activity worker`)
  /// instead of being interrupted; the argument is told the count of each signal received.
  var listenForStops: (@escaping @Sendable (Int) -> Void) -> StopSignal
  /// Asks for an MFA code; nil when there is no terminal to ask on.
  var mfaPrompt: () -> MFAPrompt?

  /// The real process: its streams, environment, files under HOME, the system clock, the SIGINT flag, libcurl.
  static func system() -> Runtime {
    let environment = Environment.process()
    let interrupt = Interrupt.process
    return Runtime(
      stdout: StreamSink(processStdout()), stderr: StreamSink(processStderr()),
      stdoutIsTTY: isatty(1) == 1, stderrIsTTY: isatty(2) == 1,
      terminalColumns: {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
      },
      environment: environment, files: LocalFileSystem(home: environment["HOME"]), stdin: readStandardInput,
      clock: .system, interrupt: interrupt, sleep: interrupt.sleep, makeTransport: { try CurlTransport(options: $0) },
      listenForStops: { notice in
        let stop = StopSignal()
        stop.install(notice: notice)
        return stop
      },
      mfaPrompt: MFAPrompter.terminal)
  }

  /// This runtime with nothing to read, nowhere to print errors and no one to ask: for shell completion, which must
  /// neither prompt nor print anything but candidates.
  func silenced() -> Runtime {
    var quiet = self
    quiet.stderr = DiscardSink()
    quiet.stderrIsTTY = false
    quiet.stdin = { [] }
    quiet.mfaPrompt = { nil }
    return quiet
  }
}

/// A sink that drops what is written.
final class DiscardSink: OutputSink {
  func write(_ text: String) {}
  func write(bytes: [UInt8]) {}
  func flush() {}
}

// Outside the type, whose members of the same names would hide the C globals.
private func processStdout() -> UnsafeMutablePointer<FILE> { stdout }
private func processStderr() -> UnsafeMutablePointer<FILE> { stderr }

/// A command that runs in the runtime main built; argument-parser's `run()` is not called for it.
protocol RuntimeCommand: ParsableCommand {
  /// Runs the command, writing only through `runtime`.
  func run(_ runtime: Runtime) throws
}
