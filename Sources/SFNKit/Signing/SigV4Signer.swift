#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What signing one request produced: the documented intermediates and the final header value.
public struct SigV4Signature: Sendable, Equatable {
  /// Step 1: the canonical request.
  public var canonicalRequest: String
  /// Step 3: the string to sign (step 2, the canonical request's hash, is its last line).
  public var stringToSign: String
  /// The `;`-separated lower-case names of the signed headers.
  public var signedHeaders: String
  /// Step 4: the hex signature.
  public var signature: String
  /// Step 5: the `Authorization` header value.
  public var authorization: String
}

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`) request signing with the `Authorization` header.
///
/// Each step is named after the AWS guide:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
public struct SigV4Signer: Sendable {
  /// The algorithm name that starts the string to sign and the `Authorization` value.
  public static let algorithm = "AWS4-HMAC-SHA256"

  /// Headers botocore never signs (`SIGNED_HEADERS_BLACKLIST`): hop-by-hop ones and those proxies may rewrite.
  public static let botocoreUnsignedHeaders: Set<String> = [
    "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
  ]

  /// Headers `sign(_:date:)` leaves unsigned: botocore's list plus those the real client adds after signing.
  ///
  /// botocore's client sets `Content-Length` and the `amz-sdk-*` retry headers after signing, so they are never
  /// signed there; skipping them here keeps retries free to change them.
  public static let clientUnsignedHeaders: Set<String> = botocoreUnsignedHeaders.union([
    "content-length", "amz-sdk-invocation-id", "amz-sdk-request",
  ])

  /// The keys to sign with.
  public let credentials: Credentials
  /// The signing region, e.g. `us-east-1`.
  public let region: String
  /// The signing name of the service, e.g. `states`.
  public let service: String

  /// A signer for one credential set, region and service.
  public init(credentials: Credentials, region: String, service: String) {
    self.credentials = credentials
    self.region = region
    self.service = service
  }

  /// Adds Host (if missing), X-Amz-Date, X-Amz-Security-Token (when the credentials have a session token) and Authorization.
  public func sign(_ request: inout HTTPRequest, date: Date) {
    sign(&request, date: date, unsignedHeaders: Self.clientUnsignedHeaders)
  }

  /// Signs `request` like `sign(_:date:)` but leaves exactly the headers in `unsignedHeaders` (lower case) unsigned.
  ///
  /// Earlier `Authorization`, `X-Amz-Date` and `X-Amz-Security-Token` fields are replaced, so a retried request
  /// can be signed again. The path and query are taken percent-encoded from the URL.
  @discardableResult
  public func sign(_ request: inout HTTPRequest, date: Date, unsignedHeaders: Set<String>) -> SigV4Signature {
    let replaced: Set<String> = ["authorization", "x-amz-date", "x-amz-security-token"]
    request.headers.removeAll { replaced.contains($0.name.lowercased()) }
    if request.header("Host") == nil {
      request.headers.append(("Host", Self.hostHeader(for: request.url)))
    }
    request.headers.append(("X-Amz-Date", AmzDate.timestamp(date)))
    if let token = credentials.sessionToken {
      request.headers.append(("X-Amz-Security-Token", token))
    }
    let result = signature(method: request.method, path: request.url.path(percentEncoded: true),
                           query: request.url.query(percentEncoded: true) ?? "", headers: request.headers,
                           body: request.body, date: date, excluding: unsignedHeaders)
    request.headers.append(("Authorization", result.authorization))
    return result
  }

  /// Signs raw request parts and returns every intermediate; the headers are signed as given.
  ///
  /// `path` and `query` are as they appear on the request line (`query` without `?`). Nothing is added to
  /// `headers`: callers that want `X-Amz-Date`, `Host` or a token signed must include them.
  public func signature(method: String, path: String, query: String, headers: [(name: String, value: String)],
                        body: [UInt8], date: Date, normalizePath: Bool = true,
                        excluding: Set<String> = []) -> SigV4Signature {
    let (canonical, signedHeaders) = Self.canonicalRequest(
      method: method, path: path, query: query, headers: headers, payloadHash: Crypto.sha256Hex(body),
      normalizePath: normalizePath, excluding: excluding)
    let stringToSign = stringToSign(canonicalRequest: canonical, date: date)
    let signature = signature(stringToSign: stringToSign, date: date)
    return SigV4Signature(canonicalRequest: canonical, stringToSign: stringToSign, signedHeaders: signedHeaders,
                          signature: signature,
                          authorization: authorization(signedHeaders: signedHeaders, signature: signature, date: date))
  }

  /// Step 1: the canonical request and its signed-header list.
  ///
  /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#create-canonical-request
  public static func canonicalRequest(method: String, path: String, query: String,
                                      headers: [(name: String, value: String)], payloadHash: String,
                                      normalizePath: Bool = true, excluding: Set<String> = [])
    -> (text: String, signedHeaders: String) {
    let (canonicalHeaders, signedHeaders) = SigV4Canonical.headers(headers, excluding: excluding)
    let text = [
      method.uppercased(),
      SigV4Canonical.uri(path: path, normalize: normalizePath),
      SigV4Canonical.queryString(query),
      canonicalHeaders,
      signedHeaders,
      payloadHash,
    ].joined(separator: "\n")
    return (text, signedHeaders)
  }

  /// The credential scope, e.g. `20150830/us-east-1/service/aws4_request`.
  public func credentialScope(date: Date) -> String {
    "\(AmzDate.day(date))/\(region)/\(service)/aws4_request"
  }

  /// Steps 2 and 3: the string to sign, ending with the hex SHA-256 of the canonical request.
  ///
  /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#create-string-to-sign
  public func stringToSign(canonicalRequest: String, date: Date) -> String {
    [Self.algorithm, AmzDate.timestamp(date), credentialScope(date: date), Crypto.sha256Hex(canonicalRequest)]
      .joined(separator: "\n")
  }

  /// Step 4a: the signing key, HMAC-chained from `AWS4`+secret through date, region, service and `aws4_request`.
  ///
  /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#derive-signing-key
  public func signingKey(date: Date) -> [UInt8] {
    let dateKey = Crypto.hmacSHA256(key: Array("AWS4\(credentials.secretAccessKey)".utf8), AmzDate.day(date))
    let regionKey = Crypto.hmacSHA256(key: dateKey, region)
    let serviceKey = Crypto.hmacSHA256(key: regionKey, service)
    return Crypto.hmacSHA256(key: serviceKey, "aws4_request")
  }

  /// Step 4b: the hex HMAC-SHA256 of the string to sign under the signing key.
  ///
  /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#calculate-signature
  public func signature(stringToSign: String, date: Date) -> String {
    Crypto.hex(Crypto.hmacSHA256(key: signingKey(date: date), stringToSign))
  }

  /// Step 5: the `Authorization` header value.
  ///
  /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#add-signature-to-request
  public func authorization(signedHeaders: String, signature: String, date: Date) -> String {
    "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(credentialScope(date: date)), "
      + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
  }

  /// The `Host` value for `url`: lower-case host, IPv6 in brackets, port only when not the scheme's default.
  public static func hostHeader(for url: URL) -> String {
    var host = (url.host ?? "").lowercased()
    if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
    guard let port = url.port else { return host }
    let defaultPort: Int? = switch url.scheme?.lowercased() {
    case "https": 443
    case "http": 80
    default: nil
    }
    return port == defaultPort ? host : "\(host):\(port)"
  }
}
