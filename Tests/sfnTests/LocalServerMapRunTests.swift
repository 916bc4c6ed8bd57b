import Foundation
import XCTest

/// Distributed Map runs on `sfn local`: ListMapRuns -> DescribeMapRun -> ListExecutions --map-run-arn -> a
/// child's DescribeExecution and history -> UpdateMapRun, driven by the AWS CLI and by sfn itself.
final class LocalServerMapRunTests: XCTestCase {
  private var scratch: URL!

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-maprun-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

  private let arnPrefix = "arn:aws:states:us-east-1:123456789012:"

  private func aws(_ cli: AWSCLI, _ server: LocalServerProcess, _ args: [String]) -> RunResult {
    var env = server.environment(scratch: scratch)
    env["AWS_ENDPOINT_URL"] = nil
    return cli.run(["stepfunctions", "--endpoint-url", server.endpoint] + args, env: env)
  }

  /// Polls until `check` holds (up to 10 s).
  private func eventually(_ what: String, _ check: () -> Bool) {
    for _ in 0..<100 {
      if check() { return }
      usleep(100_000)
    }
    XCTFail("timed out waiting for \(what)")
  }

  /// The task token a child's TaskScheduled event carries in its parameters.
  private func token(_ cli: AWSCLI, _ server: LocalServerProcess, child: String) -> String? {
    let events = aws(cli, server, ["get-execution-history", "--execution-arn", child]).object()["events"]
      as? [[String: Any]] ?? []
    guard let details = events.first(where: { $0["type"] as? String == "TaskScheduled" })?["taskScheduledEventDetails"]
      as? [String: Any], let text = details["parameters"] as? String,
      let body = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return nil }
    return (body["MessageBody"] as? [String: Any])?["token"] as? String
  }

  /// A Distributed Map over three items, one at a time, each child waiting for a callback.
  private let definition = """
    {"StartAt":"Fan","States":{"Fan":{"Type":"Map","Label":"Batch","MaxConcurrency":1,"ToleratedFailureCount":5,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Ask",
        "States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token","n.$":"$"}},"End":true}}},
      "End":true}}}
    """
  private var machine: String { arnPrefix + "stateMachine:mr" }

  /// Creates the machine, starts it on [1, 2, 3] as `name` and waits for its map run: (execution, map run).
  private func startFan(_ cli: AWSCLI, _ server: LocalServerProcess, name: String) throws -> (String, String) {
    if aws(cli, server, ["describe-state-machine", "--state-machine-arn", machine]).status != 0 {
      XCTAssertEqual(aws(cli, server, ["create-state-machine", "--name", "mr", "--definition", definition,
                                       "--role-arn", "arn:aws:iam::123456789012:role/r"]).status, 0)
    }
    let started = aws(cli, server, ["start-execution", "--state-machine-arn", machine, "--name", name,
                                    "--input", "[1,2,3]"])
    let execution = try XCTUnwrap(started.object()["executionArn"] as? String, started.stderr)
    var runs: [[String: Any]] = []
    eventually("the map run") {
      runs = aws(cli, server, ["list-map-runs", "--execution-arn", execution]).object()["mapRuns"] as? [[String: Any]]
        ?? []
      return !runs.isEmpty
    }
    XCTAssertEqual(runs.first?["executionArn"] as? String, execution)
    return (execution, try XCTUnwrap(runs.first?["mapRunArn"] as? String))
  }

  /// The ARNs of a map run's children whose status is `status`.
  private func children(_ cli: AWSCLI, _ server: LocalServerProcess, _ mapRun: String, status: String) -> [String] {
    (aws(cli, server, ["list-executions", "--map-run-arn", mapRun, "--status-filter", status]).object()["executions"]
      as? [[String: Any]] ?? []).compactMap { $0["executionArn"] as? String }
  }

  func testAWSCLIFollowsAMapRunToItsChildExecutionsAndUpdatesIt() throws {
    let cli = try AWSCLI.locate()
    let server = try LocalServerProcess()
    let (execution, mapRun) = try startFan(cli, server, name: "fan")
    let runs = aws(cli, server, ["list-map-runs", "--execution-arn", execution]).object()["mapRuns"]
      as? [[String: Any]] ?? []
    XCTAssertTrue(mapRun.hasPrefix(arnPrefix + "mapRun:mr/Batch:"), mapRun)
    XCTAssertEqual(runs.first?["stateMachineArn"] as? String, machine + "/Batch")

    // MaxConcurrency 1: one child runs, two wait; raising the limit starts them at once.
    var counts: [String: Any] = [:]
    eventually("the first child") {
      counts = aws(cli, server, ["describe-map-run", "--map-run-arn", mapRun]).object()["executionCounts"]
        as? [String: Any] ?? [:]
      return counts["running"] as? Int == 1
    }
    XCTAssertEqual(counts["pending"] as? Int, 2)
    XCTAssertEqual(aws(cli, server, ["update-map-run", "--map-run-arn", mapRun, "--max-concurrency", "3"]).status, 0)
    let described = aws(cli, server, ["describe-map-run", "--map-run-arn", mapRun]).object()
    XCTAssertEqual(described["maxConcurrency"] as? Int, 3)
    XCTAssertEqual(described["toleratedFailureCount"] as? Int, 5)
    XCTAssertEqual(described["status"] as? String, "RUNNING")
    XCTAssertEqual((described["executionCounts"] as? [String: Any])?["running"] as? Int, 3)
    XCTAssertEqual((described["itemCounts"] as? [String: Any])?["total"] as? Int, 3)

    let listed = aws(cli, server, ["list-executions", "--map-run-arn", mapRun]).object()
    let children = try XCTUnwrap(listed["executions"] as? [[String: Any]])
    XCTAssertEqual(children.count, 3)
    for child in children {
      XCTAssertEqual(child["mapRunArn"] as? String, mapRun)
      XCTAssertEqual(child["itemCount"] as? Int, 1)
      XCTAssertEqual(child["stateMachineArn"] as? String, machine + "/Batch")
      XCTAssertTrue((child["executionArn"] as? String)?.hasPrefix(arnPrefix + "execution:mr/Batch:") == true)
    }
    let paged = aws(cli, server, ["list-executions", "--map-run-arn", mapRun, "--max-items", "2"]).object()
    XCTAssertEqual((paged["executions"] as? [[String: Any]])?.count, 2)
    XCTAssertNotNil(paged["NextToken"] as? String)

    for child in children.compactMap({ $0["executionArn"] as? String }) {
      let token = try XCTUnwrap(self.token(cli, server, child: child))
      XCTAssertEqual(aws(cli, server, ["send-task-success", "--task-token", token, "--task-output", #"{"ok":1}"#])
                      .status, 0)
    }
    var status = ""
    eventually("the parent to succeed") {
      status = aws(cli, server, ["describe-execution", "--execution-arn", execution]).object()["status"] as? String
        ?? ""
      return status == "SUCCEEDED"
    }
    let done = aws(cli, server, ["describe-map-run", "--map-run-arn", mapRun]).object()
    XCTAssertEqual(done["status"] as? String, "SUCCEEDED")
    XCTAssertNotNil(done["stopDate"])
    XCTAssertEqual((done["executionCounts"] as? [String: Any])?["succeeded"] as? Int, 3)

    // A child: DescribeExecution names its map run; its history is its own.
    let first = try XCTUnwrap(children.last?["executionArn"] as? String)
    let child = aws(cli, server, ["describe-execution", "--execution-arn", first]).object()
    XCTAssertEqual(child["mapRunArn"] as? String, mapRun)
    XCTAssertEqual(child["status"] as? String, "SUCCEEDED")
    XCTAssertEqual(child["output"] as? String, #"{"ok":1}"#)
    let history = aws(cli, server, ["get-execution-history", "--execution-arn", first]).object()
    XCTAssertEqual((history["events"] as? [[String: Any]])?.compactMap { $0["type"] as? String },
                   ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                    "TaskStateExited", "ExecutionSucceeded"])
    // The parent's history has no iteration events, as on AWS.
    let parent = aws(cli, server, ["get-execution-history", "--execution-arn", execution]).object()
    let types = (parent["events"] as? [[String: Any]])?.compactMap { $0["type"] as? String } ?? []
    XCTAssertTrue(types.contains("MapRunSucceeded"), "\(types)")
    XCTAssertFalse(types.contains { $0.hasPrefix("MapIteration") || $0.hasPrefix("Task") }, "\(types)")
    // Children are not the state machine's executions.
    let own = aws(cli, server, ["list-executions", "--state-machine-arn", machine]).object()
    XCTAssertEqual((own["executions"] as? [[String: Any]])?.count, 1)

    // An ended map run still takes UpdateMapRun.
    XCTAssertEqual(aws(cli, server, ["update-map-run", "--map-run-arn", mapRun, "--tolerated-failure-percentage",
                                     "10"]).status, 0)
    let updated = aws(cli, server, ["describe-map-run", "--map-run-arn", mapRun]).object()
    XCTAssertEqual(updated["toleratedFailurePercentage"] as? Double, 10)

    // Errors as AWS names them.
    let both = aws(cli, server, ["list-executions", "--map-run-arn", mapRun, "--state-machine-arn", machine])
    XCTAssertTrue(both.stderr.contains("(ValidationException)"), both.stderr)
    let unknown = aws(cli, server, ["describe-map-run", "--map-run-arn", arnPrefix + "mapRun:mr/Batch:nope"])
    XCTAssertTrue(unknown.stderr.contains("(ResourceNotFound)"), unknown.stderr)
    let invalid = aws(cli, server, ["describe-map-run", "--map-run-arn", machine])
    XCTAssertTrue(invalid.stderr.contains("(InvalidArn)"), invalid.stderr)
    let noExecution = aws(cli, server, ["list-map-runs", "--execution-arn", arnPrefix + "execution:mr:none"])
    XCTAssertTrue(noExecution.stderr.contains("(ExecutionDoesNotExist)"), noExecution.stderr)

    // sfn's own API commands read the same records.
    let env = server.environment(scratch: scratch)
    let sfnRuns = SFNRunner.sfn(["list-map-runs", "--execution-arn", execution, "--output", "json"], env: env)
    XCTAssertEqual(sfnRuns.status, 0, sfnRuns.stderr)
    XCTAssertTrue(sfnRuns.stdout.contains(mapRun), sfnRuns.stdout)
    let sfnDescribe = SFNRunner.sfn(["describe-map-run", "--map-run-arn", mapRun, "--output", "json"], env: env)
    XCTAssertEqual(sfnDescribe.status, 0, sfnDescribe.stderr)
    XCTAssertEqual(sfnDescribe.object()["status"] as? String, "SUCCEEDED")
    let sfnChildren = SFNRunner.sfn(["list-executions", "--map-run-arn", mapRun, "--output", "json"], env: env)
    XCTAssertEqual((sfnChildren.object()["executions"] as? [[String: Any]])?.count, 3, sfnChildren.stderr)
    // `sfn describe` tells a map run ARN from the others, and a child's ARN is an execution's.
    let sfnVerb = SFNRunner.sfn(["describe", mapRun, "--output", "json"], env: env)
    XCTAssertEqual(sfnVerb.object()["mapRunArn"] as? String, mapRun, sfnVerb.stderr)
    let sfnChild = SFNRunner.sfn(["describe", first, "--output", "json"], env: env)
    XCTAssertEqual(sfnChild.object()["mapRunArn"] as? String, mapRun, sfnChild.stderr)
  }

  func testStoppingTheParentAbortsTheMapRunAndItsRunningChild() throws {
    let cli = try AWSCLI.locate()
    let server = try LocalServerProcess()
    let (execution, mapRun) = try startFan(cli, server, name: "stopped")
    var running: [String] = []
    eventually("a running child") {
      running = children(cli, server, mapRun, status: "RUNNING")
      return !running.isEmpty
    }
    let forMachine = aws(cli, server, ["describe-state-machine-for-execution", "--execution-arn", running[0]]).object()
    XCTAssertEqual(forMachine["mapRunArn"] as? String, mapRun)
    XCTAssertEqual(forMachine["label"] as? String, "Batch")
    XCTAssertEqual(forMachine["definition"] as? String, definition)
    // Stopping a child aborts it alone: the run (ToleratedFailureCount 5) starts the next one.
    XCTAssertEqual(aws(cli, server, ["stop-execution", "--execution-arn", running[0], "--error", "Halt"]).status, 0)
    let stoppedChild = aws(cli, server, ["describe-execution", "--execution-arn", running[0]]).object()
    XCTAssertEqual(stoppedChild["status"] as? String, "ABORTED")
    XCTAssertEqual(stoppedChild["error"] as? String, "Halt")
    eventually("the next child") {
      running = children(cli, server, mapRun, status: "RUNNING")
      return running.count == 1 && running[0] != stoppedChild["executionArn"] as? String
    }
    XCTAssertEqual(aws(cli, server, ["stop-execution", "--execution-arn", execution]).status, 0)
    let described = aws(cli, server, ["describe-map-run", "--map-run-arn", mapRun]).object()
    XCTAssertEqual(described["status"] as? String, "ABORTED")
    XCTAssertNotNil(described["stopDate"])
    let counts = described["executionCounts"] as? [String: Any] ?? [:]
    XCTAssertEqual([counts["aborted"] as? Int, counts["running"] as? Int, counts["pending"] as? Int], [2, 0, 1])
    XCTAssertEqual(Set(children(cli, server, mapRun, status: "ABORTED")),
                   Set(running + [stoppedChild["executionArn"] as? String ?? ""]))
    let history = aws(cli, server, ["get-execution-history", "--execution-arn", running[0], "--reverse-order"]).object()
    XCTAssertEqual((history["events"] as? [[String: Any]])?.first?["type"] as? String, "ExecutionAborted")
  }

  func testAMapRunContinuesAfterKillNine() throws {
    let cli = try AWSCLI.locate()
    let options = ["--data", scratch.appendingPathComponent("data").path]
    let server = try LocalServerProcess(options)
    let (execution, mapRun) = try startFan(cli, server, name: "durable")
    eventually("the first child") { children(cli, server, mapRun, status: "RUNNING").count == 1 }
    server.kill9()

    let again = try LocalServerProcess(options)
    // The children run one at a time: answer each callback as its child starts (the first's token predates the
    // crash).
    var answered: [String] = []
    for _ in 0..<3 {
      var child: String?
      eventually("the next child") {
        child = children(cli, again, mapRun, status: "RUNNING").first { !answered.contains($0) }
        return child != nil && self.token(cli, again, child: child!) != nil
      }
      let arn = try XCTUnwrap(child)
      let token = try XCTUnwrap(self.token(cli, again, child: arn))
      XCTAssertEqual(aws(cli, again, ["send-task-success", "--task-token", token, "--task-output", "{}"]).status, 0)
      answered.append(arn)
    }
    eventually("the parent to succeed") {
      aws(cli, again, ["describe-execution", "--execution-arn", execution]).object()["status"] as? String
        == "SUCCEEDED"
    }
    let described = aws(cli, again, ["describe-map-run", "--map-run-arn", mapRun]).object()
    XCTAssertEqual(described["status"] as? String, "SUCCEEDED")
    XCTAssertEqual((described["executionCounts"] as? [String: Any])?["succeeded"] as? Int, 3)
    XCTAssertEqual(Set(children(cli, again, mapRun, status: "SUCCEEDED")), Set(answered))
    for child in answered {
      let events = aws(cli, again, ["get-execution-history", "--execution-arn", child]).object()["events"]
        as? [[String: Any]] ?? []
      XCTAssertEqual(events.compactMap { $0["id"] as? Int }, Array(1...events.count), "no gaps or duplicates")
      XCTAssertEqual(events.last?["type"] as? String, "ExecutionSucceeded")
    }
  }
}

/// `sfn local --s3-root` driven by boto3: a Distributed Map reads its items from local files, batches them, and its
/// ResultWriter writes the results there.
final class LocalServerMapRunBoto3Tests: XCTestCase {
  private var directory: ScratchDirectory!

  override func setUpWithError() throws { directory = try ScratchDirectory("sfn-maprun-boto3") }

  override func tearDownWithError() throws { directory?.remove() }

  func testBoto3ReadsAMapRunWhoseItemsAndResultsAreLocalFiles() throws {
    let cli = try AWSCLI.locate()
    let root = directory.url.appendingPathComponent("s3")
    for bucket in ["in", "out"] {
      try FileManager.default.createDirectory(at: root.appendingPathComponent(bucket), withIntermediateDirectories: true)
    }
    try "[1,2,3,4,5]".write(to: root.appendingPathComponent("in/items.json"), atomically: true, encoding: .utf8)
    let server = try LocalServerProcess(["--in-memory", "--s3-root", root.path], viaSFN: true)
    let script = """
      import json, sys, time, boto3
      sfn = boto3.client("stepfunctions", endpoint_url=sys.argv[1])
      definition = {"StartAt": "Fan", "States": {"Fan": {"Type": "Map",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                       "Parameters": {"Bucket": "in", "Key": "items.json"}},
        "ItemBatcher": {"MaxItemsPerBatch": 2},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "r"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Sum",
          "States": {"Sum": {"Type": "Pass", "Parameters": {"sum.$": "States.ArrayLength($.Items)"}, "End": True}}},
        "End": True}}}
      machine = sfn.create_state_machine(name="batches", definition=json.dumps(definition),
                                         roleArn="arn:aws:iam::123456789012:role/r")["stateMachineArn"]
      execution = sfn.start_execution(stateMachineArn=machine, name="b1")["executionArn"]
      for _ in range(100):
          described = sfn.describe_execution(executionArn=execution)
          if described["status"] != "RUNNING":
              break
          time.sleep(0.1)
      runs = sfn.list_map_runs(executionArn=execution)["mapRuns"]
      run = sfn.describe_map_run(mapRunArn=runs[0]["mapRunArn"])
      children = [e for page in sfn.get_paginator("list_executions").paginate(
          mapRunArn=runs[0]["mapRunArn"], PaginationConfig={"PageSize": 2}) for e in page["executions"]]
      history = sfn.get_execution_history(executionArn=children[0]["executionArn"])["events"]
      try:
          sfn.describe_map_run(mapRunArn=runs[0]["mapRunArn"] + "0")
          missing = "none"
      except sfn.exceptions.ResourceNotFound:
          missing = "ResourceNotFound"
      print(json.dumps({"status": described["status"], "output": json.loads(described["output"]),
                        "mapRunArn": runs[0]["mapRunArn"], "itemTotal": run["itemCounts"]["total"],
                        "itemsSucceeded": run["itemCounts"]["succeeded"],
                        "executionTotal": run["executionCounts"]["total"],
                        "itemCounts": sorted(c["itemCount"] for c in children),
                        "history": [e["type"] for e in history], "missing": missing}))
      """
    let result = SFNRunner.run(cli.python, ["-c", script, server.endpoint],
                               env: server.environment(scratch: directory.url), timeout: 120)
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                result.stdout + result.stderr)
    XCTAssertEqual(summary["status"] as? String, "SUCCEEDED")
    XCTAssertEqual(summary["itemTotal"] as? Int, 5)
    XCTAssertEqual(summary["itemsSucceeded"] as? Int, 5)
    XCTAssertEqual(summary["executionTotal"] as? Int, 3)
    XCTAssertEqual(summary["itemCounts"] as? [Int], [1, 2, 2])
    XCTAssertEqual(summary["history"] as? [String], ["ExecutionStarted", "PassStateEntered", "PassStateExited",
                                                     "ExecutionSucceeded"])
    XCTAssertEqual(summary["missing"] as? String, "ResourceNotFound")
    let mapRun = try XCTUnwrap(summary["mapRunArn"] as? String)
    let id = String(mapRun.split(separator: ":").last ?? "")
    let output = summary["output"] as? [String: Any]
    XCTAssertEqual(output?["MapRunArn"] as? String, mapRun)
    XCTAssertEqual((output?["ResultWriterDetails"] as? [String: String])?["Key"], "r/\(id)/manifest.json")
    let written = try Data(contentsOf: root.appendingPathComponent("out/r/\(id)/SUCCEEDED_0.json"))
    let results = try XCTUnwrap(JSONSerialization.jsonObject(with: written) as? [[String: Any]])
    XCTAssertEqual(results.compactMap { $0["Output"] as? String }.sorted(),
                   [#"{"sum":1}"#, #"{"sum":2}"#, #"{"sum":2}"#])
  }
}
