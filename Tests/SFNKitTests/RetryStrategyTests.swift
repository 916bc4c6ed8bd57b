import Foundation
import XCTest
@testable import SFNKit

/// Deterministic "random" values, handed out in order.
final class ScriptedRandom {
  var values: [Double]
  private(set) var calls = 0
  init(_ values: [Double]) { self.values = values }
  func next() -> Double {
    calls += 1
    return values.isEmpty ? 0.5 : values.removeFirst()
  }
}

/// A sleeper that records how long it was asked to wait instead of waiting.
final class RecordingSleeper {
  private(set) var naps: [Double] = []
  func sleep(_ seconds: Double) { naps.append(seconds) }
}

final class RetryStrategyTests: XCTestCase {
  var random = ScriptedRandom([])
  var sleeper = RecordingSleeper()

  func strategy(maxAttempts: Int = 3, quota: RetryQuota = RetryQuota(), random values: [Double] = []) -> RetryStrategy {
    random = ScriptedRandom(values)
    sleeper = RecordingSleeper()
    let random = self.random, sleeper = self.sleeper
    return RetryStrategy(maxAttempts: maxAttempts, quota: quota, random: { random.next() },
                         sleeper: { sleeper.sleep($0) })
  }

  func response(_ status: Int, _ code: String? = nil, _ headers: [(name: String, value: String)] = [])
    -> AttemptOutcome {
    .response(status: status, errorCode: code, headers: headers)
  }

  func testThrottledTwiceThenSuccess() {
    let s = strategy(random: [0.5, 0.25])
    var outcomes = [response(400, "ThrottlingException"), response(400, "ThrottlingException"), response(200)]
    var seen: [Int] = []
    let value = s.run(idempotent: false) { context -> (outcome: AttemptOutcome, value: String) in
      seen.append(context.attempts)
      return (outcomes.removeFirst(), "attempt \(context.attempts + 1)")
    }
    XCTAssertEqual(value, "attempt 3")
    XCTAssertEqual(seen, [0, 1, 2])
    XCTAssertEqual(sleeper.naps, [0.5, 0.5])  // 0.5 × 2^0, then 0.25 × 2^1
    XCTAssertEqual(s.quota.available, 500 - 5 - 5 + 5, "a success refunds the last retry's cost")
  }

  func testStopsAfterMaxAttempts() {
    let s = strategy(random: [0.1, 0.2, 0.3])
    var context = RetryContext(idempotent: true)
    XCTAssertEqual(s.decide(response(503), context: &context), .retry(after: 0.1))
    XCTAssertEqual(s.decide(response(503), context: &context), .retry(after: 0.4))
    XCTAssertEqual(s.decide(response(503), context: &context), .stop)
    XCTAssertEqual(context.stopReason, .maxAttemptsReached)
    XCTAssertEqual(context.attempts, 3)
    XCTAssertEqual(s.quota.available, 490)
    XCTAssertEqual(random.calls, 2)
  }

  func testBackoffDoublesUpToTwentySeconds() {
    let s = strategy(random: Array(repeating: 0.75, count: 8))
    let delays = [1, 2, 3, 4, 5, 6, 7, 100].map { s.delay(attempts: $0) }
    XCTAssertEqual(delays, [0.75, 1.5, 3, 6, 12, 15, 15, 15])
  }

  func testRetryAfterHeaderIsClampedToComputedPlusFiveSeconds() {
    let s = strategy(random: Array(repeating: 0.5, count: 8))
    XCTAssertEqual(s.delay(attempts: 1, retryAfter: "1500"), 1.5)
    XCTAssertEqual(s.delay(attempts: 1, retryAfter: "100"), 0.5, "never shorter than the computed backoff")
    XCTAssertEqual(s.delay(attempts: 1, retryAfter: "9000"), 5.5, "at most 5 s beyond it")
    XCTAssertEqual(s.delay(attempts: 1, retryAfter: " 2000 "), 2.0)
    XCTAssertEqual(s.delay(attempts: 1, retryAfter: "-5"), 0.5, "negative values are ignored")
    XCTAssertEqual(s.delay(attempts: 1, retryAfter: "soon"), 0.5, "invalid values are ignored")
    XCTAssertEqual(s.delay(attempts: 1, retryAfter: "1.5"), 0.5, "the header is whole milliseconds")
  }

  func testDecideUsesRetryAfterHeader() {
    let s = strategy(random: [0.5])
    var context = RetryContext(idempotent: false)
    let throttled = response(400, "ThrottlingException", [("x-amz-retry-after", "3000")])
    XCTAssertEqual(s.decide(throttled, context: &context), .retry(after: 3.0))
  }

