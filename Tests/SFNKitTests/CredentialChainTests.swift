import XCTest
@testable import SFNKit

/// The whole chain: order, assume-role with caching, error messages.
final class CredentialChainTests: XCTestCase {
  let roleConfig = """
    [profile base]
    region = us-west-2
    [profile admin]
    role_arn = arn:aws:iam::123456789012:role/R
    source_profile = base
    """
  let baseCredentials = "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = BASESECRET\n"

  func testAssumeRoleSignsWithSourceProfileAndCaches() throws {
    let transport = CredentialFakeTransport { CredentialFakeTransport.stsReply($0) }
    let fs = InMemoryFileSystem(["/home/u/.aws/config": roleConfig, "/home/u/.aws/credentials": baseCredentials])
    for _ in 0..<100 {
      let chain = try CredentialChain.standard(environment: Environment(["HOME": "/home/u"]), profile: "admin",
                                               transport: transport, region: "eu-west-1", fileSystem: fs,
                                               clock: .fixed(CredentialFixtures.now))
      let resolved = try chain.resolve()
      XCTAssertEqual(resolved.credentials.accessKeyId, "ASIAROLE")
      XCTAssertEqual(resolved.source, "assume-role")
    }
    XCTAssertEqual(transport.requests.count, 1, "100 invocations must make one STS call")
    let request = try XCTUnwrap(transport.requests.first)
    XCTAssertTrue(request.header("Authorization")?.contains("Credential=AKIABASE/20261118/eu-west-1/sts/") ?? false)
    let body = String(decoding: request.body, as: UTF8.self)
    XCTAssertTrue(body.hasPrefix("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3A"
                                 + "role%2FR&RoleSessionName=botocore-session-1795000000"), body)
    // The file name is botocore's: sha1 of json.dumps({"RoleArn": ...}, sort_keys=True).
    let cachePath = "/home/u/.aws/cli/cache/c03ce438bc208f6214854d85d3ca930ff73e3004.json"
    XCTAssertNotNil(fs.files[cachePath])
    XCTAssertEqual(fs.modes[cachePath], 0o600)
  }

  func testExpiringCacheEntryIsRefreshed() throws {
    let transport = CredentialFakeTransport { CredentialFakeTransport.stsReply($0) }
    let fs = InMemoryFileSystem(["/home/u/.aws/config": roleConfig, "/home/u/.aws/credentials": baseCredentials])
    // The fake STS hands out credentials expiring 2026-11-25T13:00:00Z; ten minutes before that they are stale.
    for minutesBefore in [60.0, 10.0] {
      let clock = Clock.fixed(ISO8601.parse("2026-11-25T13:00:00Z")!.addingTimeInterval(-minutesBefore * 60))
      _ = try CredentialChain.standard(environment: Environment(["HOME": "/home/u"]), profile: "admin",
                                       transport: transport, fileSystem: fs, clock: clock).resolve()
    }
    XCTAssertEqual(transport.requests.count, 2)
  }

