import Foundation
import XCTest

/// Express executions read from CloudWatch Logs, end to end against moto (which serves both Step Functions and
/// CloudWatch Logs): the events are written with PutLogEvents in the format Step Functions logs them, then
/// `history`, `output`, `describe`, `wait` and `logs` read them like a Standard execution's.
final class ExpressLogsPeerTests: XCTestCase {
  static let port = 5791
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/express/express_logs.py").path

  var peer: Peer!

  override func setUpWithError() throws {
    peer = try Peer.start(port: Self.port)
  }

  // MARK: - helpers

  /// An EXPRESS machine logging at `level` to a fresh log group (none when `group` is false); its name and group.
  func machine(level: String = "ALL", data: Bool = true, group: Bool = true) throws -> (name: String, group: String) {
    let name = uniqueName("exp")
    let logGroup = group ? "/aws/vendedlogs/states/\(name)-Logs" : "-"
    let r = SFNRunner.run(Peer.python, [Self.script, "machine", name, level, data ? "true" : "false", logGroup],
                          env: peer.environment())
    XCTAssertEqual(r.status, 0, r.stderr)
    return (name, logGroup)
  }

  /// Writes `events` to `stream` of `group` with PutLogEvents.
  func put(_ events: [[String: Any]], group: String, stream: String = "s1") throws {
    let lines = try events.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
    let r = SFNRunner.run(Peer.python, [Self.script, "put", group, stream], env: peer.environment(),
                          stdin: lines.joined(separator: "\n") + "\n")
    XCTAssertEqual(r.status, 0, r.stderr)
  }

  func sfn(_ args: String...) -> RunResult { peer.sfn(args) }

