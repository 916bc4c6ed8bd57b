import XCTest

@testable import SFNKit

/// The one process runner: stdin bytes in, stdout and stderr out, exit status or signal, ticks and stops.
final class SubprocessTests: XCTestCase {
  private let env = ["PATH": "/usr/bin:/bin"]

  func testInputOutputAndStatus() throws {
    let output = try ProcessRunner.run(["sh", "-c", "cat; echo oops >&2; exit 3"], environment: env,
                                       input: Array("hello\n".utf8))
    XCTAssertEqual(output, ProcessOutput(status: 3, stdout: Array("hello\n".utf8), stderr: Array("oops\n".utf8)))
  }

  func testStdinIsDevNullWithoutInput() throws {
    let output = try ProcessRunner.run(["sh", "-c", "wc -c"], environment: env)
    XCTAssertEqual(String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), "0")
  }

  func testTheEnvironmentIsTheChildsWhole() throws {
    let output = try ProcessRunner.run(["sh", "-c", "echo \"$A:$HOME\""], environment: env.merging(["A": "1"]) { $1 })
    XCTAssertEqual(output.stdout, Array("1:\n".utf8))
  }

  func testBothPipesFullDoNotDeadlock() throws {
    let script = "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2"
    let output = try ProcessRunner.run(["sh", "-c", script], environment: env)
    XCTAssertEqual(output.stdout.count, 300_000)
    XCTAssertEqual(output.stderr.count, 300_000)
  }

  func testAChildThatDoesNotReadItsInputDoesNotKillUs() throws {
    let output = try ProcessRunner.run(["true"], environment: env, input: [UInt8](repeating: 1, count: 1 << 20))
    XCTAssertEqual(output.status, 0)
  }

  func testLimitsKeepTheStartOfStdoutAndTheEndOfStderr() throws {
    var process = Subprocess(arguments: ["sh", "-c", "printf 0123456789; printf abcdefghij >&2"], environment: env)
    process.stdoutLimit = 4
    process.stderrLimit = 3
    let output = try process.run()
    XCTAssertEqual(output.stdout, Array("01234".utf8), "limit + 1 bytes tell the output was too long")
    XCTAssertEqual(output.stderr, Array("hij".utf8))
  }

  func testTicksAndAStopEndTheChildWithASignal() throws {
    var ticks = 0
    var process = Subprocess(arguments: ["sleep", "30"], environment: env)
    process.ownProcessGroup = true
    let started = Clock.monotonicSeconds()
    let output = try process.run(tickInterval: 0.05, tick: { ticks += 1 }, shouldStop: { ticks >= 2 })
    XCTAssertLessThan(Clock.monotonicSeconds() - started, 10)
    XCTAssertEqual(output.signal, SIGTERM)
    XCTAssertEqual(output.status, 128 + SIGTERM)
    XCTAssertGreaterThanOrEqual(ticks, 2)
  }

  func testAProgramThatCannotStartIsATypedError() {
    XCTAssertThrowsError(try ProcessRunner.run(["/nonexistent/program"], environment: env)) { error in
      XCTAssertEqual(error as? SubprocessError, .spawn(program: "/nonexistent/program", code: ENOENT))
      XCTAssertEqual("\(error)", "cannot run /nonexistent/program: no such file or directory")
    }
    XCTAssertThrowsError(try ProcessRunner.run([], environment: env)) { XCTAssertEqual($0 as? SubprocessError, .noProgram) }
  }

  func testTaskCommandReportsStatusOrSignalAndTheStderrTail() throws {
    let passed = PassedBytes()
    var command = TaskCommand(arguments: ["sh", "-c", "cat >/dev/null; echo done; echo warning >&2; exit 1"],
                              environment: env, stderr: { passed.append($0) })
    command.tailLimit = 4
    let result = try command.run(input: Array("{}".utf8), tickInterval: 1, tick: {}, shouldStop: { false })
    XCTAssertEqual(result.status, 1)
    XCTAssertNil(result.signal)
    XCTAssertEqual(result.stdout, Array("done\n".utf8))
    XCTAssertEqual(result.stderrTail, Array("ing\n".utf8))
    XCTAssertEqual(passed.bytes, Array("warning\n".utf8), "the whole stderr goes to the sink as it arrives")
  }
}

/// The bytes a subprocess's stderr sink received.
private final class PassedBytes: @unchecked Sendable {
  private let lock = NSLock()
  private var received: [UInt8] = []
  var bytes: [UInt8] { lock.withLock { received } }
  func append(_ chunk: [UInt8]) { lock.withLock { received += chunk } }
}
