#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The identity `GetCallerIdentity` reports.
public struct CallerIdentity: Sendable, Equatable {
  /// The 12-digit account.
  public var account: String
  /// The caller's ARN.
  public var arn: String
  /// The unique id of the caller.
  public var userId: String

  /// An identity with the given parts.
  public init(account: String, arn: String, userId: String) {
    self.account = account
    self.arn = arn
    self.userId = userId
  }
}

/// A minimal STS client over the awsQuery protocol: form-encoded POST, XML reply, no dependencies.
public struct STSClient {
  /// The STS endpoint, e.g. `https://sts.eu-west-1.amazonaws.com`.
  public var endpoint: URL
  /// The region to sign for.
  public var signingRegion: String
  /// How requests are sent.
  public var transport: HTTPTransport
  /// The time used for signing.
  public var clock: Clock
  /// Seconds to wait for each call.
  public var timeout: Double

  /// A client for `endpoint`, signing for `signingRegion`.
  public init(endpoint: URL, signingRegion: String, transport: HTTPTransport, clock: Clock = .system,
              timeout: Double = 30) {
    self.endpoint = endpoint
    self.signingRegion = signingRegion
    self.transport = transport
    self.clock = clock
    self.timeout = timeout
  }

  /// The regional client for `region` (`sts.{region}.{dnsSuffix}`), or the global endpoint in us-east-1 without one.
  public static func regional(region: String?, transport: HTTPTransport, clock: Clock = .system,
                              endpointOverride: URL? = nil) -> STSClient {
    let signingRegion = region ?? "us-east-1"
    let url = endpointOverride ?? URL(string: region.map {
      EndpointResolver.ruleEndpoint(hostPrefix: "sts", region: $0, fips: false, dualStack: false)
    }.map { $0 + "/" } ?? "https://sts.amazonaws.com/")!
    return STSClient(endpoint: url, signingRegion: signingRegion, transport: transport, clock: clock)
  }

  /// `AssumeRole`, signed with `source`.
  public func assumeRole(_ role: RoleStep, sessionName: String, tokenCode: String?, source: Credentials) throws
    -> Credentials
  {
    var parameters = [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", role.roleArn),
                      ("RoleSessionName", sessionName)]
    if let externalId = role.externalId { parameters.append(("ExternalId", externalId)) }
    if let serial = role.mfaSerial { parameters.append(("SerialNumber", serial)) }
    if let tokenCode { parameters.append(("TokenCode", tokenCode)) }
    if let duration = role.durationSeconds { parameters.append(("DurationSeconds", String(duration))) }
    let xml = try call("AssumeRole", parameters, signedWith: source)
    return try Self.credentials(from: xml, operation: "AssumeRole")
  }

