import Foundation
import XCTest
@testable import SFNKit

/// `ConfigurationReport` (what `sfn configure list` shows) and the SSO endpoint overrides.
final class ConfigurationReportTests: XCTestCase {
  private func setup(env: [String: String], files: [String: String], profile: String? = nil,
                     transport: CredentialFakeTransport = CredentialFakeTransport()) throws -> ClientSetup {
    try ClientSetup(environment: Environment(env.merging(["HOME": "/home/u"]) { $1 }), profile: profile, region: nil,
                    endpointURL: nil, transport: transport, fileSystem: InMemoryFileSystem(files), clock: .fixed(CredentialFixtures.now))
  }

  func testEntriesCarryTypeAndLocation() throws {
    let report = try ConfigurationReport(setup: setup(env: ["AWS_PROFILE": "dev"], files: [
      "/home/u/.aws/config": "[profile dev]\nregion = eu-west-3\n",
      "/home/u/.aws/credentials": "[dev]\naws_access_key_id = AKIAEXAMPLE00001234\naws_secret_access_key = S3CRET\n",
    ]))
    XCTAssertEqual(report.entries, [
      ConfigurationEntry(name: "profile", value: "dev", type: "env", location: "AWS_PROFILE"),
      ConfigurationEntry(name: "region", value: "eu-west-3", type: "config-file", location: "/home/u/.aws/config:2"),
      ConfigurationEntry(name: "endpoint", value: "https://states.eu-west-3.amazonaws.com", type: "rules",
                         location: "region"),
      ConfigurationEntry(name: "access_key", value: "***************1234", type: "shared-credentials-file",
                         location: "/home/u/.aws/credentials:2"),
    ])
    let json = JSONWriter.compact.string(report.json)
    XCTAssertTrue(json.hasPrefix(#"{"profile":{"value":"dev","type":"env","location":"AWS_PROFILE"},"#), json)
    XCTAssertFalse(json.contains("S3CRET"))
  }

  func testNothingConfiguredIsNotSet() throws {
    let report = try ConfigurationReport(setup: setup(env: ["AWS_EC2_METADATA_DISABLED": "true"], files: [:]))
    XCTAssertEqual(report.entries.map(\.value), ["default", nil, nil, nil])
    XCTAssertEqual(report.entries.map(\.type), ["default", "none", "none", "none"])
    XCTAssertTrue(JSONWriter.compact.string(report.json).contains(#""region":{"value":null"#))
  }

  func testProviderFailuresAreThrownNotHidden() throws {
    let config = "[default]\nregion = us-east-1\ncredential_process = /nonexistent/helper\n"
    XCTAssertThrowsError(try ConfigurationReport(setup: setup(env: [:], files: ["/home/u/.aws/config": config]))) {
      XCTAssertEqual(($0 as? ConfigError)?.reason, .credentialProcess)
    }
  }

  func testSSOPortalFollowsEndpointOverrides() throws {
    let transport = CredentialFakeTransport { _ in
      CredentialFakeTransport.ok(#"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"S","#
                                 + #""sessionToken":"T","expiration":1795003600000}}"#)
    }
    let config = """
      [profile dev]
      sso_session = corp
      sso_account_id = 111122223333
      sso_role_name = Admin
      services = local
      [sso-session corp]
      sso_region = us-east-1
      sso_start_url = https://d.awsapps.com/start
      [services local]
      sso =
        endpoint_url = http://127.0.0.1:9911/base/
      """
    let token = "/home/u/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"
    let files = [token: #"{"accessToken":"ACCESS","expiresAt":"2026-11-18T20:00:00Z"}"#]
    let (context, _) = try CredentialFixtures.context(profile: "dev", config: config, files: files, transport: transport)
    XCTAssertNotNil(try SSOProvider(context: context).credentials())
    XCTAssertEqual(transport.requests.last?.url.absoluteString,
                   "http://127.0.0.1:9911/base/federation/credentials?account_id=111122223333&role_name=Admin")

    let (fromEnv, _) = try CredentialFixtures.context(env: ["AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:9922"],
                                                      profile: "dev", config: config, files: files, transport: transport)
    XCTAssertNotNil(try SSOProvider(context: fromEnv).credentials())
    XCTAssertEqual(transport.requests.last?.url.host, "127.0.0.1")
    XCTAssertEqual(transport.requests.last?.url.port, 9922)
    XCTAssertEqual(try fromEnv.serviceEndpoint(.ssoOIDC, region: "cn-north-1").absoluteString,
                   "https://oidc.cn-north-1.amazonaws.com.cn")
  }
}
