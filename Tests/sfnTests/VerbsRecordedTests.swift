import Foundation
import XCTest

@testable import sfn

/// The verbs moto cannot serve (StartSyncExecution, RedriveExecution, paginated histories) and their rendering
/// (golden tables, piped output, colour), run in-process against the recorded service: no process, no server.
/// Moved from VerbsFakeServerTests and VerbsRenderingTests with their assertions; the activity worker (signals,
/// child processes), the terminal and the time zone stay there, end to end.
final class VerbsRecordedTests: XCTestCase {
  var service: VerbsRecordedService!
  var env: [String: String] = [:]

  override func setUpWithError() throws {
    service = try VerbsRecordedService()
    env = service.environment()
  }

  private func sfn(_ args: String...) -> VerbsRun { sfn(args) }

  private func sfn(_ args: [String], extra: [String: String] = [:], terminal: Bool = false) -> VerbsRun {
    let runtime = Runtime.test(environment: env.merging(extra) { $1 }, transport: service.transport,
                               stdoutIsTTY: terminal, stderrIsTTY: terminal)
    return InProcessSFN.run(args, in: runtime)
  }

  private func calls() -> [(op: String, body: [String: Any])] {
    service.transport.calls.map { call in
      let body = (try? JSONSerialization.jsonObject(with: Data(call.request.body))) as? [String: Any] ?? [:]
      return (call.operation, body)
    }
  }

  private func ops() -> [String] { service.transport.operations }

  private func golden(_ name: String) throws -> String {
    try String(contentsOf: VerbsHarness.fixtures.appendingPathComponent("golden/\(name)"), encoding: .utf8)
  }

  private func run(_ args: [String], columns: Int) -> VerbsRun {
    sfn(args, extra: ["COLUMNS": String(columns)])
  }

