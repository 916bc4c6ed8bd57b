import Foundation
import SFNKit

/// An HTTP transport that speaks the AWS JSON 1.0 protocol from recorded answers, for in-process command tests.
///
/// Every request is kept as sent (method, URL, headers, body). It is answered as Step Functions would: the
/// operation from `X-Amz-Target`, an unsigned request refused, the body parsed, then the reply of the first
/// handler for that operation (a queued one-off first, else the standing one) as a response with the service's
/// content type, a request id, and for errors `X-Amzn-ErrorType` and a `{"__type", "message"}` body.
final class RecordingTransport: HTTPTransport {
  /// How the service answers one request.
  enum Reply {
    /// 200 with this JSON body.
    case ok(JSON)
    /// A service error: `type` (e.g. `ExecutionDoesNotExist`), its message and HTTP status.
    case error(type: String, message: String, status: Int = 400)
    /// No HTTP response at all (connection refused, timeout, ...).
    case failure(TransportError)
  }

  /// One request as received.
  struct Call {
    /// The request as the client sent it, headers and body bytes included.
    var request: HTTPRequest
    /// The operation named by `X-Amz-Target` (`StartExecution`).
    var operation: String
    /// The parsed request body.
    var body: JSON
  }

  private let lock = NSLock()
  private var standing: [String: (JSON) -> Reply] = [:]
  private var queued: [String: [Reply]] = [:]
  private var received: [Call] = []

  /// Answers every `operation` request with `reply(body)`.
  func on(_ operation: String, _ reply: @escaping (JSON) -> Reply) {
    lock.withLock { standing[operation] = reply }
  }

  /// Answers the next `operation` request with `reply`, before any standing answer.
  func queue(_ operation: String, _ reply: Reply) {
    lock.withLock { queued[operation, default: []].append(reply) }
  }

  /// The requests received so far, oldest first.
  var calls: [Call] { lock.withLock { received } }

  /// The operations received so far.
  var operations: [String] { calls.map(\.operation) }

  func send(_ request: HTTPRequest, timeout: Double?) throws -> HTTPResponse {
    let operation = request.header("X-Amz-Target")?.split(separator: ".", maxSplits: 1).last.map(String.init) ?? ""
    guard request.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 ") == true else {
      return Self.response(.error(type: "MissingAuthenticationTokenException", message: "Missing Authentication Token"))
    }
    let body = request.body.isEmpty ? JSON.object(JSONObject()) : ((try? JSONParser.parse(bytes: request.body)) ?? .null)
    let handler: (JSON) -> Reply = lock.withLock {
      received.append(Call(request: request, operation: operation, body: body))
      if var replies = queued[operation], !replies.isEmpty {
        let reply = replies.removeFirst()
        queued[operation] = replies
        return { _ in reply }
      }
      return standing[operation]
        ?? { _ in .error(type: "UnknownOperationException", message: "\(operation) is not answered by this test") }
    }
    let reply = handler(body)
    if case .failure(let error) = reply { throw error }
    return Self.response(reply)
  }

  private static func response(_ reply: Reply) -> HTTPResponse {
    var headers = [("Content-Type", "application/x-amz-json-1.0"), ("x-amzn-RequestId", UUID().uuidString.lowercased())]
    switch reply {
    case .ok(let json):
      return HTTPResponse(status: 200, headers: headers, body: Array(JSONWriter.compact.string(json).utf8))
    case .error(let type, let message, let status):
      headers.append(("X-Amzn-ErrorType", type))
      let body: JSON = .object(JSONObject([("__type", .string(type)), ("message", .string(message))]))
      return HTTPResponse(status: status, headers: headers, body: Array(JSONWriter.compact.string(body).utf8))
    case .failure:
      preconditionFailure("a transport failure has no response")
    }
  }
}
