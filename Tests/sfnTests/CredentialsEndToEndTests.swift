import Foundation
import XCTest

/// Each credential provider end to end: the built sfn against the moto peer (Step Functions and STS), with local
/// fakes only for IMDS, the ECS endpoint and the SSO portal. `configure list` must name the right source each time.
final class CredentialsEndToEndTests: XCTestCase {
  static let port = 5671
  var world: CredentialsWorld!

  override func setUpWithError() throws {
    world = try CredentialsWorld(peer: try Peer.start(port: Self.port))
  }

  override func tearDownWithError() throws {
    if let world { try? FileManager.default.removeItem(atPath: world.home) }  // nil when setUp failed
  }

  func testEnvironmentVariables() throws {
    let env = ["AWS_ACCESS_KEY_ID": "AKIAENVKEY0000000042", "AWS_SECRET_ACCESS_KEY": "env-secret-value-1",
               "AWS_SESSION_TOKEN": "env-session-token-1", "AWS_REGION": "us-east-1"]
    let listed = world.sfn(["list-state-machines", "--debug"], env)
    XCTAssertEqual(listed.status, 0, listed.stderr)
    XCTAssertEqual(signingKey(listed.stderr), "AKIAENVKEY0000000042")

    let list = world.configureList([], env)
    XCTAssertEqual(list["access_key"], ["value": "****************0042", "type": "env", "location": "AWS_ACCESS_KEY_ID"])
    XCTAssertEqual(list["region"], ["value": "us-east-1", "type": "env", "location": "AWS_REGION"])
    XCTAssertEqual(list["endpoint"], ["value": world.peer.endpoint, "type": "env", "location": "AWS_ENDPOINT_URL_SFN"])
    XCTAssertEqual(list["profile"]?["type"], "default")

    let table = world.sfn(["configure", "list", "--output", "table"], env)
    XCTAssertTrue(table.stdout.hasPrefix("NAME"), table.stdout)
    XCTAssertTrue(table.stdout.contains("****************0042"), table.stdout)

    let whoami = world.sfn(["whoami"], env)
    XCTAssertEqual(whoami.status, 0, whoami.stderr)
    XCTAssertEqual(whoami.object()["Account"] as? String, "123456789012")
    XCTAssertNotNil(whoami.object()["Arn"] as? String)
    XCTAssertNotNil(whoami.object()["UserId"] as? String)
    let whoamiTable = world.sfn(["whoami", "--output", "table"], env)
    XCTAssertTrue(whoamiTable.stdout.contains("Account") && whoamiTable.stdout.contains("123456789012"))
    assertNoSecrets([listed, table, whoami, whoamiTable], ["env-secret-value-1", "env-session-token-1", "AKIAENVKEY0000000042\n"])
  }

  func testStaticProfileInCredentialsFile() throws {
    try world.write(".aws/credentials", "[dev]\n# keys for dev\naws_access_key_id = AKIAFILEKEY000000007\naws_secret_access_key = file-secret-7\n")
    try world.write(".aws/config", "[profile dev]\nregion = us-east-1\n")
    let listed = world.sfn(["list-state-machines", "--profile", "dev", "--debug"])
    XCTAssertEqual(listed.status, 0, listed.stderr)
    XCTAssertEqual(signingKey(listed.stderr), "AKIAFILEKEY000000007")

    let list = world.configureList(["--profile", "dev"])
    XCTAssertEqual(list["profile"], ["value": "dev", "type": "parameter", "location": "--profile"])
    XCTAssertEqual(list["region"], ["value": "us-east-1", "type": "config-file", "location": world.configPath + ":2"])
    XCTAssertEqual(list["access_key"], ["value": "****************0007", "type": "shared-credentials-file",
                                        "location": world.credentialsPath + ":3"])

    // AWS_SHARED_CREDENTIALS_FILE elsewhere, profile from AWS_PROFILE.
    let custom = try world.write(world.home + "/elsewhere/creds", "[ci]\naws_access_key_id = AKIACUSTOMKEY0000009\naws_secret_access_key = custom-secret-9\nregion = us-east-1\n")
    let env = ["AWS_SHARED_CREDENTIALS_FILE": custom, "AWS_PROFILE": "ci"]
    let customList = world.configureList([], env)
    XCTAssertEqual(customList["profile"], ["value": "ci", "type": "env", "location": "AWS_PROFILE"])
    XCTAssertEqual(customList["access_key"]?["location"], custom + ":2")
    XCTAssertEqual(customList["region"]?["location"], custom + ":4")
    let ran = world.sfn(["list-state-machines"], env)
    XCTAssertEqual(ran.status, 0, ran.stderr)
    assertNoSecrets([listed, ran], ["file-secret-7", "custom-secret-9"])
  }

