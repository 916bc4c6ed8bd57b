/// What one attempt of an operation produced, in the terms the retry logic needs.
public enum AttemptOutcome: Sendable {
  /// The server answered; `errorCode` is the sanitised AWS error type of a non-2xx reply, if one was found.
  case response(status: Int, errorCode: String?, headers: [(name: String, value: String)])
  /// No HTTP response arrived.
  case transport(TransportError)

  /// The outcome for a received response whose error code the caller has already parsed.
  public static func response(_ response: HTTPResponse, errorCode: String?) -> AttemptOutcome {
    .response(status: response.status, errorCode: errorCode, headers: response.headers)
  }

  /// True for a 2xx response.
  public var isSuccess: Bool {
    if case .response(let status, _, _) = self { return (200..<300).contains(status) }
    return false
  }

  /// The first value of a response header, compared case-insensitively; nil for transport failures.
  public func header(_ name: String) -> String? {
    guard case .response(_, _, let headers) = self else { return nil }
    let lower = name.lowercased()
    return headers.first { $0.name.lowercased() == lower }?.value
  }
}

/// Why a failed attempt may be retried; the kind decides the retry-quota cost.
public enum RetryErrorKind: Sendable, Equatable {
  /// A throttling error code (these arrive with HTTP 400) or HTTP 429.
  case throttling
  /// A transient error code such as `RequestTimeout`.
  case transientError
  /// HTTP 500, 502, 503 or 504.
  case serverError
  /// The connection failed (refused, DNS, TLS, or broken mid-exchange).
  case connectionError
  /// Connecting or reading timed out; costs more retry quota than other errors.
  case timeout
}

/// Sorts attempt outcomes into retryable and final, following the "standard" retry mode.
///
/// Sources: botocore `retries/standard.py`; `KmsThrottlingException` is added as
/// throttling at the project's request although Step Functions does not model it as retryable; HTTP 429 counts as
/// throttling as in the Java SDK, so a proxy's rate limiting is retried too.
public struct RetryClassifier: Sendable {
  /// Error codes that mean "slow down".
  public static let defaultThrottlingCodes: Set<String> = [
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException", "KmsThrottlingException",
  ]
  /// Error codes for failures that are expected to go away on their own.
  public static let defaultTransientCodes: Set<String> = [
    "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
  ]
  /// HTTP statuses retried whatever the error code.
  public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

  /// The throttling error codes in use.
  public var throttlingCodes: Set<String>
  /// The transient error codes in use.
  public var transientCodes: Set<String>

  /// A classifier with the standard code lists.
  public init(throttlingCodes: Set<String> = defaultThrottlingCodes,
              transientCodes: Set<String> = defaultTransientCodes) {
    self.throttlingCodes = throttlingCodes
    self.transientCodes = transientCodes
  }

  /// Why `outcome` may be retried, or nil when it is a success or a final error.
  public func retryKind(_ outcome: AttemptOutcome) -> RetryErrorKind? {
    switch outcome {
    case .response(let status, let code, _):
      if (200..<300).contains(status) { return nil }
      if let code, throttlingCodes.contains(code) { return .throttling }
      if let code, transientCodes.contains(code) { return .transientError }
      if status == 429 { return .throttling }
      if Self.transientStatuses.contains(status) { return .serverError }
      return nil
    case .transport(let error):
      switch error {
      case .timeout: return .timeout
      case .connectionRefused, .dnsFailure, .tls, .connectionLost: return .connectionError
      // `.other` is a local libcurl setup failure (bad option, out of memory), so trying again cannot help.
      case .other, .cancelled: return nil
      }
    }
  }

  /// True when the server may have received and acted on the request although no response arrived.
  ///
  /// Such an attempt may only be repeated for idempotent operations; anything that got an HTTP response,
  /// or that certainly never left the machine, has a known outcome.
  public func outcomeUnknown(_ outcome: AttemptOutcome) -> Bool {
    guard case .transport(let error) = outcome else { return false }
    switch error {
    case .timeout, .connectionLost: return !error.requestNotSent
    default: return false
    }
  }
}
