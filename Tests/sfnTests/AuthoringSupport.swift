import Foundation
import XCTest

/// What one run of a program printed and how it exited (the shared harness's type).
typealias AuthoringRun = RunResult

/// Runs the built sfn binary and the moto peer for the authoring tests (validate, deploy, definition checks).
enum Authoring {
  static let packageRoot = SFNRunner.packageRoot
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/authoring")
  /// This branch's own peer port, so other test suites' resets do not touch its state.
  static let peerPort = 5621

  /// `$SFN_BIN`, else `.build/debug/sfn`.
  static var binary: String { SFNRunner.binary }

  /// A fixture's path.
  static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

  /// An environment without the developer's AWS settings, with a scratch HOME.
  static func environment(endpoint: String? = nil) -> [String: String] {
    var env = SFNRunner.cleanEnvironment(home: scratchHome)
    if let endpoint {
      env["AWS_ENDPOINT_URL"] = endpoint
      env["AWS_ACCESS_KEY_ID"] = "testing"
      env["AWS_SECRET_ACCESS_KEY"] = "testing"
      env["AWS_DEFAULT_REGION"] = "us-east-1"
    }
    return env
  }

  static let scratchHome: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-authoring-home-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }()

  /// Runs sfn offline (no endpoint) or against `endpoint`.
  static func sfn(_ args: [String], endpoint: String? = nil, stdin: String? = nil, cwd: String? = nil) -> AuthoringRun {
    run(binary, args, env: environment(endpoint: endpoint), stdin: stdin, cwd: cwd)
  }

  /// The moto peer on this suite's port (the shared harness's `Peer`); fails the test when it cannot start.
  static func peer(file: StaticString = #filePath, line: UInt = #line) throws -> String {
    try Peer.start(port: peerPort, file: file, line: line).endpoint
  }

  /// A unique resource name.
  static func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

  /// A fresh scratch directory.
  static func tempDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-authoring-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Runs a program with `env` and optional stdin.
  static func run(_ executable: String, _ args: [String], env: [String: String], stdin: String? = nil,
                  cwd: String? = nil) -> AuthoringRun {
    SFNRunner.run(executable, args, env: env, stdin: stdin, cwd: cwd)
  }

  enum AuthoringError: Error { case fakeNotStarted }
}

/// The scripted AWS JSON 1.0 endpoint of Fixtures/authoring/fake-sfn.py, for what the moto peer lacks.
final class AuthoringFakeService {
  let endpoint: String
  private let process: ChildProcess
  private let logURL: URL

  /// Starts the fake answering each operation in `responses` with its JSON body (others: UnknownOperation).
  init(responses: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws {
    let dir = try Authoring.tempDirectory()
    let responsesURL = dir.appendingPathComponent("responses.json")
    try JSONSerialization.data(withJSONObject: responses).write(to: responsesURL)
    logURL = dir.appendingPathComponent("requests.log")
    let child = try ChildProcess("/usr/bin/env", ["python3", Authoring.fixture("fake-sfn.py"), responsesURL.path, logURL.path],
                                 env: ProcessInfo.processInfo.environment)
    process = child
    // The first line is the port.
    var portLine: Substring?
    _ = child.waitUntil(timeout: 20) {
      portLine = child.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().first
      return portLine != nil
    }
    guard let text = portLine, let port = Int(text) else {
      XCTFail("the fake service did not start: \(child.stderr)", file: file, line: line)
      throw Authoring.AuthoringError.fakeNotStarted
    }
    endpoint = "http://127.0.0.1:\(port)"
  }

  /// Every request received so far: (operation, input).
  var requests: [(operation: String, input: [String: Any])] {
    guard let text = try? String(contentsOf: logURL, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { line in
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let operation = object["operation"] as? String
      else { return nil }
      return (operation, object["input"] as? [String: Any] ?? [:])
    }
  }

  /// Stops the fake.
  func stop() {
    process.signal(SIGTERM)
    process.wait(timeout: 10)
  }
}
