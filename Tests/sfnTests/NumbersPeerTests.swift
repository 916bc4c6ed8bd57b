import Foundation
import XCTest
@testable import SFNKit

/// JSON numbers keep their digits and kind through the built binary and the moto peer, printed as the AWS CLI
/// prints them: big integers exactly, `1.0` as a float.
final class NumbersPeerTests: XCTestCase {
  static let port = 5701
  static let role = "arn:aws:iam::123456789012:role/numbers"
  static let result = #"{"big": 12345678901234567890, "f": 1.0, "x": 0.5}"#
  static let pretty = "{\n    \"big\": 12345678901234567890,\n    \"f\": 1.0,\n    \"x\": 0.5\n}\n"

  var peer: Peer!
  var scratch: URL!

  override func setUpWithError() throws {
    peer = try Peer.start(port: Self.port)
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("numbers"))
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDown() {
    if let scratch { try? FileManager.default.removeItem(at: scratch) }
  }

  /// Creates a state machine and runs one execution of it to the end; returns (machine name, execution ARN).
  private func run(_ definition: String, input: String = "{}") -> (String, String) {
    let name = uniqueName("num")
    let created = peer.sfn(["create-state-machine", "--name", name, "--definition", definition, "--role-arn", Self.role])
    XCTAssertEqual(created.status, 0, created.stderr)
    let started = peer.sfn(["start", name, "--name", "e", "--input", input, "--wait", "--output", "json"])
    XCTAssertEqual(started.status, 0, started.stderr)
    return (name, started.object()["executionArn"] as? String ?? "")
  }

  private func passResult() -> (String, String) {
    run(#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":\#(Self.result),"End":true}}}"#)
  }

  func testVerbsPrintBigIntegersAndFloatsAsTheyWere() {
    let (name, _) = passResult()
    let output = peer.sfn(["output", name + "/e"])
    XCTAssertEqual(output.status, 0, output.stderr)
    XCTAssertEqual(output.stdout, Self.pretty)
    XCTAssertEqual(peer.sfn(["output", name + "/e", "--query", "f"]).stdout, "1.0\n")
    let described = peer.sfn(["describe", name + "/e", "--output", "json"])
    XCTAssertTrue(described.stdout.contains(Self.pretty.dropLast().replacingOccurrences(of: "\n", with: "\n    ")),
                  described.stdout)
    let history = peer.sfn(["history", name + "/e", "--output", "json"])
    XCTAssertEqual(history.status, 0, history.stderr)
    XCTAssertTrue(history.stdout.contains(#"{"big":12345678901234567890,"f":1.0,"x":0.5}"#), history.stdout)
  }

  func testAPIOutputMatchesTheAWSCLI() throws {
    let aws = try AWSCLI.locate()
    let env = AWSCLI.environment(peer: peer, scratch: scratch)
    let (_, arn) = passResult()
    let base = ["describe-execution", "--execution-arn", arn]
    let cases: [[String]] = [
      ["--query", "output", "--output", "text"], ["--output", "json"], ["--output", "text"],
      ["--query", "avg([`1`, `1`])", "--output", "json"], ["--query", "avg([`1`, `1`])", "--output", "text"],
      ["--query", "sum([`1`, `2.0`])"], ["--query", "[length(name), `1.0`, `12345678901234567890`, `1e-7`, `-0.0`]"],
      ["--query", "[`1.5e300`, to_number('2'), to_number('2.0'), floor(`2.5`), abs(`-1.0`)]", "--output", "text"],
    ]
    for args in cases {
      let a = aws.run(["--endpoint-url", peer.endpoint, "stepfunctions"] + base + args, env: env)
      let s = SFNRunner.sfn(base + args, env: env.merging(["AWS_ENDPOINT_URL": peer.endpoint]) { $1 })
      XCTAssertEqual(a.status, 0, a.stderr)
      XCTAssertEqual(s.status, 0, s.stderr)
      XCTAssertEqual(s.stdout, a.stdout, args.joined(separator: " "))
    }
  }

  func testInputsReachTheServiceWithTheirDigits() throws {
    let input = #"{"id": 12345678901234567890, "f": 1.0, "n": -0.0}"#
    let (name, _) = run(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#, input: input)
    XCTAssertEqual(peer.sfn(["output", name + "/e", "--output", "json"]).stdout,
                   "{\n    \"id\": 12345678901234567890,\n    \"f\": 1.0,\n    \"n\": -0.0\n}\n")
    // --cli-input-json is read and written again: its own numbers keep their form too.
    let file = scratch.appendingPathComponent("start.json")
    let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:" + name
    let request = #"{"stateMachineArn": "\#(machine)", "name": "c", "input": "{\"id\": 12345678901234567890}"}"#
    try request.write(to: file, atomically: true, encoding: .utf8)
    let started = peer.sfn(["start-execution", "--cli-input-json", "file://" + file.path])
    XCTAssertEqual(started.status, 0, started.stderr)
    XCTAssertTrue(peer.sfn(["wait", name + "/c"]).status == 0)
    XCTAssertEqual(peer.sfn(["output", name + "/c"]).stdout, "{\n    \"id\": 12345678901234567890\n}\n")
  }

  /// The request bodies sfn and the AWS CLI send for numeric parameters (flags, --cli-input-json) are the same:
  /// integers as integers, floats as floats. Read from both tools' --debug logs (moto rejects the unknown map run).
  func testNumericParametersAreSentAsTheAWSCLISendsThem() throws {
    let aws = try AWSCLI.locate()
    var env = AWSCLI.environment(peer: peer, scratch: scratch)
    env["AWS_MAX_ATTEMPTS"] = "1"
    let mapRun = "arn:aws:states:us-east-1:123456789012:mapRun:nums/x:y"
    let lines: [[String]] = [
      ["--map-run-arn", mapRun, "--tolerated-failure-percentage", "5", "--max-concurrency", "3"],
      ["--cli-input-json", #"{"mapRunArn": "\#(mapRun)", "toleratedFailurePercentage": 5.0, "toleratedFailureCount": 2}"#],
      ["--cli-input-json", #"{"mapRunArn": "\#(mapRun)", "toleratedFailurePercentage": 7}"#],
    ]
    for args in lines {
      let a = aws.run(["--endpoint-url", peer.endpoint, "stepfunctions", "update-map-run", "--debug"] + args, env: env)
      let s = SFNRunner.sfn(["update-map-run", "--debug"] + args, env: env.merging(["AWS_ENDPOINT_URL": peer.endpoint]) { $1 })
      let awsBody = try XCTUnwrap(a.stderr.firstMatch(of: #/'body': b'(\{[^']*\})'/#)?.1, a.stderr)
      let sfnBody = try XCTUnwrap(s.stderr.firstMatch(of: #/debug: > body: (\{.*\})/#)?.1, s.stderr)
      XCTAssertEqual(JSONWriter.compact.string(try JSONParser.parse(String(sfnBody))),
                     JSONWriter.compact.string(try JSONParser.parse(String(awsBody))), args.joined(separator: " "))
    }
  }
}