  func testRequestsAreSignedAWSJSON() throws {
    XCTAssertEqual(sfn("describe", "slow/hist").status, 0)
    let request = try XCTUnwrap(service.transport.calls.last?.request)
    XCTAssertEqual(request.method, "POST")
    XCTAssertEqual(request.url.absoluteString, "http://127.0.0.1:9")
    XCTAssertEqual(request.header("X-Amz-Target"), "AWSStepFunctions.DescribeExecution")
    XCTAssertEqual(request.header("Content-Type"), "application/x-amz-json-1.0")
    XCTAssertTrue(request.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=testing/") == true)
  }

  func testStartWaitOnAnExpressMachineUsesStartSyncExecution() throws {
    let r = sfn("start", "fast", "--input", #"{"a": 1}"#, "--wait")
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(((r.object()["output"] as? [String: Any])?["echo"] as? [String: Any])?["a"] as? Int, 1)
    let calls = calls()
    // The type came with the name lookup: no DescribeStateMachine, no StartExecution.
    XCTAssertEqual(calls.map(\.op), ["ListStateMachines", "StartSyncExecution"])
    XCTAssertNotNil(UUID(uuidString: calls[1].body["name"] as? String ?? ""), "a name fixed before the first attempt")
    let failed = sfn("start", "fast", "--input", #"{"fail": true}"#, "--wait")
    XCTAssertEqual(failed.status, 1)
    XCTAssertTrue(failed.stderr.contains("Express.Failure: asked to fail"), failed.stderr)
  }

  func testWaitExitsTwoForTimedOutAndTheWorstOfSeveral() {
    XCTAssertEqual(sfn("wait", "slow/broken").status, 1)
    let r = sfn("wait", "slow/broken", "slow/timed")
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("TIMED_OUT: States.Timeout: took too long"), r.stderr)
    XCTAssertTrue(r.stderr.contains("broken FAILED"), r.stderr)
  }

  func testRedriveWaitsForTheRedrivenExecution() throws {
    let r = sfn("redrive", "slow/broken", "--wait")
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.object()["redriveCount"] as? Int, 1)
    let redrive = calls().first { $0.op == "RedriveExecution" }
    XCTAssertNotNil(redrive?.body["clientToken"] as? String)
    let refused = sfn("redrive", "slow/hist")
    XCTAssertEqual(refused.status, 4)
    XCTAssertTrue(refused.stderr.contains("ExecutionNotRedrivable"), refused.stderr)
  }

  func testHistoryStreamsPagesAndReverseReadsFromTheNewestEnd() throws {
    let r = sfn("history", "slow/hist")
    XCTAssertEqual(r.status, 0, r.stderr)
    let ids = r.stdout.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? Int }
    XCTAssertEqual(ids, Array(1...14))
    // A Standard history begins with ExecutionStarted, which gives the start: no DescribeExecution.
    XCTAssertFalse(ops().contains("DescribeExecution"), "\(ops())")
    let reversed = sfn("history", "slow/hist", "--reverse", "--limit", "3")
    XCTAssertTrue(ops().contains("DescribeExecution"), "the newest events need the start from DescribeExecution: \(ops())")
    let reversedIds = reversed.stdout.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? Int }
    XCTAssertEqual(reversedIds, [14, 13, 12])
    let request = calls().last { $0.op == "GetExecutionHistory" }
    XCTAssertEqual(request?.body["reverseOrder"] as? Bool, true)
    XCTAssertEqual(request?.body["maxResults"] as? Int, 3)
  }

  func testDescribeAMapRun() throws {
    let run = "arn:aws:states:us-east-1:123456789012:mapRun:slow/Map:4d1b2c3a-0000-0000-0000-000000000000"
    let r = sfn("describe", run)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.object()["mapRunArn"] as? String, run)
    XCTAssertEqual(ops().last, "DescribeMapRun")
  }

  func testNameResolutionCostsOneListCallThenNone() throws {
    let home = VerbsHarness.scratch()
    env["HOME"] = home
    XCTAssertEqual(sfn("describe", "slow").status, 0)
    XCTAssertEqual(sfn("describe", "slow:prod", "--output", "json").status, 4)  // the fake has no aliases
    XCTAssertEqual(sfn("output", "slow/hist").status, 0)
    XCTAssertEqual(ops(), ["ListStateMachines", "DescribeStateMachine", "DescribeStateMachineAlias", "DescribeExecution"])
    let alias = calls()[2].body["stateMachineAliasArn"] as? String
    XCTAssertEqual(alias, "arn:aws:states:us-east-1:123456789012:stateMachine:slow:prod")
  }

  func testHistoryTableGoldenAtSeveralWidths() throws {
    for width in [60, 80, 120] {
      let r = run(["history", "slow/hist", "--output", "table", "--color", "never"], columns: width)
      XCTAssertEqual(r.status, 0, r.stderr)
      XCTAssertEqual(r.stdout, try golden("history-\(width).txt"), "width \(width)")
      for line in r.stdout.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, width, String(line)) }
    }
  }

  func testHistoryTableColoursByOutcome() throws {
    let r = run(["history", "slow/hist", "--output", "table", "--color", "always"], columns: 100)
    XCTAssertEqual(r.stdout, try golden("history-100-color.txt"))
    XCTAssertTrue(r.stdout.contains("\u{1B}[31mTaskFailed"), "failures red")
    XCTAssertTrue(r.stdout.contains("\u{1B}[33mlambda:invoke (retry 1)"), "retries yellow")
  }

  func testListTableGoldenAtTwoWidths() throws {
    for width in [60, 120] {
      let r = run(["wait", "slow/timed", "slow/hist", "--output", "table", "--color", "never"], columns: width)
      XCTAssertEqual(r.status, 2)
      XCTAssertEqual(r.stdout, try golden("wait-\(width).txt"), "width \(width)")
    }
  }

  func testPipedOutputIsJSONWithoutProgressOrColour() {
    let r = sfn("wait", "slow/hist")
    XCTAssertEqual(r.status, 0)
    XCTAssertEqual((r.json() as? [[String: Any]])?.first?["status"] as? String, "SUCCEEDED")
    XCTAssertEqual(r.stderr, "", "no progress when stderr is not a terminal")
    XCTAssertFalse(r.stdout.contains("\u{1B}["))
  }

  func testColourOffWithNoColorTermDumbOrColorNever() {
    for (extra, flags) in [(["NO_COLOR": "1"], [String]()), (["TERM": "dumb"], []), ([:], ["--color", "never"])] {
      let r = sfn(["describe", "slow/hist"] + flags, extra: extra, terminal: true)
      XCTAssertTrue(r.stdout.contains("FIELD"), r.stdout)
      XCTAssertFalse(r.stdout.contains("\u{1B}["), r.stdout)
    }
  }

  func testOutputFlagOverridesTheDefaults() {
    let onTerminal = sfn(["describe", "slow/hist", "--output", "json"], terminal: true)
    XCTAssertTrue(onTerminal.stdout.contains("\"status\": \"SUCCEEDED\""), onTerminal.stdout)
    let text = sfn("describe", "slow/hist", "--query", "executionArn", "--output", "text")
    XCTAssertEqual(text.stdout, "arn:aws:states:us-east-1:123456789012:execution:slow:hist\n")
    let historyText = sfn("history", "slow/hist", "--output", "text", "--limit", "1")
    XCTAssertEqual(historyText.stdout, "2025-11-25T12:00:00+00:00\t0ms\tExecutionStarted\t\t{\"n\":1}\n")
  }
}
