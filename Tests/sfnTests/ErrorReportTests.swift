import SFNKit
import XCTest

@testable import sfn

/// `ErrorReport` is the one place where every area's typed errors become a line and an exit code.
final class ErrorReportTests: XCTestCase {
  func testEachAreaMapsToItsExitCode() {
    let cases: [(Error, ExitStatus, String)] = [
      (InputError.unreadableFile(path: "in.json", reason: "no such file or directory"), .inputFile,
       "cannot read in.json: no such file or directory"),
      (InputError.notBoolean(at: "--publish", text: "yes"), .usage, "--publish: expected true or false, got 'yes'"),
      (InputError.tooMany(at: "--name", maximum: 80, unit: "characters", got: 81), .badInput,
       "--name: at most 80 characters allowed, got 81"),
      (ReferenceError.notAName(" x", what: "activity"), .usage, "' x' is not a activity name or ARN"),
      (ReferenceError.notFound(name: "m", what: "state machine", region: "eu-west-1", listing: "machines"), .rejected,
       "no state machine named 'm' in eu-west-1; `sfn machines` lists them"),
      (ResponseError.missingMember(.startExecution, member: "executionArn"), .rejected,
       "StartExecution answered without executionArn"),
      (ResponseError.remoteValidationUnsupported(code: "UnknownOperationException"), .unreachable,
       "--remote: the endpoint does not implement ValidateStateMachineDefinition (UnknownOperationException); "
         + "run without --remote to use the local checks only"),
      (CommandError.paginationOff(off: "--no-paginate", options: ["--max-items"]), .usage,
       "cannot use --no-paginate with --max-items (pagination is off)"),
      (CommandError.unknownOutputFormat(value: "yaml", source: "AWS_DEFAULT_OUTPUT"), .configuration,
       "output format 'yaml' (from AWS_DEFAULT_OUTPUT) is not json, table or text"),
      (CommandError.noMFACode(serial: "arn:mfa"), .credentials, "no MFA code entered for arn:mfa"),
      (TransportError.cancelled, .interrupted, "interrupted"),
    ]
    for (error, status, message) in cases {
      XCTAssertTrue(ErrorReport.recognises(error), "\(error)")
      let report = ErrorReport.describe(error)
      XCTAssertEqual(report.status, status, "\(error)")
      XCTAssertEqual(report.message, message)
    }
  }

  func testDetailsKeepTheHintApartAndTheJSONHasEveryKey() {
    let token = ServiceError(code: "TaskTimedOut", message: "Task Timed Out", status: 400, requestId: "r1")
    let details = ErrorReport.details(token)
    XCTAssertEqual(details.code, "TaskTimedOut")
    XCTAssertEqual(details.message, "TaskTimedOut: Task Timed Out (request r1)")
    XCTAssertEqual(details.line, details.message + "; " + (details.hint ?? ""))
    XCTAssertEqual(details.status, ExitStatus.rejected)
    let throttled = ErrorReport.details(ServiceError(code: "ThrottlingException", message: "", status: 400))
    XCTAssertEqual(throttled.retryable, true)
    XCTAssertEqual(ErrorReport.details(TransportError.connectionRefused(host: "h", message: "refused")).retryable, true)
    XCTAssertEqual(ErrorReport.details(InputError.emptyStartingToken).code, "UsageError")
    XCTAssertEqual(ErrorReport.details(OutcomeError.timedOut(what: "x is", seconds: 90)).status, .timeout)
    let role = ExecutionRoleError.recognise(
      ServiceError(code: "AccessDeniedException", message: "Neither the global service principal states.amazonaws.com, "
                   + "nor the regional one is authorized to assume the provided role.", status: 400),
      roleArn: "arn:aws:iam::123456789012:role/a/b/deployer")
    XCTAssertEqual(role?.problem, .notAssumable)
    XCTAssertEqual(role?.roleName, "deployer")
    XCTAssertNil(ExecutionRoleError.recognise(ServiceError(code: "AccessDeniedException", message: "User x is not "
                                              + "authorized to perform: states:CreateStateMachine", status: 400),
                                              roleArn: "arn:aws:iam::1:role/r"), "the caller's own permission")
    let json = ErrorWriter.json(details)
    XCTAssertEqual(json["requestId"]?.stringValue, "r1")
    XCTAssertEqual(json["problems"], JSON.array([]))
    XCTAssertEqual(json["exitCode"], JSON.integer(4))
  }

  func testTrustPolicyNeedsAnAllowForStepFunctionsInTheRegion() throws {
    func trusts(_ statement: String, _ region: String? = "us-east-1") throws -> Bool {
      TrustPolicy.trustsStepFunctions(try JSONParser.parse(#"{"Version":"2012-10-17","Statement":"# + statement + "}"),
                                      region: region)
    }
    let allow = #"{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"#
    XCTAssertTrue(try trusts("[" + allow + #"["lambda.amazonaws.com","states.amazonaws.com"]}}]"#))
    XCTAssertTrue(try trusts(allow + #""states.us-east-1.amazonaws.com"}}"#))
    XCTAssertFalse(try trusts(allow + #""states.eu-west-1.amazonaws.com"}}"#))
    XCTAssertFalse(try trusts(allow + #""lambda.amazonaws.com"}}"#))
    XCTAssertFalse(try trusts(#"{"Effect":"Deny","Action":"sts:AssumeRole","Principal":{"Service":"states.amazonaws.com"}}"#))
    XCTAssertFalse(try trusts(#"{"Effect":"Allow","Action":"sts:TagSession","Principal":{"Service":"states.amazonaws.com"}}"#))
  }

  func testStatusFilterTakesTheModelsValuesInAnyCase() {
    XCTAssertEqual(ExecutionStatusFilter(argument: "failed")?.value, "FAILED")
    XCTAssertEqual(ExecutionStatusFilter(argument: "PENDING_REDRIVE")?.value, "PENDING_REDRIVE")
    XCTAssertNil(ExecutionStatusFilter(argument: "DONE"))
    XCTAssertEqual(ExecutionStatusFilter.allValueStrings,
                   ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"])
  }
}
