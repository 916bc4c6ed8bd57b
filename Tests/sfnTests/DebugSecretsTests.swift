import Foundation
import XCTest

/// `--debug` shows every exchange but never a secret key, session token, signature or a task token's middle.
final class DebugSecretsTests: XCTestCase {
  static let port = 5651
  let secretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY1"
  let sessionToken = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789abcdefXYZ=="
  let taskMiddle = "MIDDLEofTHEtaskTOKEN0123456789"
  var taskToken: String { "AAAA" + taskMiddle + "ZZZZ" }

  func testDebugOutputOfSeveralCommandsHoldsNoSecret() throws {
    let peer = try Peer.start(port: Self.port)
    // Half the requests fail at the proxy, so retries and error responses are logged too.
    let proxy = try FaultProxy(upstream: peer.endpoint, rate: 0.5, seed: "secrets", faults: ["throttle", "e503", "nonjson"])
    let machine = makeMachine(peer)
    var env = peer.environment()
    env["AWS_ENDPOINT_URL"] = proxy.endpoint
    env["AWS_SECRET_ACCESS_KEY"] = secretKey
    env["AWS_SESSION_TOKEN"] = sessionToken
    env["AWS_MAX_ATTEMPTS"] = "5"
    let commands: [[String]] = [
      ["list-activities"],
      ["create-activity", "--name", uniqueName("secret")],
      ["start-execution", "--state-machine-arn", machine, "--name", uniqueName("s"), "--input", #"{"k":1}"#],
      ["send-task-success", "--task-token", taskToken, "--task-output", "{}"],
      ["send-task-failure", "--task-token", taskToken, "--error", "E", "--cause", "C"],
      ["send-task-heartbeat", "--task-token", taskToken],
      ["describe-execution", "--execution-arn", "arn:aws:states:us-east-1:123456789012:execution:m:none"],
      ["list-executions", "--state-machine-arn", machine, "--page-size", "1"],
    ]
    var all = ""
    for args in commands {
      let r = SFNRunner.sfn(["--debug"] + args, env: env)
      let output = r.stdout + r.stderr
      all += output
      XCTAssertTrue(r.stderr.contains("debug: curl equivalent: curl --aws-sigv4"), "\(args): \(r.stderr)")
      for secret in [secretKey, sessionToken, taskMiddle] {
        XCTAssertFalse(output.contains(secret), "\(args) shows a secret: \(output)")
      }
      XCTAssertNil(output.range(of: "Signature=[0-9a-f]{64}", options: .regularExpression), "\(args) shows a signature")
      if args.contains(taskToken) {
        XCTAssertTrue(r.stderr.contains("AAAA***ZZZZ"), "the task token with its middle masked: \(r.stderr)")
      }
    }
    XCTAssertTrue(all.contains("Signature=***"))
    XCTAssertTrue(all.contains("X-Amz-Security-Token: ***"))
    XCTAssertTrue(all.contains(#""$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY""#))
    XCTAssertTrue(all.contains("debug: retrying in "), "retries are logged")
    XCTAssertGreaterThan(proxy.entries().filter { $0["fault"] is String }.count, 0)
  }

  func testCredentialProcessSecretsStayOutOfDebugOutput() throws {
    let peer = try Peer.start(port: Self.port)
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-secrets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    let script = home.appendingPathComponent("creds.sh").path
    try """
      #!/bin/sh
      echo '{"Version":1,"AccessKeyId":"AKIDPROCESS","SecretAccessKey":"\(secretKey)","SessionToken":"\(sessionToken)"}'
      """.write(toFile: script, atomically: true, encoding: .utf8)
    chmod(script, 0o755)
    try "[profile p]\nregion = us-east-1\ncredential_process = \(script)\n"
      .write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
    var env = SFNRunner.cleanEnvironment(home: home.path)
    env["AWS_ENDPOINT_URL"] = peer.endpoint
    for args in [["list-activities"], ["describe-activity", "--activity-arn", "arn:aws:states:us-east-1:123456789012:activity:no"]] {
      let r = SFNRunner.sfn(["--debug", "--profile", "p"] + args, env: env)
      XCTAssertTrue(r.stderr.contains("debug: > Authorization: AWS4-HMAC-SHA256 Credential=AKIDPROCESS/"), r.stderr)
      for secret in [secretKey, sessionToken] {
        XCTAssertFalse((r.stdout + r.stderr).contains(secret), "\(args) shows a secret: \(r.stderr)")
      }
    }
  }
}
