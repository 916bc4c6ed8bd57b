import Foundation
import SFNKit

/// Checks SigV4 signatures (`--require-signature`) with SFNKit's signer, answering as AWS does when one is missing,
/// made with an unknown key, wrong, or too old.
struct SignatureVerifier: Sendable {
  /// Secret keys by access key id.
  let keys: [String: String]
  let clock: any ServerClock
  /// How far a request's time may be from the server's, as on AWS.
  static let allowedSkew: Double = 300

  /// Throws the error AWS answers when `request` is not signed by one of `keys`.
  func verify(_ request: APIRequest) throws {
    guard let header = request.headers["authorization"] else {
      throw APIError("MissingAuthenticationTokenException", "Missing Authentication Token", namespace: .coral)
    }
    guard let auth = Authorization(header), let dateText = request.headers["x-amz-date"],
          let date = Self.date(dateText)
    else {
      throw APIError("IncompleteSignatureException", "Authorization header requires 'Credential', 'Signature' and "
        + "'SignedHeaders' parameters, and the request an X-Amz-Date header.", namespace: .coral)
    }
    guard let secret = keys[auth.accessKey] else {
      throw APIError("UnrecognizedClientException", "The security token included in the request is invalid.",
                     namespace: .coral)
    }
    let now = clock.now()
    if abs(date.timeIntervalSince1970 - now) > Self.allowedSkew {
      throw APIError("InvalidSignatureException", "Signature expired: \(dateText) is now earlier or later than "
        + "the server's time by more than 5 minutes.", namespace: .coral)
    }
    let signer = SigV4Signer(credentials: Credentials(accessKeyId: auth.accessKey, secretAccessKey: secret),
                             region: auth.region, service: auth.service)
    let headers = auth.signedHeaders.map { (name: $0, value: request.headers[$0] ?? "") }
    let expected = signer.signature(method: request.method, path: request.path, query: request.query,
                                    headers: headers, body: request.body, date: date)
    guard auth.day == AmzDate.day(date), expected.signature == auth.signature else {
      throw APIError("InvalidSignatureException", "The request signature we calculated does not match the "
        + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
        + "documentation for details.", namespace: .coral)
    }
  }

  /// `20150830T123600Z` as a date.
  static func date(_ text: String) -> Date? {
    let digits = Array(text.utf8)
    guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
    func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
    guard let y = number(0..<4), let m = number(4..<6), let d = number(6..<8), let h = number(9..<11),
          let mi = number(11..<13), let s = number(13..<15), (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    // Days from the civil date (proleptic Gregorian), without a calendar object.
    let yy = m <= 2 ? y - 1 : y
    let era = (yy >= 0 ? yy : yy - 399) / 400
    let yoe = yy - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3600 + mi * 60 + s))
  }

  /// The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header.
  struct Authorization {
    let accessKey: String, day: String, region: String, service: String
    let signedHeaders: [String]
    let signature: String

    init?(_ header: String) {
      guard header.hasPrefix(SigV4Signer.algorithm + " ") else { return nil }
      var fields: [String: String] = [:]
      for part in header.dropFirst(SigV4Signer.algorithm.count + 1).split(separator: ",") {
        let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
        if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
      }
      let scope = (fields["Credential"] ?? "").split(separator: "/").map(String.init)
      guard scope.count == 5, scope[4] == "aws4_request", let signed = fields["SignedHeaders"],
            let signature = fields["Signature"]
      else { return nil }
      accessKey = scope[0]
      day = scope[1]
      region = scope[2]
      service = scope[3]
      signedHeaders = signed.split(separator: ";").map(String.init)
      self.signature = signature
    }
  }
}

/// Reads access keys from an AWS credentials file: every section's `aws_access_key_id` and `aws_secret_access_key`.
enum CredentialsFile {
  /// Secret keys by access key id.
  static func keys(in text: String) -> [String: String] {
    var keys: [String: String] = [:]
    var id: String?, secret: String?
    func flush() {
      if let id, let secret { keys[id] = secret }
      id = nil
      secret = nil
    }
    for raw in text.split(whereSeparator: \.isNewline) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("[") {
        flush()
        continue
      }
      let pair = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard pair.count == 2 else { continue }
      if pair[0] == "aws_access_key_id" { id = pair[1] }
      if pair[0] == "aws_secret_access_key" { secret = pair[1] }
    }
    flush()
    return keys
  }
}
