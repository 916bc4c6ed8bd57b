import XCTest
@testable import SFNKit

/// Providers that talk to AWS or to a local metadata endpoint, against fakes that follow the real protocols.
final class CredentialRemoteProvidersTests: XCTestCase {
  // MARK: container

  func testEveryECSConformanceCase() throws {
    let cases = try XCTUnwrap(ConfigProfileParserTests.fixture("ecs-tests.json")["tests"]?.arrayValue)
    XCTAssertEqual(cases.count, 11)
    var failures: [String] = []
    for testCase in cases {
      let name = testCase["docs"]?.stringValue ?? "?"
      var variables: [String: String] = [:]
      for (key, value) in testCase["env"]?.objectValue ?? JSONObject() { variables[key] = value.stringValue }
      let result = testCase["result"]
      do {
        let url = try ContainerProvider.endpoint(Environment(variables))
        if let expected = result?["Ok"]?.stringValue {
          if url?.absoluteString != expected { failures.append("\(name): got \(String(describing: url))") }
        } else if url != nil {
          failures.append("\(name): expected the provider to be off or fail, got \(url!)")
        }
      } catch let error as CredentialError {
        let fragment = result?["ErrorContains"]?.stringValue
        if fragment == nil || !error.message.contains(fragment!) { failures.append("\(name): \(error)") }
      }
    }
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
  }

