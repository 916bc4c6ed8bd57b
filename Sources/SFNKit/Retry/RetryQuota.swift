/// The "standard" mode retry token bucket, one per client: retries spend tokens, successes earn them back.
///
/// When the service keeps failing the bucket empties and the client stops retrying, which keeps a brown-out
/// from being made worse (botocore `retries/quota.py` and `standard.py` `RetryQuotaChecker`).
public struct RetryQuota: Sendable, Equatable {
  /// Tokens in a full bucket.
  public static let defaultCapacity = 500
  /// Tokens a retry costs.
  public static let retryCost = 5
  /// Tokens a retry after a connect or read timeout costs.
  public static let timeoutRetryCost = 10
  /// Tokens a success earns when its operation needed no retry.
  public static let noRetryIncrement = 1

  /// The most tokens the bucket holds.
  public let capacity: Int
  /// Tokens left.
  public private(set) var available: Int

  /// A full bucket of `capacity` tokens.
  public init(capacity: Int = defaultCapacity) {
    self.capacity = capacity
    self.available = capacity
  }

  /// The cost of retrying after an error of `kind`.
  public static func cost(of kind: RetryErrorKind) -> Int {
    kind == .timeout ? timeoutRetryCost : retryCost
  }

  /// Takes `amount` tokens if that many are left; false (and nothing taken) otherwise.
  public mutating func acquire(_ amount: Int) -> Bool {
    guard amount <= available else { return false }
    available -= amount
    return true
  }

  /// Returns `amount` tokens, never filling beyond `capacity`.
  public mutating func release(_ amount: Int) {
    available = min(capacity, available + amount)
  }
}
