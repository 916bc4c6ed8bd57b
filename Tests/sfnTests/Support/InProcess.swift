import Foundation
import SFNKit
import XCTest

@testable import sfn

/// What a runtime stream received, for the test to read.
final class CapturedOutput: OutputSink, @unchecked Sendable {
  private let lock = NSLock()
  private var received: [UInt8] = []

  func write(_ text: String) { lock.withLock { received += Array(text.utf8) } }
  func write(bytes: [UInt8]) { lock.withLock { received += bytes } }
  func flush() {}

  /// The bytes written so far.
  var bytes: [UInt8] { lock.withLock { received } }
  /// The bytes written so far, as UTF-8 text.
  var text: String { String(decoding: bytes, as: UTF8.self) }
}

extension Runtime {
  /// A runtime for in-process tests: stdout and stderr captured (terminals only when asked), exactly
  /// `environment`, the real file system (tests give a scratch HOME), `stdin`, no waiting between polls or
  /// retries, and `transport` for every request whatever the options (`transportOptions` records what the
  /// command asked for). No signal reaches it: the test raises `interrupt` or `stop` itself.
  static func test(environment: [String: String], transport: HTTPTransport, stdin: String = "",
                   stdoutIsTTY: Bool = false, stderrIsTTY: Bool = false,
                   transportOptions: ((TransportOptions) -> Void)? = nil, interrupt: Interrupt = Interrupt(),
                   stop: StopSignal = StopSignal()) -> Runtime {
    Runtime(stdout: CapturedOutput(), stderr: CapturedOutput(), stdoutIsTTY: stdoutIsTTY, stderrIsTTY: stderrIsTTY,
            terminalColumns: { nil }, environment: Environment(environment),
            files: LocalFileSystem(home: environment["HOME"]), stdin: { Array(stdin.utf8) }, clock: .system,
            interrupt: interrupt, sleep: { _ in }, makeTransport: { options in
              transportOptions?(options)
              return transport
            }, listenForStops: { _ in stop }, mfaPrompt: { nil })
  }

  /// The system runtime's libcurl transport with a test's captured streams and environment, for the few in-process
  /// tests about connecting (nothing listening, TLS settings).
  static func test(environment: [String: String]) -> Runtime {
    var runtime = Runtime.test(environment: environment, transport: RecordingTransport())
    runtime.makeTransport = { try CurlTransport(options: $0) }
    return runtime
  }
}

/// Runs sfn's `runMain` in this process: argv in; exit code, stdout and stderr out (as `SFNRunner` does for the
/// binary). For tests of parsing, rendering and errors, where a process adds nothing but time.
enum InProcessSFN {
  /// Runs `args` in `runtime` (one made by `Runtime.test`).
  static func run(_ args: [String], in runtime: Runtime) -> RunResult {
    Self.useUTCForLocalTimes
    let status = runMain(args, runtime: runtime)
    return RunResult(status: status, stdout: (runtime.stdout as! CapturedOutput).text,
                     stderr: (runtime.stderr as! CapturedOutput).text)
  }

  /// Runs `args` with `environment` against `transport`.
  static func run(_ args: [String], environment: [String: String], transport: HTTPTransport = RecordingTransport(),
                  stdin: String = "") -> RunResult {
    run(args, in: .test(environment: environment, transport: transport, stdin: stdin))
  }

  /// A clean environment like `SFNRunner.cleanEnvironment` gives the binary: a scratch HOME, instance metadata off,
  /// no AWS settings, and UTC.
  static func environment(home: String? = nil) -> [String: String] {
    ["HOME": home ?? SFNRunner.scratchHome, "AWS_EC2_METADATA_DISABLED": "true", "TZ": "UTC"]
  }

  /// Tables show local times through the C library, which reads the process's TZ: in-process runs use UTC, as the
  /// subprocess tests' environments do (set once, before any test reads the time zone).
  private static let useUTCForLocalTimes: Void = {
    setenv("TZ", "UTC", 1)
    tzset()
  }()
}
