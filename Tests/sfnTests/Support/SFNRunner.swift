import Foundation
import XCTest

/// The result of running the sfn binary.
struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String

  /// stdout parsed as JSON (fails the test when it is not).
  func json(file: StaticString = #filePath, line: UInt = #line) -> Any? {
    guard let data = stdout.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
      XCTFail("stdout is not JSON: \(stdout)\nstderr: \(stderr)", file: file, line: line)
      return nil
    }
    return value
  }

  /// stdout parsed as a JSON object.
  func object(file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
    (json(file: file, line: line) as? [String: Any]) ?? [:]
  }
}

/// Runs the built `sfn` binary (or any program) as a real process.
enum SFNRunner {
  /// The package root, from this file's location.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `$SFN_BIN`, else `.build/debug/sfn` in the package.
  static var binary: String {
    if let bin = ProcessInfo.processInfo.environment["SFN_BIN"], !bin.isEmpty { return bin }
    return packageRoot.appendingPathComponent(".build/debug/sfn").path
  }

  /// An environment with no AWS settings from the developer's shell, a scratch HOME, no proxies and no preloads.
  static func cleanEnvironment(home: String? = nil) -> [String: String] {
    // LD_PRELOAD and _STDBUF_*: scripts/test line-buffers the test runner's output with stdbuf(1); sfn must be
    // tested with its own buffering.
    var env = ProcessInfo.processInfo.environment.filter { key, _ in
      !key.hasPrefix("AWS_") && !key.lowercased().hasSuffix("_proxy") && key != "NO_COLOR" && key != "LD_PRELOAD"
        && !key.hasPrefix("_STDBUF_")
    }
    env["HOME"] = home ?? scratchHome
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    return env
  }

  /// A HOME without ~/.aws, shared by tests that need none.
  static let scratchHome: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-test-home-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }()

  /// Runs `sfn args` with `env` (defaults to a clean one) and optional stdin.
  static func sfn(_ args: [String], env: [String: String]? = nil, stdin: String? = nil) -> RunResult {
    run(binary, args, env: env ?? cleanEnvironment(), stdin: stdin)
  }

  /// Runs any executable to its end and captures its output; kills it (failing the caller's checks with a note in
  /// stderr) when it runs longer than `timeout` seconds.
  static func run(_ executable: String, _ args: [String], env: [String: String], stdin: String? = nil,
                  cwd: String? = nil, timeout: TimeInterval = 900) -> RunResult {
    let child: ChildProcess
    do { child = try ChildProcess(executable, args, env: env, stdin: stdin, cwd: cwd) } catch {
      return RunResult(status: -1, stdout: "", stderr: "\(error.localizedDescription)")
    }
    return child.result(timeout: timeout)
  }
}
