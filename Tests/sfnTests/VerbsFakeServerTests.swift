import Foundation
import XCTest

/// The activity worker (GetActivityTask, which moto cannot serve) end to end: the binary, its signals and its
/// task commands against the scripted fake server in Fixtures/verbs/fake_sfn.py. (The other verbs the fake served
/// run in-process against its recorded answers: VerbsRecordedTests.)
final class VerbsFakeServerTests: XCTestCase {
  var env: [String: String] = [:]

  override func setUpWithError() throws {
    env = try VerbsFake.environment()
    try VerbsFake.control("/_control/reset")
  }

  private func sfn(_ args: String...) -> VerbsRun {
    VerbsHarness.sfn(args, env: env)
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
}