  func testPlainHTTPFullURIMustBeLocal() {
    XCTAssertThrowsError(try ContainerProvider.endpoint(
      Environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://evil.example.com/creds"])))
    XCTAssertNotNil(try ContainerProvider.endpoint(
      Environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.5:80/creds"])))
    XCTAssertNotNil(try ContainerProvider.endpoint(
      Environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://[::1]/c"])))
  }

  func testEKSPodIdentityReadsTheTokenFileEachTime() throws {
    let transport = CredentialFakeTransport { request in
      guard request.header("Authorization") == "eks-token" else { return CredentialFakeTransport.ok("", status: 401) }
      return CredentialFakeTransport.ok(#"{"AccessKeyId":"AK","SecretAccessKey":"SK","Token":"T","AccountId":"1","#
                                        + #""Expiration":"2026-11-18T12:00:00Z"}"#)
    }
    let (context, fs) = try CredentialFixtures.context(
      env: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.23/v1/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/token", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "old"],
      files: ["/var/run/token": "eks-token\n"], transport: transport)
    let creds = try XCTUnwrap(ContainerProvider(context: context).credentials())
    XCTAssertEqual(creds.sessionToken, "T")
    XCTAssertEqual(creds.accountId, "1")
    XCTAssertEqual(transport.requests.first?.header("Accept"), "application/json")
    fs.files["/var/run/token"] = Array("bad\ntoken".utf8)
    XCTAssertThrowsError(try ContainerProvider(context: context).credentials())
  }

  func testECSRelativeURIRetriesThenFails() throws {
    let transport = CredentialFakeTransport { _ in throw TransportError.timeout(message: "slow") }
    let (context, _) = try CredentialFixtures.context(env: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/creds"],
                                                      transport: transport)
    XCTAssertThrowsError(try ContainerProvider(context: context).credentials())
    XCTAssertEqual(transport.requests.count, 3)
    XCTAssertEqual(transport.requests.first?.url.absoluteString, "http://169.254.170.2/v2/creds")
  }

  // MARK: IMDS

  /// An IMDS that insists on IMDSv2 unless `allowV1`, like a real instance with `HttpTokens` required/optional.
  static func imds(allowV1: Bool = false, tokenStatus: Int = 200) -> CredentialFakeTransport {
    CredentialFakeTransport { request in
      let path = request.url.path(percentEncoded: true)
      if request.method == "PUT" && path == "/latest/api/token" {
        guard request.header("x-aws-ec2-metadata-token-ttl-seconds") == "21600" else {
          return CredentialFakeTransport.ok("", status: 400)
        }
        return CredentialFakeTransport.ok(tokenStatus == 200 ? "TOKEN" : "", status: tokenStatus)
      }
      guard request.header("x-aws-ec2-metadata-token") == "TOKEN" || allowV1 else {
        return CredentialFakeTransport.ok("", status: 401)
      }
      switch path {
      case "/latest/meta-data/iam/security-credentials/": return CredentialFakeTransport.ok("web-role\n")
      case "/latest/meta-data/iam/security-credentials/web-role":
        return CredentialFakeTransport.ok(#"{"Code":"Success","AccessKeyId":"ASIA","SecretAccessKey":"S","Token":"T","#
                                          + #""Expiration":"2026-11-18T18:00:00Z"}"#)
      case "/latest/meta-data/placement/availability-zone": return CredentialFakeTransport.ok("eu-central-1b")
      default: return CredentialFakeTransport.ok("", status: 404)
      }
    }
  }

  func testIMDSv2Flow() throws {
    let transport = Self.imds()
    let (context, _) = try CredentialFixtures.context(transport: transport)
    let creds = try XCTUnwrap(IMDSProvider(context: context).credentials())
    XCTAssertEqual(creds.accessKeyId, "ASIA")
    XCTAssertEqual(creds.expiration, ISO8601.parse("2026-11-18T18:00:00Z"))
    XCTAssertEqual(transport.requests.map { "\($0.method) \($0.url.absoluteString)" }, [
      "PUT http://169.254.169.254/latest/api/token",
      "GET http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "GET http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role",
    ])
  }

  func testIMDSv1FallbackOn403AndRegionFromZone() throws {
    let transport = Self.imds(allowV1: true, tokenStatus: 403)
    let (context, _) = try CredentialFixtures.context(
      env: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1338"], transport: transport)
    XCTAssertEqual(try IMDSProvider(context: context).credentials()?.accessKeyId, "ASIA")
    XCTAssertNil(transport.requests[1].header("x-aws-ec2-metadata-token"))
    XCTAssertEqual(transport.requests[1].url.host, "127.0.0.1")
    let client = IMDSClient(environment: Environment([:]), profile: nil, transport: Self.imds())
    XCTAssertEqual(client?.region(), "eu-central-1")
  }

  func testIMDSDisabledOrUnreachableGivesNothing() throws {
    let transport = Self.imds()
    let (disabled, _) = try CredentialFixtures.context(env: ["AWS_EC2_METADATA_DISABLED": "true"], transport: transport)
    XCTAssertNil(try IMDSProvider(context: disabled).credentials())
    XCTAssertEqual(transport.requests.count, 0)
    let (unreachable, _) = try CredentialFixtures.context()
    XCTAssertNil(try IMDSProvider(context: unreachable).credentials())
    let (v1Disabled, _) = try CredentialFixtures.context(env: ["AWS_EC2_METADATA_V1_DISABLED": "true"],
                                                         transport: Self.imds(allowV1: true, tokenStatus: 405))
    XCTAssertNil(try IMDSProvider(context: v1Disabled).credentials())
  }

  // MARK: web identity

  func testWebIdentityFromEnvironmentIsUnsignedAndCached() throws {
    let transport = CredentialFakeTransport { CredentialFakeTransport.stsReply($0, key: "ASIAWEB") }
    let env = ["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/token.jwt", "AWS_ROLE_ARN": "arn:aws:iam::1:role/W",
               "AWS_ROLE_SESSION_NAME": "ci"]
    let (context, fs) = try CredentialFixtures.context(env: env, files: ["/var/token.jwt": "eyJ.jwt\n"],
                                                       transport: transport)
    XCTAssertEqual(try WebIdentityProvider(context: context).credentials()?.accessKeyId, "ASIAWEB")
    let request = try XCTUnwrap(transport.requests.first)
    XCTAssertNil(request.header("Authorization"))
    XCTAssertEqual(request.url.absoluteString, "https://sts.eu-west-1.amazonaws.com/")
    XCTAssertEqual(String(decoding: request.body, as: UTF8.self),
                   "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2FW"
                   + "&RoleSessionName=ci&WebIdentityToken=eyJ.jwt")
    XCTAssertEqual(try WebIdentityProvider(context: context).credentials()?.accessKeyId, "ASIAWEB")
    XCTAssertEqual(transport.requests.count, 1)
    XCTAssertEqual(fs.modes.values.first, 0o600)
  }

  func testExplicitProfileIgnoresWebIdentityEnvironment() throws {
    let (context, _) = try CredentialFixtures.context(
      env: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": "arn:r"], profile: "p", config: "[profile p]\n")
    XCTAssertNil(try WebIdentityProvider(context: context).credentials())
  }

  // MARK: SSO

  func testSSOSessionFormUsesCachedTokenAndPortal() throws {
    let transport = CredentialFakeTransport { request in
      guard request.header("x-amz-sso_bearer_token") == "ACCESS" else {
        return CredentialFakeTransport.ok("", status: 401)
      }
      return CredentialFakeTransport.ok(#"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"S","#
                                        + #""sessionToken":"T","expiration":1795003600000}}"#)
    }
    let config = """
      [profile dev]
      sso_session = corp
      sso_account_id = 111122223333
      sso_role_name = Admin
      [sso-session corp]
      sso_region = us-east-1
      sso_start_url = https://d.awsapps.com/start
      """
    let tokenPath = "/home/u/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"
    let (context, fs) = try CredentialFixtures.context(
      profile: "dev", config: config,
      files: [tokenPath: #"{"accessToken":"ACCESS","expiresAt":"2026-11-18T20:00:00Z"}"#], transport: transport)
    let creds = try XCTUnwrap(SSOProvider(context: context).credentials())
    XCTAssertEqual(creds.expiration, Date(timeIntervalSince1970: 1_795_003_600))
    XCTAssertEqual(creds.accountId, "111122223333")
    XCTAssertEqual(transport.requests.first?.url.absoluteString,
                   "https://portal.sso.us-east-1.amazonaws.com/federation/credentials"
                     + "?account_id=111122223333&role_name=Admin")
    XCTAssertNotNil(fs.files["/home/u/.aws/cli/cache/34b89e56da566916c0fa65ee01955af544b320c7.json"])
  }

  func testSSOLegacyFormMissingOrExpiredLoginSaysHowToLogIn() throws {
    let config = "[default]\nsso_start_url = https://d.awsapps.com/start\nsso_region = eu-west-1\n"
      + "sso_account_id = 1\nsso_role_name = R\n"
    let (missing, _) = try CredentialFixtures.context(config: config)
    XCTAssertThrowsError(try SSOProvider(context: missing).credentials()) { error in
      XCTAssertTrue("\(error)".contains("aws sso login --profile default"), "\(error)")
      XCTAssertEqual((error as? CredentialError)?.exitCode, 5)
    }
    let tokenPath = "/home/u/.aws/sso/cache/55ef7a9cf0faa7e6830be02dd04fb62b1c3c5000.json"
    let (expired, _) = try CredentialFixtures.context(
      config: config, files: [tokenPath: #"{"accessToken":"A","expiresAt":"2026-11-18T10:00:00Z"}"#])
    XCTAssertThrowsError(try SSOProvider(context: expired).credentials()) { error in
      XCTAssertTrue("\(error)".contains("expired"), "\(error)")
    }
  }

  func testTokenOnlySSOProfileIsNotACredentialSource() throws {
    let (context, _) = try CredentialFixtures.context(
      config: "[default]\nsso_session = corp\n[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://x\n")
    XCTAssertNil(try SSOProvider(context: context).credentials())
    let (incomplete, _) = try CredentialFixtures.context(config: "[default]\nsso_account_id = 1\nsso_role_name = R\n")
    XCTAssertThrowsError(try SSOProvider(context: incomplete).credentials()) { error in
      XCTAssertEqual("\(error)", "/home/u/.aws/config:2: profile \"default\" uses SSO but is missing sso_start_url, "
                     + "sso_region")
    }
  }

  func testSSOSessionTokenIsRefreshedNearExpiry() throws {
    let transport = CredentialFakeTransport { request in
      if request.url.host == "oidc.us-east-1.amazonaws.com" {
        return CredentialFakeTransport.ok(#"{"accessToken":"NEW","expiresIn":28800,"refreshToken":"R2"}"#)
      }
      guard request.header("x-amz-sso_bearer_token") == "NEW" else {
        return CredentialFakeTransport.ok("", status: 401)
      }
      return CredentialFakeTransport.ok(#"{"roleCredentials":{"accessKeyId":"ASIA","secretAccessKey":"S","#
                                        + #""sessionToken":"T","expiration":1795003600000}}"#)
    }
    let tokenPath = "/home/u/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"
    let (context, fs) = try CredentialFixtures.context(
      config: "[default]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n[sso-session corp]\n"
        + "sso_region = us-east-1\nsso_start_url = https://d.awsapps.com/start\n",
      files: [tokenPath: #"{"accessToken":"OLD","expiresAt":"2026-11-18T11:10:00Z","refreshToken":"R1","#
                + #""clientId":"c","clientSecret":"cs","registrationExpiresAt":"2027-01-01T00:00:00Z"}"#],
      transport: transport)
    XCTAssertEqual(try SSOProvider(context: context).credentials()?.accessKeyId, "ASIA")
    let rewritten = try JSONParser.parse(XCTUnwrap(fs.text(tokenPath)))
    XCTAssertEqual(rewritten["accessToken"], "NEW")
    XCTAssertEqual(rewritten["refreshToken"], "R2")
    XCTAssertEqual(fs.modes[tokenPath], 0o600)
  }
}
