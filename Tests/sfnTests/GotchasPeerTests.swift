import Foundation
import XCTest

/// The Step Functions gotchas end to end against the moto peer: `deploy --check-role` reading the trust policy
/// through moto's IAM (GetRole, awsQuery), the EXPRESS checks, and payloads over 256 KiB.
final class GotchasPeerTests: XCTestCase {
  var peer: Peer!
  var scratch: ScratchDirectory!

  override func setUpWithError() throws {
    peer = try Peer.start(port: 5781)
    scratch = try ScratchDirectory("gotchas-peer")
  }

  override func tearDown() {
    scratch?.remove()
  }

  private let pass = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#

  /// Creates an IAM role in `peer` (default: this suite's) whose trust policy lets `service` assume it; returns
  /// its ARN.
  private func createRole(_ name: String, trusting service: String, in peer: Peer? = nil) throws -> String {
    let peer = peer ?? self.peer!
    let code = """
      import boto3, json
      iam = boto3.client("iam", endpoint_url="\(peer.endpoint)", region_name="us-east-1",
                         aws_access_key_id="\(peer.accessKey)", aws_secret_access_key="\(peer.secretKey)")
      policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "\(service)"},
                "Action": "sts:AssumeRole"}]}
      print(iam.create_role(RoleName="\(name)", Path="/service-role/",
                            AssumeRolePolicyDocument=json.dumps(policy))["Role"]["Arn"])
      """
    let r = SFNRunner.run(Peer.python, ["-c", code], env: ProcessInfo.processInfo.environment)
    XCTAssertEqual(r.status, 0, r.stderr)
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private func machineNames() -> [String] {
    let list = peer.sfn(["list-state-machines", "--output", "json"]).object()["stateMachines"] as? [[String: Any]]
    return (list ?? []).compactMap { $0["name"] as? String }
  }

  // MARK: 1. The execution role's trust policy, read through IAM

  func testCheckRoleReadsTheTrustPolicyBeforeDeploying() throws {
    let definition = try scratch.file("m.json", pass)
    let untrusted = try createRole(uniqueName("lambda-only"), trusting: "lambda.amazonaws.com")
    let name = uniqueName("checked")
    let refused = peer.sfn(["deploy", name, "--definition", definition, "--role-arn", untrusted, "--check-role"])
    XCTAssertEqual(refused.status, 4, refused.stderr)
    let roleName = String(untrusted.split(separator: "/").last ?? "")
    XCTAssertTrue(refused.stderr.hasPrefix("sfn: the trust policy of role \(roleName) does not let Step Functions "
                                           + "(states.amazonaws.com) assume it; nothing was deployed; add this "
                                           + "statement to the trust policy of role \(roleName)"), refused.stderr)
    XCTAssertFalse(machineNames().contains(name), "nothing deployed")

    let missing = peer.sfn(["deploy", name, "--definition", definition, "--role-arn",
                            "arn:aws:iam::123456789012:role/no-such-role", "--check-role", "--error-format", "json"])
    XCTAssertEqual(missing.status, 4, missing.stderr)
    let json = JSONErrorLine(missing)
    XCTAssertEqual(json.code, "NoSuchEntity")
    XCTAssertEqual(json.message, "role no-such-role does not exist (IAM GetRole: NoSuchEntity); nothing was deployed")
    XCTAssertTrue(json.hint?.hasPrefix("create role no-such-role with a trust policy holding") == true, json.hint ?? "")

    let trusted = try createRole(uniqueName("states"), trusting: "states.amazonaws.com")
    let deployed = peer.sfn(["deploy", name, "--definition", definition, "--role-arn", trusted, "--check-role"])
    XCTAssertEqual(deployed.status, 0, deployed.stderr)
    XCTAssertTrue(machineNames().contains(name))
    // A regional principal for the client's region counts; another region's does not (AWS assumes with its own).
    let regional = try createRole(uniqueName("regional"), trusting: "states.us-east-1.amazonaws.com")
    XCTAssertEqual(peer.sfn(["deploy", name, "--definition", definition, "--role-arn", regional, "--check-role"]).status, 0)
    let elsewhere = try createRole(uniqueName("elsewhere"), trusting: "states.eu-west-1.amazonaws.com")
    XCTAssertEqual(peer.sfn(["deploy", name, "--definition", definition, "--role-arn", elsewhere, "--check-role"]).status, 4)
  }

  /// GetRole is signed like every request: a peer that checks SigV4 signatures answers it.
  func testCheckRoleSignsGetRole() throws {
    let checking = try Peer.start(port: 5782, auth: true)
    let definition = try scratch.file("m.json", pass)
    let trusted = try createRole(uniqueName("signed"), trusting: "states.amazonaws.com", in: checking)
    let r = checking.sfn(["deploy", uniqueName("signed"), "--definition", definition, "--role-arn", trusted, "--check-role"])
    XCTAssertEqual(r.status, 0, r.stderr)
    // A refused signature would have made the policy unreadable: a warning, then the deploy.
    XCTAssertFalse(r.stderr.contains("cannot read the trust policy"), r.stderr)
    let untrusted = try createRole(uniqueName("signed-lambda"), trusting: "lambda.amazonaws.com", in: checking)
    let refused = checking.sfn(["deploy", uniqueName("signed"), "--definition", definition, "--role-arn", untrusted,
                                "--check-role"])
    XCTAssertEqual(refused.status, 4, refused.stderr)
  }

  // MARK: 2. Express vs Standard

  /// AWS is the reference: CreateStateMachine rejects an EXPRESS definition with an activity, `.sync` or
  /// `.waitForTaskToken` ("SCHEMA_VALIDATION_FAILED: Express state machine does not support ..."), while moto
  /// creates it; a Wait or timeout beyond 5 minutes is accepted at creation and only times the execution out.
  func testExpressReportsWhatAWSRejectsAsErrorsAndTheRestAsWarnings() throws {
    let definition = try scratch.file("express.json", """
      {"StartAt": "Job", "TimeoutSeconds": 900, "States": {
        "Job": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync", "Next": "Ask"},
        "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "TimeoutSeconds": 60, "Next": "Work"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:work", "HeartbeatSeconds": 60, "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 600, "Next": "Call"},
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "TimeoutSeconds": 400, "End": true}
      }}
      """)
    let standard = peer.sfn(["validate", definition])
    XCTAssertEqual(standard.status, 0, standard.stdout + standard.stderr)
    XCTAssertEqual(standard.stdout, "")

    let express = peer.sfn(["validate", definition, "--type", "EXPRESS"])
    XCTAssertEqual(express.status, 65, express.stderr)
    let lines = express.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.filter { $0.contains(": error: ") }.count, 3, express.stdout)
    XCTAssertEqual(lines.filter { $0.contains(": warning: ") }.count, 3, express.stdout)
    XCTAssertTrue(lines.contains("\(definition):2:39: error: Task 'Job' uses the Run a Job (.sync) pattern; EXPRESS "
                                 + "state machines support Request Response integrations only (AWS rejects the "
                                 + "definition). Use --type STANDARD, or drop '.sync' ($.States.Job.Resource)"), express.stdout)
    XCTAssertTrue(lines.contains { $0.hasPrefix("\(definition):4:40: error: Task 'Work' runs an activity") }, express.stdout)
    XCTAssertTrue(lines.contains { $0.hasPrefix("\(definition):5:40: warning: Wait state 'Pause' waits 600 seconds") },
                  express.stdout)
    XCTAssertEqual(express.stderr, "sfn: validation failed: 3 errors, 3 warnings in 1 file\n")

    let json = peer.sfn(["validate", definition, "--type", "EXPRESS", "--error-format", "json"])
    let error = JSONErrorLine(json)
    XCTAssertEqual(error.code, "InvalidDefinition")
    XCTAssertEqual(error.problems.compactMap { $0["rule"] as? String }.filter { $0 == "express-unsupported" }.count, 3)
    XCTAssertEqual(error.problems.first?["line"] as? Int, 1, "sorted by position: the machine's TimeoutSeconds first")

    let name = uniqueName("express")
    let deploy = peer.sfn(["deploy", name, "--definition", definition, "--role-arn", "arn:aws:iam::123456789012:role/r",
                           "--type", "EXPRESS"])
    XCTAssertEqual(deploy.status, 65, deploy.stderr)
    XCTAssertTrue(deploy.stderr.contains("error: Task 'Ask' uses the Wait for Callback (.waitForTaskToken) pattern"),
                  deploy.stderr)
    let create = peer.sfn(["create-state-machine", "--name", name, "--type", "EXPRESS", "--definition", "file://" + definition,
                           "--role-arn", "arn:aws:iam::123456789012:role/r"])
    XCTAssertEqual(create.status, 65, create.stderr)
    XCTAssertFalse(machineNames().contains(name), "nothing was sent")
    // An update keeps the machine's type: deploying to an EXPRESS machine without --type gets the same checks.
    let clean = try scratch.file("clean.json", pass)
    XCTAssertEqual(peer.sfn(["deploy", name, "--definition", clean, "--role-arn", "arn:aws:iam::123456789012:role/r",
                             "--type", "EXPRESS"]).status, 0)
    let update = peer.sfn(["deploy", name, "--definition", definition, "--role-arn", "arn:aws:iam::123456789012:role/r"])
    XCTAssertEqual(update.status, 65, update.stderr)
    XCTAssertTrue(update.stderr.contains("error: Task 'Work' runs an activity"), update.stderr)
    let deployed = peer.sfn(["describe", name]).object()
    XCTAssertEqual((deployed["definition"] as? [String: Any])?["StartAt"] as? String, "P", "not updated")
    // moto does not follow AWS here: without sfn's check it creates the machine.
    let unchecked = peer.sfn(["create-state-machine", "--name", uniqueName("unchecked"), "--type", "EXPRESS", "--definition",
                              "file://" + definition, "--role-arn", "arn:aws:iam::123456789012:role/r", "--no-validate"])
    XCTAssertEqual(unchecked.status, 0, unchecked.stderr)
  }

