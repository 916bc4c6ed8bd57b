import Foundation
import XCTest

/// The verbs moto cannot serve (StartSyncExecution, GetActivityTask, RedriveExecution, paginated histories),
/// against the scripted fake server in Fixtures/verbs/fake_sfn.py.
final class VerbsFakeServerTests: XCTestCase {
  var env: [String: String] = [:]

  override func setUpWithError() throws {
    env = try VerbsFake.environment()
    try VerbsFake.control("/_control/reset")
  }

  private func sfn(_ args: String...) -> VerbsRun {
    VerbsHarness.sfn(args, env: env)
  }

  private func ops() throws -> [String] { try VerbsFake.calls().map(\.op) }

  func testStartWaitOnAnExpressMachineUsesStartSyncExecution() throws {
    let r = sfn("start", "fast", "--input", #"{"a": 1}"#, "--wait")
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(((r.object()["output"] as? [String: Any])?["echo"] as? [String: Any])?["a"] as? Int, 1)
    let calls = try VerbsFake.calls()
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
    let redrive = try VerbsFake.calls().first { $0.op == "RedriveExecution" }
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
    let reversed = sfn("history", "slow/hist", "--reverse", "--limit", "3")
    let reversedIds = reversed.stdout.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? Int }
    XCTAssertEqual(reversedIds, [14, 13, 12])
    let request = try VerbsFake.calls().last { $0.op == "GetExecutionHistory" }
    XCTAssertEqual(request?.body["reverseOrder"] as? Bool, true)
    XCTAssertEqual(request?.body["maxResults"] as? Int, 3)
  }

  func testDescribeAMapRun() throws {
    let run = "arn:aws:states:us-east-1:123456789012:mapRun:slow/Map:4d1b2c3a-0000-0000-0000-000000000000"
    let r = sfn("describe", run)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.object()["mapRunArn"] as? String, run)
    XCTAssertEqual(try ops().last, "DescribeMapRun")
  }

  func testActivityWorkerReportsOutputAndFailures() throws {
    try VerbsFake.control("/_control/task", #"{"input": "{\"x\": 5}"}"#)
    try VerbsFake.control("/_control/task", #"{"input": "{\"x\": 6}"}"#)
    let script = #"read l; case "$l" in *6*) echo "cannot handle six" >&2; exit 3;; esac; printf '{"got": %s}' "$l""#
    let r = sfn("activity", "worker", "work", "--max-tasks", "2", "--", "/bin/sh", "-c", script)
    XCTAssertEqual(r.status, 0, r.stderr)
    let calls = try VerbsFake.calls()
    let success = calls.first { $0.op == "SendTaskSuccess" }
    XCTAssertEqual(success?.body["output"] as? String, #"{"got": {"x": 5}}"#)
    let failure = calls.first { $0.op == "SendTaskFailure" }
    XCTAssertEqual(failure?.body["error"] as? String, "CommandFailed")
    XCTAssertEqual(failure?.body["cause"] as? String, "exit status 3: cannot handle six")
    XCTAssertEqual(calls.first { $0.op == "GetActivityTask" }?.body["activityArn"] as? String,
                   "arn:aws:states:us-east-1:123456789012:activity:work")
  }

  func testActivityWorkerHeartbeatsAndRejectsNonJSONOutput() throws {
    try VerbsFake.control("/_control/task", #"{"input": "{}"}"#)
    try VerbsFake.control("/_control/task", #"{"input": "{}"}"#)
    let r = sfn("activity", "worker", "work", "--max-tasks", "2", "--heartbeat", "0.2s", "--",
                "/bin/sh", "-c", "sleep 1; echo not json")
    XCTAssertEqual(r.status, 0, r.stderr)
    let calls = try VerbsFake.calls()
    XCTAssertGreaterThanOrEqual(calls.filter { $0.op == "SendTaskHeartbeat" }.count, 2)
    XCTAssertEqual(calls.filter { $0.op == "SendTaskFailure" }.compactMap { $0.body["error"] as? String }, ["InvalidOutput", "InvalidOutput"])
  }

  func testActivityWorkerFinishesATakenTaskOnSIGTERMThenStops() throws {
    let marker = VerbsHarness.scratch("marker") + "/started"
    try VerbsFake.control("/_control/task", #"{"input": "{\"n\": 1}"}"#)
    let worker = try VerbsHarness.launch(VerbsHarness.binary, [
      "activity", "worker", "work", "--", "/bin/sh", "-c", "touch '\(marker)'; sleep 1; echo '{\"finished\": true}'",
    ], env: env)
    XCTAssertTrue(worker.waitUntil(timeout: 30) { FileManager.default.fileExists(atPath: marker) }, worker.stderr)
    worker.signal(SIGTERM)
    XCTAssertEqual(worker.wait(timeout: 60), 0, worker.stderr)
    let calls = try VerbsFake.calls()
    XCTAssertEqual(calls.first { $0.op == "SendTaskSuccess" }?.body["output"] as? String, #"{"finished": true}"#)
    XCTAssertEqual(calls.last?.op, "SendTaskSuccess", "no new poll after the stop")
  }

  func testActivityWorkerGivesUpTheTaskOnASecondSignal() throws {
    let marker = VerbsHarness.scratch("marker") + "/started"
    try VerbsFake.control("/_control/task", #"{"input": "{}"}"#)
    let worker = try VerbsHarness.launch(VerbsHarness.binary, [
      "activity", "worker", "work", "--", "/bin/sh", "-c", "touch '\(marker)'; sleep 30",
    ], env: env)
    XCTAssertTrue(worker.waitUntil(timeout: 30) { FileManager.default.fileExists(atPath: marker) }, worker.stderr)
    worker.signal(SIGTERM)
    usleep(100_000)
    worker.signal(SIGTERM)
    worker.wait(timeout: 20)
    let failure = try VerbsFake.calls().first { $0.op == "SendTaskFailure" }
    XCTAssertEqual(failure?.body["error"] as? String, "WorkerStopped")
  }

  func testActivityWorkerNeedsACommand() {
    XCTAssertEqual(sfn("activity", "worker", "work").status, 64)
    let unknown = sfn("activity", "worker", "nope", "--max-tasks", "1", "--", "true")
    XCTAssertEqual(unknown.status, 4)
    XCTAssertTrue(unknown.stderr.contains("no activity named 'nope'"), unknown.stderr)
  }

  func testNameResolutionCostsOneListCallThenNone() throws {
    let home = VerbsHarness.scratch()
    env["HOME"] = home
    XCTAssertEqual(sfn("describe", "slow").status, 0)
    XCTAssertEqual(sfn("describe", "slow:prod", "--output", "json").status, 4)  // the fake has no aliases
    XCTAssertEqual(sfn("output", "slow/hist").status, 0)
    XCTAssertEqual(try ops(), ["ListStateMachines", "DescribeStateMachine", "DescribeStateMachineAlias", "DescribeExecution"])
    let alias = try VerbsFake.calls()[2].body["stateMachineAliasArn"] as? String
    XCTAssertEqual(alias, "arn:aws:states:us-east-1:123456789012:stateMachine:slow:prod")
  }
}
