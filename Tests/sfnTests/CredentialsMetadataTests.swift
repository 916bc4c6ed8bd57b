import Foundation
import XCTest

/// Container and EC2 instance credentials through local servers that follow the ECS and IMDSv2 protocols.
final class CredentialsMetadataTests: XCTestCase {
  var world: CredentialsWorld!

  override func setUpWithError() throws {
    world = try CredentialsWorld(peer: try Peer.start(port: CredentialsEndToEndTests.port))
  }

  override func tearDownWithError() throws {
    if let world { try? FileManager.default.removeItem(atPath: world.home) }  // nil when setUp failed
  }

  func testECSContainerCredentialsWithAuthorizationHeader() throws {
    let authToken = "ecs-auth-token-secret-77"
    let server = try FakeCredentialServer("ecs", ["--secret-token", authToken, "--access-key", "ASIAECSTASKKEY000077"],
                                          in: world.home)
    defer { server.stop() }
    let env = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/creds",
               "AWS_CONTAINER_AUTHORIZATION_TOKEN": authToken, "AWS_REGION": "us-east-1"]
    let listed = world.sfn(["list-state-machines", "--debug"], env)
    XCTAssertEqual(listed.status, 0, listed.stderr)
    XCTAssertEqual(signingKey(listed.stderr), "ASIAECSTASKKEY000077")
    XCTAssertEqual((server.requests.first?["headers"] as? [String: String])?["authorization"], authToken)

    let list = world.configureList([], env)
    XCTAssertEqual(list["access_key"], ["value": "****************0077", "type": "container-role",
                                        "location": "AWS_CONTAINER_CREDENTIALS_FULL_URI"])

    // The token file (EKS Pod Identity) is read instead of the variable.
    let tokenFile = try world.write("pod-identity-token", authToken + "\n")
    var fileEnv = env
    fileEnv["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "wrong"
    fileEnv["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenFile
    let fromFile = world.sfn(["list-state-machines"], fileEnv)
    XCTAssertEqual(fromFile.status, 0, fromFile.stderr)

    // A refused token: exit 5, naming the container source.
    let refused = world.sfn(["list-state-machines"], env.merging(["AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong"]) { $1 })
    XCTAssertEqual(refused.status, 5, refused.stderr)
    XCTAssertTrue(refused.stderr.contains("container credentials") && refused.stderr.contains("HTTP 401"), refused.stderr)
    assertNoSecrets([listed, fromFile, refused], [authToken, "fake-server-secret-key"])
  }

  func testEC2InstanceMetadataV2CredentialsAndRegion() throws {
    let server = try FakeCredentialServer("imds", ["--access-key", "ASIAINSTANCEKEY00088"], in: world.home)
    defer { server.stop() }
    var env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url]
    env["AWS_EC2_METADATA_DISABLED"] = "false"
    let listed = world.sfn(["list-state-machines", "--debug"], env)
    XCTAssertEqual(listed.status, 0, listed.stderr)
    XCTAssertEqual(signingKey(listed.stderr), "ASIAINSTANCEKEY00088")
    XCTAssertTrue(listed.stderr.contains("/eu-west-3/states/aws4_request"), "the region came from IMDS")
    XCTAssertTrue(listed.stderr.contains("debug: credentials: PUT \(server.url)/latest/api/token -> HTTP 200"),
                  listed.stderr)

    let requests = server.requests
    let puts = requests.filter { $0["method"] as? String == "PUT" }
    XCTAssertFalse(puts.isEmpty)
    for put in puts {
      XCTAssertEqual(put["path"] as? String, "/latest/api/token")
      XCTAssertEqual((put["headers"] as? [String: String])?["x-aws-ec2-metadata-token-ttl-seconds"], "21600")
    }
    let gets = requests.filter { $0["method"] as? String == "GET" }
    XCTAssertTrue(gets.contains { $0["path"] as? String == "/latest/meta-data/iam/security-credentials/sfn-test-instance-role" })
    for get in gets {
      XCTAssertNotNil((get["headers"] as? [String: String])?["x-aws-ec2-metadata-token"], "every GET carries the token")
    }

    let list = world.configureList([], env)
    XCTAssertEqual(list["region"], ["value": "eu-west-3", "type": "imds", "location": server.url + "/"])
    XCTAssertEqual(list["access_key"], ["value": "****************0088", "type": "iam-role",
                                        "location": server.url + "/"])
    XCTAssertEqual(list["endpoint"]?["location"], "AWS_ENDPOINT_URL_SFN")
    assertNoSecrets([listed], ["fake-server-secret-key", "session-token-ASIAINSTANCEKEY00088", "imds-session-token"])
  }

  func testCtrlCWhileFetchingCredentialsExitsAsInterrupted() throws {
    let server = try FakeCredentialServer("ecs", ["--secret-token", "t", "--delay", "30"], in: world.home)
    defer { server.stop() }
    let env = world.environment().merging(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/creds",
                                           "AWS_CONTAINER_AUTHORIZATION_TOKEN": "t", "AWS_REGION": "us-east-1"]) { $1 }
    let sfn = try ChildProcess(SFNRunner.binary, ["list-state-machines"], env: env)
    XCTAssertTrue(sfn.waitUntil(timeout: 20) { !server.requests.isEmpty }, sfn.stderr)
    sfn.signal(SIGINT)
    let r = sfn.result(timeout: 10)
    XCTAssertEqual(r.status, 130, r.stderr)
    XCTAssertEqual(r.stderr, "sfn: interrupted\n")
  }

}
