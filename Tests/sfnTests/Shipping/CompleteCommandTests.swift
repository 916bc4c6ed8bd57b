import Foundation
import XCTest

/// `sfn __complete`: lists names from the service, caches them for a minute per endpoint/region/profile,
/// and stays silent (no output, exit 0) on any error.
final class CompleteCommandTests: XCTestCase {
  private func complete(_ args: [String], environment: [String: String]) throws -> RunResult {
    try Shipping.run([Shipping.sfnBinary, "__complete"] + args, environment: environment, timeout: 30)
  }

  func testListsNamesArnsAndExecutionsOfAMachine() throws {
    let fixture = try CompletionPeerFixture()
    let env = fixture.environment
    let name = String(fixture.machineArn.split(separator: ":").last!)
    XCTAssertTrue(try complete(["machines"], environment: env).stdout.split(separator: "\n").contains(Substring(name)))
    XCTAssertTrue(try complete(["machines", "--arns"], environment: env).stdout.contains(fixture.machineArn + "\n"))
    XCTAssertTrue(try complete(["activities", "--arns"], environment: env).stdout.contains(fixture.activityArn + "\n"))
    XCTAssertEqual(try complete(["executions", name], environment: env).stdout, fixture.executionArn + "\n")
    XCTAssertEqual(try complete(["executions", fixture.machineArn], environment: env).stdout, fixture.executionArn + "\n")
  }

  func testAnswersFromTheCacheWithinAMinutePerScope() throws {
    let fixture = try CompletionPeerFixture()
    let env = fixture.environment
    XCTAssertTrue(try complete(["machines", "--arns"], environment: env).stdout.contains(fixture.machineArn))
    _ = try Shipping.sfnText(["delete-state-machine", "--state-machine-arn", fixture.machineArn], environment: env)
    // Still listed: the list came from the cache, not from the service.
    XCTAssertTrue(try complete(["machines", "--arns"], environment: env).stdout.contains(fixture.machineArn))
    let cacheDir = env["XDG_CACHE_HOME"]! + "/sfn"
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cacheDir).count, 1)
    // Another profile is another cache entry, so the service is asked and the machine is gone.
    let otherProfile = try complete(["machines", "--arns", "--profile", "other"], environment: env.merging(
      try profileFiles()) { $1 })
    XCTAssertEqual(otherProfile.status, 0)
    XCTAssertFalse(otherProfile.stdout.contains(fixture.machineArn))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cacheDir).count, 2)
    let attributes = try FileManager.default.attributesOfItem(atPath: cacheDir)
    XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)
    // Without the cache the service is asked again.
    try FileManager.default.removeItem(atPath: cacheDir)
    XCTAssertFalse(try complete(["machines", "--arns"], environment: env).stdout.contains(fixture.machineArn))
  }

  func testSilentWhenTheServiceCannotBeReached() throws {
    var env = Shipping.environment(["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                                    "AWS_REGION": "us-east-1", "XDG_CACHE_HOME": try Shipping.temporaryDirectory()])
    env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9"
    let result = try complete(["machines"], environment: env)
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.stdout, "")
    XCTAssertEqual(result.stderr, "")
  }

  func testSilentWithoutRegionOrCredentials() throws {
    let home = try Shipping.temporaryDirectory()
    let result = try Shipping.run(["env", "-i", "HOME=\(home)", Shipping.sfnBinary, "__complete", "activities"],
                                  stdin: "this must not be read\n", timeout: 30)
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.stdout, "")
    XCTAssertEqual(result.stderr, "")
  }

  func testShellProtocolCompletesFromTheGlobalOptionsOnTheLine() throws {
    let fixture = try CompletionPeerFixture()
    var env = fixture.environment
    let endpoint = env.removeValue(forKey: "AWS_ENDPOINT_URL")!
    env.removeValue(forKey: "SFN_PEER_ENDPOINT")
    // What the shells run: sfn ---completion COMMAND -- ARGUMENT WORD-INDEX CURSOR WORDS...
    let words = ["sfn", "--endpoint-url", endpoint, "start-execution", "--state-machine-arn", ""]
    let result = try Shipping.run([Shipping.sfnBinary, "---completion", "start-execution", "--", "--state-machine-arn",
                                   "5", "0"] + words, environment: env, timeout: 30)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains(fixture.machineArn + "\n"), result.stdout)
    // deploy's NAME argument offers state machine names.
    let name = String(fixture.machineArn.split(separator: ":").last!)
    let deploy = try Shipping.run([Shipping.sfnBinary, "---completion", "deploy", "--", "positional@0", "2", "0", "sfn",
                                   "deploy", ""], environment: fixture.environment, timeout: 30)
    XCTAssertEqual(deploy.status, 0, deploy.stderr)
    XCTAssertTrue(deploy.stdout.split(separator: "\n").contains(Substring(name)), deploy.stdout)
  }

  /// Config and credentials files with a profile "other" (an explicit profile does not use the key variables).
  private func profileFiles() throws -> [String: String] {
    let dir = try Shipping.temporaryDirectory()
    try "[profile other]\nregion = us-east-1\n".write(toFile: dir + "/config", atomically: true, encoding: .utf8)
    try "[other]\naws_access_key_id = testing\naws_secret_access_key = testing\n"
      .write(toFile: dir + "/credentials", atomically: true, encoding: .utf8)
    return ["AWS_CONFIG_FILE": dir + "/config", "AWS_SHARED_CREDENTIALS_FILE": dir + "/credentials"]
  }
}
