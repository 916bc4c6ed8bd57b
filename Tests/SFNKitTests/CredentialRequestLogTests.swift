import Foundation
import XCTest
@testable import SFNKit

/// `--debug` lines for credential requests: method, URL, action and status only, never headers or bodies.
final class CredentialRequestLogTests: XCTestCase {
  func testLogsOneLineWithoutSecrets() throws {
    var lines: [String] = []
    let fake = CredentialFakeTransport { CredentialFakeTransport.stsReply($0) }
    let log = CredentialRequestLog(fake, write: { lines.append($0) })
    let sts = STSClient(endpoint: URL(string: "https://sts.eu-west-1.amazonaws.com/")!, signingRegion: "eu-west-1",
                        transport: log, clock: .fixed(CredentialFixtures.now))
    _ = try sts.assumeRoleWithWebIdentity(roleArn: "arn:aws:iam::1:role/r", sessionName: "s", token: "JWT-SECRET")
    XCTAssertEqual(lines, ["debug: credentials: POST https://sts.eu-west-1.amazonaws.com/ (AssumeRoleWithWebIdentity) -> HTTP 200"])

    let refused = CredentialRequestLog(CredentialFakeTransport(), write: { lines.append($0) })
    let request = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:1/federation/credentials?account_id=1")!,
                              headers: [("x-amz-sso_bearer_token", "BEARER-SECRET")])
    XCTAssertThrowsError(try refused.send(request, timeout: 1))
    XCTAssertEqual(lines.last, "debug: credentials: GET http://127.0.0.1:1/federation/credentials -> no response: refused")
    XCTAssertFalse(lines.joined().contains("SECRET"))
  }
}
