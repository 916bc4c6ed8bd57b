/// An error response from the service, parsed the AWS JSON 1.0 way.
public struct ServiceError: UserFacingError, Equatable {
  /// The error code (`ExecutionDoesNotExist`), or `HTTP <status>` when the body named none.
  public var code: String
  public var message: String
  public var status: Int
  public var requestId: String?

  /// An error answer with these parts.
  public init(code: String, message: String, status: Int, requestId: String? = nil) {
    self.code = code
    self.message = message
    self.status = status
    self.requestId = requestId
  }

  /// Error codes that mean the credentials are missing, wrong or not allowed.
  static let credentialCodes: Set<String> = [
    "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch", "InvalidClientTokenId",
    "ExpiredTokenException", "ExpiredToken", "IncompleteSignature", "MissingAuthenticationToken",
    "AccessDeniedException", "AccessDenied", "MissingAuthenticationTokenException", "InvalidAccessKeyId",
    "NotAuthorized", "AuthFailure", "RequestExpired", "RequestTimeTooSkewed", "KmsAccessDeniedException",
  ]

  /// Credentials refused: 5; unavailable, throttled, timed out or answered unreadably (after all retries): 6;
  /// anything else the service said no to: 4.
  public var kind: FailureKind {
    if Self.credentialCodes.contains(code) { return .credentials }
    if status >= 500 || status == 429 || (200..<300).contains(status)
      || RetryClassifier.defaultThrottlingCodes.contains(code) || RetryClassifier.defaultTransientCodes.contains(code)
    {
      return .unreachable
    }
    return .rejected
  }

  public var description: String {
    var s = code
    if !message.isEmpty { s += ": " + message }
    if let requestId { s += " (request \(requestId))" }
    return s
  }

  /// Parses a non-2xx response: error type from `X-Amzn-ErrorType`, then body `code`, then `__type`;
  /// message from `message` or `Message`; non-JSON bodies (HTML, XML from proxies) still give a code.
  public static func parse(_ response: HTTPResponse) -> ServiceError {
    let requestId = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
    let body = try? JSONParser.parse(bytes: response.body)
    var code = response.header("X-Amzn-ErrorType").map(sanitize)
    if code == "UnknownError" { code = nil }  // moto's placeholder: prefer what the body says
    code = code ?? body?["code"]?.stringValue.map(sanitize) ?? body?["__type"]?.stringValue.map(sanitize)
    var message = body?["message"]?.stringValue ?? body?["Message"]?.stringValue ?? ""
    if body == nil, let xml = XMLError.parse(response.body) {
      code = code ?? xml.code
      message = xml.message
    }
    if code == nil, !message.isEmpty, let inferred = inferCode(message) { code = inferred }
    if body == nil, message.isEmpty { message = describeBody(response) }
    return ServiceError(code: code ?? "HTTP \(response.status)", message: message, status: response.status,
                        requestId: requestId)
  }

  /// `aws.protocoltests#FooError:http://...` -> `FooError`.
  static func sanitize(_ raw: String) -> String {
    var s = Substring(raw)
    if let colon = s.firstIndex(of: ":") { s = s[..<colon] }
    if let hash = s.lastIndex(of: "#") { s = s[s.index(after: hash)...] }
    return s.trimmingWhitespace()
  }

  /// Some emulators omit the code for definition and input errors; the message still tells them apart.
  static func inferCode(_ message: String) -> String? {
    if message.contains("Invalid State Machine Definition") { return "InvalidDefinition" }
    if message.contains("Invalid execution input") || message.contains("Invalid input") { return "InvalidExecutionInput" }
    return nil
  }

  static func describeBody(_ response: HTTPResponse) -> String {
    let type = response.header("Content-Type")?.split(separator: ";").first.map(String.init) ?? "no content type"
    if response.body.isEmpty { return "empty response body" }
    return "the response was not JSON (\(type), \(response.body.count) bytes)"
  }
}

/// The XML error shape that query-protocol services and some proxies return.
struct XMLError {
  var code: String
  var message: String

  static func parse(_ body: [UInt8]) -> XMLError? {
    guard let text = String(validating: body, as: UTF8.self), let code = element("Code", in: text) else { return nil }
    return XMLError(code: code, message: element("Message", in: text) ?? "")
  }

  static func element(_ name: String, in text: String) -> String? {
    guard let start = text.firstRange(of: "<\(name)>"),
      let end = text[start.upperBound...].firstRange(of: "</\(name)>")
    else { return nil }
    return String(text[start.upperBound..<end.lowerBound])
      .replacing("&lt;", with: "<").replacing("&gt;", with: ">")
      .replacing("&quot;", with: "\"").replacing("&apos;", with: "'").replacing("&amp;", with: "&")
  }
}
