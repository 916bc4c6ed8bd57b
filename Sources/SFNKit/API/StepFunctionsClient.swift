#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

/// Watches the exchanges a client makes, for `--debug`.
public protocol ExchangeObserver: AnyObject {
  /// A request is about to be sent (already signed).
  func willSend(_ request: HTTPRequest, operation: String, attempt: Int)
  /// A response arrived after `seconds`.
  func didReceive(_ response: HTTPResponse, seconds: Double)
  /// The attempt failed without a response.
  func didFail(_ error: TransportError, seconds: Double)
  /// The client will try again after `delay` seconds because of `reason`.
  func willRetry(after delay: Double, reason: String)
}

/// Calls Step Functions operations over the AWS JSON 1.0 protocol.
public final class StepFunctionsClient {
  public let configuration: ClientConfiguration
  private let transport: HTTPTransport
  private let credentialSource: () throws -> Credentials
  private var cachedCredentials: Credentials?
  private let clock: Clock
  private let sleep: (Double) -> Void
  private let random: () -> Double
  /// Seconds to add to the local clock when signing, learnt from the service's Date header.
  private var clockSkew: Double = 0
  public weak var observer: ExchangeObserver?

  /// A client; `credentials` is called once, on the first request.
  public init(configuration: ClientConfiguration, transport: HTTPTransport, credentials: @escaping () throws -> Credentials,
              clock: Clock = .system, sleep: @escaping (Double) -> Void = { usleep(UInt32($0 * 1_000_000)) },
              random: @escaping () -> Double = { Double.random(in: 0..<1) }) {
    self.configuration = configuration
    self.transport = transport
    self.credentialSource = credentials
    self.clock = clock
    self.sleep = sleep
    self.random = random
  }

  /// Calls `operation` with `input` and returns the response as the service sent it (epoch timestamps).
  public func call(_ operation: String, _ input: JSON = [:], timeout: Double? = nil) throws -> JSON {
    guard let op = ServiceModel.operation(operation) else {
      throw SFNError(.usage, "unknown operation \(operation)")
    }
    let body = Array(JSONWriter.compact.string(input).utf8)
    var attempt = 0
    while true {
      attempt += 1
      let request = try signedRequest(op, body: body)
      observer?.willSend(request, operation: operation, attempt: attempt)
      let started = clock.now()
      let outcome: Result<HTTPResponse, TransportError>
      do {
        outcome = .success(try transport.send(request, timeout: timeout))
      } catch let e as TransportError {
        outcome = .failure(e)
      }
      let elapsed = clock.now().timeIntervalSince(started)
      switch outcome {
      case .success(let response):
        observer?.didReceive(response, seconds: elapsed)
        if (200..<300).contains(response.status) {
          if response.body.isEmpty { return [:] }
          do {
            return try JSONParser.parse(bytes: response.body)
          } catch {
            let e = ServiceError(code: "InvalidResponse", message: "the service answered \(response.status) with a body that is not JSON (\(error))", status: response.status)
            if attempt < configuration.maxAttempts, op.idempotent {
              try backoff(attempt, reason: "unreadable response body")
              continue
            }
            throw e
          }
        }
        let error = ServiceError.parse(response)
        if attempt < configuration.maxAttempts, isRetryable(error) {
          try backoff(attempt, reason: error.code)
          continue
        }
        throw error
      case .failure(let error):
        observer?.didFail(error, seconds: elapsed)
        if error == .cancelled { throw error }
        if attempt < configuration.maxAttempts, error.requestNotSent || op.idempotent {
          try backoff(attempt, reason: "\(error)")
          continue
        }
        throw error
      }
    }
  }

  private func isRetryable(_ error: ServiceError) -> Bool {
    [500, 502, 503, 504].contains(error.status) || RetryCodes.throttling.contains(error.code)
      || ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"].contains(error.code)
  }

  private func backoff(_ attempt: Int, reason: String) throws {
    let delay = random() * min(pow(2, Double(attempt - 1)), 20)
    observer?.willRetry(after: delay, reason: reason)
    sleep(delay)
  }

  private func credentials() throws -> Credentials {
    if let cachedCredentials { return cachedCredentials }
    let c = try credentialSource()
    cachedCredentials = c
    return c
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

  private func signedRequest(_ op: Operation, body: [UInt8]) throws -> HTTPRequest {
    var request = HTTPRequest(method: "POST", url: url(for: op), headers: [
      ("Content-Type", "application/x-amz-json-1.0"),
      ("X-Amz-Target", "\(ServiceModel.targetPrefix).\(op.name)"),
    ], body: body)
    let signer = SigV4Signer(credentials: try credentials(), region: configuration.region, service: ServiceModel.signingName)
    signer.sign(&request, date: clock.now().addingTimeInterval(clockSkew))
    return request
  }
}
