import Foundation
import XCTest

/// The verbs end to end: the built binary against the moto peer.
final class VerbsPeerTests: XCTestCase {
  static let role = "arn:aws:iam::123456789012:role/verbs"
  static let pass = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"greeting":"hello","in.$":"$"},"End":true}}}"#
  static let fail = #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"it broke"}}}"#
  static func waiting(_ seconds: Int) -> String {
    #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":\#(seconds),"Next":"P"},"P":{"Type":"Pass","End":true}}}"#
  }

  var env: [String: String] = [:]

  override func setUpWithError() throws {
    env = try VerbsPeer.environment()
  }

  private func sfn(_ args: String..., stdin: String? = nil) -> VerbsRun {
    VerbsHarness.sfn(args, env: env, stdin: stdin)
  }

  /// Creates a state machine through the API command and returns its name.
  private func machine(_ definition: String, type: String = "STANDARD", publish: Bool = false) -> String {
    let name = VerbsHarness.unique("m")
    var args = ["create-state-machine", "--name", name, "--definition", definition, "--role-arn", Self.role, "--type", type]
    if publish { args.append("--publish") }
    let r = VerbsHarness.sfn(args, env: env)
    XCTAssertEqual(r.status, 0, r.stderr)
    return name
  }

  func testStartWaitPrintsTheFinishedExecutionAndExitsZero() throws {
    let name = machine(Self.pass)
    let file = VerbsHarness.scratch("in") + "/in.json"
    try #"{"who": "world"}"#.write(toFile: file, atomically: true, encoding: .utf8)
    let r = sfn("start", name, "--input", "@" + file, "--wait")
    XCTAssertEqual(r.status, 0, r.stderr)
    let result = r.object()
    XCTAssertEqual(result["status"] as? String, "SUCCEEDED")
    // The embedded JSON strings are decoded.
    XCTAssertEqual((result["input"] as? [String: Any])?["who"] as? String, "world")
    let output = result["output"] as? [String: Any]
    XCTAssertEqual(output?["greeting"] as? String, "hello")
    XCTAssertEqual((output?["in"] as? [String: Any])?["who"] as? String, "world")
    XCTAssertTrue((result["startDate"] as? String ?? "").hasSuffix("+00:00"))
  }

  func testStartWaitOnAFailedExecutionExitsOneWithErrorAndCauseOnStderr() {
    let name = machine(Self.fail)
    let r = sfn("start", name, "--wait")
    XCTAssertEqual(r.status, 1)
    XCTAssertEqual(r.object()["status"] as? String, "FAILED")
    XCTAssertTrue(r.stderr.contains("FAILED: Boom: it broke"), r.stderr)
  }

  func testStartWithoutNameGeneratesAUUIDNameAndDoesNotWait() {
    let name = machine(Self.waiting(1))
    let r = sfn("start", name, "--input", "{}")
    XCTAssertEqual(r.status, 0, r.stderr)
    let arn = r.object()["executionArn"] as? String ?? ""
    let executionName = String(arn.split(separator: ":").last ?? "")
    XCTAssertNotNil(UUID(uuidString: executionName), arn)
    XCTAssertNil(r.object()["status"])
  }

  func testTimeoutExits124ThenStopAbortsAndWaitExitsThree() {
    let name = machine(Self.waiting(60))
    let r = sfn("start", name, "--name", "slow", "--wait", "--timeout", "1s")
    XCTAssertEqual(r.status, 124, r.stderr)
    XCTAssertTrue(r.stderr.contains("--timeout 1s"), r.stderr)
    let waited = sfn("wait", "\(name)/slow", "--timeout", "1")
    XCTAssertEqual(waited.status, 124)
    let stopped = sfn("stop", "\(name)/slow", "--error", "Manual", "--cause", "test")
    XCTAssertEqual(stopped.status, 0, stopped.stderr)
    XCTAssertTrue((stopped.object()["executionArn"] as? String ?? "").hasSuffix(":slow"))
    let after = sfn("wait", "\(name)/slow")
    XCTAssertEqual(after.status, 3, after.stderr)
    XCTAssertTrue(after.stderr.contains("ABORTED"))
  }

  func testWaitExitsWithTheWorstStatus() {
    let good = machine(Self.pass), bad = machine(Self.fail)
    XCTAssertEqual(sfn("start", good, "--name", "a").status, 0)
    XCTAssertEqual(sfn("start", bad, "--name", "b").status, 0)
    let r = sfn("wait", "\(good)/a", "\(bad)/b")
    XCTAssertEqual(r.status, 1, r.stderr)
    let list = r.json() as? [[String: Any]] ?? []
    XCTAssertEqual(list.map { $0["status"] as? String }, ["SUCCEEDED", "FAILED"])
    XCTAssertEqual(sfn("wait", "\(good)/a").status, 0)
  }

  func testOutputPrintsTheDocumentAloneAndFailuresOnStderr() {
    let good = machine(Self.pass), bad = machine(Self.fail)
    XCTAssertEqual(sfn("start", good, "--name", "x", "--input", #"{"n": [1, 2]}"#, "--wait").status, 0)
    let r = sfn("output", "\(good)/x")
    XCTAssertEqual(r.status, 0, r.stderr)
    let doc = r.object()
    XCTAssertEqual(doc["greeting"] as? String, "hello")
    XCTAssertEqual(((doc["in"] as? [String: Any])?["n"] as? [Int]), [1, 2])
    // A pipe to jq gets exactly the document.
    let jq = VerbsHarness.run("/bin/sh", ["-c", "\"$0\" output \"$1\" | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"greeting\"])'",
                                          VerbsHarness.binary, "\(good)/x"], env: env)
    XCTAssertEqual(jq.stdout, "hello\n", jq.stderr)
    XCTAssertTrue(sfn("output", "\(good)/x", "--raw").stdout.hasPrefix("{\"greeting\""))
    XCTAssertEqual(sfn("start", bad, "--name", "y", "--wait").status, 1)
    let failed = sfn("output", "\(bad)/y")
    XCTAssertEqual(failed.status, 1)
    XCTAssertEqual(failed.stdout, "")
    XCTAssertTrue(failed.stderr.contains("Boom: it broke"), failed.stderr)
    let missing = sfn("output", "\(good)/nope")
    XCTAssertEqual(missing.status, 4)
    XCTAssertTrue(missing.stderr.contains("ExecutionDoesNotExist"), missing.stderr)
  }

  func testHistoryTableJSONLinesLimitAndReverse() {
    let name = machine(Self.pass)
    XCTAssertEqual(sfn("start", name, "--name", "h", "--wait").status, 0)
    let table = sfn("history", "\(name)/h", "--output", "table")
    XCTAssertEqual(table.status, 0, table.stderr)
    let lines = table.stdout.split(separator: "\n").map(String.init)
    XCTAssertTrue(lines.first?.hasPrefix("TIME") ?? false)
    XCTAssertTrue(lines.contains { $0.contains("PassStateExited") && $0.contains("P") && $0.contains("took") })
    XCTAssertTrue(lines.last?.hasPrefix("SUCCEEDED: 1 state run, 0 retries, 0 failures, total") ?? false, table.stdout)

    let json = sfn("history", "\(name)/h")
    let events = json.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    XCTAssertEqual(events.count, json.stdout.split(separator: "\n").count)
    XCTAssertEqual(events.first?["type"] as? String, "ExecutionStarted")
    XCTAssertEqual(events.last?["type"] as? String, "ExecutionSucceeded")
    XCTAssertNotNil((events.last?["executionSucceededEventDetails"] as? [String: Any])?["output"] as? [String: Any])
    XCTAssertEqual(sfn("history", "\(name)/h", "--limit", "2").stdout.split(separator: "\n").count, 2)
    let reversed = sfn("history", "\(name)/h", "--reverse", "--limit", "1")
    XCTAssertTrue(reversed.stdout.contains("\"ExecutionSucceeded\""), reversed.stdout)
    XCTAssertEqual(reversed.stdout.split(separator: "\n").count, 1)
    XCTAssertEqual(sfn("history", "\(name)/h", "--follow", "--reverse").status, 64)
  }

  func testHistoryFollowStreamsARunningExecutionToItsEnd() throws {
    let name = machine(Self.waiting(3))
    XCTAssertEqual(sfn("start", name, "--name", "f").status, 0)
    let follower = try VerbsHarness.launch(VerbsHarness.binary, ["history", "\(name)/f", "--follow", "--output", "json"], env: env)
    // The first events arrive while the execution (and so the command) is still running.
    XCTAssertTrue(follower.waitUntil(timeout: 30) { !follower.stdout.isEmpty }, follower.stderr)
    XCTAssertTrue(follower.stdout.contains("ExecutionStarted"))
    XCTAssertTrue(follower.isRunning)
    XCTAssertEqual(follower.wait(timeout: 120), 0, follower.stderr)
    let lines = follower.stdout.split(separator: "\n")
    let ids = lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? Int }
    XCTAssertEqual(ids, Array(1...ids.count), "each event once, in order")
    XCTAssertTrue(lines.last?.contains("ExecutionSucceeded") ?? false)
  }

  func testDescribeNamesEveryKind() {
    let name = machine(Self.pass, publish: true)
    let m = sfn("describe", name)
    XCTAssertEqual(m.status, 0, m.stderr)
    XCTAssertEqual(m.object()["name"] as? String, name)
    XCTAssertEqual((m.object()["definition"] as? [String: Any])?["StartAt"] as? String, "P", "definition decoded")
    XCTAssertTrue(sfn("describe", name, "--raw").object()["definition"] is String)
    let version = sfn("describe", "\(name):1")
    XCTAssertEqual(version.status, 0, version.stderr)
    XCTAssertTrue((version.object()["stateMachineArn"] as? String ?? "").hasSuffix(":\(name):1"))
    let machineArn = m.object()["stateMachineArn"] as? String ?? ""
    let alias = VerbsHarness.sfn(["create-state-machine-alias", "--name", "prod", "--routing-configuration",
                                  #"[{"stateMachineVersionArn":"\#(machineArn):1","weight":100}]"#], env: env)
    XCTAssertEqual(alias.status, 0, alias.stderr)
    let describedAlias = sfn("describe", "\(name):prod")
    XCTAssertEqual(describedAlias.status, 0, describedAlias.stderr)
    XCTAssertEqual(describedAlias.object()["name"] as? String, "prod")
    XCTAssertEqual(sfn("start", name, "--name", "d", "--wait").status, 0)
    let execution = sfn("describe", "\(name)/d")
    XCTAssertEqual(execution.object()["status"] as? String, "SUCCEEDED")
    XCTAssertEqual(sfn("describe", execution.object()["executionArn"] as? String ?? "").object()["name"] as? String, "d")
    let activity = VerbsHarness.sfn(["create-activity", "--name", VerbsHarness.unique("act")], env: env)
    let activityArn = activity.object()["activityArn"] as? String ?? ""
    XCTAssertEqual(sfn("describe", activityArn).object()["activityArn"] as? String, activityArn)
    // With the account cached, an unknown name is the service's error; without, the list call tells.
    let unknown = sfn("describe", VerbsHarness.unique("none"))
    XCTAssertEqual(unknown.status, 4)
    XCTAssertTrue(unknown.stderr.contains("StateMachineDoesNotExist"), unknown.stderr)
    env["HOME"] = VerbsHarness.scratch()
    let listed = sfn("describe", VerbsHarness.unique("none"))
    XCTAssertEqual(listed.status, 4)
    XCTAssertTrue(listed.stderr.contains("no state machine named"), listed.stderr)
    XCTAssertEqual(sfn("describe", "arn:aws:s3:::bucket").status, 64)
  }

  func testExecutionsListsNewestFirstWithFilters() {
    let name = machine(Self.pass)
    for n in ["a-1", "a-2", "b-1"] { XCTAssertEqual(sfn("start", name, "--name", n, "--wait").status, 0) }
    let all = sfn("executions", name)
    XCTAssertEqual(all.status, 0, all.stderr)
    XCTAssertEqual((all.json() as? [[String: Any]])?.map { $0["name"] as? String }, ["b-1", "a-2", "a-1"])
    XCTAssertEqual((sfn("executions", name, "--name-prefix", "a-").json() as? [Any])?.count, 2)
    XCTAssertEqual((sfn("executions", name, "--status", "FAILED").json() as? [Any])?.count, 0)
    XCTAssertEqual((sfn("executions", name, "--limit", "1").json() as? [[String: Any]])?.first?["name"] as? String, "b-1")
    XCTAssertEqual((sfn("executions", name, "--since", "1h").json() as? [Any])?.count, 3)
    XCTAssertEqual((sfn("executions", name, "--until", "2000-01-01").json() as? [Any])?.count, 0)
    let table = sfn("executions", name, "--output", "table")
    XCTAssertTrue(table.stdout.hasPrefix("NAME"), table.stdout)
    XCTAssertEqual(sfn("executions", name, "--since", "yesterday").status, 64)
    XCTAssertEqual(sfn("executions", name, "--status", "DONE").status, 64)
  }

  func testMachinesAndActivitiesList() {
    let name = machine(Self.pass, type: "EXPRESS")
    let act = VerbsHarness.unique("act")
    XCTAssertEqual(VerbsHarness.sfn(["create-activity", "--name", act], env: env).status, 0)
    let machines = sfn("machines").json() as? [[String: Any]] ?? []
    XCTAssertEqual(machines.first { $0["name"] as? String == name }?["type"] as? String, "EXPRESS")
    let activities = sfn("activities").json() as? [[String: Any]] ?? []
    XCTAssertTrue(activities.contains { $0["name"] as? String == act })
    let table = sfn("machines", "--output", "table", "--color", "never")
    XCTAssertTrue(table.stdout.hasPrefix("NAME"))
    XCTAssertTrue(table.stdout.contains(name))
  }

  func testJSONInputsAreCheckedBeforeAnythingIsSent() throws {
    // An endpoint nobody listens on: a request would end in exit 6, so 65/66 show nothing was sent.
    var offline = env
    offline["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9"
    let bad = VerbsHarness.sfn(["start", "hello", "--input", "{nope"], env: offline)
    XCTAssertEqual(bad.status, 65)
    XCTAssertTrue(bad.stderr.contains("--input"), bad.stderr)
    XCTAssertEqual(VerbsHarness.sfn(["start", "hello", "--input", "@/no/such/file.json"], env: offline).status, 66)
    let big = String(repeating: "x", count: 256 * 1024)
    let tooBig = VerbsHarness.sfn(["start", "hello", "--input", "-"], env: offline, stdin: "\"\(big)\"")
    XCTAssertEqual(tooBig.status, 65)
    XCTAssertTrue(tooBig.stderr.contains("limit"), tooBig.stderr)
    XCTAssertEqual(VerbsHarness.sfn(["task", "success", "t", "--task-output", "[1,"], env: offline).status, 65)
    XCTAssertEqual(VerbsHarness.sfn(["start", "hello", "--wait", "--timeout", "soon"], env: offline).status, 64)
    // Inline, file:// and stdin reach the service.
    let name = machine(Self.pass)
    let r = sfn("start", name, "--input", "-", "--wait", stdin: #"{"from": "stdin"}"#)
    XCTAssertEqual(((r.object()["output"] as? [String: Any])?["in"] as? [String: Any])?["from"] as? String, "stdin")
  }

  func testNamesResolveWithOneListCallThenFromTheCache() {
    let name = machine(Self.pass)
    let home = VerbsHarness.scratch()
    env["HOME"] = home
    let first = sfn("describe", name, "--debug")
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertEqual(first.stderr.components(separatedBy: "ListStateMachines attempt").count - 1, 1)
    XCTAssertTrue(FileManager.default.fileExists(atPath: home + "/.cache/sfn/accounts"))
    let second = sfn("describe", name, "--debug")
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertFalse(second.stderr.contains("ListStateMachines"), "the account comes from the cache")
    XCTAssertEqual(second.object()["name"] as? String, name)
  }

  func testTaskSuccessFailureAndHeartbeatAnswerCallbacks() throws {
    let python = Peer.python
    let helper = VerbsHarness.fixtures.appendingPathComponent("sqs_token.py").path
    let endpoint = try VerbsPeer.endpoint()
    let queue = VerbsHarness.run(python, [helper, endpoint, "create", VerbsHarness.unique("q")], env: env)
    XCTAssertEqual(queue.status, 0, queue.stderr)
    let url = queue.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let definition = #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":600,"Parameters":{"QueueUrl":"\#(url)","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}"#
    let name = machine(definition)

    XCTAssertEqual(sfn("start", name, "--name", "ok").status, 0)
    let token = VerbsHarness.run(python, [helper, endpoint, "receive", url], env: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    XCTAssertFalse(token.isEmpty)
    let beat = sfn("task", "heartbeat", token)
    XCTAssertEqual(beat.status, 0, beat.stderr)
    let success = sfn("task", "success", token, "--task-output", #"{"answer": 42}"#)
    XCTAssertEqual(success.status, 0, success.stderr)
    XCTAssertEqual(success.stdout, "")
    XCTAssertEqual(sfn("wait", "\(name)/ok").status, 0)
    XCTAssertEqual(sfn("output", "\(name)/ok").object()["answer"] as? Int, 42)

    XCTAssertEqual(sfn("start", name, "--name", "ko").status, 0)
    let token2 = VerbsHarness.run(python, [helper, endpoint, "receive", url], env: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    XCTAssertEqual(sfn("task", "failure", token2, "--error", "Rejected", "--cause", "no").status, 0)
    let waited = sfn("wait", "\(name)/ko")
    XCTAssertEqual(waited.status, 1)
    XCTAssertTrue(waited.stderr.contains("Rejected"), waited.stderr)
    let used = sfn("task", "success", token2)
    XCTAssertEqual(used.status, 4)
    XCTAssertTrue(used.stderr.contains("InvalidToken") || used.stderr.contains("TaskTimedOut"), used.stderr)
  }
}
