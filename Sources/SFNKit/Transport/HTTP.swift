#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An HTTP request as plain values: what the signer reads and the transport sends.
public struct HTTPRequest: Sendable {
  /// Upper-case method, e.g. `POST`.
  public var method: String
  /// The full URL, scheme and host included.
  public var url: URL
  /// Header fields in sending order; names keep their case.
  public var headers: [(name: String, value: String)]
  /// The raw body bytes.
  public var body: [UInt8]
  /// Seconds the server may stay silent for this request at least (a long poll), beyond the transport's read timeout.
  public var minimumReadTimeout: Double?

  /// A request with the given parts.
  public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
  }

  /// The first value of a header, compared case-insensitively.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// Replaces every field called `name` by one with `value`.
  public mutating func setHeader(_ name: String, _ value: String) {
    headers.removeAll { $0.name.lowercased() == name.lowercased() }
    headers.append((name, value))
  }
}

/// An HTTP response: status, header fields and body.
public struct HTTPResponse: Sendable {
  /// Status code, e.g. 200.
  public var status: Int
  /// Header fields as received; names keep their case.
  public var headers: [(name: String, value: String)]
  /// The raw body bytes, already decompressed.
  public var body: [UInt8]

  /// A response with the given parts.
  public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The first value of a header, compared case-insensitively.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

/// Sends one HTTP request and returns its response; connection failures throw `TransportError`.
public protocol HTTPTransport: AnyObject {
  /// Sends `request`, waiting at most `timeout` seconds for the whole exchange when given.
  func send(_ request: HTTPRequest, timeout: Double?) throws -> HTTPResponse
}

extension HTTPTransport {
  /// Sends `request` with the transport's default timeouts.
  public func send(_ request: HTTPRequest) throws -> HTTPResponse { try send(request, timeout: nil) }
}

/// Why a request got no HTTP response.
public enum TransportError: Error, Equatable, Sendable {
  /// The server refused the connection (nothing listening).
  case connectionRefused(host: String, message: String)
  /// The host name did not resolve.
  case dnsFailure(host: String, message: String)
  /// Connecting or reading took longer than allowed.
  case timeout(message: String)
  /// The TLS handshake or certificate check failed.
  case tls(message: String)
  /// The connection broke after the request may have been sent: the outcome is unknown.
  case connectionLost(message: String)
  /// Any other libcurl failure.
  case other(code: Int, message: String)
  /// The user interrupted the request (Ctrl-C).
  case cancelled

  /// True when the request certainly never reached the server, so any operation may be resent.
  public var requestNotSent: Bool {
    switch self {
    case .connectionRefused, .dnsFailure: return true
    case .tls: return true
    default: return false
    }
  }
}
