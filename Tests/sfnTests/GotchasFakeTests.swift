import Foundation
import XCTest

/// The Step Functions gotchas whose AWS answers moto does not give, against Fixtures/gotchas/fake_aws.py (AWS JSON
/// 1.0 error bodies, IAM's awsQuery XML), and `--error-format json` for every exit code of docs/cli.md.
final class GotchasFakeTests: XCTestCase {
  let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:m"
  let definition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#

  override func setUpWithError() throws {
    try GotchasFake.reset()
  }

  private func sfn(_ args: String..., env: [String: String] = [:]) throws -> RunResult {
    try GotchasFake.sfn(args, env: env)
  }

  // MARK: 1. The execution role

  func testARoleStepFunctionsCannotAssumeGetsTheTrustStatementNamingTheRole() throws {
    let role = "arn:aws:iam::123456789012:role/service-role/untrusted"
    let create = try sfn("create-state-machine", "--name", "m", "--definition", definition, "--role-arn", role)
    XCTAssertEqual(create.status, 4, create.stderr)
    XCTAssertTrue(create.stderr.hasPrefix("sfn: Step Functions cannot assume the execution role \(role): it does not "
                                          + "exist or its trust policy does not allow states.amazonaws.com "
                                          + "(AccessDeniedException: Neither the global service principal"), create.stderr)
    XCTAssertTrue(create.stderr.contains("; add this statement to the trust policy of role untrusted (IAM console: "
                                         + "Trust relationships, or aws iam update-assume-role-policy --role-name "
                                         + "untrusted): {\"Effect\": \"Allow\", \"Principal\": {\"Service\": "
                                         + "\"states.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}"), create.stderr)
    XCTAssertEqual(create.stderr.split(separator: "\n").count, 1, "one line")

    let file = try ScratchDirectory("gotchas")
    defer { file.remove() }
    let path = try file.file("m.json", definition)
    let deploy = try sfn("deploy", "m", "--definition", path, "--role-arn", role, "--error-format", "json")
    XCTAssertEqual(deploy.status, 4, deploy.stderr)
    let json = JSONErrorLine(deploy)
    XCTAssertEqual(json.code, "AccessDeniedException")
    XCTAssertEqual(json.requestId, "req-AccessDeniedException")
    XCTAssertEqual(json.retryable, false)
    XCTAssertTrue(json.hint?.contains("trust policy of role untrusted") == true, json.hint ?? "")
    XCTAssertTrue(json.message.hasPrefix("Step Functions cannot assume the execution role"), json.message)
    XCTAssertEqual(try GotchasFake.calls(), ["CreateStateMachine", "ListStateMachines", "CreateStateMachine"])
  }

  func testAMissingPassRolePermissionIsTheCallersAndSaysSo() throws {
    let role = "arn:aws:iam::123456789012:role/nopass"
    let r = try sfn("create-state-machine", "--name", "m", "--definition", definition, "--role-arn", role)
    XCTAssertEqual(r.status, 5, r.stderr)
    XCTAssertTrue(r.stderr.hasPrefix("sfn: you may not pass role \(role) to Step Functions (AccessDeniedException: "), r.stderr)
    XCTAssertTrue(r.stderr.contains("; ask for iam:PassRole on \(role)"), r.stderr)
  }

  func testCheckRoleWarnsAndDeploysWhenGetRoleIsDenied() throws {
    let scratch = try ScratchDirectory("gotchas")
    defer { scratch.remove() }
    let path = try scratch.file("m.json", definition)
    let role = "arn:aws:iam::123456789012:role/denied"
    let r = try sfn("deploy", "m", "--definition", path, "--role-arn", role, "--check-role")
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.contains("sfn: warning: --check-role: cannot read the trust policy of role denied "
                                    + "(AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to "
                                    + "perform: iam:GetRole"), r.stderr)
    XCTAssertEqual(try GotchasFake.calls(), ["iam:GetRole", "ListStateMachines", "CreateStateMachine"])

