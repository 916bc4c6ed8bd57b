import XCTest
@testable import SFNKit

/// A scripted `HTTPTransport` that records requests and answers through `handler`.
final class CredentialFakeTransport: HTTPTransport {
  var requests: [HTTPRequest] = []
  var handler: (HTTPRequest) throws -> HTTPResponse

  /// By default nothing answers, as off EC2 and outside containers.
  init(_ handler: @escaping (HTTPRequest) throws -> HTTPResponse = { _ in
    throw TransportError.connectionRefused(host: "x", message: "refused")
  }) {
    self.handler = handler
  }

  func send(_ request: HTTPRequest, timeout: Double?) throws -> HTTPResponse {
    requests.append(request)
    return try handler(request)
  }

  static func ok(_ text: String, status: Int = 200) -> HTTPResponse {
    HTTPResponse(status: status, body: Array(text.utf8))
  }

  /// An STS endpoint answering AssumeRole / AssumeRoleWithWebIdentity / GetCallerIdentity like the real service.
  static func stsReply(_ request: HTTPRequest, key: String = "ASIAROLE") -> HTTPResponse {
    let body = String(decoding: request.body, as: UTF8.self)
    let action = body.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) } ?? ""
    if action == "GetCallerIdentity" {
      return ok("""
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
        <Arn>arn:aws:iam::123456789012:user/al</Arn><UserId>AIDA</UserId><Account>123456789012</Account>
        </GetCallerIdentityResult></GetCallerIdentityResponse>
        """)
    }
    return ok("""
      <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
        <\(action)Result>
          <Credentials>
            <AccessKeyId>\(key)</AccessKeyId>
            <SecretAccessKey>role/secret&amp;x</SecretAccessKey>
            <SessionToken>TOKEN</SessionToken>
            <Expiration>2026-11-25T13:00:00Z</Expiration>
          </Credentials>
          <AssumedRoleUser><Arn>arn:aws:sts::210987654321:assumed-role/R/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId>
          </AssumedRoleUser>
        </\(action)Result>
        <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
      </\(action)Response>
      """)
  }
}

/// Shared builders for credential tests.
enum CredentialFixtures {
  static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

  static func context(env: [String: String] = [:], profile: String? = nil, config: String? = nil,
                      credentials: String? = nil, files extra: [String: String] = [:],
                      transport: CredentialFakeTransport = CredentialFakeTransport(), region: String? = "eu-west-1",
                      mfa: MFAPrompt? = nil) throws -> (CredentialContext, InMemoryFileSystem) {
    var files = extra
    if let config { files["/home/u/.aws/config"] = config }
    if let credentials { files["/home/u/.aws/credentials"] = credentials }
    let fs = InMemoryFileSystem(files)
    var variables = env
    variables["HOME"] = "/home/u"
    let context = try CredentialContext(environment: Environment(variables), profile: profile, transport: transport,
                                        fileSystem: fs, clock: .fixed(now), region: region, mfaPrompt: mfa,
                                        platform: .posix)
    return (context, fs)
  }
}

final class CredentialProvidersTests: XCTestCase {
  func testEnvironmentProvider() throws {
    XCTAssertNil(try EnvironmentProvider(environment: Environment([:])).credentials())
    let creds = try EnvironmentProvider(environment: Environment([
      "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK", "AWS_SECURITY_TOKEN": "T",
      "AWS_CREDENTIAL_EXPIRATION": "2026-12-01T00:00:00Z", "AWS_ACCOUNT_ID": "1",
    ])).credentials()
    XCTAssertEqual(creds, Credentials(accessKeyId: "AK", secretAccessKey: "SK", sessionToken: "T",
                                      expiration: ISO8601.parse("2026-12-01T00:00:00Z"), accountId: "1"))
    XCTAssertThrowsError(try EnvironmentProvider(environment: Environment(["AWS_ACCESS_KEY_ID": "AK"])).credentials())
  }

  func testStaticKeysComeFromTheRightFile() throws {
    let (context, _) = try CredentialFixtures.context(
      profile: "dev", config: "[profile dev]\nregion = x\n",
      credentials: "[dev]\naws_access_key_id = AK\naws_secret_access_key = SK\naws_session_token = T\n")
    XCTAssertEqual(try StaticProfileProvider(file: .credentials, context: context).credentials()?.sessionToken, "T")
    XCTAssertNil(try StaticProfileProvider(file: .config, context: context).credentials())
    XCTAssertEqual(StaticProfileProvider(file: .credentials, context: context).triedDescription,
                   "profile \"dev\" in ~/.aws/credentials")
  }

  func testHalfAStaticPairNamesTheFileAndLine() throws {
    let (context, _) = try CredentialFixtures.context(credentials: "[default]\n\naws_access_key_id = AK\n")
    XCTAssertThrowsError(try StaticProfileProvider(file: .credentials, context: context).credentials()) { error in
      let error = error as? ConfigError
      XCTAssertEqual(error?.location, SourceLocation(path: "/home/u/.aws/credentials", line: 3))
      XCTAssertEqual(error?.exitCode, 7)
    }
  }

