import Foundation
import XCTest

@testable import SFNKit

/// Library pieces of the reliability work that need no server: failure classes, idempotency helpers, timeouts,
/// retry settings and expired credentials.
final class ReliabilityUnitTests: XCTestCase {
  func testServiceErrorKinds() {
    func kind(_ code: String, _ status: Int) -> FailureKind {
      ServiceError(code: code, message: "", status: status, requestId: nil).kind
    }
    XCTAssertEqual(kind("ThrottlingException", 400), .unreachable)
    XCTAssertEqual(kind("KmsThrottlingException", 400), .unreachable)
    XCTAssertEqual(kind("HTTP 429", 429), .unreachable)
    XCTAssertEqual(kind("RequestTimeoutException", 408), .unreachable)
    XCTAssertEqual(kind("HTTP 503", 503), .unreachable)
    XCTAssertEqual(kind("InvalidResponse", 200), .unreachable, "a 2xx that could not be read")
    XCTAssertEqual(kind("ExpiredTokenException", 400), .credentials)
    XCTAssertEqual(kind("SignatureDoesNotMatch", 403), .credentials)
    XCTAssertEqual(kind("ExecutionAlreadyExists", 400), .rejected)
    XCTAssertEqual(kind("HTTP 404", 404), .rejected)
  }

  func testExecutionArnFromStateMachineArn() {
    XCTAssertEqual(StepFunctionsClient.executionArn(stateMachine: "arn:aws:states:us-east-1:123456789012:stateMachine:m", name: "e"),
                   "arn:aws:states:us-east-1:123456789012:execution:m:e")
    XCTAssertEqual(StepFunctionsClient.executionArn(stateMachine: "arn:aws:states:eu-west-1:1:stateMachine:m:prod", name: "e"),
                   "arn:aws:states:eu-west-1:1:execution:m:e")
    XCTAssertNil(StepFunctionsClient.executionArn(stateMachine: "arn:aws:states:us-east-1:1:activity:a", name: "e"))
  }

  func testIdempotencyKeysAreAddedOnlyWhenMissing() throws {
    let start = ServiceModel.operation(.startExecution)
    let generated = StepFunctionsClient.withIdempotencyKey(start, ["stateMachineArn": "arn"])
    XCTAssertEqual(generated["name"]?.stringValue?.count, 36)
    XCTAssertEqual(StepFunctionsClient.withIdempotencyKey(start, ["name": "mine"])["name"], "mine")
    let redrive = ServiceModel.operation(.redriveExecution)
    XCTAssertNotNil(StepFunctionsClient.withIdempotencyKey(redrive, ["executionArn": "a"])["clientToken"])
  }

  func testReadOnlyOperationsExceptTheActivityLongPoll() {
    let readOnly: [OperationName] = [
      .describeExecution, .listExecutions, .getExecutionHistory, .validateStateMachineDefinition, .testState,
    ]
    for name in readOnly { XCTAssertTrue(StepFunctionsClient.readOnly(name), name.rawValue) }
    for name in [OperationName.getActivityTask, .startExecution, .sendTaskSuccess, .stopExecution, .deleteStateMachine] {
      XCTAssertFalse(StepFunctionsClient.readOnly(name), name.rawValue)
    }
    XCTAssertEqual(StepFunctionsClient.longPollReadTimeout(.getActivityTask), 70)
    XCTAssertNil(StepFunctionsClient.longPollReadTimeout(.describeExecution))
  }

  func testReadTimeoutIsRaisedForLongPollsOnly() throws {
    var options = TransportOptions()
    options.readTimeout = 5
    let transport = try CurlTransport(options: options)
    var request = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:9")!)
    XCTAssertEqual(transport.readTimeout(for: request), 5)
    request.minimumReadTimeout = 70
    XCTAssertEqual(transport.readTimeout(for: request), 70)
    options.readTimeout = 0
    XCTAssertEqual(try CurlTransport(options: options).readTimeout(for: request), 0, "0 waits forever")
  }

  func testCancelledTransportSendsNothing() throws {
    var options = TransportOptions()
    options.isCancelled = { true }
    XCTAssertThrowsError(try CurlTransport(options: options).send(HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:9")!))) {
      XCTAssertEqual($0 as? TransportError, .cancelled)
    }
  }

  func testRetryModeIsCheckedEvenWhenMaxAttemptsIsSet() throws {
    func setup(_ config: String, env: [String: String] = [:]) throws -> ClientSetup {
      try ClientSetup(environment: Environment(["HOME": "/home/u"].merging(env) { $1 }), profile: nil, region: "us-east-1",
                      endpointURL: nil, transport: CredentialFakeTransport(),
                      fileSystem: InMemoryFileSystem(["/home/u/.aws/config": config]), regionFromInstanceMetadata: false)
    }
    XCTAssertEqual(try setup("[default]\nretry_mode = legacy\n").maxAttempts(override: nil), 5)
    XCTAssertEqual(try setup("[default]\nretry_mode = standard\nmax_attempts = 7\n").maxAttempts(override: nil), 7)
    XCTAssertEqual(try setup("[default]\nmax_attempts = 7\n").maxAttempts(override: 2), 2)
    XCTAssertEqual(try setup("[default]\nmax_attempts = 7\n", env: ["AWS_MAX_ATTEMPTS": "4"]).maxAttempts(override: nil), 4)
    XCTAssertThrowsError(try setup("[default]\nretry_mode = turbo\nmax_attempts = 2\n").maxAttempts(override: nil))
    XCTAssertThrowsError(try setup("[default]\nmax_attempts = 0\n").maxAttempts(override: nil))
  }

  func testExpiredCredentialsAreRefusedBeforeSigning() {
    final class Expired: CredentialProvider {
      var name: String { "process" }
      func credentials() throws -> Credentials? {
        Credentials(accessKeyId: "AK", secretAccessKey: "TOPSECRET", expiration: Date(timeIntervalSince1970: 1_577_836_800))
      }
    }
    let holder = RefreshingCredentials(Expired(), clock: .fixed(Date(timeIntervalSince1970: 1_700_000_000)))
    XCTAssertThrowsError(try holder.credentials()) { error in
      XCTAssertEqual((error as? CredentialError)?.kind, .credentials)
      XCTAssertEqual("\(error)", "the credentials expired at 2020-01-01T00:00:00Z; refresh them (e.g. aws sso login, "
                     + "or new AWS_* variables) and try again")
    }
  }
}