  /// `AssumeRoleWithWebIdentity`, which is unsigned: the token is the proof.
  public func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String,
                                        durationSeconds: Int? = nil) throws -> Credentials {
    var parameters = [("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleArn),
                      ("RoleSessionName", sessionName), ("WebIdentityToken", token)]
    if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
    let xml = try call("AssumeRoleWithWebIdentity", parameters, signedWith: nil)
    return try Self.credentials(from: xml, operation: "AssumeRoleWithWebIdentity")
  }

  /// `GetCallerIdentity`, signed with `credentials`.
  public func getCallerIdentity(_ credentials: Credentials) throws -> CallerIdentity {
    let xml = try call("GetCallerIdentity", [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")],
                       signedWith: credentials)
    guard let account = XMLText.first("Account", in: xml), let arn = XMLText.first("Arn", in: xml) else {
      throw CredentialError(.credentials, provider: "sts", "sts: GetCallerIdentity reply had no Account/Arn")
    }
    return CallerIdentity(account: account, arn: arn, userId: XMLText.first("UserId", in: xml) ?? "")
  }

  /// Sends one awsQuery call and returns the XML body of a 2xx reply; errors carry the STS code and message.
  private func call(_ operation: String, _ parameters: [(String, String)], signedWith credentials: Credentials?)
    throws -> String
  {
    let query = QueryProtocolCall(endpoint: endpoint, service: "sts", signingRegion: signingRegion,
                                  transport: transport, clock: clock, timeout: timeout)
    let response: HTTPResponse
    do {
      response = try query.send(parameters, signedWith: credentials)
    } catch let error as TransportError where error != .cancelled {
      throw CredentialError.unreachable("sts", "STS at \(endpoint.host ?? "?") for \(operation)", error)
    }
    let xml = String(decoding: response.body, as: UTF8.self)
    guard (200..<300).contains(response.status) else {
      let code = XMLText.first("Code", in: xml) ?? "HTTP \(response.status)"
      let message = XMLText.first("Message", in: xml).map { ": \($0)" } ?? ""
      let requestId = XMLText.first("RequestId", in: xml).map { " (request \($0))" } ?? ""
      let kind: FailureKind = response.status >= 500 || code == "Throttling" ? .unreachable : .credentials
      throw CredentialError(kind, provider: "sts", "sts \(operation) failed: \(code)\(message)\(requestId)")
    }
    return xml
  }

  /// The `<Credentials>` of an AssumeRole* reply, with the account taken from the assumed-role ARN.
  static func credentials(from xml: String, operation: String) throws -> Credentials {
    guard let block = XMLText.element("Credentials", in: xml),
          let id = XMLText.first("AccessKeyId", in: block), let secret = XMLText.first("SecretAccessKey", in: block),
          let token = XMLText.first("SessionToken", in: block) else {
      throw CredentialError(.credentials, provider: "sts", "sts \(operation) reply had no credentials")
    }
    let expiration = XMLText.first("Expiration", in: block).flatMap(ISO8601.parse)
    let arn = XMLText.element("AssumedRoleUser", in: xml).flatMap { XMLText.first("Arn", in: $0) }
    let account = arn.flatMap { $0.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first }
    return Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token, expiration: expiration,
                       accountId: account.map(String.init).flatMap { $0.isEmpty ? nil : $0 })
  }
}

/// `application/x-www-form-urlencoded` escaping as AWS expects: everything but unreserved characters is %XX.
enum FormEncoding {
  static func escape(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
           UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
           UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
      }
    }
    return out
  }
}

/// Just enough XML reading for STS replies: the text of the first element with a given name.
enum XMLText {
  /// The raw inner XML of the first `<name>` element (attributes allowed), or nil.
  static func element(_ name: String, in xml: String) -> String? {
    var search = xml[...]
    while let open = find("<\(name)", in: search) {
      let after = search[open.upperBound...]
      guard let next = after.first else { return nil }
      if next == ">" || next == " " || next == "\t" || next == "\n" || next == "\r" || next == "/" {
        guard let close = after.firstIndex(of: ">") else { return nil }
        if close > after.startIndex, after[after.index(before: close)] == "/" { return "" }  // <name/>
        let content = after[after.index(after: close)...]
        guard let end = find("</\(name)>", in: content) else { return nil }
        return String(content[..<end.lowerBound])
      }
      search = after
    }
    return nil
  }

  /// The range of the first occurrence of `needle` in `text`.
  static func find(_ needle: String, in text: Substring) -> Range<Substring.Index>? {
    let pattern = Array(needle.utf8)
    let bytes = text.utf8
    var start = bytes.startIndex
    while start != bytes.endIndex {
      var i = start, j = 0
      while j < pattern.count, i != bytes.endIndex, bytes[i] == pattern[j] {
        i = bytes.index(after: i)
        j += 1
      }
      if j == pattern.count { return start..<i }
      start = bytes.index(after: start)
    }
    return nil
  }

  /// The entity-decoded text of the first `<name>` element, or nil.
  static func first(_ name: String, in xml: String) -> String? {
    element(name, in: xml).map(decode)
  }

  /// Decodes the five named entities and numeric character references.
  static func decode(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var out = ""
    var rest = text[...]
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      guard let semi = rest[amp...].firstIndex(of: ";") else { break }
      let entity = rest[rest.index(after: amp)..<semi]
      switch entity {
      case "amp": out += "&"
      case "lt": out += "<"
      case "gt": out += ">"
      case "quot": out += "\""
      case "apos": out += "'"
      default:
        let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
          : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
        if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else {
          out += "&\(entity);"
        }
      }
      rest = rest[rest.index(after: semi)...]
    }
    return out + rest
  }
}