  func testRoleChainingMFAAndExternalId() throws {
    let config = """
      [profile a]
      role_arn = arn:aws:iam::1:role/A
      source_profile = b
      external_id = ext
      mfa_serial = arn:aws:iam::1:mfa/me
      duration_seconds = 900
      [profile b]
      role_arn = arn:aws:iam::1:role/B
      credential_source = Environment
      """
    let transport = CredentialFakeTransport { request in
      let body = String(decoding: request.body, as: UTF8.self)
      return CredentialFakeTransport.stsReply(request, key: body.contains("role%2FB") ? "ASIAB" : "ASIAA")
    }
    var prompts: [String] = []
    let (context, _) = try CredentialFixtures.context(
      env: ["AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "S"], profile: "a", config: config,
      transport: transport, mfa: { serial in prompts.append(serial); return "123456" })
    XCTAssertEqual(try AssumeRoleProvider(context: context).credentials()?.accessKeyId, "ASIAA")
    XCTAssertEqual(prompts, ["arn:aws:iam::1:mfa/me"])
    XCTAssertEqual(transport.requests.count, 2)
    XCTAssertTrue(transport.requests[0].header("Authorization")?.contains("Credential=AKENV/") ?? false)
    XCTAssertTrue(transport.requests[1].header("Authorization")?.contains("Credential=ASIAB/") ?? false)
    let second = String(decoding: transport.requests[1].body, as: UTF8.self)
    XCTAssertTrue(second.hasSuffix("&ExternalId=ext&SerialNumber=arn%3Aaws%3Aiam%3A%3A1%3Amfa%2Fme&TokenCode=123456"
                                   + "&DurationSeconds=900"), second)
  }

  func testMFAWithoutPromptIsAConfigError() throws {
    let (context, _) = try CredentialFixtures.context(
      profile: "a", config: "[profile a]\nrole_arn = r\nsource_profile = b\nmfa_serial = m\n[profile b]\n"
        + "aws_access_key_id = A\naws_secret_access_key = S\n",
      transport: CredentialFakeTransport { CredentialFakeTransport.stsReply($0) })
    XCTAssertThrowsError(try AssumeRoleProvider(context: context).credentials()) { error in
      XCTAssertEqual((error as? ConfigError)?.exitCode, 7)
    }
  }

  func testOrderEnvironmentFirstUnlessProfileIsExplicit() throws {
    let env = ["AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "S", "AWS_PROFILE": "base"]
    let (fromEnv, _) = try CredentialFixtures.context(env: env, config: roleConfig, credentials: baseCredentials)
    XCTAssertEqual(try CredentialChain(context: fromEnv).resolve().source, "env")
    let (explicit, _) = try CredentialFixtures.context(env: env, profile: "base", config: roleConfig,
                                                       credentials: baseCredentials)
    let resolved = try CredentialChain(context: explicit).resolve()
    XCTAssertEqual(resolved.credentials.accessKeyId, "AKIABASE")
    XCTAssertEqual(resolved.detail, "profile \"base\" in ~/.aws/credentials")
  }

  func testNoCredentialsListsEverySourceTried() throws {
    let (context, _) = try CredentialFixtures.context(profile: "base", config: roleConfig)
    XCTAssertThrowsError(try CredentialChain(context: context).resolve()) { error in
      let error = error as? CredentialError
      XCTAssertEqual(error?.exitCode, 5)
      XCTAssertEqual(error?.message, "no credentials: tried role_arn of profile \"base\", web_identity_token_file of "
                     + "profile \"base\", SSO settings of profile \"base\", profile \"base\" in ~/.aws/credentials, "
                     + "credential_process of profile \"base\", profile \"base\" in ~/.aws/config, container "
                     + "(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI), EC2 instance metadata; run `aws configure` "
                     + "or set AWS_ACCESS_KEY_ID")
    }
  }

  func testLoginSessionProfilesAreRefusedClearly() throws {
    let (context, _) = try CredentialFixtures.context(profile: "web", config: "[profile web]\nlogin_session = arn:x\n")
    XCTAssertThrowsError(try CredentialChain(context: context).resolve()) { error in
      XCTAssertTrue("\(error)".contains("login_session"), "\(error)")
      XCTAssertEqual((error as? ConfigError)?.exitCode, 7)
    }
  }

  func testPrintedCredentialsHideSecrets() {
    let creds = Credentials(accessKeyId: "AKID", secretAccessKey: "SEKRIT", sessionToken: "TOKEN")
    let resolved = ResolvedCredentials(credentials: creds, source: "env", detail: "env")
    for text in ["\(creds)", String(reflecting: creds), "\(resolved)", String(reflecting: resolved)] {
      XCTAssertFalse(text.contains("SEKRIT") || text.contains("TOKEN"), text)
      XCTAssertTrue(text.contains("AKID"), text)
    }
  }

  func testUnknownProfileIsAConfigError() throws {
    XCTAssertThrowsError(try CredentialChain.standard(
      environment: Environment(["HOME": "/home/u", "AWS_PROFILE": "nope"]), profile: nil,
      transport: CredentialFakeTransport(), fileSystem: InMemoryFileSystem(["/home/u/.aws/config": roleConfig]))) {
      let error = $0 as? ConfigError
      XCTAssertEqual(error?.reason, .unknownProfile)
      XCTAssertEqual(error?.message,
                     "profile \"nope\" (from AWS_PROFILE) is not in ~/.aws/config or ~/.aws/credentials")
    }
    // A missing `default` profile is fine: other sources may still have credentials.
    XCTAssertNoThrow(try CredentialChain.standard(environment: Environment(["HOME": "/home/u"]), profile: nil,
                                                  transport: CredentialFakeTransport(),
                                                  fileSystem: InMemoryFileSystem()))
  }

  func testMalformedConfigFailsWithFileAndLine() {
    XCTAssertThrowsError(try CredentialChain.standard(
      environment: Environment(["HOME": "/home/u"]), profile: nil, transport: CredentialFakeTransport(),
      fileSystem: InMemoryFileSystem(["/home/u/.aws/config": "[default]\nregion\n"]))) {
      XCTAssertEqual("\($0)", "/home/u/.aws/config:2: Expected an '=' sign defining a property (in [default])")
      XCTAssertEqual(($0 as? ConfigError)?.profile, "default")
      XCTAssertEqual(($0 as? ConfigError)?.exitCode, 7)
    }
  }

  func testSecretsNeverAppearInErrors() throws {
    let transport = CredentialFakeTransport { _ in
      CredentialFakeTransport.ok("<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>", status: 403)
    }
    let (context, _) = try CredentialFixtures.context(profile: "admin", config: roleConfig,
                                                      credentials: baseCredentials, transport: transport)
    XCTAssertThrowsError(try CredentialChain(context: context).resolve()) { error in
      XCTAssertFalse("\(error)".contains("BASESECRET"))
      XCTAssertFalse(String(reflecting: error).contains("BASESECRET"))
      XCTAssertEqual((error as? CredentialError)?.exitCode, 5)
    }
  }
}

/// In-memory holding and refreshing of temporary credentials for long-running commands.
final class CredentialRefreshingTests: XCTestCase {
  final class Counting: CredentialProvider {
    var calls = 0
    let lifetime: Double?
    let clock: () -> Date
    init(lifetime: Double?, clock: @escaping () -> Date) { (self.lifetime, self.clock) = (lifetime, clock) }
    var name: String { "counting" }
    func credentials() throws -> Credentials? {
      calls += 1
      return Credentials(accessKeyId: "AK\(calls)", secretAccessKey: "S",
                         expiration: lifetime.map { clock().addingTimeInterval($0) })
    }
  }

  func testRefreshesOnlyNearExpiry() throws {
    final class Time: @unchecked Sendable { var now = Date(timeIntervalSince1970: 1_000_000) }
    let time = Time()
    let source = Counting(lifetime: 3600) { time.now }
    let holder = RefreshingCredentials(source, clock: Clock { time.now })
    for _ in 0..<10 { XCTAssertEqual(try holder.credentials()?.accessKeyId, "AK1") }
    time.now += 3000  // 10 minutes left: still fine
    XCTAssertEqual(try holder.credentials()?.accessKeyId, "AK1")
    time.now += 400  // under 5 minutes left: refresh
    XCTAssertEqual(try holder.credentials()?.accessKeyId, "AK2")
    XCTAssertEqual(source.calls, 2)
  }

  func testLongTermKeysAreFetchedOnce() throws {
    let source = Counting(lifetime: nil) { Date() }
    let holder = RefreshingCredentials(source)
    for _ in 0..<5 { _ = try holder.credentials() }
    XCTAssertEqual(source.calls, 1)
    XCTAssertEqual(holder.name, "counting")
  }
}
