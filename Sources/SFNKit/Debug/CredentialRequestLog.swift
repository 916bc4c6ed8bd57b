#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A transport for the credential providers (STS, SSO, IMDS, container) that logs one line per request for `--debug`.
///
/// Only the method, URL, STS action and status are shown: these requests and replies carry secrets in headers and
/// bodies (tokens, keys), so unlike the Step Functions log nothing else is printed.
public final class CredentialRequestLog: HTTPTransport {
  private let base: HTTPTransport
  private let write: (String) -> Void

  /// Sends through `base` and writes each exchange through `write`.
  public init(_ base: HTTPTransport, write: @escaping (String) -> Void) {
    self.base = base
    self.write = write
  }

  public func send(_ request: HTTPRequest, timeout: Double?) throws -> HTTPResponse {
    let action = Self.action(request).map { " (\($0))" } ?? ""
    let line = "debug: credentials: \(request.method) \(Self.withoutQuery(request.url))\(action)"
    do {
      let response = try base.send(request, timeout: timeout)
      write("\(line) -> HTTP \(response.status)")
      return response
    } catch let error as TransportError {
      write("\(line) -> no response: \(CredentialError.describe(error))")
      throw error
    }
  }

  /// The awsQuery `Action` of a form-encoded body, e.g. `AssumeRole`.
  static func action(_ request: HTTPRequest) -> String? {
    guard request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
    let body = String(decoding: request.body, as: UTF8.self)
    return body.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) }
  }

  /// The URL without its query (which may name accounts and roles; never needed to follow the log).
  static func withoutQuery(_ url: URL) -> String {
    let text = url.absoluteString
    return text.firstIndex(of: "?").map { String(text[..<$0]) } ?? text
  }
}
