#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where and how the client talks to Step Functions.
public struct ClientConfiguration: Sendable {
  /// The signing region.
  public var region: String
  /// The service endpoint, e.g. `https://states.us-east-1.amazonaws.com`.
  public var endpoint: URL
  /// The user named the endpoint (flag, environment or config): no `sync-` host prefix then.
  public var endpointIsCustom: Bool
  /// Total attempts per call, the first included.
  public var maxAttempts: Int = 3

  /// A configuration for `region` and `endpoint`.
  public init(region: String, endpoint: URL, endpointIsCustom: Bool) {
    self.region = region
    self.endpoint = endpoint
    self.endpointIsCustom = endpointIsCustom
  }
}

/// Another AWS JSON-protocol service the client can call (CloudWatch Logs): where it is and how it is signed.
public struct JSONService: Sendable {
  /// The resolved endpoint.
  public var endpoint: URL
  /// The SigV4 signing name, e.g. `logs`.
  public var signingName: String
  /// The signing region.
  public var region: String
  /// The `X-Amz-Target` prefix, e.g. `Logs_20140328`.
  public var targetPrefix: String
  /// `application/x-amz-json-1.1` or `-1.0`.
  public var contentType: String

  /// A service at `endpoint`.
  public init(endpoint: URL, signingName: String, region: String, targetPrefix: String, contentType: String) {
    (self.endpoint, self.signingName, self.region) = (endpoint, signingName, region)
    (self.targetPrefix, self.contentType) = (targetPrefix, contentType)
  }
}

/// Calls one service operation with its JSON input and returns the raw JSON response
/// (normally `StepFunctionsClient.call`; tests pass a fake).
public typealias ServiceCall = (_ operation: OperationName, _ input: JSON) throws -> JSON

/// Watches the exchanges a client makes, for `--debug`.
public protocol ExchangeObserver: AnyObject {
  /// A request is about to be sent (already signed); `operation` names it (`StartExecution`, `logs:FilterLogEvents`).
  func willSend(_ request: HTTPRequest, operation: String, attempt: Int)
  /// A response arrived after `seconds`.
  func didReceive(_ response: HTTPResponse, seconds: Double)
  /// The attempt failed without a response.
  func didFail(_ error: TransportError, seconds: Double)
  /// The client will try again after `delay` seconds because of `reason`.
  func willRetry(after delay: Double, reason: String)
}

/// Calls Step Functions operations over the AWS JSON 1.0 protocol, with retries and clock-skew correction.
public final class StepFunctionsClient {
  public let configuration: ClientConfiguration
  private let transport: HTTPTransport
  private let credentialProvider: CredentialProvider
  private let clock: Clock
  private let retry: RetryStrategy
  /// The signing clock's offset from the local clock, learnt from the service's Date header.
  private var skew = ClockSkew()
  public weak var observer: ExchangeObserver?

  /// A client; credentials are asked of `credentials` before each request (wrap it in `RefreshingCredentials`).
  public init(configuration: ClientConfiguration, transport: HTTPTransport, credentials: CredentialProvider,
              clock: Clock = .system, retry: RetryStrategy? = nil) {
    self.configuration = configuration
    self.transport = transport
    self.credentialProvider = credentials
    self.clock = clock
    self.retry = retry ?? RetryStrategy(maxAttempts: configuration.maxAttempts)
  }

  /// Calls `operation` with `input` and returns the response as the service sent it (epoch timestamps).
  ///
  /// StartExecution gets a generated name and RedriveExecution a client token when the input has none, fixed
  /// before the first attempt, so a retry after a lost response cannot act twice.
  public func call(_ operation: OperationName, _ input: JSON = [:], timeout: Double? = nil) throws -> JSON {
    let op = ServiceModel.operation(operation)
    let input = Self.withIdempotencyKey(op, input)
    let exchange = Exchange(label: op.name, url: url(for: op), target: "\(ServiceModel.targetPrefix).\(op.name)",
                            contentType: "application/x-amz-json-1.0", signingName: ServiceModel.signingName,
                            signingRegion: configuration.region, idempotent: op.idempotent || Self.readOnly(op.id),
                            minimumReadTimeout: Self.longPollReadTimeout(op.id))
    return try send(exchange, input, timeout: timeout) { try self.recoverStart(op, input, $0) }
  }

  /// Calls `operation` of another AWS JSON service (CloudWatch Logs) with this client's credentials, retries,
  /// clock-skew correction and `--debug` observer.
  public func call(_ service: JSONService, _ operation: String, _ input: JSON, idempotent: Bool = true,
                   timeout: Double? = nil) throws -> JSON {
    let exchange = Exchange(label: "\(service.signingName):\(operation)", url: service.endpoint,
                            target: "\(service.targetPrefix).\(operation)", contentType: service.contentType,
                            signingName: service.signingName, signingRegion: service.region, idempotent: idempotent,
                            minimumReadTimeout: nil)
    return try send(exchange, input, timeout: timeout) { _ in nil }
  }

  /// One operation's request, whatever the service.
  private struct Exchange {
    var label: String
    var url: URL
    var target: String
    var contentType: String
    var signingName: String
    var signingRegion: String
    var idempotent: Bool
    var minimumReadTimeout: Double?
  }

