import Foundation
import XCTest

/// Fixtures/gotchas/fake_aws.py: answers as AWS does where moto cannot (a role Step Functions cannot assume,
/// IAM AccessDenied, the task token errors, StartSyncExecution on a STANDARD machine, refused credentials).
enum GotchasFake {
  private static let started: Result<(endpoint: String, server: ChildProcess), Error> = {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/gotchas/fake_aws.py").path
    do {
      let server = try ChildProcess("/usr/bin/env", ["python3", script], env: ProcessInfo.processInfo.environment)
      guard server.waitUntil(timeout: 20, { server.stdout.hasPrefix("ready ") }),
        let port = server.stdout.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines)
      else { throw GotchasError.notStarted(server.stderr) }
      return .success(("http://127.0.0.1:\(port)", server))
    } catch {
      return .failure(error)
    }
  }()

  /// The fake's endpoint; throws when it cannot start.
  static func endpoint() throws -> String { try started.get().endpoint }

  /// Runs sfn against the fake with a clean environment (and `extra` variables).
  static func sfn(_ args: [String], env extra: [String: String] = [:]) throws -> RunResult {
    var env = SFNRunner.cleanEnvironment()
    env["AWS_ENDPOINT_URL"] = try endpoint()
    env["AWS_ACCESS_KEY_ID"] = "testing"
    env["AWS_SECRET_ACCESS_KEY"] = "testing"
    env["AWS_DEFAULT_REGION"] = "us-east-1"
    env["AWS_MAX_ATTEMPTS"] = "1"
    return SFNRunner.sfn(args, env: env.merging(extra) { $1 })
  }

  /// The operations the fake received since the last `reset` (`iam:GetRole` for IAM).
  static func calls() throws -> [String] {
    let r = SFNRunner.run("/usr/bin/curl", ["-sS", "--noproxy", "*", try endpoint() + "/_control/calls"],
                          env: ProcessInfo.processInfo.environment)
    return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String]) ?? []
  }

  /// Clears the list of calls.
  static func reset() throws {
    _ = SFNRunner.run("/usr/bin/curl", ["-sS", "--noproxy", "*", "-X", "POST", try endpoint() + "/_control/reset"],
                      env: ProcessInfo.processInfo.environment)
  }

  enum GotchasError: Error { case notStarted(String) }
}

/// The JSON error `--error-format json` writes: stderr holds exactly one JSON object per line.
struct JSONErrorLine {
  let object: [String: Any]

  /// The keys every error object has (docs/cli.md, "Errors as JSON").
  static let keys: Set<String> = ["code", "message", "hint", "requestId", "exitCode", "retryable", "problems"]

  /// The last stderr line, parsed; fails the test when it is not a JSON object with every documented key.
  init(_ run: RunResult, file: StaticString = #filePath, line: UInt = #line) {
    let lines = run.stderr.split(separator: "\n")
    let last = lines.last.map(String.init) ?? ""
    let parsed = (try? JSONSerialization.jsonObject(with: Data(last.utf8))) as? [String: Any]
    XCTAssertNotNil(parsed, "stderr is not a JSON error: \(run.stderr)", file: file, line: line)
    object = parsed ?? [:]
    XCTAssertEqual(Set(object.keys), Self.keys, run.stderr, file: file, line: line)
    XCTAssertEqual(object["exitCode"] as? Int, Int(run.status), "exitCode is the process's", file: file, line: line)
    for other in lines.dropLast() {
      XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(other.utf8)), "not JSON: \(other)", file: file, line: line)
    }
  }

  var code: String? { object["code"] as? String }
  var message: String { object["message"] as? String ?? "" }
  var hint: String? { object["hint"] as? String }
  var requestId: String? { object["requestId"] as? String }
  var retryable: Bool? { object["retryable"] as? Bool }
  var problems: [[String: Any]] { object["problems"] as? [[String: Any]] ?? [] }
}
