#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What to do after an attempt.
public enum RetryDecision: Sendable, Equatable {
  /// Send the request again (re-signed) after waiting this many seconds.
  case retry(after: Double)
  /// Return the attempt's outcome to the caller; `RetryContext.stopReason` says why.
  case stop
}

/// Why the strategy stopped.
public enum RetryStopReason: Sendable, Equatable {
  /// The attempt succeeded (2xx).
  case success
  /// The error is final (not throttling, transient, 5xx or a connection failure).
  case notRetryable
  /// The request may have been acted on but the operation is not idempotent, so resending could repeat it.
  case outcomeUnknown
  /// `maxAttempts` attempts were made.
  case maxAttemptsReached
  /// The client's retry quota had too few tokens left.
  case quotaExhausted
}

/// The retry state of one operation call (all its attempts); start a new one per call.
public struct RetryContext: Sendable, Equatable {
  /// Whether repeating the operation is harmless, which allows retrying attempts with an unknown outcome.
  public let idempotent: Bool
  /// Attempts whose outcome has been decided so far.
  public internal(set) var attempts = 0
  /// Tokens taken from the quota for the latest retry; refunded when the call finally succeeds.
  public internal(set) var lastRetryCost: Int?
  /// Set once the strategy has decided to stop.
  public internal(set) var stopReason: RetryStopReason?

  /// A fresh context for a call of an operation that is (or is not) idempotent.
  public init(idempotent: Bool) { self.idempotent = idempotent }
}

/// The AWS "standard" retry mode: classify, check attempts and quota, then back off with full jitter.
///
/// One strategy per client (it owns the client's retry quota); not meant to be shared between threads.
/// Reference: https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
public final class RetryStrategy {
  /// Default total attempts, the first included (AWS CLI v2 standard mode).
  public static let defaultMaxAttempts = 3
  /// Upper bound of the computed backoff, in seconds.
  public static let maxBackoff = 20.0
  /// How far beyond the computed backoff an `x-amz-retry-after` hint may extend the wait, in seconds.
  public static let maxRetryAfterExtension = 5.0

  /// Total attempts allowed per call, the first included (at least 1).
  public let maxAttempts: Int
  /// Decides which outcomes are retryable.
  public let classifier: RetryClassifier
  /// The client's token bucket.
  public private(set) var quota: RetryQuota
  private let random: () -> Double
  private let sleeper: (Double) -> Void

  /// A strategy; `random` returns values in [0, 1) and `sleeper` waits the given seconds (both injectable for tests).
  public init(maxAttempts: Int = defaultMaxAttempts, classifier: RetryClassifier = RetryClassifier(),
              quota: RetryQuota = RetryQuota(), random: @escaping () -> Double = { Double.random(in: 0..<1) },
              sleeper: @escaping (Double) -> Void = RetryStrategy.systemSleep) {
    self.maxAttempts = max(1, maxAttempts)
    self.classifier = classifier
    self.quota = quota
    self.random = random
    self.sleeper = sleeper
  }

  /// Records the outcome of the attempt just made in `context` and says whether to try again.
  ///
  /// Pass `clockSkewCorrected: true` when `ClockSkew` has just changed the signing offset because of this
  /// attempt's error: the attempt is then retried (re-signed) although its error code is otherwise final.
  public func decide(_ outcome: AttemptOutcome, context: inout RetryContext,
                     clockSkewCorrected: Bool = false) -> RetryDecision {
    context.attempts += 1
    if outcome.isSuccess {
      quota.release(context.lastRetryCost ?? RetryQuota.noRetryIncrement)
      return stop(.success, &context)
    }
    guard let kind = classifier.retryKind(outcome) ?? (clockSkewCorrected ? .transientError : nil) else {
      return stop(.notRetryable, &context)
    }
    if classifier.outcomeUnknown(outcome) && !context.idempotent { return stop(.outcomeUnknown, &context) }
    if context.attempts >= maxAttempts { return stop(.maxAttemptsReached, &context) }
    let cost = RetryQuota.cost(of: kind)
    guard quota.acquire(cost) else { return stop(.quotaExhausted, &context) }
    context.lastRetryCost = cost
    return .retry(after: delay(attempts: context.attempts, retryAfter: outcome.header("x-amz-retry-after")))
  }

  /// The wait before the next attempt: `rand[0,1) × min(2^(attempts−1), 20)` seconds, where `attempts` counts
  /// the attempts made so far; a valid `x-amz-retry-after` (milliseconds) replaces it, clamped to
  /// [computed, computed + 5 s].
  public func delay(attempts: Int, retryAfter: String? = nil) -> Double {
    // 2^5 already exceeds the 20 s cap, so the shift never needs to go further.
    let computed = random() * min(Double(1 << min(max(attempts - 1, 0), 5)), Self.maxBackoff)
    guard let retryAfter, let milliseconds = Int(Self.trimmed(retryAfter)), milliseconds >= 0 else {
      return computed
    }
    return min(max(Double(milliseconds) / 1000, computed), computed + Self.maxRetryAfterExtension)
  }

  /// Waits `seconds` with the injected sleeper.
  public func sleep(_ seconds: Double) { sleeper(seconds) }

  /// Runs one operation call: `attempt` is invoked with the current context until the strategy stops,
  /// sleeping between attempts, and the last attempt's value is returned.
  public func run<T>(idempotent: Bool, _ attempt: (RetryContext) -> (outcome: AttemptOutcome, value: T)) -> T {
    var context = RetryContext(idempotent: idempotent)
    while true {
      let (outcome, value) = attempt(context)
      switch decide(outcome, context: &context) {
      case .retry(let seconds): sleeper(seconds)
      case .stop: return value
      }
    }
  }

  /// The `amz-sdk-request` header value for the next attempt of `context`, e.g. `attempt=1; max=3`.
  public func sdkRequestHeader(_ context: RetryContext) -> String {
    "attempt=\(context.attempts + 1); max=\(maxAttempts)"
  }

  /// Sleeps the calling thread for the whole time; the CLI passes its runtime's sleep instead, which Ctrl-C ends
  /// early (so an interrupt is not delayed by a backoff).
  public static let systemSleep: @Sendable (Double) -> Void = { seconds in Interrupt().sleep(seconds) }

  private static func trimmed(_ text: String) -> Substring {
    var s = Substring(text)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return s
  }

  private func stop(_ reason: RetryStopReason, _ context: inout RetryContext) -> RetryDecision {
    context.stopReason = reason
    return .stop
  }
}
