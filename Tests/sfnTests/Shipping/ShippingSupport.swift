import Foundation
import XCTest

/// Helpers of the shipping tests (completions, docs, release, examples) over the shared harness in Support/:
/// commands run from the repository root with a time limit, and the peer on this suite's port.
enum Shipping {
  /// The repository root.
  static let root = SFNRunner.packageRoot.path

  /// Test fixtures of the shipping tests.
  static let fixtures = root + "/Tests/sfnTests/Fixtures/shipping"

  /// The sfn binary under test.
  static var sfnBinary: String { SFNRunner.binary }

  /// The peer port of these tests (each suite has its own so resets never collide).
  static let peerPort = 5631

  /// Runs `arguments[0]` (looked up on PATH) with the rest, in `directory`, killed after `timeout` seconds.
  @discardableResult
  static func run(_ arguments: [String], environment: [String: String]? = nil, directory: String = root,
                  stdin: String? = nil, timeout: Int = 120) throws -> RunResult {
    let env = environment ?? ProcessInfo.processInfo.environment
    return SFNRunner.run("/usr/bin/timeout", ["-k", "5", String(timeout)] + arguments, env: env, stdin: stdin,
                         cwd: directory)
  }

  /// Runs a bash script with `set -euo pipefail`.
  @discardableResult
  static func bash(_ script: String, environment: [String: String]? = nil, timeout: Int = 120) throws -> RunResult {
    try run(["bash", "-c", "set -euo pipefail\n" + script], environment: environment, timeout: timeout)
  }

  /// A clean environment (no AWS settings from the developer's shell) with the built sfn first on PATH.
  static func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var env = SFNRunner.cleanEnvironment()
    env["PATH"] = URL(fileURLWithPath: sfnBinary).deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    return env.merging(extra) { $1 }
  }

  /// Runs sfn (with `--output text` unless `args` name a format) and returns its trimmed stdout;
  /// throws with its stderr on failure.
  static func sfnText(_ args: [String], environment: [String: String]) throws -> String {
    let format = args.contains("--output") ? [] : ["--output", "text"]
    let r = try run([sfnBinary] + args + format, environment: environment)
    guard r.status == 0 else {
      throw NSError(domain: "sfn", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: "sfn \(args): \(r.stderr)"])
    }
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "sfn-shipping-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// The variables that point sfn at the peer on `peerPort` (started if needed; the test fails without it).
  static func peer(file: StaticString = #filePath, line: UInt = #line) throws -> [String: String] {
    let peer = try Peer.start(port: peerPort, file: file, line: line)
    var env = peer.environment().filter { $0.key.hasPrefix("AWS_") }
    env["AWS_REGION"] = "us-east-1"
    env["SFN_PEER_ENDPOINT"] = peer.endpoint
    return env
  }
}
