import XCTest
@testable import SFNKit

final class RetryQuotaTests: XCTestCase {
  func testAcquireAndRelease() {
    var quota = RetryQuota()
    XCTAssertEqual(quota.capacity, 500)
    XCTAssertEqual(quota.available, 500)
    XCTAssertTrue(quota.acquire(RetryQuota.cost(of: .throttling)))
    XCTAssertTrue(quota.acquire(RetryQuota.cost(of: .timeout)))
    XCTAssertEqual(quota.available, 485)
    quota.release(100)
    XCTAssertEqual(quota.available, 500, "never above capacity")
  }

  func testRefusesWhenTooFewTokensRemain() {
    var quota = RetryQuota(capacity: 9)
    XCTAssertFalse(quota.acquire(10))
    XCTAssertEqual(quota.available, 9)
    XCTAssertTrue(quota.acquire(5))
    XCTAssertFalse(quota.acquire(5))
    XCTAssertTrue(quota.acquire(4))
    XCTAssertEqual(quota.available, 0)
  }

  func testCosts() {
    XCTAssertEqual(RetryQuota.cost(of: .timeout), 10)
    for kind in [RetryErrorKind.throttling, .transientError, .serverError, .connectionError] {
      XCTAssertEqual(RetryQuota.cost(of: kind), 5, "\(kind)")
    }
  }

  /// 500 tokens allow exactly 100 retries of 5 with no success in between (botocore's numbers).
  func testFullBucketAllowsOneHundredRetries() {
    var quota = RetryQuota()
    var retries = 0
    while quota.acquire(RetryQuota.retryCost) { retries += 1 }
    XCTAssertEqual(retries, 100)
  }
}
