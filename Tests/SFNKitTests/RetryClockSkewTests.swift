import Foundation
import XCTest
@testable import SFNKit

final class RetryClockSkewTests: XCTestCase {
  // Sun, 06 Nov 1994 08:49:37 GMT, the example date of RFC 9110.
  let example = Date(timeIntervalSince1970: 784_111_777)

  func testParsesAllThreeHTTPDateForms() {
    XCTAssertEqual(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"), example)
    XCTAssertEqual(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"), example)
    XCTAssertEqual(HTTPDate.parse("Sun Nov  6 08:49:37 1994"), example)
    XCTAssertEqual(HTTPDate.parse("Thu, 29 Feb 2024 23:59:59 GMT"), Date(timeIntervalSince1970: 1_709_251_199))
    XCTAssertEqual(HTTPDate.parse("Wed, 25 Nov 2026 13:14:15 GMT"), Date(timeIntervalSince1970: 1_795_612_455))
    XCTAssertEqual(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT"), Date(timeIntervalSince1970: 0))
  }

  func testRejectsMalformedDates() {
    for text in ["", "yesterday", "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 06 Foo 1994 08:49:37 GMT",
                 "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:49 GMT",
                 "1994-11-06T08:49:37Z"] {
      XCTAssertNil(HTTPDate.parse(text), text)
    }
  }

  func testCorrectionOnlyBeyondFiveMinutes() {
    let server = "Sun, 06 Nov 1994 08:49:37 GMT"
    XCTAssertEqual(ClockSkew.correction(errorCode: "RequestTimeTooSkewed", dateHeader: server,
                                        signingTime: example.addingTimeInterval(-900)), 900)
    XCTAssertEqual(ClockSkew.correction(errorCode: "InvalidSignatureException", dateHeader: server,
                                        signingTime: example.addingTimeInterval(3600)), -3600)
    XCTAssertNil(ClockSkew.correction(errorCode: "RequestExpired", dateHeader: server,
                                      signingTime: example.addingTimeInterval(-300)), "exactly 300 s is tolerated")
    XCTAssertEqual(ClockSkew.correction(errorCode: "RequestExpired", dateHeader: server,
                                        signingTime: example.addingTimeInterval(-301)), 301)
  }

  func testCorrectionNeedsASkewCodeAndADate() {
    let skewed = example.addingTimeInterval(-1000)
    for code in ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException",
                 "SignatureDoesNotMatch", "AuthFailure"] {
      XCTAssertEqual(ClockSkew.correction(errorCode: code, dateHeader: "Sun, 06 Nov 1994 08:49:37 GMT",
                                          signingTime: skewed), 1000, code)
    }
    XCTAssertNil(ClockSkew.correction(errorCode: "ThrottlingException", dateHeader: "Sun, 06 Nov 1994 08:49:37 GMT",
                                      signingTime: skewed))
    XCTAssertNil(ClockSkew.correction(errorCode: nil, dateHeader: "Sun, 06 Nov 1994 08:49:37 GMT",
                                      signingTime: skewed))
    XCTAssertNil(ClockSkew.correction(errorCode: "RequestExpired", dateHeader: nil, signingTime: skewed))
    XCTAssertNil(ClockSkew.correction(errorCode: "RequestExpired", dateHeader: "garbage", signingTime: skewed))
    XCTAssertEqual(ClockSkew.correction(errorCode: nil, dateHeader: "Sun, 06 Nov 1994 08:49:37 GMT",
                                        signingTime: skewed, method: "HEAD"), 1000)
  }

  func testTrackerAccumulatesCorrections() {
    var skew = ClockSkew()
    let localNow = example.addingTimeInterval(-1000)  // our clock is 1000 s slow
    XCTAssertFalse(skew.update(errorCode: "ValidationException", dateHeader: "Sun, 06 Nov 1994 08:49:37 GMT",
                               signingTime: localNow))
    XCTAssertTrue(skew.update(errorCode: "RequestExpired", dateHeader: "Sun, 06 Nov 1994 08:49:37 GMT",
                              signingTime: skew.signingTime(now: localNow)))
    XCTAssertEqual(skew.offset, 1000)
    XCTAssertEqual(skew.signingTime(now: localNow), example)
    // Signed with the corrected time, the same server answer calls for no further change.
    XCTAssertFalse(skew.update(errorCode: "RequestExpired", dateHeader: "Sun, 06 Nov 1994 08:49:37 GMT",
                               signingTime: skew.signingTime(now: localNow)))
    XCTAssertEqual(skew.offset, 1000)
  }
}