  func testQuotaExhaustionStopsRetrying() {
    let s = strategy(maxAttempts: 10, quota: RetryQuota(capacity: 12))
    var context = RetryContext(idempotent: true)
    XCTAssertNotEqual(s.decide(response(500), context: &context), .stop)
    XCTAssertNotEqual(s.decide(response(500), context: &context), .stop)
    XCTAssertEqual(s.quota.available, 2)
    XCTAssertEqual(s.decide(response(500), context: &context), .stop)
    XCTAssertEqual(context.stopReason, .quotaExhausted)
    XCTAssertEqual(s.quota.available, 2, "a refused retry takes nothing")
  }

  func testTimeoutsCostTenAndRefundTen() {
    let s = strategy()
    var context = RetryContext(idempotent: true)
    XCTAssertNotEqual(s.decide(.transport(.timeout(message: "read")), context: &context), .stop)
    XCTAssertEqual(s.quota.available, 490)
    XCTAssertEqual(context.lastRetryCost, 10)
    XCTAssertEqual(s.decide(response(200), context: &context), .stop)
    XCTAssertEqual(context.stopReason, .success)
    XCTAssertEqual(s.quota.available, 500)
  }

  func testSuccessWithoutRetryEarnsOneTokenUpToCapacity() {
    let s = strategy(quota: RetryQuota(capacity: 500))
    var failing = RetryContext(idempotent: true)
    _ = s.decide(response(502), context: &failing)
    _ = s.decide(response(502), context: &failing)
    XCTAssertEqual(s.quota.available, 490)
    var ok = RetryContext(idempotent: true)
    XCTAssertEqual(s.decide(response(200), context: &ok), .stop)
    XCTAssertEqual(s.quota.available, 491)
    for _ in 0..<20 {
      var again = RetryContext(idempotent: true)
      _ = s.decide(response(200), context: &again)
    }
    XCTAssertEqual(s.quota.available, 500)
  }

  func testUnknownOutcomeIsRetriedOnlyForIdempotentOperations() {
    let s = strategy()
    var startExecution = RetryContext(idempotent: false)
    XCTAssertEqual(s.decide(.transport(.connectionLost(message: "reset")), context: &startExecution), .stop)
    XCTAssertEqual(startExecution.stopReason, .outcomeUnknown)
    var timedOut = RetryContext(idempotent: false)
    XCTAssertEqual(s.decide(.transport(.timeout(message: "read")), context: &timedOut), .stop)
    XCTAssertEqual(timedOut.stopReason, .outcomeUnknown)
    XCTAssertEqual(s.quota.available, 500)

    var describe = RetryContext(idempotent: true)
    XCTAssertNotEqual(s.decide(.transport(.connectionLost(message: "reset")), context: &describe), .stop)
    var refused = RetryContext(idempotent: false)
    XCTAssertNotEqual(s.decide(.transport(.connectionRefused(host: "h", message: "m")), context: &refused), .stop,
                      "a request that never left may be resent whatever the operation")
  }

  func testFinalErrorsStopAtOnce() {
    let s = strategy()
    var context = RetryContext(idempotent: true)
    XCTAssertEqual(s.decide(response(400, "ValidationException"), context: &context), .stop)
    XCTAssertEqual(context.stopReason, .notRetryable)
    XCTAssertEqual(sleeper.naps, [])
    XCTAssertEqual(s.quota.available, 500)
  }

  func testClockSkewCorrectionMakesAnAuthErrorRetryable() {
    let s = strategy(random: [0.5])
    var context = RetryContext(idempotent: false)
    XCTAssertEqual(s.decide(response(400, "InvalidSignatureException"), context: &context, clockSkewCorrected: true),
                   .retry(after: 0.5))
    XCTAssertEqual(s.quota.available, 495)
  }

  func testMaxAttemptsOfOneNeverRetriesAndZeroIsClamped() {
    for max in [1, 0] {
      let s = strategy(maxAttempts: max)
      XCTAssertEqual(s.maxAttempts, 1)
      var context = RetryContext(idempotent: true)
      XCTAssertEqual(s.decide(response(503), context: &context), .stop)
      XCTAssertEqual(context.stopReason, .maxAttemptsReached)
    }
  }

  func testSdkRequestHeader() {
    let s = strategy()
    var context = RetryContext(idempotent: true)
    XCTAssertEqual(s.sdkRequestHeader(context), "attempt=1; max=3")
    _ = s.decide(response(503), context: &context)
    XCTAssertEqual(s.sdkRequestHeader(context), "attempt=2; max=3")
  }

  func testSleepUsesInjectedSleeperAndSystemSleepWaits() {
    let s = strategy()
    s.sleep(1.25)
    XCTAssertEqual(sleeper.naps, [1.25])
    let start = Date()
    RetryStrategy.systemSleep(0.02)
    XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.015)
  }
}
