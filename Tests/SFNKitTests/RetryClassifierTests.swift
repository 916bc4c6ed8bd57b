import XCTest
@testable import SFNKit

final class RetryClassifierTests: XCTestCase {
  let classifier = RetryClassifier()

  func response(_ status: Int, _ code: String? = nil) -> AttemptOutcome {
    .response(status: status, errorCode: code, headers: [])
  }

  func testThrottlingCodesArriveWith400() {
    for code in ["Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
                 "TooManyRequestsException", "ProvisionedThroughputExceededException",
                 "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
                 "LimitExceededException", "RequestThrottled", "SlowDown", "EC2ThrottledException",
                 "KmsThrottlingException"] {
      XCTAssertEqual(classifier.retryKind(response(400, code)), .throttling, code)
    }
    XCTAssertEqual(classifier.retryKind(response(429)), .throttling)
    XCTAssertEqual(classifier.retryKind(response(429, "SomethingElse")), .throttling)
  }

  func testTransientCodesAndStatuses() {
    XCTAssertEqual(classifier.retryKind(response(400, "RequestTimeout")), .transientError)
    XCTAssertEqual(classifier.retryKind(response(408, "RequestTimeoutException")), .transientError)
    // Listed as both transient and throttling upstream; throttling wins, which only affects naming.
    XCTAssertEqual(classifier.retryKind(response(400, "PriorRequestNotComplete")), .throttling)
    for status in [500, 502, 503, 504] {
      XCTAssertEqual(classifier.retryKind(response(status)), .serverError, "\(status)")
      XCTAssertEqual(classifier.retryKind(response(status, "InternalFailure")), .serverError, "\(status)")
    }
  }

  func testFinalOutcomes() {
    XCTAssertNil(classifier.retryKind(response(200)))
    XCTAssertNil(classifier.retryKind(response(204)))
    for (status, code) in [(400, "ValidationException"), (400, "ExecutionAlreadyExists"), (400, "InvalidArn"),
                           (403, "AccessDeniedException"), (400, "UnrecognizedClientException"),
                           (400, "KmsAccessDeniedException"), (501, "NotImplemented"), (404, "UnknownOperation")] {
      XCTAssertNil(classifier.retryKind(response(status, code)), code)
    }
    XCTAssertNil(classifier.retryKind(.transport(.cancelled)))
    XCTAssertNil(classifier.retryKind(.transport(.other(code: 3, message: "URL using bad/illegal format"))))
  }

  func testTransportErrors() {
    XCTAssertEqual(classifier.retryKind(.transport(.timeout(message: "t"))), .timeout)
    for error in [TransportError.connectionRefused(host: "h", message: "m"), .dnsFailure(host: "h", message: "m"),
                  .tls(message: "m"), .connectionLost(message: "m")] {
      XCTAssertEqual(classifier.retryKind(.transport(error)), .connectionError, "\(error)")
    }
  }

  func testOutcomeUnknownOnlyWhenTheRequestMayHaveArrived() {
    XCTAssertTrue(classifier.outcomeUnknown(.transport(.connectionLost(message: "reset"))))
    XCTAssertTrue(classifier.outcomeUnknown(.transport(.timeout(message: "read"))))
    XCTAssertFalse(classifier.outcomeUnknown(.transport(.connectionRefused(host: "h", message: "m"))))
    XCTAssertFalse(classifier.outcomeUnknown(.transport(.dnsFailure(host: "h", message: "m"))))
    XCTAssertFalse(classifier.outcomeUnknown(.transport(.tls(message: "m"))))
    XCTAssertFalse(classifier.outcomeUnknown(response(503)))
  }

  func testCustomCodeListsAndOutcomeHelpers() {
    let custom = RetryClassifier(throttlingCodes: ["Busy"], transientCodes: [])
    XCTAssertEqual(custom.retryKind(response(400, "Busy")), .throttling)
    XCTAssertNil(custom.retryKind(response(400, "ThrottlingException")))
    let outcome = AttemptOutcome.response(HTTPResponse(status: 400, headers: [("X-Amz-Retry-After", "1500")]),
                                          errorCode: "ThrottlingException")
    XCTAssertEqual(outcome.header("x-amz-retry-after"), "1500")
    XCTAssertFalse(outcome.isSuccess)
    XCTAssertTrue(response(200).isSuccess)
    XCTAssertNil(AttemptOutcome.transport(.cancelled).header("Date"))
  }
}
