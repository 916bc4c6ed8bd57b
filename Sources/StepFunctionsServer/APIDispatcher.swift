import SFNJSON
import SFNKit

/// One HTTP request as the protocol layer sees it.
public struct APIRequest: Sendable {
  /// The HTTP method.
  public var method: String
  /// The request path (always `/` for this protocol).
  public var path: String
  /// The query string, without `?`.
  public var query: String
  /// Header names in lower case.
  public var headers: [String: String]
  /// The request body.
  public var body: [UInt8]

  /// A request.
  public init(method: String, path: String, query: String = "", headers: [String: String], body: [UInt8]) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
  }
}

/// One HTTP response of the protocol layer.
public struct APIResponse: Sendable, Equatable {
  /// The HTTP status.
  public var status: Int
  /// Header names and values, in order.
  public var headers: [(String, String)]
  /// The response body.
  public var body: [UInt8]

  /// Two responses are equal when status, headers and body are.
  public static func == (lhs: APIResponse, rhs: APIResponse) -> Bool {
    lhs.status == rhs.status && lhs.body == rhs.body && lhs.headers.elementsEqual(rhs.headers) { $0 == $1 }
  }
}

/// The AWS JSON 1.0 protocol: `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON body, answered
/// with the operation's output or an error in AWS's shape. Nothing a client sends makes it fail or hang.
public struct APIDispatcher: Sendable {
  /// The content type of requests and responses.
  public static let contentType = "application/x-amz-json-1.0"
  /// The largest request body accepted. AWS's largest input is a 1 MiB definition, which JSON escaping can
  /// grow; what is past this is refused without being read.
  public static let maxBodyBytes = 4 * 1024 * 1024

  let table: OperationTable
  let random: any RandomSource
  let verifier: SignatureVerifier?

  init(table: OperationTable, random: any RandomSource, verifier: SignatureVerifier?) {
    self.table = table
    self.random = random
    self.verifier = verifier
  }

  /// The response to `request`.
  public func respond(to request: APIRequest) async -> APIResponse {
    let requestID = random.uuid()
    do {
      let (operation, input) = try decode(request)
      guard let handler = table.handler(operation.id) else {
        throw APIError("UnknownOperationException", "\(operation.name) is not implemented by sfn local",
                       namespace: .coral)
      }
      let output = try await handler(input)
      return Self.json(status: 200, output, requestID: requestID)
    } catch let error as APIError {
      return Self.error(error, requestID: requestID)
    } catch {
      return Self.error(.internalFailure("\(error)"), requestID: requestID)
    }
  }

  /// The operation and its checked input.
  private func decode(_ request: APIRequest) throws -> (SFNKit.Operation, JSON) {
    let target = request.headers["x-amz-target"] ?? ""
    let prefix = ServiceModel.targetPrefix + "."
    guard request.method == "POST", target.hasPrefix(prefix),
          let operation = ServiceModel.operation(named: String(target.dropFirst(prefix.count)))
    else { throw APIError("UnknownOperationException", nil, namespace: .coral) }
    let type = (request.headers["content-type"] ?? "").split(separator: ";").first?
      .trimmingCharacters(in: .whitespaces).lowercased()
    // The AWS CLI and SDKs send 1.0; Coral front ends also take 1.1 on a 1.0 service.
    guard type == Self.contentType || type == "application/x-amz-json-1.1" else {
      throw APIError("UnknownOperationException", nil, namespace: .coral)
    }
    if let verifier { try verifier.verify(request) }
    guard request.body.count <= Self.maxBodyBytes else { throw Self.tooLarge }
    let input: JSON
    if request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      input = .object(JSONObject())
    } else {
      do { input = try JSONParser.parse(bytes: request.body) } catch let e as JSONParseError {
        throw APIError("SerializationException", "Malformed JSON at \(e)", namespace: .coral)
      }
    }
    guard case .object = input else { throw WireValidator.serialization("") }
    try WireValidator().validate(input, shapeName: operation.input.rawValue)
    return (operation, input)
  }

  /// The error for a body over the limit.
  static let tooLarge = APIError("RequestEntityTooLargeException",
                                 "Request body exceeds the maximum of \(maxBodyBytes) bytes", namespace: .coral,
                                 status: 413)

  /// A JSON response.
  static func json(status: Int, _ value: JSON, requestID: String, extra: [(String, String)] = []) -> APIResponse {
    var body: [UInt8] = []
    JSONWriter.compact.write(value, into: &body)
    let headers = [("Content-Type", contentType), ("x-amzn-RequestId", requestID)] + extra
    return APIResponse(status: status, headers: headers, body: body)
  }

  /// An error response: `__type` and `message` in the body, the code in `X-Amzn-ErrorType` too.
  static func error(_ error: APIError, requestID: String) -> APIResponse {
    let body = object([("__type", .string(error.qualifiedType)), ("message", error.message.map(JSON.string))])
    return json(status: error.status, body, requestID: requestID,
         extra: [("X-Amzn-ErrorType", "\(error.code):http://internal.amazon.com/coral/\(error.namespace.rawValue)/")])
  }
}