  // MARK: 3. Payloads over 256 KiB

  func testPayloadsOverTheLimitSayHowBigWhereAndWhatToDo() throws {
    let big = try scratch.file("big.json", "{\"data\": \"" + String(repeating: "x", count: 300_000) + "\"}")
    let start = peer.sfn(["start", "no-such-machine", "--input", "@" + big])
    XCTAssertEqual(start.status, 65, start.stderr)
    XCTAssertEqual(start.stderr, "sfn: --input: \(big) is 300012 bytes (293.0 KiB); Step Functions allows at most "
                   + "262144 bytes (256 KiB) for an execution's input, nothing was sent; the same limit applies to "
                   + "every state's input and output and to task results; store the data in S3 and pass a reference "
                   + "to it ({\"bucket\": ..., \"key\": ...}) instead of the data itself\n")

    let task = peer.sfn(["task", "success", "token", "--task-output", "@" + big, "--error-format", "json"])
    XCTAssertEqual(task.status, 65, task.stderr)
    let json = JSONErrorLine(task)
    XCTAssertEqual(json.code, "PayloadTooLarge")
    XCTAssertTrue(json.message.hasSuffix("for a task result (the task's output), nothing was sent"), json.message)
    XCTAssertTrue(json.hint?.contains("S3") == true)
  }
}
