import Foundation
import XCTest

/// A role with `mfa_serial`: sfn asks for the code on the terminal (echo off) and caches the session; without a
/// terminal it fails with the profile and line instead of hanging.
final class CredentialsMFATests: XCTestCase {
  var world: CredentialsWorld!

  override func setUpWithError() throws {
    world = try CredentialsWorld(peer: try Peer.start(port: CredentialsEndToEndTests.port))
    try world.write(".aws/credentials", "[base]\naws_access_key_id = AKIAMFABASEKEY000001\naws_secret_access_key = mfa-base-secret\n")
    try world.write(".aws/config", """
      [profile mfa]
      region = us-east-1
      role_arn = arn:aws:iam::123456789012:role/mfa-role
      source_profile = base
      mfa_serial = arn:aws:iam::123456789012:mfa/dev-user
      role_session_name = mfa-session

      """)
  }

  override func tearDownWithError() throws {
    if let world { try? FileManager.default.removeItem(atPath: world.home) }  // nil when setUp failed
  }

  private func onTerminal(_ args: [String]) -> RunResult {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/creds/run_in_pty.py").path
    return SFNRunner.run("/usr/bin/env", ["python3", script, "Enter MFA code for", "492817", SFNRunner.binary] + args,
                         env: world.environment())
  }

  func testPromptsOnTheTerminalAndCachesTheSession() throws {
    let first = onTerminal(["whoami", "--profile", "mfa", "--output", "json"])
    XCTAssertEqual(first.status, 0, first.stdout)
    XCTAssertTrue(first.stdout.contains("Enter MFA code for arn:aws:iam::123456789012:mfa/dev-user: "), first.stdout)
    XCTAssertTrue(first.stdout.contains("arn:aws:sts::123456789012:assumed-role/mfa-role/mfa-session"), first.stdout)
    XCTAssertFalse(first.stdout.contains("492817"), "the code is not echoed: \(first.stdout)")

    let second = onTerminal(["list-state-machines", "--profile", "mfa", "--output", "json"])
    XCTAssertEqual(second.status, 0, second.stdout)
    XCTAssertFalse(second.stdout.contains("Enter MFA code"), "the cached session needs no code: \(second.stdout)")
    assertNoSecrets([first, second], ["mfa-base-secret"])
  }

  func testWithoutATerminalFailsWithTheProfileAndLine() throws {
    // setsid: no controlling terminal even when the tests run in one.
    let r = SFNRunner.run("/usr/bin/setsid", [SFNRunner.binary, "list-state-machines", "--profile", "mfa"],
                          env: world.environment())
    XCTAssertEqual(r.status, 7, r.stderr)
    XCTAssertTrue(r.stderr.contains(world.configPath + ":3: profile \"mfa\" needs an MFA code for "
                                    + "arn:aws:iam::123456789012:mfa/dev-user but there is no terminal to ask on"), r.stderr)
  }
}
