import Foundation
import SFNKit
import XCTest

/// `sfn` as a drop-in for `aws stepfunctions`: the same command lines through both tools against one moto peer give
/// the same JSON (parsed, key order included) and the same text, byte for byte.
final class AWSCompatibilityTests: XCTestCase {
  static let port = 5641
  var peer: Peer!
  var aws: AWSCLI!
  var env: [String: String] = [:]
  var scratch: URL!

  override func setUpWithError() throws {
    peer = try Peer.start(port: Self.port)
    aws = try AWSCLI.locate()
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-compat-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    env = AWSCLI.environment(peer: peer, scratch: scratch)
  }

  override func tearDown() {
    if let scratch { try? FileManager.default.removeItem(at: scratch) }
  }

  func testCommandLinesGiveTheSameOutput() throws {
    let resources = try CompatResources(peer: peer, scratch: scratch)
    let text = try String(contentsOf: CompatResources.fixtures.appendingPathComponent("commands.txt"), encoding: .utf8)
    var operations = Set<String>(), checked = 0
    for raw in text.split(separator: "\n").map(String.init) where !raw.hasPrefix("#") && !raw.isEmpty {
      let expectFailure = raw.hasPrefix("! ")
      let line = expectFailure ? String(raw.dropFirst(2)) : raw
      let fresh = CompatResources.usesFresh(line)
      let awsArgs = shellWords(try resources.expand(line))
      let sfnArgs = shellWords(try resources.expand(line))
      let a = aws.run(["--endpoint-url", peer.endpoint, "stepfunctions"] + awsArgs, env: env)
      let s = SFNRunner.sfn(["--endpoint-url", peer.endpoint] + sfnArgs, env: env)
      operations.insert(awsArgs[0])
      checked += 1
      if expectFailure {
        compareFailures(line, aws: a, sfn: s)
        continue
      }
      guard a.status == 0 else {
        XCTFail("aws failed on `\(line)` (status \(a.status)): \(a.stderr)")
        continue
      }
      XCTAssertEqual(s.status, 0, "sfn failed on `\(line)`: \(s.stderr)")
      let awsOut = normalize(a.stdout, fresh: fresh), sfnOut = normalize(s.stdout, fresh: fresh)
      if line.contains("--output text") {
        XCTAssertEqual(sfnOut, awsOut, "text differs for `\(line)`")
      } else {
        compareJSON(line, aws: awsOut, sfn: sfnOut)
      }
    }
    // Every operation moto implements (see shared/peer/README.md) is covered.
    let supported = ["create-state-machine", "describe-state-machine", "update-state-machine", "delete-state-machine",
                     "list-state-machines", "start-execution", "describe-execution", "describe-state-machine-for-execution",
                     "list-executions", "get-execution-history", "stop-execution", "send-task-success",
                     "send-task-failure", "send-task-heartbeat", "create-activity", "describe-activity",
                     "list-activities", "delete-activity", "tag-resource", "untag-resource", "list-tags-for-resource",
                     "create-state-machine-alias", "describe-state-machine-alias", "update-state-machine-alias",
                     "list-state-machine-aliases", "delete-state-machine-alias", "list-map-runs"]
    XCTAssertEqual(Set(supported).subtracting(operations), [], "operations without a compatibility line")
    XCTAssertGreaterThan(checked, 90)
  }

  /// A NextToken printed by one tool resumes in the other at the same item: each step runs both tools with the same
  /// token (their outputs must match) and takes the next token from aws and sfn in turn.
  func testStartingTokensRoundTripBetweenTheTools() throws {
    let resources = try CompatResources(peer: peer, scratch: scratch)
    let sm = resources.shared["{SM}"]!
    for _ in 0..<5 {
      let execution = try resources.sfnValue(["start-execution", "--state-machine-arn", sm, "--name", uniqueName("rt")],
                                             "executionArn")
      try resources.waitUntilDone(execution)
    }
    let listings: [([String], String, String, [(Int, Int?)])] = [
      (["list-executions", "--state-machine-arn", sm], "executions", "executionArn",
       [(2, nil), (2, 1), (3, 2), (1, 3), (4, 3), (3, nil)]),
      (["list-state-machines"], "stateMachines", "stateMachineArn", [(7, 4), (9, nil)]),
    ]
    for (base, key, id, combinations) in listings {
      let full = aws.run(["--endpoint-url", peer.endpoint, "stepfunctions"] + base, env: env)
      let all = ids(full.stdout, key, id)
      XCTAssertGreaterThanOrEqual(all.count, 8, "\(base[0]): \(full.stderr)")
      for (maxItems, pageSize) in combinations {
        var collected: [String] = [], token: String?, step = 0
        repeat {
          var args = base + ["--max-items", String(maxItems)]
          if let pageSize { args += ["--page-size", String(pageSize)] }
          if let token { args += ["--starting-token", token] }
          let a = aws.run(["--endpoint-url", peer.endpoint, "stepfunctions"] + args, env: env)
          let s = SFNRunner.sfn(["--endpoint-url", peer.endpoint] + args, env: env)
          XCTAssertEqual(a.status, 0, a.stderr)
          compareJSON(args.joined(separator: " "), aws: a.stdout, sfn: s.stdout)
          let from = step % 2 == 0 ? a.stdout : s.stdout
          collected += ids(from, key, id)
          token = (try? JSONParser.parse(from))?["NextToken"]?.stringValue
          step += 1
        } while token != nil && step < 30
        XCTAssertEqual(collected, all, "\(base[0]) --max-items \(maxItems) --page-size \(pageSize.map(String.init) ?? "-")")
      }
    }
  }

