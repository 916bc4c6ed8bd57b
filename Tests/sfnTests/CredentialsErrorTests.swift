import Foundation
import XCTest

/// Credential and configuration failures: one line on stderr, exit 5 or 7, naming the file, line and profile.
final class CredentialsErrorTests: XCTestCase {
  var world: CredentialsWorld!

  override func setUpWithError() throws {
    world = try CredentialsWorld(peer: try Peer.start(port: CredentialsEndToEndTests.port))
  }

  override func tearDownWithError() throws {
    if let world { try? FileManager.default.removeItem(atPath: world.home) }  // nil when setUp failed
  }

  private func assertOneLine(_ r: RunResult, status: Int32, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(r.status, status, r.stderr, file: file, line: line)
    XCTAssertEqual(r.stdout, "", file: file, line: line)
    XCTAssertTrue(r.stderr.hasPrefix("sfn: "), r.stderr, file: file, line: line)
    XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "one line: \(r.stderr)", file: file, line: line)
  }

  func testNoCredentialsNamesEverySourceAndTheFix() throws {
    let r = world.sfn(["list-state-machines", "--region", "us-east-1"])
    assertOneLine(r, status: 5)
    for source in ["env", "AWS_WEB_IDENTITY_TOKEN_FILE", "SSO settings of profile \"default\"",
                   "~/.aws/credentials", "credential_process", "~/.aws/config", "container", "EC2 instance metadata"] {
      XCTAssertTrue(r.stderr.contains(source), "names \(source): \(r.stderr)")
    }
    XCTAssertTrue(r.stderr.contains("aws configure") && r.stderr.contains("AWS_ACCESS_KEY_ID"), r.stderr)
    let whoami = world.sfn(["whoami"])
    assertOneLine(whoami, status: 5)
    // configure list still reports what it found, with the credentials not set.
    let list = world.configureList()
    XCTAssertEqual(list["access_key"]?["type"], "none")
    XCTAssertEqual(list["region"]?["type"], "none")
  }

  func testUnknownProfile() throws {
    try world.write(".aws/config", "[profile dev]\nregion = us-east-1\n")
    let r = world.sfn(["list-state-machines", "--profile", "prod"])
    assertOneLine(r, status: 7)
    XCTAssertTrue(r.stderr.contains("profile \"prod\" (from --profile)"), r.stderr)
    XCTAssertTrue(r.stderr.contains("~/.aws/config") && r.stderr.contains("~/.aws/credentials"), r.stderr)
    assertOneLine(world.sfn(["configure", "list"], ["AWS_PROFILE": "prod"]), status: 7)

    try world.write(".aws/config", "[profile dev]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = missing\n")
    let source = world.sfn(["whoami", "--profile", "dev"])
    assertOneLine(source, status: 7)
    XCTAssertTrue(source.stderr.contains(world.configPath + ":4: could not find source profile missing referenced from dev"),
                  source.stderr)
  }

  func testSourceProfileLoop() throws {
    try world.write(".aws/config", """
      [profile a]
      role_arn = arn:aws:iam::123456789012:role/a
      source_profile = b

      [profile b]
      role_arn = arn:aws:iam::123456789012:role/b
      source_profile = a

      """)
    let r = world.sfn(["list-state-machines", "--profile", "a", "--region", "us-east-1"])
    assertOneLine(r, status: 7)
    XCTAssertTrue(r.stderr.contains(world.configPath + ":3: profile formed an infinite loop: a -> b -> a"), r.stderr)
  }

  func testMalformedConfigFile() throws {
    try world.write(".aws/config", "[default]\nregion = us-east-1\n\n[profile broken]\nregion us-west-2\n")
    let r = world.sfn(["list-state-machines"])
    assertOneLine(r, status: 7)
    XCTAssertTrue(r.stderr.contains(world.configPath + ":5: Expected an '=' sign defining a property (in [profile broken])"),
                  r.stderr)
    let header = try world.write(world.home + "/other-config", "[profile half\nregion = x\n")
    let h = world.sfn(["whoami"], ["AWS_CONFIG_FILE": header])
    assertOneLine(h, status: 7)
    XCTAssertTrue(h.stderr.contains(header + ":1: Profile definition must end with ']'"), h.stderr)
  }

  func testFailingCredentialProcess() throws {
    let script = try world.write("bin/failing.sh", "#!/bin/sh\necho 'SuperSecretPrintedToStdout'\necho 'token expired, run login' >&2\nexit 3\n",
                                 mode: 0o755)
    try world.write(".aws/config", "[profile proc]\nregion = us-east-1\ncredential_process = \(script)\n")
    let r = world.sfn(["list-state-machines", "--profile", "proc"])
    assertOneLine(r, status: 7)
    XCTAssertTrue(r.stderr.contains(world.configPath + ":3: credential_process of profile \"proc\" exited with status 3"),
                  r.stderr)
    XCTAssertTrue(r.stderr.contains("token expired, run login"), r.stderr)

    let bad = try world.write("bin/bad.sh", "#!/bin/sh\necho '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"SecretInBadJSON\"}'\n",
                              mode: 0o755)
    try world.write(".aws/config", "[profile proc]\nregion = us-east-1\ncredential_process = \(bad)\n")
    let wrongVersion = world.sfn(["configure", "list", "--profile", "proc"])
    assertOneLine(wrongVersion, status: 7)
    XCTAssertTrue(wrongVersion.stderr.contains("\"Version\": 1"), wrongVersion.stderr)
    assertNoSecrets([r, wrongVersion], ["SuperSecretPrintedToStdout", "SecretInBadJSON"])
  }
}
