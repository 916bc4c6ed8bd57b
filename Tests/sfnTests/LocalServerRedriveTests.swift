import Foundation
import XCTest

/// `sfn local`'s RedriveExecution, heartbeats and activity workers driven by boto3 and sfn, and the issue's crash and
/// load tests: kill -9 during 50 running executions, and 2,000 starts by 50 clients through connection resets.
final class LocalServerRedriveTests: XCTestCase {
  private var scratch: URL!

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-redrive-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  private func script(_ name: String) -> String {
    SFNRunner.packageRoot.appendingPathComponent("Tests/sfnTests/Fixtures/local/\(name)").path
  }

  /// Runs a boto3 script against `server` and requires it to pass (it prints `done` last).
  @discardableResult
  private func boto3(_ cli: AWSCLI, _ name: String, _ args: [String], _ server: LocalServerProcess,
                     timeout: Double = 120, file: StaticString = #filePath, line: UInt = #line) -> RunResult {
    let result = SFNRunner.run(cli.python, [script(name)] + args, env: server.environment(scratch: scratch),
                               timeout: timeout)
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr, file: file, line: line)
    return result
  }

  func testBoto3RedrivesExecutionsAndKeepsTasksAliveWithHeartbeats() throws {
    let cli = try AWSCLI.locate()
    // A tenth of real time: HeartbeatSeconds 20 lapses after 2 s, a 1 s retry interval takes 0.1 s.
    let server = try LocalServerProcess(["--in-memory", "--wait-scale", "0.1"])
    let result = boto3(cli, "boto3_redrive.py", [server.endpoint], server)
    XCTAssertTrue(result.stdout.hasSuffix("done\n"), result.stdout + result.stderr)
  }

  func testSFNRedriveWaitsForTheRedrivenExecution() throws {
    let server = try LocalServerProcess(["--in-memory"])
    let env = server.environment(scratch: scratch)
    // Fails on the first attempt and succeeds once redriven: Gate reads $$.Execution.RedriveCount.
    let definition = """
      {"StartAt":"Once","States":{"Once":{"Type":"Pass","Result":"done once","ResultPath":"$.once","Next":"Gate"},
       "Gate":{"Type":"Pass","QueryLanguage":"JSONata","Next":"Fine",
               "Output":"{% $states.context.Execution.RedriveCount = 0 ? $error('not redriven yet') : $states.input %}"},
       "Fine":{"Type":"Pass","End":true}}}
      """
    let file = scratch.appendingPathComponent("machine.asl.json")
    try definition.write(to: file, atomically: true, encoding: .utf8)
    XCTAssertEqual(SFNRunner.sfn(["create-state-machine", "--name", "second-time", "--definition",
                                  "file://" + file.path, "--role-arn", "arn:aws:iam::123456789012:role/test"],
                                 env: env).status, 0)
    let arn = "arn:aws:states:us-east-1:123456789012:execution:second-time:run"
    let first = SFNRunner.sfn(["start", "second-time", "--name", "run", "--input", #"{"a":1}"#, "--wait"], env: env)
    XCTAssertNotEqual(first.status, 0, first.stdout + first.stderr)
    let described = SFNRunner.sfn(["describe-execution", "--execution-arn", arn], env: env).object()
    XCTAssertEqual(described["status"] as? String, "FAILED", "\(described)")
    XCTAssertEqual(described["redriveStatus"] as? String, "REDRIVABLE", "\(described)")
    let redriven = SFNRunner.sfn(["redrive", "second-time/run", "--wait", "--output", "json"], env: env)
    XCTAssertEqual(redriven.status, 0, redriven.stdout + redriven.stderr)
    let after = SFNRunner.sfn(["describe-execution", "--execution-arn", arn], env: env).object()
    XCTAssertEqual(after["status"] as? String, "SUCCEEDED", "\(after)")
    XCTAssertEqual(after["redriveCount"] as? Int, 1, "\(after)")
    XCTAssertEqual(after["output"] as? String, #"{"a":1,"once":"done once"}"#, "\(after)")
    let history = SFNRunner.sfn(["get-execution-history", "--execution-arn", arn, "--output", "json", "--query",
                                 "events[?type=='PassStateEntered'].stateEnteredEventDetails.name"], env: env)
    // The Pass state that succeeded is not run again; the one that failed is entered again.
    XCTAssertEqual(history.json() as? [String], ["Once", "Gate", "Gate", "Fine"], history.stdout + history.stderr)
    let types = SFNRunner.sfn(["get-execution-history", "--execution-arn", arn, "--output", "json", "--query",
                               "events[].type"], env: env).json() as? [String] ?? []
    XCTAssertEqual(Array(types.suffix(7)), ["ExecutionFailed", "ExecutionRedriven", "PassStateEntered",
                                            "PassStateExited", "PassStateEntered", "PassStateExited",
                                            "ExecutionSucceeded"], "\(types)")
    let again = SFNRunner.sfn(["redrive", "second-time/run"], env: env)
    XCTAssertNotEqual(again.status, 0)
    XCTAssertTrue(again.stderr.contains("ExecutionNotRedrivable"), again.stderr)
    XCTAssertTrue(again.stderr.contains("Execution is SUCCEEDED and cannot be redriven"), again.stderr)
  }

  func testSFNActivityWorkerHeartbeatsKeepALongTaskAlive() throws {
    // A tenth of real time: HeartbeatSeconds 20 lapses after 2 s; the worker's command runs 4 s, beating every 1 s.
    let server = try LocalServerProcess(["--in-memory", "--wait-scale", "0.1"])
    let env = server.environment(scratch: scratch)
    XCTAssertEqual(SFNRunner.sfn(["create-activity", "--name", "slow-job"], env: env).status, 0)
    let definition = """
      {"StartAt":"Job","States":{"Job":{"Type":"Task","HeartbeatSeconds":20,
       "Resource":"arn:aws:states:us-east-1:123456789012:activity:slow-job","End":true}}}
      """
    let file = scratch.appendingPathComponent("worker.asl.json")
    try definition.write(to: file, atomically: true, encoding: .utf8)
    XCTAssertEqual(SFNRunner.sfn(["create-state-machine", "--name", "slow", "--definition", "file://" + file.path,
                                  "--role-arn", "arn:aws:iam::123456789012:role/test"], env: env).status, 0)
    let worker = try ChildProcess(SFNRunner.binary, [
      "activity", "worker", "slow-job", "--worker-name", "beating-worker", "--heartbeat", "1", "--max-tasks", "1",
      "--", "sh", "-c", #"sleep 4; echo '{"ok":true}'"#,
    ], env: env)
    let run = SFNRunner.sfn(["start", "slow", "--name", "job-1", "--input", #"{"job":1}"#, "--wait"], env: env)
    XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    XCTAssertEqual(worker.result(timeout: 30).status, 0)
    let history = SFNRunner.sfn(["get-execution-history", "--execution-arn",
                                 "arn:aws:states:us-east-1:123456789012:execution:slow:job-1", "--output", "json"],
                                env: env).object()
    let events = history["events"] as? [[String: Any]] ?? []
    let types = events.compactMap { $0["type"] as? String }
    XCTAssertEqual(types, ["ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                           "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"])
    let started = events.first { $0["type"] as? String == "ActivityStarted" }
    XCTAssertEqual((started?["activityStartedEventDetails"] as? [String: Any])?["workerName"] as? String,
                   "beating-worker")
  }

  func testFiftyExecutionsEndAsTheyWouldHaveAfterKillNine() throws {
    let cli = try AWSCLI.locate()
    let data = scratch.appendingPathComponent("data").path
    // A tenth of real time: the executions take 2-7 s, so all run when the server dies.
    let options = ["--data", data, "--wait-scale", "0.1"]
    let server = try LocalServerProcess(options)
    boto3(cli, "boto3_crash.py", ["start", server.endpoint], server)
    server.kill9()
    let again = try LocalServerProcess(options)
    let checked = boto3(cli, "boto3_crash.py", ["check", again.endpoint], again)
    XCTAssertTrue(checked.stdout.hasSuffix("done\n"), checked.stdout + checked.stderr)
  }

  func testTwoThousandStartsThroughConnectionResetsAreNeitherLostNorDoubled() throws {
    let cli = try AWSCLI.locate()
    let server = try LocalServerProcess(["--data", scratch.appendingPathComponent("data").path])
    let result = boto3(cli, "boto3_load.py", [server.endpoint], server, timeout: 120)
    XCTAssertTrue(result.stdout.hasSuffix("done\n"), result.stdout + result.stderr)
  }
}
