import XCTest
@testable import SFNKit

/// Runs every case of `file-location-tests.json` plus profile selection and `~` expansion.
final class ConfigFileLocationTests: XCTestCase {
  func testEveryConformanceCase() throws {
    let cases = try XCTUnwrap(ConfigProfileParserTests.fixture("file-location-tests.json")["tests"]?.arrayValue)
    XCTAssertEqual(cases.count, 9)
    var failures: [String] = []
    for testCase in cases {
      let name = testCase["name"]?.stringValue ?? "?"
      var variables: [String: String] = [:]
      for (key, value) in testCase["environment"]?.objectValue ?? JSONObject() { variables[key] = value.stringValue }
      let environment = Environment(variables)
      let platform: Platform = testCase["platform"]?.stringValue == "windows" ? .windows : .posix
      let locations = ProfileFileLocations(environment: environment, platform: platform)
      if locations.configPath != testCase["configLocation"]?.stringValue {
        failures.append("\(name): config \(locations.configPath)")
      }
      if locations.credentialsPath != testCase["credentialsLocation"]?.stringValue {
        failures.append("\(name): credentials \(locations.credentialsPath)")
      }
      if let profile = testCase["profile"]?.stringValue,
         ProfileSelection(override: nil, environment: environment).name != profile {
        failures.append("\(name): profile")
      }
    }
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
  }

  func testTildeInOverridesIsExpanded() {
    let locations = ProfileFileLocations(
      environment: Environment(["HOME": "/home/u", "AWS_CONFIG_FILE": "~/cfg", "AWS_SHARED_CREDENTIALS_FILE": "~x/c"]),
      platform: .posix)
    XCTAssertEqual(locations.configPath, "/home/u/cfg")
    XCTAssertEqual(locations.credentialsPath, "~x/c")
    XCTAssertEqual(locations.abbreviate("/home/u/.aws/config"), "~/.aws/config")
    XCTAssertEqual(locations.awsPath("sso", "cache"), "/home/u/.aws/sso/cache")
  }

  func testProfileSelectionOrder() {
    let env = Environment(["AWS_PROFILE": "p", "AWS_DEFAULT_PROFILE": "d"])
    XCTAssertEqual(ProfileSelection(override: "cli", environment: env).source, .commandLine)
    XCTAssertTrue(ProfileSelection(override: "cli", environment: env).isExplicit)
    XCTAssertEqual(ProfileSelection(override: nil, environment: env).name, "p")
    XCTAssertEqual(ProfileSelection(override: nil, environment: Environment(["AWS_DEFAULT_PROFILE": "d"])).name, "d")
    XCTAssertEqual(ProfileSelection(override: nil, environment: Environment([:])).source, .defaultName)
  }
}
