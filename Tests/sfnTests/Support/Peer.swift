import Foundation
import XCTest

/// A moto peer started through scripts/peer, shared by the tests of one process.
struct Peer {
  var endpoint: String
  var port: Int
  var accessKey: String
  var secretKey: String
  var auth: Bool

  private static let lock = NSLock()
  nonisolated(unsafe) private static var started: [String: Peer] = [:]

  /// The peer on `port`, started (or reused) once per test process; fails the test when it cannot start.
  static func start(port: Int, auth: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws -> Peer {
    lock.lock()
    defer { lock.unlock() }
    let key = "\(port)-\(auth)"
    if let peer = started[key] { return peer }
    let script = SFNRunner.packageRoot.appendingPathComponent("scripts/peer").path
    let result = SFNRunner.run("/bin/bash", [script, "start", String(port)] + (auth ? ["--auth"] : []),
                               env: ProcessInfo.processInfo.environment)
    guard result.status == 0 else {
      XCTFail("the moto peer did not start on port \(port) (tests need it): \(result.stderr)", file: file, line: line)
      throw PeerError.notStarted
    }
    var values: [String: String] = [:]
    for line in result.stdout.split(separator: "\n") where line.hasPrefix("export ") {
      let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
      if pair.count == 2 { values[String(pair[0])] = String(pair[1]) }
    }
    let peer = Peer(endpoint: values["SFN_PEER_ENDPOINT"] ?? "http://127.0.0.1:\(port)", port: port,
                    accessKey: values["AWS_ACCESS_KEY_ID"] ?? "testing", secretKey: values["AWS_SECRET_ACCESS_KEY"] ?? "testing",
                    auth: auth)
    started[key] = peer
    return peer
  }

  /// A clean environment pointing sfn at this peer with its keys.
  func environment(home: String? = nil) -> [String: String] {
    var env = SFNRunner.cleanEnvironment(home: home)
    env["AWS_ENDPOINT_URL"] = endpoint
    env["AWS_ACCESS_KEY_ID"] = accessKey
    env["AWS_SECRET_ACCESS_KEY"] = secretKey
    env["AWS_DEFAULT_REGION"] = "us-east-1"
    return env
  }

  /// Runs sfn against this peer.
  func sfn(_ args: [String], stdin: String? = nil, env extra: [String: String] = [:]) -> RunResult {
    SFNRunner.sfn(args, env: environment().merging(extra) { $1 }, stdin: stdin)
  }

  /// Python with boto3 from the peer's venv, for driving other moto services (SQS) in tests.
  static var python: String {
    let venv = ProcessInfo.processInfo.environment["SFN_PEER_VENV"]
      ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/sfn-peer/venv5").path
    return venv + "/bin/python"
  }

  enum PeerError: Error { case notStarted }
}

/// A unique name for resources a test creates.
func uniqueName(_ prefix: String) -> String {
  "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
}
