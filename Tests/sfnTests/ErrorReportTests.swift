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

  func testStatusFilterTakesTheModelsValuesInAnyCase() {
    XCTAssertEqual(ExecutionStatusFilter(argument: "failed")?.value, "FAILED")
    XCTAssertEqual(ExecutionStatusFilter(argument: "PENDING_REDRIVE")?.value, "PENDING_REDRIVE")
    XCTAssertNil(ExecutionStatusFilter(argument: "DONE"))
    XCTAssertEqual(ExecutionStatusFilter.allValueStrings,
                   ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"])
  }
}