  /// JSON lines of stdout as objects.
  func lines(_ text: String) -> [[String: Any]] {
    text.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
    }
  }

  // MARK: - tests

  func testSucceededExecutionReadsLikeAStandardOne() throws {
    let (name, group) = try machine()
    let run = ExpressRun(machine: name)
    try put(run.log(ExpressRun.succeeded(input: #"{"n":1}"#, output: #"{"n":2}"#)), group: group)

    let table = sfn("history", run.arn, "--output", "table")
    XCTAssertEqual(table.status, 0, table.stderr)
    for text in ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded", "SUCCEEDED: 1 state run"] {
      XCTAssertTrue(table.stdout.contains(text), "\(text) missing:\n\(table.stdout)")
    }
    let events = lines(sfn("history", run.arn, "--output", "json").stdout)
    XCTAssertEqual(events.map { $0["id"] as? Int }, [1, 2, 3, 4])
    XCTAssertEqual(events.map { $0["type"] as? String },
                   ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
    // GetExecutionHistory's shape: ISO timestamps, previousEventId, details under the member the type names.
    XCTAssertEqual(events[1]["previousEventId"] as? Int, 1)
    XCTAssertNotNil((events[0]["timestamp"] as? String)?.range(of: #"^\d{4}-\d\d-\d\dT"#, options: .regularExpression))
    XCTAssertEqual((events[1]["stateEnteredEventDetails"] as? [String: Any])?["name"] as? String, "P")

    let output = sfn("output", run.arn)
    XCTAssertEqual(output.status, 0, output.stderr)
    XCTAssertEqual(output.object()["n"] as? Int, 2)

    let described = sfn("describe", run.arn, "--output", "json")
    XCTAssertEqual(described.status, 0, described.stderr)
    XCTAssertEqual(described.object()["status"] as? String, "SUCCEEDED")
    XCTAssertEqual(described.object()["name"] as? String, run.name)
    XCTAssertEqual(described.object()["stateMachineArn"] as? String,
                   "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)")

    let waited = sfn("wait", run.arn, "--output", "json")
    XCTAssertEqual(waited.status, 0, waited.stderr)

    // The graph of the execution: the machine's definition with the path its logged history took.
    let graph = sfn("graph", run.arn, "--ascii")
    XCTAssertEqual(graph.status, 0, graph.stderr)
    XCTAssertTrue(graph.stdout.contains("P"), graph.stdout)
    XCTAssertTrue(graph.stdout.contains("SUCCEEDED"), graph.stdout)
  }

  func testMachineSlashNameFindsTheNewestExpressExecutionOfThatName() throws {
    let (name, group) = try machine()
    let older = ExpressRun(machine: name, start: ExpressRun.now() - 20_000)
    let newer = ExpressRun(machine: name, name: older.name)
    try put(older.log(ExpressRun.failed(error: "E", cause: "c"))
            + newer.log(ExpressRun.succeeded(input: "{}", output: #"{"which":"newer"}"#)), group: group)
    let output = sfn("output", "\(name)/\(older.name)")
    XCTAssertEqual(output.status, 0, output.stderr)
    XCTAssertEqual(output.object()["which"] as? String, "newer")
    let history = sfn("history", "\(name)/\(older.name)", "--output", "json")
    XCTAssertEqual(history.status, 0, history.stderr)
    XCTAssertEqual(lines(history.stdout).count, 4)
    let missing = sfn("history", "\(name)/nobody")
    XCTAssertEqual(missing.status, 4, missing.stderr)
    XCTAssertTrue(missing.stderr.contains("no Express execution named nobody in log group \(group)"), missing.stderr)
    XCTAssertTrue(missing.stderr.contains("sfn logs \(name)"), missing.stderr)
  }

  func testFailedExecutionHasItsExitCodeAndError() throws {
    let (name, group) = try machine()
    let run = ExpressRun(machine: name)
    try put(run.log(ExpressRun.failed(error: "Payment.Declined", cause: "card expired")), group: group)

    let output = sfn("output", run.arn)
    XCTAssertEqual(output.status, 1, output.stderr)
    XCTAssertTrue(output.stderr.contains("Payment.Declined"), output.stderr)
    XCTAssertTrue(output.stderr.contains("card expired"), output.stderr)
    let waited = sfn("wait", run.arn)
    XCTAssertEqual(waited.status, 1, waited.stderr)
    let history = sfn("history", run.arn, "--output", "table")
    XCTAssertEqual(history.status, 0, history.stderr)
    XCTAssertTrue(history.stdout.contains("Payment.Declined"), history.stdout)
    XCTAssertTrue(history.stdout.contains("FAILED"), history.stdout)
  }

  func testRetriedMapAndParallelExecutionsShowTheirStructure() throws {
    let (name, group) = try machine()
    let retried = ExpressRun(machine: name), map = ExpressRun(machine: name), parallel = ExpressRun(machine: name)
    try put(retried.log(ExpressRun.retried) + map.log(ExpressRun.map) + parallel.log(ExpressRun.parallel), group: group)

    let r = sfn("history", retried.arn, "--output", "table")
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("(retr"), "the second TaskScheduled is marked a retry:\n\(r.stdout)")
    XCTAssertTrue(r.stdout.contains("SUCCEEDED: 1 state run, 1 retry, 1 failure"), r.stdout)

    let m = lines(sfn("history", map.arn, "--output", "json").stdout)
    XCTAssertEqual(m.filter { $0["type"] as? String == "MapIterationSucceeded" }.count, 2)
    XCTAssertEqual((m.first { $0["type"] as? String == "MapStateStarted" }?["mapStateStartedEventDetails"]
                    as? [String: Any])?["length"] as? Int, 2)
    let iteration = m.first { $0["type"] as? String == "MapIterationStarted" }?["mapIterationStartedEventDetails"] as? [String: Any]
    XCTAssertEqual(iteration?["name"] as? String, "Each")

    let p = sfn("history", parallel.arn, "--output", "table")
    XCTAssertEqual(p.status, 0, p.stderr)
    for text in ["ParallelStateStarted", "Left", "Right", "SUCCEEDED: 3 states run"] {
      XCTAssertTrue(p.stdout.contains(text), "\(text) missing:\n\(p.stdout)")
    }
    let types = lines(sfn("history", parallel.arn, "--output", "json").stdout).compactMap { $0["type"] as? String }
    XCTAssertEqual(types, ExpressRun.parallel.map(\.0))
  }

  func testInterleavedOutOfOrderAndDuplicatedDeliveryGivesEachEventOnceInOrder() throws {
    let (name, group) = try machine()
    let a = ExpressRun(machine: name), b = ExpressRun(machine: name)
    let aEvents = a.log(ExpressRun.retried), bEvents = b.log(ExpressRun.succeeded(input: "{}", output: "{}"))
    // Later events of `a` land in one stream, earlier ones (and a duplicate) in another, interleaved with `b`'s:
    // FilterLogEvents hands them over stream by stream, so the reader sees them out of order.
    try put(Array(aEvents[4...]) + bEvents, group: group, stream: "later")
    try put(Array(aEvents[..<4]) + [aEvents[2]] + Array(aEvents[5...6]), group: group, stream: "earlier")

    let events = lines(sfn("history", a.arn, "--output", "json").stdout)
    XCTAssertEqual(events.map { $0["id"] as? Int }, Array(1...aEvents.count).map { $0 })
    XCTAssertTrue(events.allSatisfy { ($0["type"] as? String)?.isEmpty == false })
    let reversed = lines(sfn("history", a.arn, "--output", "json", "--reverse", "--limit", "2").stdout)
    XCTAssertEqual(reversed.map { $0["id"] as? Int }, [aEvents.count, aEvents.count - 1])
    XCTAssertEqual(lines(sfn("history", b.arn, "--output", "json").stdout).count, bEvents.count)
  }

  func testLogsListsExpressExecutionsNewestFirst() throws {
    let (name, group) = try machine()
    let old = ExpressRun(machine: name, start: ExpressRun.now() - 60_000)
    let failed = ExpressRun(machine: name, start: ExpressRun.now() - 30_000)
    let running = ExpressRun(machine: name, start: ExpressRun.now() - 10_000)
    let other = try machine()  // a second machine's execution in the same group is not listed
    let stranger = ExpressRun(machine: other.name, start: ExpressRun.now() - 20_000)
    try put(old.log(ExpressRun.succeeded(input: "{}", output: "{}")) + failed.log(ExpressRun.failed(error: "E", cause: "c"))
            + Array(running.log(ExpressRun.retried).prefix(3)) + stranger.log(ExpressRun.map), group: group)

    let listed = sfn("logs", name, "--output", "json")
    XCTAssertEqual(listed.status, 0, listed.stderr)
    let items = try XCTUnwrap(listed.json() as? [[String: Any]])
    XCTAssertEqual(items.map { $0["name"] as? String }, [running.name, failed.name, old.name])
    XCTAssertEqual(items.map { $0["status"] as? String }, ["RUNNING", "FAILED", "SUCCEEDED"])

    let table = sfn("logs", name, "--output", "table", "--status", "succeeded")
    XCTAssertEqual(table.status, 0, table.stderr)
    XCTAssertTrue(table.stdout.contains("DURATION"), table.stdout)
    XCTAssertTrue(table.stdout.contains(old.name) && !table.stdout.contains(failed.name), table.stdout)
    let limited = try XCTUnwrap(sfn("logs", name, "--limit", "1", "--output", "json").json() as? [[String: Any]])
    XCTAssertEqual(limited.map { $0["name"] as? String }, [running.name])
    let window = try XCTUnwrap(sfn("logs", name, "--since", "45s", "--output", "json").json() as? [[String: Any]])
    XCTAssertEqual(window.map { $0["name"] as? String }, [running.name, failed.name])

    let standard = uniqueName("std")
    let created = SFNRunner.run(Peer.python, [Self.script, "machine", standard, "ALL", "true",
                                              "/aws/vendedlogs/states/\(standard)", "STANDARD"], env: peer.environment())
    XCTAssertEqual(created.status, 0, created.stderr)
    let refused = sfn("logs", standard)
    XCTAssertEqual(refused.status, 64, refused.stderr)
    XCTAssertEqual(refused.stderr, "sfn: state machine \(standard) is STANDARD: its executions are not read from CloudWatch Logs; "
                   + "`sfn executions \(standard)` lists them\n")
  }

  func testHistoryFollowPrintsEventsAsTheyArriveInIdOrder() throws {
    let (name, group) = try machine()
    let run = ExpressRun(machine: name)
    let events = run.log(ExpressRun.retried)
    try put(Array(events[..<2]), group: group)
    let child = try ChildProcess(SFNRunner.binary, ["history", run.arn, "--follow", "--output", "json"],
                                 env: peer.environment())
    defer { child.stop() }
    XCTAssertTrue(child.waitUntil(timeout: 60) { lines(child.stdout).count == 2 }, child.stderr)
    // Events 4 and 5 arrive before 3: nothing is printed until 3 is there, then all in order.
    try put(Array(events[3...4]), group: group, stream: "s2")
    Thread.sleep(forTimeInterval: 3)
    XCTAssertEqual(lines(child.stdout).count, 2, "event 3 is still missing: \(child.stdout)")
    try put([events[2]] + Array(events[5...]), group: group, stream: "s3")
    let result = child.result(timeout: 60)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(lines(result.stdout).map { $0["id"] as? Int }, Array(1...events.count).map { $0 })
  }

  func testHistoryFollowWaitsForEarlierEventsAndGivesUpOnALostOne() throws {
    let (name, group) = try machine()
    let run = ExpressRun(machine: name)
    let events = run.log(ExpressRun.retried)
    // Events 3 and 4 are delivered first: ExecutionStarted (earlier in time) has not arrived yet.
    try put(Array(events[2...3]), group: group)
    let child = try ChildProcess(SFNRunner.binary, ["history", run.arn, "--follow", "--output", "json"],
                                 env: peer.environment())
    defer { child.stop() }
    Thread.sleep(forTimeInterval: 3)
    XCTAssertEqual(lines(child.stdout).count, 0, child.stdout + child.stderr)
    XCTAssertTrue(child.isRunning, child.stderr)
    // Then the rest, except event 6, which never comes (delivery is best effort): after the end has arrived,
    // sfn waits a while for it, then prints what it has.
    try put(Array(events[..<2]) + [events[4]] + Array(events[6...]), group: group, stream: "s2")
    XCTAssertTrue(child.waitUntil(timeout: 30) { lines(child.stdout).count == 5 }, child.stdout + child.stderr)
    let result = child.result(timeout: 60)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(lines(result.stdout).map { $0["id"] as? Int }, [1, 2, 3, 4, 5, 7, 8])
  }

  func testWaitSeesAnAsynchronousStartEndWhenItsEventsArrive() throws {
    let (name, group) = try machine()
    let run = ExpressRun(machine: name)
    // Nothing is logged yet when the wait starts (CloudWatch Logs delivers late).
    let child = try ChildProcess(SFNRunner.binary, ["wait", run.arn, "--timeout", "60"], env: peer.environment())
    defer { child.stop() }
    Thread.sleep(forTimeInterval: 2)
    XCTAssertTrue(child.isRunning, child.stderr)
    try put(run.log(ExpressRun.failed(error: "States.Timeout", cause: "slow")), group: group)
    let result = child.result(timeout: 60)
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stderr.contains("States.Timeout"), result.stderr)
  }

  func testLogsFollowPrintsExecutionsAsTheyEnd() throws {
    let (name, group) = try machine()
    let first = ExpressRun(machine: name, start: ExpressRun.now() - 5_000), second = ExpressRun(machine: name)
    try put(first.log(ExpressRun.succeeded(input: "{}", output: "{}")), group: group)
    let child = try ChildProcess(SFNRunner.binary, ["logs", name, "--follow", "--output", "json"], env: peer.environment())
    defer { child.stop() }
    XCTAssertTrue(child.waitUntil(timeout: 60) { lines(child.stdout).count == 1 }, child.stderr)
    try put(second.log(ExpressRun.failed(error: "E", cause: "c")), group: group, stream: "s2")
    XCTAssertTrue(child.waitUntil(timeout: 60) { lines(child.stdout).count == 2 }, child.stdout + child.stderr)
    let printed = lines(child.stdout)
    XCTAssertEqual(printed.map { $0["name"] as? String }, [first.name, second.name])
    XCTAssertEqual(printed.last?["status"] as? String, "FAILED")
  }

  func testWhatTheLogCannotShowIsSaidWithHowToTurnItOn() throws {
    // Logging off: every command says so, with the command that turns it on.
    let off = try machine(level: "OFF", group: false)
    let offRun = ExpressRun(machine: off.name)
    for args in [["history", offRun.arn], ["output", offRun.arn], ["wait", offRun.arn], ["describe", offRun.arn],
                 ["logs", off.name]] {
      let r = peer.sfn(args)
      XCTAssertEqual(r.status, 4, "\(args): \(r.stderr)")
      XCTAssertEqual(r.stdout, "")
      let stderrLines = r.stderr.split(separator: "\n")
      XCTAssertEqual(stderrLines.count, 1, r.stderr)
      XCTAssertTrue(r.stderr.hasPrefix("sfn: state machine \(off.name) does not log to CloudWatch Logs (loggingConfiguration level OFF)"), r.stderr)
      XCTAssertTrue(r.stderr.contains("--logging-configuration '{\"level\":\"ALL\",\"includeExecutionData\":true"), r.stderr)
    }
    let json = peer.sfn(["history", offRun.arn, "--error-format", "json"])
    XCTAssertEqual((json.stderr.data(using: .utf8).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any])?["code"] as? String,
                   "ExpressLoggingOff")

    // ERROR level: a failure is logged, a success is not; the log cannot tell a success from a running execution.
    let errors = try machine(level: "ERROR")
    let ok = ExpressRun(machine: errors.name), ko = ExpressRun(machine: errors.name)
    try put(ko.log(ExpressRun.failed(error: "E", cause: "c")).filter { ($0["message"] as? [String: Any])?["type"] as? String == "ExecutionFailed" },
            group: errors.group)
    let okOutput = sfn("output", ok.arn)
    XCTAssertEqual(okOutput.status, 4, okOutput.stderr)
    XCTAssertTrue(okOutput.stderr.contains("logs ERROR events only"), okOutput.stderr)
    XCTAssertTrue(okOutput.stderr.contains("\"level\":\"ALL\""), okOutput.stderr)
    XCTAssertEqual(sfn("wait", ko.arn).status, 1)

    // No execution data: the history is there, the output is not.
    let dataless = try machine(data: false)
    let run = ExpressRun(machine: dataless.name)
    try put(run.log(ExpressRun.succeeded(input: nil, output: nil)), group: dataless.group)
    XCTAssertEqual(sfn("history", run.arn).status, 0)
    let output = sfn("output", run.arn)
    XCTAssertEqual(output.status, 4, output.stderr)
    XCTAssertTrue(output.stderr.contains("includeExecutionData false"), output.stderr)
    XCTAssertTrue(output.stderr.contains("\"includeExecutionData\":true"), output.stderr)

    // Logging on, but no such execution in the group.
    let missing = sfn("history", ExpressRun(machine: dataless.name).arn)
    XCTAssertEqual(missing.status, 4, missing.stderr)
    XCTAssertTrue(missing.stderr.contains("no events of Express execution"), missing.stderr)
  }

  func testLogsEndpointFollowsTheCloudWatchLogsVariableAndDebugShowsTheCalls() throws {
    let (name, group) = try machine()
    let run = ExpressRun(machine: name)
    try put(run.log(ExpressRun.succeeded(input: "{}", output: #"{"ok":true}"#)), group: group)
    // As the AWS SDKs: serviceId "CloudWatch Logs" gives AWS_ENDPOINT_URL_CLOUDWATCH_LOGS (not ..._LOGS).
    var env = peer.environment()
    env["AWS_ENDPOINT_URL"] = nil
    env["AWS_ENDPOINT_URL_SFN"] = peer.endpoint
    env["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = peer.endpoint
    let r = SFNRunner.sfn(["output", run.arn, "--debug"], env: env)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("\"ok\""), r.stdout)
    XCTAssertTrue(r.stderr.contains("debug: logs:FilterLogEvents attempt 1: POST \(peer.endpoint)"), r.stderr)
    XCTAssertTrue(r.stderr.contains("X-Amz-Target: Logs_20140328.FilterLogEvents"), r.stderr)
    XCTAssertTrue(r.stderr.contains("Content-Type: application/x-amz-json-1.1"), r.stderr)
    XCTAssertTrue(r.stderr.contains("/us-east-1/logs/aws4_request"), r.stderr)
    XCTAssertTrue(r.stderr.contains(#""filterPattern":"{ $.execution_arn = \"\#(run.arn)\" }""#), r.stderr)
  }
}

/// One Express execution's log events, as Step Functions writes them (numbers as strings, details as in history).
struct ExpressRun {
  let machine: String
  let name: String
  /// Epoch milliseconds of ExecutionStarted.
  let start: Int
  let arn: String

  init(machine: String, start: Int = ExpressRun.now(), name: String = uniqueName("run")) {
    self.machine = machine
    self.start = start
    self.name = name
    arn = "arn:aws:states:us-east-1:123456789012:express:\(machine):\(name):\(UUID().uuidString.lowercased())"
  }

  static func now() -> Int { Int(Date().timeIntervalSince1970 * 1000) }

  /// The events for `steps` (type, details), ids from 1, 100 ms apart, as PutLogEvents input.
  func log(_ steps: [(String, [String: Any])]) -> [[String: Any]] {
    steps.enumerated().map { index, step in
      let time = start + index * 100
      let message: [String: Any] = [
        "id": String(index + 1), "type": step.0, "details": step.1, "previous_event_id": String(index),
        "event_timestamp": String(time), "execution_arn": arn, "redrive_count": "0",
      ]
      return ["timestamp": time, "message": message]
    }
  }

  static let role = "arn:aws:iam::123456789012:role/express-role"
  static let noTruncation: [String: Any] = ["truncated": false]

  static func started(_ input: String? = "{}") -> (String, [String: Any]) {
    guard let input else { return ("ExecutionStarted", ["roleArn": role]) }
    return ("ExecutionStarted", ["input": input, "inputDetails": noTruncation, "roleArn": role])
  }

  static func succeeded(input: String?, output: String?) -> [(String, [String: Any])] {
    var end: [String: Any] = [:]
    if let output { end = ["output": output, "outputDetails": noTruncation] }
    return [started(input), ("PassStateEntered", ["name": "P"]), ("PassStateExited", ["name": "P"]),
            ("ExecutionSucceeded", end)]
  }

  static func failed(error: String, cause: String) -> [(String, [String: Any])] {
    [started(), ("TaskStateEntered", ["name": "Charge"]),
     ("TaskScheduled", ["resourceType": "lambda", "resource": "invoke", "region": "us-east-1", "parameters": "{}"]),
     ("TaskFailed", ["resourceType": "lambda", "resource": "invoke", "error": error, "cause": cause]),
     ("ExecutionFailed", ["error": error, "cause": cause])]
  }

  static let retried: [(String, [String: Any])] = [
    started(), ("TaskStateEntered", ["name": "Charge"]),
    ("TaskScheduled", ["resourceType": "lambda", "resource": "invoke", "region": "us-east-1", "parameters": "{}"]),
    ("TaskFailed", ["resourceType": "lambda", "resource": "invoke", "error": "Lambda.ServiceException", "cause": "busy"]),
    ("TaskScheduled", ["resourceType": "lambda", "resource": "invoke", "region": "us-east-1", "parameters": "{}"]),
    ("TaskSucceeded", ["resourceType": "lambda", "resource": "invoke", "output": "{}", "outputDetails": noTruncation]),
    ("TaskStateExited", ["name": "Charge", "output": "{}", "outputDetails": noTruncation]),
    ("ExecutionSucceeded", ["output": "{}", "outputDetails": noTruncation]),
  ]

  static let map: [(String, [String: Any])] = [
    started(#"[1,2]"#), ("MapStateEntered", ["name": "Each"]), ("MapStateStarted", ["length": 2]),
    ("MapIterationStarted", ["name": "Each", "index": 0]), ("PassStateEntered", ["name": "Item"]),
    ("PassStateExited", ["name": "Item"]), ("MapIterationSucceeded", ["name": "Each", "index": 0]),
    ("MapIterationStarted", ["name": "Each", "index": 1]), ("PassStateEntered", ["name": "Item"]),
    ("PassStateExited", ["name": "Item"]), ("MapIterationSucceeded", ["name": "Each", "index": 1]),
    ("MapStateSucceeded", [:]), ("MapStateExited", ["name": "Each", "output": "[1,2]"]),
    ("ExecutionSucceeded", ["output": "[1,2]", "outputDetails": noTruncation]),
  ]

  static let parallel: [(String, [String: Any])] = [
    started(), ("ParallelStateEntered", ["name": "Both"]), ("ParallelStateStarted", [:]),
    ("PassStateEntered", ["name": "Left"]), ("PassStateEntered", ["name": "Right"]),
    ("PassStateExited", ["name": "Left"]), ("PassStateExited", ["name": "Right"]),
    ("ParallelStateSucceeded", [:]), ("ParallelStateExited", ["name": "Both", "output": "[{},{}]"]),
    ("ExecutionSucceeded", ["output": "[{},{}]", "outputDetails": noTruncation]),
  ]
}