  func testAssumeRoleWithSourceProfileUsesTheDiskCache() throws {
    try world.write(".aws/credentials", "[base]\naws_access_key_id = AKIABASEKEY000000001\naws_secret_access_key = base-secret-1\n")
    try world.write(".aws/config", """
      [profile deployer]
      region = us-east-1
      role_arn = arn:aws:iam::123456789012:role/deployer
      source_profile = base
      role_session_name = sfn-e2e

      """)
    let whoami = world.sfn(["whoami", "--profile", "deployer", "--debug"])
    XCTAssertEqual(whoami.status, 0, whoami.stderr)
    XCTAssertTrue(whoami.stderr.contains("debug: credentials: POST \(world.peer.endpoint) (AssumeRole) -> HTTP 200"),
                  whoami.stderr)
    XCTAssertTrue(whoami.stderr.contains("(GetCallerIdentity) -> HTTP 200"), whoami.stderr)
    XCTAssertEqual(whoami.object()["Arn"] as? String, "arn:aws:sts::123456789012:assumed-role/deployer/sfn-e2e")

    let cacheDir = world.home + "/.aws/cli/cache"
    let files = try FileManager.default.contentsOfDirectory(atPath: cacheDir)
    XCTAssertEqual(files.count, 1, "\(files)")
    let cachePath = cacheDir + "/" + files[0]
    let mode = try FileManager.default.attributesOfItem(atPath: cachePath)[.posixPermissions] as? Int
    XCTAssertEqual(mode, 0o600)
    let cached = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cachePath))) as? [String: Any]
    let block = cached?["Credentials"] as? [String: Any] ?? [:]
    let cachedKey = try XCTUnwrap(block["AccessKeyId"] as? String)
    let cachedSecret = try XCTUnwrap(block["SecretAccessKey"] as? String)
    let cachedToken = try XCTUnwrap(block["SessionToken"] as? String)

    // Second run with STS unreachable: it can only succeed from the cache, and it signs with the cached key.
    let deadSTS = ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9"]
    let second = world.sfn(["list-state-machines", "--profile", "deployer", "--debug"], deadSTS)
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertEqual(signingKey(second.stderr), cachedKey)
    XCTAssertFalse(second.stderr.contains("debug: credentials:"), "no STS call: \(second.stderr)")
    let list = world.configureList(["--profile", "deployer"], deadSTS)
    XCTAssertEqual(list["access_key"]?["type"], "assume-role")
    XCTAssertEqual(list["access_key"]?["location"], world.configPath + ":3")
    XCTAssertEqual(list["access_key"]?["value"], "****************" + cachedKey.suffix(4))
    assertNoSecrets([whoami, second], [cachedSecret, cachedToken, "base-secret-1"])

    // Without the cache, the dead STS endpoint is reported as unreachable (exit 6).
    try FileManager.default.removeItem(atPath: cachePath)
    let failed = world.sfn(["list-state-machines", "--profile", "deployer"], deadSTS)
    XCTAssertEqual(failed.status, 6, failed.stderr)
    XCTAssertTrue(failed.stderr.contains("AssumeRole"), failed.stderr)
  }

  func testWebIdentityAsInCIStartsAnExecution() throws {
    let machineName = uniqueName("ci")
    let created = world.peer.sfn(["create-state-machine", "--name", machineName, "--role-arn",
                                  "arn:aws:iam::123456789012:role/sfn", "--definition",
                                  #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#])
    XCTAssertEqual(created.status, 0, created.stderr)
    let machine = try XCTUnwrap(created.object()["stateMachineArn"] as? String)
    let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmNpIn0.c2lnbmF0dXJlLXNlY3JldA"
    let tokenFile = try world.write("ci/oidc-token", token + "\n")
    let env = ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci-deploy",
               "AWS_ROLE_SESSION_NAME": "gha-run-42", "AWS_REGION": "us-east-1"]

    let started = world.sfn(["start-execution", "--state-machine-arn", machine, "--name", uniqueName("run"), "--debug"], env)
    XCTAssertEqual(started.status, 0, started.stderr)
    XCTAssertTrue((started.object()["executionArn"] as? String)?.contains(machineName) == true, started.stdout)
    XCTAssertTrue(signingKey(started.stderr)?.hasPrefix("ASIA") == true, "signed with the STS credentials")
    XCTAssertTrue(started.stderr.contains("(AssumeRoleWithWebIdentity) -> HTTP 200"), started.stderr)

    let whoami = world.sfn(["whoami"], env)
    XCTAssertEqual(whoami.object()["Arn"] as? String, "arn:aws:sts::123456789012:assumed-role/ci-deploy/gha-run-42")
    let list = world.configureList([], env)
    XCTAssertEqual(list["access_key"]?["type"], "assume-role-with-web-identity")
    XCTAssertEqual(list["access_key"]?["location"], "AWS_WEB_IDENTITY_TOKEN_FILE")
    assertNoSecrets([started, whoami], [token, "c2lnbmF0dXJlLXNlY3JldA"])
  }

  func testCredentialProcess() throws {
    let script = try world.write("bin/creds.sh", """
      #!/bin/sh
      # Prints credentials as the AWS CLI's credential_process protocol (Version 1) wants them.
      [ "$1" = "--account" ] || { echo "usage: creds.sh --account N" >&2; exit 2; }
      echo '{"Version": 1, "AccessKeyId": "AKIAPROCESSKEY000003", "SecretAccessKey": "process-secret-3", "SessionToken": "process-token-3", "Expiration": "2099-01-01T00:00:00Z"}'

      """, mode: 0o755)
    try world.write(".aws/config", "[profile proc]\nregion = us-east-1\ncredential_process = \(script) --account 42\n")
    let listed = world.sfn(["list-state-machines", "--profile", "proc", "--debug"])
    XCTAssertEqual(listed.status, 0, listed.stderr)
    XCTAssertEqual(signingKey(listed.stderr), "AKIAPROCESSKEY000003")
    let list = world.configureList(["--profile", "proc"])
    XCTAssertEqual(list["access_key"], ["value": "****************0003", "type": "custom-process",
                                        "location": world.configPath + ":3"])
    assertNoSecrets([listed], ["process-secret-3", "process-token-3"])
  }

  func testSSOWithCachedTokenAndFakePortal() throws {
    let accessToken = "sso-access-token-secret-55"
    let server = try FakeCredentialServer("sso", ["--secret-token", accessToken, "--access-key", "ASIASSOROLEKEY000055"],
                                          in: world.home)
    defer { server.stop() }
    try world.write(".aws/config", """
      [profile sso-dev]
      sso_session = corp
      sso_account_id = 111122223333
      sso_role_name = Deployer
      region = us-east-1

      [sso-session corp]
      sso_start_url = https://corp.awsapps.com/start
      sso_region = eu-west-1

      """)
    let hash = SFNRunner.run("/usr/bin/env", ["python3", "-c", "import hashlib; print(hashlib.sha1(b'corp').hexdigest())"],
                             env: ProcessInfo.processInfo.environment).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    try world.write(".aws/sso/cache/\(hash).json", """
      {"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "\(accessToken)",
       "expiresAt": "2099-01-01T00:00:00Z"}
      """)
    let env = ["AWS_ENDPOINT_URL_SSO": server.url]
    let listed = world.sfn(["list-state-machines", "--profile", "sso-dev", "--debug"], env)
    XCTAssertEqual(listed.status, 0, listed.stderr)
    XCTAssertEqual(signingKey(listed.stderr), "ASIASSOROLEKEY000055")
    XCTAssertTrue(listed.stderr.contains("debug: credentials: GET \(server.url)/federation/credentials -> HTTP 200"),
                  listed.stderr)
    let requests = server.requests
    XCTAssertEqual(requests.count, 1)
    XCTAssertEqual(requests.first?["path"] as? String, "/federation/credentials?account_id=111122223333&role_name=Deployer")
    XCTAssertEqual((requests.first?["headers"] as? [String: String])?["x-amz-sso_bearer_token"], accessToken)

    // The role credentials are cached: the second command does not ask the portal again.
    let list = world.configureList(["--profile", "sso-dev"], env)
    XCTAssertEqual(list["access_key"], ["value": "****************0055", "type": "sso", "location": world.configPath + ":3"])
    XCTAssertEqual(server.requests.count, 1)

    // Without a cached login the error says to log in (exit 5).
    try FileManager.default.removeItem(atPath: world.home + "/.aws/cli")
    try FileManager.default.removeItem(atPath: world.home + "/.aws/sso")
    let noLogin = world.sfn(["list-state-machines", "--profile", "sso-dev"], env)
    XCTAssertEqual(noLogin.status, 5, noLogin.stderr)
    XCTAssertTrue(noLogin.stderr.contains("aws sso login --profile sso-dev"), noLogin.stderr)
    assertNoSecrets([listed, noLogin], [accessToken, "fake-server-secret-key", "session-token-ASIASSOROLEKEY000055"])
  }
  func testSTSFollowsTheServicesSectionAndAWSEndpointURL() throws {
    try world.write(".aws/config", """
      [profile local]
      region = us-east-1
      aws_access_key_id = AKIALOCALKEY00000011
      aws_secret_access_key = local-secret-11
      services = local-endpoints

      [services local-endpoints]
      sts =
        endpoint_url = \(world.peer.endpoint)
      sfn =
        endpoint_url = \(world.peer.endpoint)

      """)
    let plain = SFNRunner.cleanEnvironment(home: world.home)
    let whoami = SFNRunner.sfn(["whoami", "--profile", "local"], env: plain)
    XCTAssertEqual(whoami.status, 0, whoami.stderr)
    XCTAssertEqual(whoami.object()["Account"] as? String, "123456789012")
    let list = SFNRunner.sfn(["configure", "list", "--profile", "local", "--output", "json"], env: plain).object()
    XCTAssertEqual((list["endpoint"] as? [String: Any])?["type"] as? String, "config-file")
    XCTAssertEqual((list["endpoint"] as? [String: Any])?["location"] as? String, world.configPath + ":10")

    var global = plain
    global["AWS_ENDPOINT_URL"] = world.peer.endpoint
    global["AWS_ACCESS_KEY_ID"] = "AKIAGLOBALKEY0000012"
    global["AWS_SECRET_ACCESS_KEY"] = "global-secret-12"
    global["AWS_REGION"] = "us-east-1"
    let viaGlobal = SFNRunner.sfn(["whoami"], env: global)
    XCTAssertEqual(viaGlobal.status, 0, viaGlobal.stderr)
    assertNoSecrets([whoami, viaGlobal], ["local-secret-11", "global-secret-12"])
  }
}