  private func ids(_ output: String, _ key: String, _ id: String) -> [String] {
    ((try? JSONParser.parse(output))?[key]?.arrayValue ?? []).compactMap { $0[id]?.stringValue }
  }

  /// What the AWS CLI v2 adds and v1 lacks: sfn takes `--cli-binary-format` and `fileb://`, with the same result.
  func testV2InputOptionsAreAccepted() throws {
    let resources = try CompatResources(peer: peer, scratch: scratch)
    let input = scratch.appendingPathComponent("describe-input.json").path
    let a = aws.run(["--endpoint-url", peer.endpoint, "stepfunctions", "describe-state-machine", "--cli-input-json",
                     "file://" + input], env: env)
    let s = SFNRunner.sfn(["--endpoint-url", peer.endpoint, "--cli-binary-format", "raw-in-base64-out",
                           "describe-state-machine", "--cli-input-json", "fileb://" + input], env: env)
    XCTAssertEqual(s.status, 0, s.stderr)
    compareJSON("describe-state-machine (fileb://, --cli-binary-format)", aws: a.stdout, sfn: s.stdout)
    XCTAssertEqual(resources.shared["{SM}"], (try? JSONParser.parse(s.stdout))?["stateMachineArn"]?.stringValue)
  }

  /// Both fail, and sfn names the error code the AWS CLI reports (`An error occurred (Code) when calling ...`).
  private func compareFailures(_ line: String, aws a: RunResult, sfn s: RunResult) {
    XCTAssertNotEqual(a.status, 0, "aws succeeded on `\(line)`")
    XCTAssertNotEqual(s.status, 0, "sfn succeeded on `\(line)`")
    XCTAssertEqual(s.stdout, "", "sfn printed a result for the failing `\(line)`")
    // A service error names its code; a usage error (no code) only has to fail in both.
    guard let code = a.stderr.firstMatch(of: try! Regex(#"An error occurred \(([A-Za-z.]+)\)"#))?.output[1].substring else {
      return
    }
    XCTAssertTrue(s.stderr.contains(String(code)), "sfn's error for `\(line)` lacks \(code): \(s.stderr)")
  }

  /// The same JSON value with keys in the same order (or both outputs empty, as for `{}` results).
  private func compareJSON(_ line: String, aws awsOut: String, sfn sfnOut: String) {
    if awsOut.isEmpty || sfnOut.isEmpty {
      XCTAssertEqual(sfnOut, awsOut, "output differs for `\(line)`")
      return
    }
    do {
      let a = try JSONParser.parse(awsOut), s = try JSONParser.parse(sfnOut)
      XCTAssertEqual(s, a, "JSON differs for `\(line)`:\naws: \(awsOut)\nsfn: \(sfnOut)")
      XCTAssertEqual(JSONWriter.compact.string(s), JSONWriter.compact.string(a), "key order differs for `\(line)`")
    } catch {
      XCTFail("not JSON for `\(line)`: \(error)\naws: \(awsOut)\nsfn: \(sfnOut)")
    }
  }

  /// Masks names (and for fresh resources the times) that differ between two runs of a line.
  private func normalize(_ text: String, fresh: Bool) -> String {
    guard fresh else { return text }
    return text.replacing(try! Regex("cx-[0-9a-f]{8}"), with: "cx-*")
      .replacing(try! Regex(#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00"#), with: "<time>")
  }
}
