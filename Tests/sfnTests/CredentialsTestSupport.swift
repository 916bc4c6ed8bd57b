import Foundation
import XCTest

/// A fake credential endpoint (IMDS, ECS, SSO portal) from Fixtures/creds/fake_credential_server.py, run as a
/// real process on a free loopback port; stopped by `stop()` (tests call it in a defer).
final class FakeCredentialServer {
  let port: Int
  let logPath: String
  private let process: ChildProcess

  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/creds/fake_credential_server.py").path

  /// Starts `mode` with extra arguments; fails the test when it does not print its port within 10 s.
  init(_ mode: String, _ args: [String] = [], in dir: String, file: StaticString = #filePath, line: UInt = #line) throws {
    logPath = dir + "/\(mode)-requests.log"
    _ = FileManager.default.createFile(atPath: logPath, contents: Data())
    let child = try ChildProcess("/usr/bin/env", ["python3", Self.script, mode, "--log", logPath] + args,
                                 env: ProcessInfo.processInfo.environment)
    process = child
    var printed: Int?
    _ = child.waitUntil(timeout: 10) {
      // Only a whole line: the port may be read while it is being written.
      let text = child.stdout
      printed = text.hasSuffix("\n") ? Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) : nil
      return printed != nil
    }
    guard let printed else {
      XCTFail("the fake \(mode) server printed no port: \(child.stop().stderr)", file: file, line: line)
      throw CocoaError(.executableLoad)
    }
    port = printed
  }

  var url: String { "http://127.0.0.1:\(port)" }

  /// The requests the server received, oldest first.
  var requests: [[String: Any]] {
    let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  func stop() { process.stop() }
}

/// A scratch HOME with ~/.aws files, and an environment that sends Step Functions and STS to the peer.
struct CredentialsWorld {
  let home: String
  let peer: Peer

  init(peer: Peer) throws {
    self.peer = peer
    home = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-creds-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
  }

  var configPath: String { home + "/.aws/config" }
  var credentialsPath: String { home + "/.aws/credentials" }

  /// Writes `text` to `path` (relative to HOME unless absolute), creating directories; returns the full path.
  @discardableResult
  func write(_ path: String, _ text: String, mode: Int = 0o600) throws -> String {
    let full = path.hasPrefix("/") ? path : home + "/" + path
    try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                            withIntermediateDirectories: true)
    try text.write(toFile: full, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: full)
    return full
  }

  /// No AWS variables from the developer, this HOME, IMDS off, Step Functions and STS at the peer.
  func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var env = SFNRunner.cleanEnvironment(home: home)
    env["AWS_ENDPOINT_URL_SFN"] = peer.endpoint
    env["AWS_ENDPOINT_URL_STS"] = peer.endpoint
    return env.merging(extra) { $1 }
  }

  func sfn(_ args: [String], _ extra: [String: String] = [:]) -> RunResult {
    SFNRunner.sfn(args, env: environment(extra))
  }

  /// `sfn configure list --output json` as name -> {value, type, location}.
  func configureList(_ args: [String] = [], _ extra: [String: String] = [:], file: StaticString = #filePath,
                     line: UInt = #line) -> [String: [String: String]] {
    let r = sfn(["configure", "list", "--output", "json"] + args, extra)
    XCTAssertEqual(r.status, 0, "configure list: \(r.stderr)", file: file, line: line)
    var out: [String: [String: String]] = [:]
    for (name, entry) in r.object(file: file, line: line) {
      guard let entry = entry as? [String: Any] else { continue }
      out[name] = entry.compactMapValues { $0 as? String }
    }
    return out
  }
}

/// Asserts that none of `secrets` appears in the outputs of `results`.
func assertNoSecrets(_ results: [RunResult], _ secrets: [String], file: StaticString = #filePath, line: UInt = #line) {
  for result in results {
    for secret in secrets where !secret.isEmpty {
      XCTAssertFalse(result.stdout.contains(secret) || result.stderr.contains(secret),
                     "a secret was printed: \(result.stdout) \(result.stderr)", file: file, line: line)
    }
  }
}

/// The access key id in the SigV4 `Credential=` of the first `--debug` Authorization line.
func signingKey(_ debugOutput: String) -> String? {
  guard let range = debugOutput.range(of: "Credential=") else { return nil }
  return String(debugOutput[range.upperBound...].prefix { $0 != "/" })
}