    let json = try sfn("deploy", "m", "--definition", path, "--role-arn", role, "--check-role", "--error-format", "json")
    XCTAssertEqual(json.status, 0, json.stderr)
    let warning = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any])
    XCTAssertEqual(warning["severity"] as? String, "warning")
    XCTAssertEqual(warning["code"] as? String, "AccessDenied")
  }

  // MARK: 2. Express vs Standard, the reverse way

  func testStartSyncOnAStandardMachineSaysToStartAndWait() throws {
    let r = try sfn("start-sync-execution", "--state-machine-arn", machine)
    XCTAssertEqual(r.status, 4, r.stderr)
    XCTAssertTrue(r.stderr.contains("StateMachineTypeNotSupported: This operation is not supported by this type of "
                                    + "state machine (request req-StateMachineTypeNotSupported); StartSyncExecution "
                                    + "runs EXPRESS state machines only; for a STANDARD one use `sfn start MACHINE "
                                    + "--wait`"), r.stderr)
  }

  // MARK: 4. Task tokens

  func testTaskTokenErrorsSayWhichItIsAndHowLongTokensLive() throws {
    let answered = try sfn("task", "success", "answered", "--task-output", "{}")
    XCTAssertEqual(answered.status, 4, answered.stderr)
    XCTAssertTrue(answered.stderr.contains("TaskTimedOut: Task Timed Out: 'Provided task does not exist anymore' "
                                           + "(request req-TaskTimedOut); the token expired or its task is already "
                                           + "closed: it was answered before"), answered.stderr)
    XCTAssertTrue(answered.stderr.contains("at most 1 year for a STANDARD execution, 5 minutes for an EXPRESS one"),
                  answered.stderr)

    let gone = try sfn("task", "heartbeat", "gone", "--error-format", "json")
    XCTAssertEqual(gone.status, 4, gone.stderr)
    let json = JSONErrorLine(gone)
    XCTAssertEqual(json.code, "TaskDoesNotExist")
    XCTAssertEqual(json.requestId, "req-TaskDoesNotExist")
    XCTAssertTrue(json.hint?.hasPrefix("Step Functions has no task for this token: its execution ended") == true,
                  json.hint ?? "")
    XCTAssertTrue(json.hint?.contains("5 minutes for an EXPRESS one") == true, json.hint ?? "")

    let garbage = try sfn("task", "failure", "garbage", "--error", "E")
    XCTAssertEqual(garbage.status, 4, garbage.stderr)
    XCTAssertTrue(garbage.stderr.contains("InvalidToken: Invalid Token: 'Invalid token' (request req-InvalidToken); "
                                          + "this is not a task token Step Functions issued"), garbage.stderr)
    // The API-named command gets the same hint.
    let api = try sfn("send-task-success", "--task-token", "answered", "--task-output", "{}")
    XCTAssertTrue(api.stderr.contains("the token expired or its task is already closed"), api.stderr)
  }

  // MARK: 5. Errors a program can read: every exit code of docs/cli.md

  func testEveryExitCodeWritesTheDocumentedJSON() throws {
    let execution = "arn:aws:states:us-east-1:123456789012:execution:m:"
    let scratch = try ScratchDirectory("gotchas")
    defer { scratch.remove() }
    let ok = try sfn("task", "success", "fine", "--error-format", "json")
    XCTAssertEqual(ok.status, 0, ok.stderr)
    XCTAssertEqual(ok.stderr, "", "success writes no error")

    let cases: [(args: [String], env: [String: String], status: Int32, code: String, retryable: Bool, message: String)] = [
      (["wait", execution + "failed"], [:], 1, "ExecutionFailed", false, "execution failed FAILED: Oops: bad thing"),
      (["wait", execution + "timed"], [:], 2, "ExecutionTimedOut", false,
       "execution timed TIMED_OUT: States.Timeout: took too long"),
      (["wait", execution + "aborted"], [:], 3, "ExecutionAborted", false, "execution aborted ABORTED"),
      (["list-activities"], [:], 4, "UnknownOperationException", false, "UnknownOperationException: ListActivities"),
      (["list-activities"], ["AWS_ACCESS_KEY_ID": "BADKEY"], 5, "UnrecognizedClientException", false,
       "UnrecognizedClientException: The security token included in the request is invalid."),
      (["list-activities"], ["AWS_ENDPOINT_URL": "http://127.0.0.1:5785"], 6, "ConnectionRefused", true,
       "could not connect to 127.0.0.1"),
      (["list-activities", "--profile", "nope"], [:], 7, "ConfigurationError", false, #"profile "nope" (from --profile)"#),
      (["list-activities", "--no-such-option"], [:], 64, "UsageError", false, "Unknown option '--no-such-option'"),
      (["start-execution", "--state-machine-arn", machine, "--input", "{bad"], [:], 65, "InvalidInput", false,
       "--input: invalid JSON at line 1"),
      (["start-execution", "--state-machine-arn", machine, "--input", "file:///nonexistent/in.json"], [:], 66,
       "InputFileError", false, "cannot read /nonexistent/in.json"),
      (["wait", execution + "running", "--timeout", "1s"], [:], 124, "WaitTimedOut", false,
       "--timeout 1s passed; 1 of 1 execution is still running"),
    ]
    for c in cases {
      let r = try GotchasFake.sfn(c.args + ["--error-format", "json"], env: c.env)
      XCTAssertEqual(r.status, c.status, "\(c.args): \(r.stderr)")
      let json = JSONErrorLine(r)
      XCTAssertEqual(json.code, c.code, "\(c.args)")
      XCTAssertEqual(json.retryable, c.retryable, "\(c.args)")
      XCTAssertTrue(json.message.hasPrefix(c.message), "\(c.args): \(json.message)")
      XCTAssertTrue(json.problems.isEmpty)
      // The default stays the one human line, with the same message.
      let text = try GotchasFake.sfn(c.args, env: c.env)
      XCTAssertEqual(text.status, c.status)
      if c.status != 64 { XCTAssertTrue(text.stderr.hasPrefix("sfn: " + c.message), text.stderr) }
    }
    // Several executions: each one that did not succeed is an error object, the worst (the exit code's) last.
    let several = try GotchasFake.sfn(["wait", execution + "failed", execution + "timed", "--error-format", "json"])
    XCTAssertEqual(several.status, 2, several.stderr)
    XCTAssertEqual(JSONErrorLine(several).code, "ExecutionTimedOut")
    let first = try JSONSerialization.jsonObject(with: Data(several.stderr.split(separator: "\n")[0].utf8)) as? [String: Any]
    XCTAssertEqual(first?["code"] as? String, "ExecutionFailed")
    XCTAssertEqual(first?["exitCode"] as? Int, 1)

    let service = try GotchasFake.sfn(["list-activities", "--error-format=json"])
    XCTAssertEqual(JSONErrorLine(service).requestId, "req-UnknownOperationException")

    // 65 for a definition: the located problems.
    let bad = try scratch.file("bad.json", #"{"StartAt":"X","States":{}}"#)
    let invalid = try sfn("create-state-machine", "--name", "m", "--definition", "file://" + bad, "--role-arn",
                          "arn:aws:iam::123456789012:role/r", "--error-format", "json")
    XCTAssertEqual(invalid.status, 65, invalid.stderr)
    let problems = JSONErrorLine(invalid)
    XCTAssertEqual(problems.code, "InvalidDefinition")
    XCTAssertEqual(problems.hint, nil)
    let problem = try XCTUnwrap(problems.problems.first)
    XCTAssertEqual(Set(problem.keys), ["file", "line", "column", "severity", "rule", "message", "path", "source"])
    XCTAssertEqual(problem["file"] as? String, bad)
    XCTAssertEqual(problem["line"] as? Int, 1)
    XCTAssertEqual(problem["severity"] as? String, "error")
    let calls = try GotchasFake.calls()
    XCTAssertFalse(calls.contains("StartExecution") || calls.contains("CreateStateMachine"), "65 and 66 send nothing: \(calls)")
  }

  func testTheFormatComesFromTheEnvironmentOrTheProfile() throws {
    let scratch = try ScratchDirectory("gotchas-home")
    defer { scratch.remove() }
    let missing = ["start-execution", "--state-machine-arn", machine, "--input", "file:///nonexistent/in.json"]
    let fromEnv = try GotchasFake.sfn(missing, env: ["SFN_ERROR_FORMAT": "JSON"])
    XCTAssertEqual(JSONErrorLine(fromEnv).code, "InputFileError")

    try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    _ = try scratch.file(".aws/config", "[default]\nsfn_error_format = json\n[profile human]\nregion = us-east-1\n")
    let fromProfile = try GotchasFake.sfn(missing, env: ["HOME": scratch.url.path])
    XCTAssertEqual(JSONErrorLine(fromProfile).code, "InputFileError")
    let otherProfile = try GotchasFake.sfn(missing + ["--profile", "human"], env: ["HOME": scratch.url.path])
    XCTAssertTrue(otherProfile.stderr.hasPrefix("sfn: cannot read /nonexistent/in.json"), otherProfile.stderr)
    let flagWins = try GotchasFake.sfn(missing + ["--error-format", "text"], env: ["SFN_ERROR_FORMAT": "json"])
    XCTAssertTrue(flagWins.stderr.hasPrefix("sfn: cannot read"), flagWins.stderr)
  }
}
