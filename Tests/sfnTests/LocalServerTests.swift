import Foundation
import XCTest

/// `sfn local` driven by clients nobody here wrote (the AWS CLI, boto3) and by sfn itself, through real sockets.
final class LocalServerTests: XCTestCase {
  private var scratch: URL!

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-local-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  private let role = "arn:aws:iam::123456789012:role/test"
  private let definition = #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#
  private let arnPrefix = "arn:aws:states:us-east-1:123456789012:"

  /// Runs `aws stepfunctions ARGS` against `server`.
  private func aws(_ cli: AWSCLI, _ server: LocalServerProcess, _ args: [String]) -> RunResult {
    var env = server.environment(scratch: scratch)
    env["AWS_ENDPOINT_URL"] = nil
    return cli.run(["stepfunctions", "--endpoint-url", server.endpoint] + args, env: env)
  }

  func testAWSCLIDrivesStateMachinesVersionsAliasesTagsAndActivities() throws {
    let cli = try AWSCLI.locate()
    let server = try LocalServerProcess()
    let created = aws(cli, server, ["create-state-machine", "--name", "cli", "--definition", definition,
                                    "--role-arn", role, "--tags", "key=team,value=a", "--publish"])
    XCTAssertEqual(created.status, 0, created.stderr)
    XCTAssertEqual(created.object()["stateMachineVersionArn"] as? String, arnPrefix + "stateMachine:cli:1")
    let machine = arnPrefix + "stateMachine:cli"
    let described = aws(cli, server, ["describe-state-machine", "--state-machine-arn", machine]).object()
    XCTAssertEqual(described["definition"] as? String, definition)
    XCTAssertEqual(described["status"] as? String, "ACTIVE")
    XCTAssertNotNil((described["creationDate"] as? String)?.range(of: #"^20\d\d-"#, options: .regularExpression))

    for i in 0..<4 {
      XCTAssertEqual(aws(cli, server, ["create-state-machine", "--name", "cli-\(i)", "--definition", definition,
                                       "--role-arn", role]).status, 0)
    }
    // The CLI follows nextToken itself: pages of 2 still list all 5.
    let all = aws(cli, server, ["list-state-machines", "--page-size", "2"]).object()
    XCTAssertEqual((all["stateMachines"] as? [[String: Any]])?.count, 5)
    let first = aws(cli, server, ["list-state-machines", "--max-items", "2"]).object()
    XCTAssertEqual((first["stateMachines"] as? [[String: Any]])?.count, 2)
    let token = try XCTUnwrap(first["NextToken"] as? String)
    let rest = aws(cli, server, ["list-state-machines", "--starting-token", token]).object()
    XCTAssertEqual((rest["stateMachines"] as? [[String: Any]])?.count, 3)

    XCTAssertEqual(aws(cli, server, ["update-state-machine", "--state-machine-arn", machine, "--role-arn",
                                     role + "2", "--publish"]).object()["stateMachineVersionArn"] as? String,
                   machine + ":2")
    let versions = aws(cli, server, ["list-state-machine-versions", "--state-machine-arn", machine]).object()
    XCTAssertEqual((versions["stateMachineVersions"] as? [[String: Any]])?.compactMap {
      $0["stateMachineVersionArn"] as? String
    }, [machine + ":2", machine + ":1"])
    let alias = aws(cli, server, ["create-state-machine-alias", "--name", "live", "--routing-configuration",
                                  "stateMachineVersionArn=\(machine):1,weight=50",
                                  "stateMachineVersionArn=\(machine):2,weight=50"])
    XCTAssertEqual(alias.object()["stateMachineAliasArn"] as? String, machine + ":live", alias.stderr)
    let aliases = aws(cli, server, ["list-state-machine-aliases", "--state-machine-arn", machine]).object()
    XCTAssertEqual((aliases["stateMachineAliases"] as? [[String: Any]])?.count, 1)
    XCTAssertEqual(aws(cli, server, ["delete-state-machine-alias", "--state-machine-alias-arn", machine + ":live"])
      .status, 0)

    let tags = aws(cli, server, ["list-tags-for-resource", "--resource-arn", machine]).object()
    XCTAssertEqual(tags["tags"] as? [[String: String]], [["key": "team", "value": "a"]])

    let activity = aws(cli, server, ["create-activity", "--name", "work"]).object()["activityArn"] as? String
    XCTAssertEqual(activity, arnPrefix + "activity:work")
    XCTAssertEqual(aws(cli, server, ["describe-activity", "--activity-arn", arnPrefix + "activity:work"])
      .object()["name"] as? String, "work")
    XCTAssertEqual(aws(cli, server, ["delete-activity", "--activity-arn", arnPrefix + "activity:work"]).status, 0)

    let missing = aws(cli, server, ["describe-activity", "--activity-arn", arnPrefix + "activity:work"])
    XCTAssertNotEqual(missing.status, 0)
    XCTAssertTrue(missing.stderr.contains("(ActivityDoesNotExist)"), missing.stderr)
    let invalid = aws(cli, server, ["create-state-machine", "--name", "bad", "--role-arn", role, "--definition",
                                    #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}"#])
    XCTAssertTrue(invalid.stderr.contains("(InvalidDefinition)"), invalid.stderr)
    let validation = aws(cli, server, ["validate-state-machine-definition", "--definition", "{"]).object()
    XCTAssertEqual(validation["result"] as? String, "FAIL")
    XCTAssertEqual(aws(cli, server, ["delete-state-machine", "--state-machine-arn", machine]).status, 0)
    XCTAssertTrue(aws(cli, server, ["describe-state-machine", "--state-machine-arn", machine]).stderr
      .contains("(StateMachineDoesNotExist)"))
  }

  func testAWSCLIRunsExecutionsWithHistoryCallbacksAndStop() throws {
    let cli = try AWSCLI.locate()
    let server = try LocalServerProcess(["--in-memory", "--wait-scale", "0.01"])
    let machine = arnPrefix + "stateMachine:flow"
    let flow = """
      {"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":2,"Next":"Ask"},
      "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}
      """
    XCTAssertEqual(aws(cli, server, ["create-state-machine", "--name", "flow", "--definition", flow,
                                     "--role-arn", role]).status, 0)
    let started = aws(cli, server, ["start-execution", "--state-machine-arn", machine, "--name", "one",
                                    "--input", #"{"n":1}"#])
    let execution = try XCTUnwrap(started.object()["executionArn"] as? String, started.stderr)
    var token: String?
    for _ in 0..<100 where token == nil {
      let history = aws(cli, server, ["get-execution-history", "--execution-arn", execution]).object()
      let events = history["events"] as? [[String: Any]] ?? []
      if let details = events.first(where: { $0["type"] as? String == "TaskScheduled" })?["taskScheduledEventDetails"]
        as? [String: Any], let parameters = details["parameters"] as? String,
        let data = parameters.data(using: .utf8),
        let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
        token = (body["MessageBody"] as? [String: Any])?["token"] as? String
      } else {
        usleep(100_000)
      }
    }
    let taskToken = try XCTUnwrap(token)
    XCTAssertEqual(aws(cli, server, ["send-task-success", "--task-token", taskToken, "--task-output",
                                     #"{"ok":true}"#]).status, 0)
    var status = ""
    for _ in 0..<100 where status != "SUCCEEDED" {
      status = aws(cli, server, ["describe-execution", "--execution-arn", execution]).object()["status"] as? String
        ?? ""
      if status != "SUCCEEDED" { usleep(100_000) }
    }
    XCTAssertEqual(status, "SUCCEEDED")
    let reversed = aws(cli, server, ["get-execution-history", "--execution-arn", execution, "--reverse-order",
                                     "--max-items", "1"]).object()
    XCTAssertEqual((reversed["events"] as? [[String: Any]])?.first?["type"] as? String, "ExecutionSucceeded")

    let second = aws(cli, server, ["start-execution", "--state-machine-arn", machine, "--name", "two"])
    let secondArn = try XCTUnwrap(second.object()["executionArn"] as? String)
    XCTAssertEqual(aws(cli, server, ["stop-execution", "--execution-arn", secondArn, "--error", "Halt"]).status, 0)
    let listed = aws(cli, server, ["list-executions", "--state-machine-arn", machine]).object()
    XCTAssertEqual((listed["executions"] as? [[String: Any]])?.compactMap { $0["status"] as? String },
                   ["ABORTED", "SUCCEEDED"])
    let duplicate = aws(cli, server, ["start-execution", "--state-machine-arn", machine, "--name", "one"])
    XCTAssertTrue(duplicate.stderr.contains("(ExecutionAlreadyExists)"), duplicate.stderr)
  }

  func testBoto3DrivesTheServerWithPagingErrorsAndConcurrentClients() throws {
    let cli = try AWSCLI.locate()
    let server = try LocalServerProcess()
    let script = SFNRunner.packageRoot.appendingPathComponent("Tests/sfnTests/Fixtures/local/boto3_resources.py")
    let result = SFNRunner.run(cli.python, [script.path, server.endpoint], env: server.environment(scratch: scratch),
                               timeout: 300)
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.hasSuffix("done\n"), result.stdout + result.stderr)
  }

  func testSFNLocalServesSFNItself() throws {
    let data = scratch.appendingPathComponent("data").path
    let server = try LocalServerProcess(["--data", data], viaSFN: true)
    let env = server.environment(scratch: scratch)
    let file = scratch.appendingPathComponent("machine.asl.json")
    try definition.write(to: file, atomically: true, encoding: .utf8)
    let created = SFNRunner.sfn(["create-state-machine", "--name", "own", "--definition", "file://" + file.path,
                                 "--role-arn", role], env: env)
    XCTAssertEqual(created.status, 0, created.stderr)
    let machines = SFNRunner.sfn(["machines", "--output", "json"], env: env)
    XCTAssertTrue(machines.stdout.contains(arnPrefix + "stateMachine:own"), machines.stdout + machines.stderr)
    let remote = SFNRunner.sfn(["validate", "--remote", file.path], env: env)
    XCTAssertEqual(remote.status, 0, remote.stdout + remote.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: data + "/sfn-local.sqlite"))
  }

  func testStateSurvivesKillNineAndRestart() throws {
    let cli = try AWSCLI.locate()
    let data = scratch.appendingPathComponent("data").path
    let server = try LocalServerProcess(["--data", data])
    for name in ["a", "b"] {
      XCTAssertEqual(aws(cli, server, ["create-state-machine", "--name", name, "--definition", definition,
                                       "--role-arn", role, "--publish"]).status, 0)
    }
    XCTAssertEqual(aws(cli, server, ["create-activity", "--name", "act"]).status, 0)
    // Every answered write is committed: nothing may be lost when the process dies without closing anything.
    server.kill9()
    let again = try LocalServerProcess(["--data", data])
    let machines = aws(cli, again, ["list-state-machines"]).object()["stateMachines"] as? [[String: Any]]
    XCTAssertEqual(machines?.compactMap { $0["name"] as? String }, ["a", "b"])
    XCTAssertEqual(aws(cli, again, ["describe-state-machine", "--state-machine-arn",
                                    arnPrefix + "stateMachine:b:1"]).status, 0)
    XCTAssertEqual(aws(cli, again, ["describe-activity", "--activity-arn", arnPrefix + "activity:act"]).status, 0)
    // Version numbers continue where they were.
    XCTAssertEqual(aws(cli, again, ["update-state-machine", "--state-machine-arn", arnPrefix + "stateMachine:a",
                                    "--role-arn", role + "2", "--publish"]).object()["stateMachineVersionArn"]
                   as? String, arnPrefix + "stateMachine:a:2")
  }

  func testRunningExecutionsResumeAfterKillNine() throws {
    let cli = try AWSCLI.locate()
    let data = scratch.appendingPathComponent("data").path
    // Half-speed timers: the Wait takes 10 s and the retry 1 s of real time, long enough to start three executions
    // with the AWS CLI on a loaded machine and kill the server inside the Wait.
    let options = ["--data", data, "--wait-scale", "0.5"]
    let server = try LocalServerProcess(options)
    let slow = """
      {"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":20,"Next":"Try"},
      "Try":{"Type":"Parallel","Branches":[{"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Boom"}}}],
      "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"MaxAttempts":1}],
      "Catch":[{"ErrorEquals":["Boom"],"ResultPath":"$.caught","Next":"Done"}],"Next":"Done"},
      "Done":{"Type":"Pass","End":true}}}
      """
    let ask = """
      {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}
      """
    for (name, text) in [("slow", slow), ("ask", ask)] {
      XCTAssertEqual(aws(cli, server, ["create-state-machine", "--name", name, "--definition", text,
                                       "--role-arn", role]).status, 0)
    }
    var executions: [String] = []
    for name in ["s1", "s2"] {
      let started = aws(cli, server, ["start-execution", "--state-machine-arn", arnPrefix + "stateMachine:slow",
                                      "--name", name, "--input", #"{"n":1}"#])
      executions.append(try XCTUnwrap(started.object()["executionArn"] as? String, started.stderr))
    }
    let asked = aws(cli, server, ["start-execution", "--state-machine-arn", arnPrefix + "stateMachine:ask",
                                  "--name", "a1"])
    let askArn = try XCTUnwrap(asked.object()["executionArn"] as? String, asked.stderr)
    var token: String?
    for _ in 0..<50 where token == nil {
      let events = aws(cli, server, ["get-execution-history", "--execution-arn", askArn]).object()["events"]
        as? [[String: Any]] ?? []
      let details = events.first { $0["type"] as? String == "TaskScheduled" }?["taskScheduledEventDetails"]
      if let parameters = (details as? [String: Any])?["parameters"] as? String,
         let body = (try? JSONSerialization.jsonObject(with: Data(parameters.utf8))) as? [String: Any] {
        token = (body["MessageBody"] as? [String: Any])?["token"] as? String
      } else {
        usleep(100_000)
      }
    }
    let taskToken = try XCTUnwrap(token)
    let before = aws(cli, server, ["describe-execution", "--execution-arn", executions[0]]).object()
    XCTAssertEqual(before["status"] as? String, "RUNNING", "the Wait must still run when the server dies")
    server.kill9()

    let again = try LocalServerProcess(options)
    // The callback token handed out before the crash still completes its task.
    XCTAssertEqual(aws(cli, again, ["send-task-success", "--task-token", taskToken, "--task-output",
                                    #"{"ok":true}"#]).status, 0)
    executions.append(askArn)
    for arn in executions {
      var status = "RUNNING"
      for _ in 0..<60 where status == "RUNNING" {
        status = aws(cli, again, ["describe-execution", "--execution-arn", arn]).object()["status"] as? String ?? ""
        if status == "RUNNING" { usleep(250_000) }
      }
      XCTAssertEqual(status, "SUCCEEDED", arn)
      let events = aws(cli, again, ["get-execution-history", "--execution-arn", arn]).object()["events"]
        as? [[String: Any]] ?? []
      // One history across both servers: ids 1...n, each once, ending in success.
      XCTAssertEqual(events.compactMap { $0["id"] as? Int }, Array(1...max(events.count, 1)), arn)
      XCTAssertEqual(events.last?["type"] as? String, "ExecutionSucceeded", arn)
      XCTAssertEqual(events.filter { $0["type"] as? String == "ExecutionStarted" }.count, 1, arn)
    }
    let output = aws(cli, again, ["describe-execution", "--execution-arn", executions[0]]).object()["output"]
    // The retry ran once more and the catch took the second failure, as it would have without the crash.
    XCTAssertTrue((output as? String)?.contains(#""caught":{"Error":"Boom""#) == true, "\(output ?? "")")
  }

  func testRequireSignatureChecksKeysAsAWSDoes() throws {
    let cli = try AWSCLI.locate()
    let credentials = scratch.appendingPathComponent("keys")
    try "[default]\naws_access_key_id = local\naws_secret_access_key = local-secret\n"
      .write(to: credentials, atomically: true, encoding: .utf8)
    let server = try LocalServerProcess(["--in-memory", "--require-signature", "--credentials", credentials.path])
    XCTAssertEqual(aws(cli, server, ["list-activities"]).status, 0)
    var env = server.environment(scratch: scratch)
    env["AWS_ENDPOINT_URL"] = nil
    env["AWS_SECRET_ACCESS_KEY"] = "wrong"
    let wrongSecret = cli.run(["stepfunctions", "--endpoint-url", server.endpoint, "list-activities"], env: env)
    XCTAssertTrue(wrongSecret.stderr.contains("(InvalidSignatureException)"), wrongSecret.stderr)
    env["AWS_ACCESS_KEY_ID"] = "someone-else"
    let unknown = cli.run(["stepfunctions", "--endpoint-url", server.endpoint, "list-activities"], env: env)
    XCTAssertTrue(unknown.stderr.contains("(UnrecognizedClientException)"), unknown.stderr)
    let unsigned = cli.run(["stepfunctions", "--endpoint-url", server.endpoint, "--no-sign-request",
                            "list-activities"], env: env)
    XCTAssertTrue(unsigned.stderr.contains("(MissingAuthenticationTokenException)"), unsigned.stderr)
    // sfn's own signer passes too.
    XCTAssertEqual(SFNRunner.sfn(["list-activities"], env: server.environment(scratch: scratch)).status, 0)
  }

  func testBadRequestsGetAWSErrorShapesAndTheServerStaysUp() throws {
    let server = try LocalServerProcess()
    let curl = { (args: [String]) -> RunResult in
      SFNRunner.run("/usr/bin/curl", ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", "POST", server.endpoint + "/"]
                      + args, env: SFNRunner.cleanEnvironment(), timeout: 60)
    }
    let json = ["-H", "Content-Type: application/x-amz-json-1.0"]
    let unknown = curl(json + ["-H", "X-Amz-Target: AWSStepFunctions.Nope", "-d", "{}"])
    XCTAssertTrue(unknown.stdout.hasPrefix(#"{"__type":"com.amazon.coral.service#UnknownOperationException"}"#))
    XCTAssertTrue(unknown.stdout.hasSuffix("\n400"), unknown.stdout)
    let malformed = curl(json + ["-H", "X-Amz-Target: AWSStepFunctions.ListActivities", "-d", "{\"a\":"])
    XCTAssertTrue(malformed.stdout.contains("SerializationException"), malformed.stdout)
    let big = scratch.appendingPathComponent("big.json")
    try ("{\"name\":\"" + String(repeating: "x", count: 6 << 20) + "\"}").write(to: big, atomically: true,
                                                                                encoding: .utf8)
    let tooLarge = curl(json + ["-H", "X-Amz-Target: AWSStepFunctions.CreateActivity", "--data-binary",
                                "@" + big.path])
    XCTAssertTrue(tooLarge.stdout.hasSuffix("\n413"), String(tooLarge.stdout.suffix(200)))
    let ok = curl(json + ["-H", "X-Amz-Target: AWSStepFunctions.ListActivities", "-d", "{}"])
    XCTAssertTrue(ok.stdout.hasSuffix("\n200"), ok.stdout)
    XCTAssertTrue(server.child.isRunning)
  }
}