  func testSTSFormEncodingAndXMLDecoding() throws {
    XCTAssertEqual(FormEncoding.escape("arn:aws:iam::1:role/a b+c~"), "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b%2Bc~")
    XCTAssertEqual(XMLText.first("Message", in: "<Error><Message>a &lt;b&gt; &#233;&amp;</Message></Error>"),
                   "a <b> é&")
    XCTAssertNil(XMLText.first("Code", in: "<CodeX>1</CodeX>"))
    let reply = CredentialFakeTransport.stsReply(HTTPRequest(method: "POST", url: URL(string: "https://x")!,
                                                              body: Array("Action=AssumeRole".utf8)))
    let creds = try STSClient.credentials(from: String(decoding: reply.body, as: UTF8.self), operation: "AssumeRole")
    XCTAssertEqual(creds.secretAccessKey, "role/secret&x")
    XCTAssertEqual(creds.accountId, "210987654321")
    XCTAssertEqual(creds.expiration, ISO8601.parse("2026-11-25T13:00:00Z"))
  }

  func testSTSErrorsCarryCodeMessageAndRequestId() throws {
    let transport = CredentialFakeTransport { _ in
      CredentialFakeTransport.ok("""
        <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error>
        <RequestId>abc</RequestId></ErrorResponse>
        """, status: 403)
    }
    let sts = STSClient.regional(region: "eu-west-1", transport: transport)
    XCTAssertThrowsError(try sts.getCallerIdentity(Credentials(accessKeyId: "AK", secretAccessKey: "SECRET"))) { e in
      let error = e as? CredentialError
      XCTAssertEqual(error?.message, "sts GetCallerIdentity failed: AccessDenied: not allowed (request abc)")
      XCTAssertEqual(error?.exitCode, 5)
      XCTAssertFalse("\(e)".contains("SECRET"))
    }
    XCTAssertEqual(transport.requests.first?.url.absoluteString, "https://sts.eu-west-1.amazonaws.com/")
  }

  func testGetCallerIdentityIsSigned() throws {
    let transport = CredentialFakeTransport { CredentialFakeTransport.stsReply($0) }
    let sts = STSClient.regional(region: nil, transport: transport, clock: .fixed(CredentialFixtures.now))
    let identity = try sts.getCallerIdentity(Credentials(accessKeyId: "AKID", secretAccessKey: "S"))
    XCTAssertEqual(identity, CallerIdentity(account: "123456789012", arn: "arn:aws:iam::123456789012:user/al",
                                            userId: "AIDA"))
    let request = try XCTUnwrap(transport.requests.first)
    XCTAssertEqual(request.url.host, "sts.amazonaws.com")
    let authorization = try XCTUnwrap(request.header("Authorization"))
    XCTAssertTrue(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/20261118/us-east-1/sts/aws4_request"))
    XCTAssertEqual(String(decoding: request.body, as: UTF8.self), "Action=GetCallerIdentity&Version=2011-06-15")
  }

  func testProcessProviderRunsWithoutAShell() throws {
    let json = #"{"Version": 1, "AccessKeyId": "AK", "SecretAccessKey": "SK", "SessionToken": "T", "#
      + #""Expiration": "2030-01-01T00:00:00Z"}"#
    let (context, _) = try CredentialFixtures.context(config: "[default]\ncredential_process = /bin/echo '\(json)'\n")
    let creds = try XCTUnwrap(ProcessProvider(context: context).credentials())
    XCTAssertEqual(creds.accessKeyId, "AK")
    XCTAssertEqual(creds.expiration, ISO8601.parse("2030-01-01T00:00:00Z"))
    // `$HOME` would be expanded by a shell; run directly, the argument stays literal.
    let (literal, _) = try CredentialFixtures.context(config: "[default]\ncredential_process = /bin/echo $HOME\n")
    XCTAssertThrowsError(try ProcessProvider(context: literal).credentials()) { error in
      XCTAssertTrue((error as? ConfigError)?.message.contains("did not print a JSON object") ?? false)
    }
  }

  func testFailingProcessReportsStatusStderrAndLine() throws {
    let (context, _) = try CredentialFixtures.context(
      profile: "p", config: "[profile p]\n\ncredential_process = /bin/sh -c \"echo 'no token' >&2; exit 3\"\n")
    XCTAssertThrowsError(try ProcessProvider(context: context).credentials()) { error in
      let error = error as? ConfigError
      XCTAssertEqual(error?.reason, .credentialProcess)
      XCTAssertEqual(error?.description,
                     "/home/u/.aws/config:3: credential_process of profile \"p\" exited with status 3: no token")
    }
    let (wrongVersion, _) = try CredentialFixtures.context(
      config: "[default]\ncredential_process = /bin/echo {\"Version\":2}\n")
    XCTAssertThrowsError(try ProcessProvider(context: wrongVersion).credentials())
    let (missing, _) = try CredentialFixtures.context(config: "[default]\ncredential_process = /no/such/program\n")
    XCTAssertThrowsError(try ProcessProvider(context: missing).credentials())
  }

  func testShellWords() {
    XCTAssertEqual(ShellWords.split(#"a "b c" 'd e' f\ g "h\"i" 'j\k'"#), ["a", "b c", "d e", "f g", "h\"i", "j\\k"])
    XCTAssertEqual(ShellWords.split("  x  ''  "), ["x", ""])
    XCTAssertNil(ShellWords.split("'open"))
  }

  func testTimestamps() {
    XCTAssertEqual(ISO8601.parse("1970-01-01T00:00:00Z"), Date(timeIntervalSince1970: 0))
    XCTAssertEqual(ISO8601.parse("2026-11-25T13:00:00.500+01:00"), Date(timeIntervalSince1970: 1_795_608_000.5))
    XCTAssertEqual(ISO8601.format(Date(timeIntervalSince1970: 1_795_698_000)), "2026-11-26T13:00:00Z")
    XCTAssertNil(ISO8601.parse("2026-11-25"))
  }
}
