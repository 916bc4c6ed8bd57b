import Foundation
import XCTest

@testable import sfn

/// Inputs and settings the client can tell are wrong: each gets its exit code and one line, and the proxy in front
/// of the peer shows that nothing was sent. In-process (with the real libcurl transport): only the credential
/// process is another program.
final class BadInputCorpusTests: XCTestCase {
  static let port = 5651
  let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:m"

  func testEachBadInputGetsItsExitCodeAndOneLineAndSendsNothing() throws {
    let peer = try Peer.start(port: Self.port)
    let proxy = try FaultProxy(upstream: peer.endpoint)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-corpus-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("home/.aws"), withIntermediateDirectories: true)
    let home = dir.appendingPathComponent("home").path
    func file(_ name: String, _ bytes: [UInt8]) -> String {
      let path = dir.appendingPathComponent(name).path
      FileManager.default.createFile(atPath: path, contents: Data(bytes))
      return path
    }
    // 131,072 two-byte characters: under 256 KiB in characters, over it in UTF-8 bytes.
    let oversized = file("big.json", Array(#"{"a":""#.utf8) + Array(String(repeating: "é", count: 131_072).utf8) + Array(#""}"#.utf8))
    let bigDefinition = file("def.json", Array(#"{"StartAt":"P","Comment":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 1_048_576)
                             + Array(#"","States":{"P":{"Type":"Pass","End":true}}}"#.utf8))
    let notUTF8 = file("latin1.json", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D])  // {"a":"é"} in Latin-1
    let process = file("expired.sh", Array("""
      #!/bin/sh
      echo '{"Version":1,"AccessKeyId":"AKIDEXPIRED","SecretAccessKey":"s","SessionToken":"t","Expiration":"2020-01-01T00:00:00Z"}'
      """.utf8))
    chmod(process, 0o755)
    try """
      [profile expired]
      region = us-east-1
      credential_process = \(process)
      [profile noregion]
      aws_access_key_id = testing
      aws_secret_access_key = testing
      """.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
    let broken = file("broken-config", Array("[default\nregion = us-east-1\n".utf8))

    let start = ["start-execution", "--state-machine-arn", machine]
    let cases: [(args: [String], env: [String: String], status: Int32, message: String)] = [
      (start + ["--input", #"{"a":"#], [:], 65, "sfn: --input: invalid JSON at line 1, column 6:"),
      (start + ["--input", "{}{}"], [:], 65, "sfn: --input: invalid JSON at line 1, column 3:"),
      (start + ["--input", "file://" + oversized], [:], 65, 
       "sfn: --input: the value is 262152 bytes (256.1 KiB); Step Functions allows at most 262144 bytes (256 KiB) "
         + "for an execution's input, nothing was sent; the same limit applies to every state's input and output"),
      (["create-state-machine", "--name", "m", "--role-arn", "arn:aws:iam::123456789012:role/r",
        "--definition", "file://" + bigDefinition], [:], 65, "sfn: --definition: at most 1048576 bytes allowed"),
      (start + ["--input", "file://" + notUTF8], [:], 65, "sfn: \(notUTF8): not valid UTF-8 text"),
      (["start-execution", "--cli-input-json", #"{"stateMachineArn":"#], [:], 65, "sfn: --cli-input-json: invalid JSON"),
      (start + ["--name", "bad name"], [:], 65, "sfn: --name: 'bad name' contains U+20"),
      (start + ["--name", String(repeating: "n", count: 81)], [:], 65, "sfn: --name: at most 80 characters allowed, got 81"),
      (["start-execution", "--state-machine-arn", "hello:world"], [:], 65, "sfn: --state-machine-arn: 'hello:world' is not an ARN"),
      (["list-executions", "--state-machine-arn", machine, "--max-results", "1001"], [:], 65,
       "sfn: --max-results: 1001 is above the maximum 1000"),
      (start + ["--input", "file://" + dir.path], [:], 66, "sfn: cannot read \(dir.path): is a directory"),
      (start + ["--input", "file:///nonexistent/in.json"], [:], 66, "sfn: cannot read /nonexistent/in.json: no such file"),
      (["list-activities", "--profile", "nope"], [:], 7, #"sfn: profile "nope" (from --profile) is not in"#),
      (["list-activities"], ["AWS_PROFILE": "nope"], 7, #"sfn: profile "nope" (from AWS_PROFILE) is not in"#),
      (["list-activities", "--profile", "noregion"], ["AWS_DEFAULT_REGION": ""], 7,
       #"sfn: no region: pass --region, set AWS_REGION, or add 'region =' to profile "noregion""#),
      (["list-activities"], ["AWS_CONFIG_FILE": broken], 7, "sfn: \(broken):1: "),
      (["list-activities"], ["AWS_RETRY_MODE": "fast"], 7, "sfn: retry_mode must be standard, adaptive or legacy"),
      (["list-activities"], ["AWS_MAX_ATTEMPTS": "zero"], 7, "sfn: max_attempts must be a whole number"),
      (["list-activities", "--profile", "expired"], [:], 5, "sfn: the credentials expired at 2020-01-01T00:00:00Z"),
      (["list-activities"], ["AWS_CREDENTIAL_EXPIRATION": "2020-01-01T00:00:00Z"], 5,
       "sfn: the credentials expired at 2020-01-01T00:00:00Z"),
      (["list-activities"], ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""], 5, "sfn: no credentials: tried"),
      (["list-activities", "--endpoint-url", "ftp://127.0.0.1:1"], [:], 7, #"sfn: endpoint URL "ftp://127.0.0.1:1""#),
      (["list-activities", "--endpoint-url", "127.0.0.1:1"], [:], 7, #"sfn: endpoint URL "127.0.0.1:1""#),
      (["list-activities", "--ca-bundle", "/nonexistent/ca.pem"], [:], 7, "sfn: CA bundle /nonexistent/ca.pem cannot be read"),
      (["list-activities", "--query", "foo["], [:], 64, "sfn: --query: syntax error"),
      (["list-activities", "--max-attempts", "0"], [:], 64, "Error: --max-attempts must be at least 1"),
      (["list-activities", "--output", "yaml"], [:], 64, "Error: The value 'yaml' is invalid for '--output"),
    ]
    var env = peer.environment(home: home)
    env["AWS_ENDPOINT_URL"] = proxy.endpoint
    for c in cases {
      let r = InProcessSFN.run(c.args, in: .test(environment: env.merging(c.env) { $1 }.filter { !$0.value.isEmpty }))
      let what = "\(c.args.prefix(4)) \(c.env)"
      XCTAssertEqual(r.status, c.status, "\(what): \(r.stderr)")
      XCTAssertTrue(r.stderr.hasPrefix(c.message), "\(what): \(r.stderr)")
      if c.status != 64 {
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "one line: \(what): \(r.stderr)")
      }
      XCTAssertEqual(r.stdout, "", what)
      XCTAssertEqual(proxy.entries().count, 0, "nothing sent for \(what): \(proxy.entries())")
    }
    // The proxy does forward what is valid.
    XCTAssertEqual(InProcessSFN.run(["list-activities"], in: .test(environment: env)).status, 0)
    XCTAssertEqual(proxy.entries().count, 1)
  }
}
