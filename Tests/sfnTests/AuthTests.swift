import Foundation
import XCTest

/// Signature checking by the peer: a right key works, a wrong secret or unknown key is refused with exit 5.
final class AuthTests: XCTestCase {
  func testWrongSecretIsRejectedWithExitFive() throws {
    let peer = try Peer.start(port: 5602, auth: true)
    let ok = peer.sfn(["list-state-machines"])
    XCTAssertEqual(ok.status, 0, "a correctly signed request passes: \(ok.stderr)")

    let wrong = peer.sfn(["list-state-machines"], env: ["AWS_SECRET_ACCESS_KEY": "not-the-secret"])
    XCTAssertEqual(wrong.status, 5, wrong.stderr)
    XCTAssertTrue(wrong.stderr.hasPrefix("sfn: SignatureDoesNotMatch"), wrong.stderr)
    XCTAssertFalse(wrong.stderr.contains("not-the-secret"))

    let unknown = peer.sfn(["list-state-machines"], env: ["AWS_ACCESS_KEY_ID": "AKIAUNKNOWNUNKNOWN00"])
    XCTAssertEqual(unknown.status, 5, unknown.stderr)
    XCTAssertTrue(unknown.stderr.contains("InvalidClientTokenId"), unknown.stderr)
  }

  func testSessionTokenIsSignedAndSent() throws {
    let peer = try Peer.start(port: 5601)
    let r = peer.sfn(["list-activities", "--debug"], env: ["AWS_SESSION_TOKEN": "SECRET-SESSION-TOKEN-VALUE"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.contains("x-amz-security-token"), "the token is a signed header")
    XCTAssertFalse(r.stderr.contains("SECRET-SESSION-TOKEN-VALUE"), "--debug never shows the token")
    XCTAssertFalse(r.stderr.contains(peer.secretKey) && peer.secretKey.count > 8)
  }
}