  /// Sends `input` until it succeeds or the retry strategy stops; `recover` may turn the final error into a result.
  private func send(_ exchange: Exchange, _ input: JSON, timeout: Double?,
                    recover: (ServiceError) throws -> JSON?) throws -> JSON {
    let body = Array(JSONWriter.compact.string(input).utf8)
    var context = RetryContext(idempotent: exchange.idempotent)
    let invocationId = UUID().uuidString.lowercased()
    // An earlier attempt may have been acted on (its response was lost), and the clock was corrected already.
    var mayHaveActed = false, skewRetried = false
    while true {
      var request = HTTPRequest(method: "POST", url: exchange.url, headers: [
        ("Content-Type", exchange.contentType),
        ("X-Amz-Target", exchange.target),
        ("amz-sdk-invocation-id", invocationId),
        ("amz-sdk-request", retry.sdkRequestHeader(context)),
      ], body: body)
      request.minimumReadTimeout = exchange.minimumReadTimeout
      let signingTime = skew.signingTime(now: clock.now())
      try sign(&request, at: signingTime, service: exchange.signingName, region: exchange.signingRegion)
      observer?.willSend(request, operation: exchange.label, attempt: context.attempts + 1)
      let started = clock.now()
      let result: Result<HTTPResponse, TransportError>
      do { result = .success(try transport.send(request, timeout: timeout)) } catch let e as TransportError {
        result = .failure(e)
      }
      let elapsed = clock.now().timeIntervalSince(started)
      let outcome: AttemptOutcome
      var failure: Error
      switch result {
      case .success(let response):
        observer?.didReceive(response, seconds: elapsed)
        if (200..<300).contains(response.status) {
          if response.body.isEmpty { return [:] }
          if let json = try? JSONParser.parse(bytes: response.body) {
            _ = retry.decide(.response(response, errorCode: nil), context: &context)
            return json
          }
          // A 2xx with an unreadable body (a truncated transfer, a proxy page): the outcome is unknown.
          failure = ServiceError(code: "InvalidResponse", message: "the service answered \(response.status) with a body that is not JSON",
                                 status: response.status, requestId: response.header("x-amzn-RequestId"))
          outcome = .transport(.connectionLost(message: "unreadable response body"))
        } else {
          let error = ServiceError.parse(response)
          failure = error
          outcome = .response(response, errorCode: error.code)
        }
      case .failure(let error):
        observer?.didFail(error, seconds: elapsed)
        if error == .cancelled { throw error }
        failure = error
        outcome = .transport(error)
      }
      // The corrected offset stays on the client for later calls; one re-signed retry per call is enough.
      let skewed = !skewRetried && updateSkew(outcome, signingTime: signingTime)
      skewRetried = skewRetried || skewed
      switch retry.decide(outcome, context: &context, clockSkewCorrected: skewed) {
      case .retry(let delay):
        mayHaveActed = mayHaveActed || retry.classifier.outcomeUnknown(outcome)
        observer?.willRetry(after: delay, reason: Self.reason(outcome))
        retry.sleep(skewed ? 0 : delay)
      case .stop:
        if mayHaveActed, let service = failure as? ServiceError, let recovered = try recover(service) {
          return recovered
        }
        throw failure
      }
    }
  }

  /// The read timeout an operation that holds the connection open while it waits for work needs (the service
  /// answers GetActivityTask after up to 60 seconds of silence); nil for the others. A function, not a dictionary:
  /// the dictionary's first use looked up a protocol conformance at run time (280,000 instructions a call).
  static func longPollReadTimeout(_ operation: OperationName) -> Double? { operation == .getActivityTask ? 70 : nil }

  /// Operations that change nothing, so an attempt whose response was lost can be repeated. GetActivityTask is not
  /// one: a lost response may have handed out a task that nobody will work on.
  static func readOnly(_ operation: OperationName) -> Bool {
    operation != .getActivityTask
      && ["Describe", "List", "Get", "Validate", "Test"].contains { operation.rawValue.hasPrefix($0) }
  }

  /// True when the error says the clock is off and the offset was corrected from the Date header.
  private func updateSkew(_ outcome: AttemptOutcome, signingTime: Date) -> Bool {
    guard case .response(_, let code, _) = outcome else { return false }
    return skew.update(errorCode: code, dateHeader: outcome.header("Date"), signingTime: signingTime, method: "POST")
  }

  private static func reason(_ outcome: AttemptOutcome) -> String {
    switch outcome {
    case .response(let status, let code, _):
      // A body without an error code gives the code "HTTP 503": say it once.
      return "HTTP \(status)" + (code.flatMap { $0.hasPrefix("HTTP ") ? nil : " \($0)" } ?? "")
    case .transport(let e): return "\(e)"
    }
  }

  private func sign(_ request: inout HTTPRequest, at date: Date, service: String, region: String) throws {
    guard let credentials = try credentialProvider.credentials() else {
      throw CredentialError(.credentials, provider: nil,
                            "no credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or configure a profile")
    }
    SigV4Signer(credentials: credentials, region: region, service: service).sign(&request, date: date)
  }

  /// The URL for `op`: the configured endpoint, with the model's host prefix on AWS endpoints only.
  func url(for op: Operation) -> URL {
    var url = configuration.endpoint
    if let prefix = op.hostPrefix, !configuration.endpointIsCustom, var parts = URLComponents(url: url, resolvingAgainstBaseURL: false),
      let host = parts.host
    {
      parts.host = prefix + host
      url = parts.url ?? url
    }
    return url
  }
}
