import Foundation
import XCTest

/// The result of running a program (the shared harness's type).
typealias VerbsRun = RunResult

/// The verb tests' additions to the shared harness (Support/): their ports, environment, a streaming launch,
/// a pseudo-terminal run and the scripted fake server.
enum VerbsHarness {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/verbs")
  /// The moto peer's port and the fake server's port reserved for these tests.
  static let peerPort = 5611
  static let fakePort = 5612

  /// The sfn binary under test.
  static var binary: String { SFNRunner.binary }

  /// A fresh scratch directory (used as HOME, so the name cache starts empty).
  static func scratch(_ name: String = "home") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-verbs-\(name)-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }

  /// A clean environment (no AWS settings, proxies, colour or width preferences) with `endpoint`, test keys and UTC.
  static func environment(endpoint: String, home: String? = nil) -> [String: String] {
    var env = SFNRunner.cleanEnvironment(home: home ?? scratch())
    for key in ["COLUMNS", "XDG_CACHE_HOME", "SFN_NO_CACHE"] { env[key] = nil }
    env["AWS_ENDPOINT_URL"] = endpoint
    env["AWS_ACCESS_KEY_ID"] = "testing"
    env["AWS_SECRET_ACCESS_KEY"] = "testing"
    env["AWS_DEFAULT_REGION"] = "us-east-1"
    env["TZ"] = "UTC"
    env["TERM"] = "xterm"
    return env
  }

  /// Runs `sfn args`.
  static func sfn(_ args: [String], env: [String: String], stdin: String? = nil) -> VerbsRun {
    run(binary, args, env: env, stdin: stdin)
  }

  /// Runs a program to its end, capturing stdout and stderr.
  static func run(_ executable: String, _ args: [String], env: [String: String], stdin: String? = nil) -> VerbsRun {
    SFNRunner.run(executable, args, env: env, stdin: stdin)
  }

  /// Starts a program without waiting for it (its output can be read while it runs).
  static func launch(_ executable: String, _ args: [String], env: [String: String], stdin: String? = nil) throws -> ChildProcess {
    try ChildProcess(executable, args, env: env, stdin: stdin)
  }

  /// Runs `sfn args` on a pseudo-terminal (stdout and stderr), via util-linux `script`; returns what the terminal showed.
  static func sfnOnTerminal(_ args: [String], env: [String: String], columns: Int = 80) -> VerbsRun {
    let quoted = ([binary] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    let command = "stty cols \(columns) rows 50; \(quoted)"
    let result = run("/usr/bin/script", ["-qec", command, "/dev/null"], env: env)
    return VerbsRun(status: result.status, stdout: result.stdout.replacingOccurrences(of: "\r\n", with: "\n"), stderr: result.stderr)
  }

  /// A name no other test uses.
  static func unique(_ prefix: String) -> String { uniqueName(prefix) }
}

/// The moto peer on the verbs port (shared harness), with the verb tests' environment.
enum VerbsPeer {
  /// The endpoint; throws (failing the test) when the peer cannot start.
  static func endpoint() throws -> String { try Peer.start(port: VerbsHarness.peerPort).endpoint }

  /// An environment pointed at the peer with a fresh HOME.
  static func environment(home: String? = nil) throws -> [String: String] {
    VerbsHarness.environment(endpoint: try endpoint(), home: home)
  }
}

/// The scripted fake Step Functions server (Fixtures/verbs/fake_sfn.py), started once.
enum VerbsFake {
  private static let started: Result<(endpoint: String, server: ChildProcess), Error> = {
    // A server left by an interrupted run exits within a second of losing its parent: try a few times.
    for _ in 0..<4 {
      if let server = launchServer() { return .success(("http://127.0.0.1:\(VerbsHarness.fakePort)", server)) }
      sleep(1)
    }
    return .failure(NSError(domain: "fake", code: 1, userInfo: [NSLocalizedDescriptionKey: "fake server did not start on port \(VerbsHarness.fakePort)"]))
  }()

  /// The server once it says "ready"; it exits by itself when this test process (its parent) ends.
  private static func launchServer() -> ChildProcess? {
    let script = VerbsHarness.fixtures.appendingPathComponent("fake_sfn.py").path
    guard let server = try? ChildProcess("/usr/bin/env", ["python3", script, String(VerbsHarness.fakePort)],
                                         env: ProcessInfo.processInfo.environment)
    else { return nil }
    return server.waitUntil(timeout: 20, { server.stdout.hasPrefix("ready") }) ? server : nil
  }

  /// The endpoint; throws when the server cannot start.
  static func endpoint() throws -> String { try started.get().endpoint }

  /// An environment pointed at the fake server with a fresh HOME.
  static func environment() throws -> [String: String] {
    VerbsHarness.environment(endpoint: try endpoint())
  }

  /// Posts to a control path (queue a task, reset).
  static func control(_ path: String, _ body: String = "{}") throws {
    _ = try request("POST", path, body)
  }

  /// The calls the server received: (operation, body).
  static func calls() throws -> [(op: String, body: [String: Any])] {
    let data = try request("GET", "/_control/calls", nil)
    let list = (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    return list.map { ($0["op"] as? String ?? "", $0["body"] as? [String: Any] ?? [:]) }
  }

  private static func request(_ method: String, _ path: String, _ body: String?) throws -> Data {
    let result = VerbsHarness.run("/usr/bin/curl", ["-sS", "--noproxy", "*", "-X", method, "-d", body ?? "",
                                                    try endpoint() + path], env: ProcessInfo.processInfo.environment)
    guard result.status == 0 else { throw NSError(domain: "fake", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
    return Data(result.stdout.utf8)
  }
}
