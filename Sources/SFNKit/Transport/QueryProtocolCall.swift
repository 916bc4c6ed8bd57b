#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One awsQuery call (STS, IAM): a form-encoded POST signed with SigV4 for `service`, answered in XML.
struct QueryProtocolCall {
  var endpoint: URL
  /// The signing name, e.g. `sts` or `iam`.
  var service: String
  var signingRegion: String
  var transport: HTTPTransport
  var clock: Clock
  var timeout: Double

  /// Sends `parameters` (Action and Version included), signed with `credentials` unless nil; any status comes back.
  func send(_ parameters: [(String, String)], signedWith credentials: Credentials?) throws -> HTTPResponse {
    let body = parameters.map { "\(FormEncoding.escape($0.0))=\(FormEncoding.escape($0.1))" }.joined(separator: "&")
    var request = HTTPRequest(method: "POST", url: endpoint, headers: [
      ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
      ("Accept", "text/xml"),
    ], body: Array(body.utf8))
    if let credentials {
      SigV4Signer(credentials: credentials, region: signingRegion, service: service).sign(&request, date: clock.now())
    }
    return try transport.send(request, timeout: timeout)
  }
}
