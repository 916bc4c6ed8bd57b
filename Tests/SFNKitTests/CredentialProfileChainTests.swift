import XCTest
@testable import SFNKit

/// Runs every case of the cross-SDK `assume-role-tests.json` through `ProfileChainResolver`.
final class CredentialProfileChainTests: XCTestCase {
  /// The profiles of a case written out as a config file.
  static func files(_ input: JSON?) throws -> ProfileFiles {
    var text = ""
    for (name, properties) in input?["profiles"]?.objectValue ?? JSONObject() {
      text += "[profile \(name)]\n"
      for (key, value) in properties.objectValue ?? JSONObject() { text += "\(key) = \(value.stringValue!)\n" }
    }
    for (name, properties) in input?["sso_sessions"]?.objectValue ?? JSONObject() {
      text += "[sso-session \(name)]\n"
      for (key, value) in properties.objectValue ?? JSONObject() { text += "\(key) = \(value.stringValue!)\n" }
    }
    return try ProfileFiles(config: text, credentials: nil)
  }

  /// The chain in the fixture's notation.
  static func json(_ chain: ProfileChain) -> JSON {
    func object(_ pairs: [(String, String?)]) -> JSON {
      .object(JSONObject(pairs.compactMap { key, value in value.map { (key, JSON.string($0)) } }))
    }
    var steps: [JSON] = []
    switch chain.base {
    case .staticKeys(_, let keys):
      steps.append(["AccessKey": object([("access_key_id", keys.credentials.accessKeyId),
                                         ("secret_access_key", keys.credentials.secretAccessKey),
                                         ("account_id", keys.credentials.accountId)])])
    case .namedSource(let name, _):
      steps.append(["NamedSource": .string(name)])
    case .webIdentity(let settings):
      steps.append(["WebIdentityToken": object([("role_arn", settings.roleArn),
                                                ("web_identity_token_file", settings.tokenFile),
                                                ("role_session_name", settings.sessionName)])])
    case .sso(let settings):
      steps.append(["Sso": object([("sso_session", settings.sessionName), ("sso_region", settings.region),
                                   ("sso_start_url", settings.startURL), ("sso_account_id", settings.accountId),
                                   ("sso_role_name", settings.roleName)])])
    case .process(let command, _, _):
      steps.append(["CredentialProcess": .string(command)])
    }
    for role in chain.roles {
      steps.append(["AssumeRole": object([("role_arn", role.roleArn), ("role_session_name", role.sessionName),
                                          ("external_id", role.externalId)])])
    }
    return .array(steps)
  }

  func testEveryConformanceCase() throws {
    let cases = try XCTUnwrap(ConfigProfileParserTests.fixture("assume-role-tests.json").arrayValue)
    XCTAssertEqual(cases.count, 28)
    var failures: [String] = []
    for testCase in cases {
      let name = testCase["docs"]?.stringValue ?? "?"
      let files = try Self.files(testCase["input"])
      let selected = testCase["input"]?["selected_profile"]?.stringValue ?? "default"
      let output = testCase["output"]
      do {
        let chain = try ProfileChainResolver.resolve(files, profile: selected)
        if let expected = output?["ProfileChain"] {
          if Self.json(chain) != expected { failures.append("\(name): got \(Self.json(chain))") }
        } else {
          failures.append("\(name): expected error \(output?["Error"]?.stringValue ?? "")")
        }
      } catch let error as ConfigError {
        guard let fragment = output?["Error"]?.stringValue, error.message.contains(fragment) else {
          failures.append("\(name): unexpected error \(error)")
          continue
        }
      }
    }
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
  }

  func testLoopErrorNamesTheProfilesAndLine() throws {
    let files = try ProfileFiles(config: "[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r2\n"
                                 + "source_profile = a\n", credentials: nil, configPath: "/c")
    XCTAssertThrowsError(try ProfileChainResolver.resolve(files, profile: "a")) { error in
      let error = error as? ConfigError
      XCTAssertEqual(error?.reason, .profileLoop)
      XCTAssertEqual(error?.exitCode, 7)
      XCTAssertEqual(error?.location, SourceLocation(path: "/c", line: 3))
      XCTAssertTrue(error?.message.contains("a -> b -> a") ?? false)
    }
  }

  func testCredentialsFileKeysBeatProcessButConfigKeysDoNot() throws {
    let fromCredentials = try ProfileFiles(config: "[profile a]\ncredential_process = x\n",
                                           credentials: "[a]\naws_access_key_id = K\naws_secret_access_key = S\n")
    guard case .staticKeys = try ProfileChainResolver.resolve(fromCredentials, profile: "a").base else {
      return XCTFail("credentials-file keys should win")
    }
    let fromConfig = try ProfileFiles(config: "[profile a]\ncredential_process = x\naws_access_key_id = K\n"
                                      + "aws_secret_access_key = S\n", credentials: nil)
    XCTAssertEqual(try ProfileChainResolver.resolve(fromConfig, profile: "a").base,
                   .process(command: "x", profile: "a", location: SourceLocation(path: "~/.aws/config", line: 2)))
  }

  func testDescriptionsHideSecrets() throws {
    let files = try ProfileFiles(config: nil,
                                 credentials: "[a]\naws_access_key_id = AKID\naws_secret_access_key = SEKRIT\n")
    let chain = try ProfileChainResolver.resolve(files, profile: "a")
    XCTAssertFalse("\(chain.base)".contains("SEKRIT"))
    XCTAssertFalse(String(describing: chain).contains("SEKRIT"))
  }
}
