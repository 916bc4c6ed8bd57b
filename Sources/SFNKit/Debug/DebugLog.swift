/// Writes each exchange to a line sink (stderr) for `--debug`, with secrets masked, plus an equivalent curl command.
public final class DebugLog: ExchangeObserver {
  private let write: (String) -> Void

  /// A log writing lines through `write`.
  public init(write: @escaping (String) -> Void) { self.write = write }

  public func willSend(_ request: HTTPRequest, operation: String, attempt: Int) {
    write("debug: \(operation) attempt \(attempt): \(request.method) \(request.url.absoluteString)")
    for (name, value) in request.headers { write("debug: > \(name): \(Redactor.header(name, value))") }
    write("debug: > body: \(Redactor.body(request.body))")
    write("debug: curl equivalent: \(curlCommand(request))")
  }

  public func didReceive(_ response: HTTPResponse, seconds: Double) {
    write("debug: < HTTP \(response.status) in \(Int(seconds * 1000)) ms")
    for (name, value) in response.headers { write("debug: < \(name): \(Redactor.header(name, value))") }
    write("debug: < body: \(Redactor.body(response.body))")
  }

  public func didFail(_ error: TransportError, seconds: Double) {
    write("debug: ! no response after \(Int(seconds * 1000)) ms: \(error)")
  }

  public func willRetry(after delay: Double, reason: String) {
    write("debug: retrying in \(Int(delay * 1000)) ms because of \(reason)")
  }

  /// `curl --aws-sigv4 ...` for the request, credentials as shell variables, never their values.
  func curlCommand(_ request: HTTPRequest) -> String {
    let scope = request.header("Authorization")?.firstRange(of: "Credential=").map { range -> [Substring] in
      let rest = request.header("Authorization")![range.upperBound...]
      return rest.prefix { $0 != "," }.split(separator: "/")
    }
    let region = scope.map { $0.count > 2 ? String($0[2]) : "us-east-1" } ?? "us-east-1"
    let service = scope.map { $0.count > 3 ? String($0[3]) : "states" } ?? "states"
    var parts = ["curl", "--aws-sigv4", quote("aws:amz:\(region):\(service)"),
                 "--user", "\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\""]
    if request.header("X-Amz-Security-Token") != nil { parts += ["-H", "\"x-amz-security-token: $AWS_SESSION_TOKEN\""] }
    for (name, value) in request.headers {
      let lower = name.lowercased()
      if ["authorization", "x-amz-date", "x-amz-security-token", "host"].contains(lower) || lower.hasPrefix("amz-sdk") {
        continue
      }
      parts += ["-H", quote("\(name): \(value)")]
    }
    parts += ["--data-binary", quote(Redactor.body(request.body)), quote(request.url.absoluteString)]
    return parts.joined(separator: " ")
  }

  private func quote(_ s: String) -> String { "'" + s.replacing("'", with: "'\\''") + "'" }
}
