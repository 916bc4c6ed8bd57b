import XCTest
@testable import SFNKit

/// Runs every case of the cross-SDK `profile-parser-tests.json` and checks the parts the suite leaves out.
final class ConfigProfileParserTests: XCTestCase {
  static func fixture(_ name: String) throws -> JSON {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/aws-config/\(name)")
    return try JSONParser.parse(bytes: Array(try Data(contentsOf: url)))
  }

  /// A section as the suite writes it: property name to raw value.
  private func flatten(_ table: [String: ProfileSection]) -> [String: [String: String]] {
    table.mapValues { section in section.values.mapValues(\.value) }
  }

  private func expected(_ json: JSON?) -> [String: [String: String]] {
    var result: [String: [String: String]] = [:]
    for (name, properties) in json?.objectValue ?? JSONObject() {
      var values: [String: String] = [:]
      for (key, value) in properties.objectValue ?? JSONObject() { values[key] = value.stringValue }
      result[name] = values
    }
    return result
  }

  func testEveryConformanceCase() throws {
    let cases = try XCTUnwrap(Self.fixture("profile-parser-tests.json")["tests"]?.arrayValue)
    XCTAssertEqual(cases.count, 65)
    var failures: [String] = []
    for testCase in cases {
      let name = testCase["name"]?.stringValue ?? "?"
      let input = testCase["input"]
      let output = testCase["output"]
      do {
        let files = try ProfileFiles(config: input?["configFile"]?.stringValue,
                                     credentials: input?["credentialsFile"]?.stringValue)
        if let fragment = output?["errorContaining"]?.stringValue {
          failures.append("\(name): expected an error containing \(fragment)")
          continue
        }
        let config = output?["config"]
        if flatten(files.profiles) != expected(config?["profiles"]) {
          failures.append("\(name): profiles \(flatten(files.profiles))")
        }
        if let sessions = config?["sso_sessions"], flatten(files.ssoSessions) != expected(sessions) {
          failures.append("\(name): sso-sessions \(flatten(files.ssoSessions))")
        }
      } catch let error as ConfigError {
        let fragment = output?["errorContaining"]?.stringValue
        if fragment == nil || !error.message.contains(fragment!) {
          failures.append("\(name): unexpected error \(error)")
        }
      }
    }
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
  }

  func testErrorsCarryPathAndLine() {
    XCTAssertThrowsError(try ProfileFiles(config: "[profile a]\nx = 1\n\n[profile b", credentials: nil,
                                          configPath: "/home/u/.aws/config")) { error in
      let error = error as? ConfigError
      XCTAssertEqual(error?.reason, .malformedFile)
      XCTAssertEqual(error?.location, SourceLocation(path: "/home/u/.aws/config", line: 4))
      XCTAssertEqual(error?.description, "/home/u/.aws/config:4: Profile definition must end with ']'")
    }
  }

  func testValuesRememberTheirFileAndLine() throws {
    let files = try ProfileFiles(config: "# c\n[profile dev]\nregion = eu-west-1\naws_access_key_id = A\n",
                                 credentials: "[dev]\n\naws_access_key_id = B\n",
                                 configPath: "/c", credentialsPath: "/k")
    let dev = try XCTUnwrap(files.profile(named: "dev"))
    XCTAssertEqual(dev.location(of: "REGION"), SourceLocation(path: "/c", line: 3))
    XCTAssertEqual(dev["aws_access_key_id"], "B")
    XCTAssertEqual(dev.location(of: "aws_access_key_id"), SourceLocation(path: "/k", line: 3))
  }

  func testServicesSectionsAndSubProperties() throws {
    let text = """
      [profile dev]
      services = local
      [services local]
      sfn =
        endpoint_url = http://localhost:8083 # local
        other = x
      s3 =
        endpoint_url = http://s3
      """
    let files = try ProfileFiles(config: text, credentials: nil)
    let local = try XCTUnwrap(files.servicesSection(named: "local"))
    XCTAssertEqual(local.subProperties(of: "SFN"), ["endpoint_url": "http://localhost:8083", "other": "x"])
    XCTAssertEqual(local.subProperties(of: "s3")["endpoint_url"], "http://s3")
    XCTAssertEqual(files.profile(named: "dev")?["services"], "local")
  }

  func testLeadingByteOrderMarkIsIgnored() throws {
    let files = try ProfileFiles(config: "\u{FEFF}[default]\r\nregion = eu-west-1\r\n", credentials: nil)
    XCTAssertEqual(files.profile(named: "default")?.location(of: "region")?.line, 2)
  }

  func testIndentedCommentLinesAreComments() throws {
    let files = try ProfileFiles(config: "[profile a]\nx = 1\n  # note\ny = 2", credentials: nil)
    XCTAssertEqual(files.profile(named: "a")?["x"], "1")
    XCTAssertEqual(files.profile(named: "a")?["y"], "2")
  }

  func testLoadReadsThroughTheFileSystemAndToleratesMissingFiles() throws {
    let fs = InMemoryFileSystem(["/h/.aws/config": "[default]\nregion = us-east-2\n"])
    let locations = ProfileFileLocations(environment: Environment(["HOME": "/h"]), platform: .posix)
    let files = try ProfileFiles.load(locations, fileSystem: fs)
    XCTAssertEqual(files.profile(named: "default")?["region"], "us-east-2")
    XCTAssertEqual(files.credentialsPath, "/h/.aws/credentials")
  }

  func testLocalFileSystemRoundTripWithMode() throws {
    let dir = NSTemporaryDirectory() + "sfn-config-\(getpid())"
    let fs = LocalFileSystem()
    try fs.createDirectory(atPath: dir + "/a/b", mode: 0o700)
    try fs.write(Array("hello".utf8), toPath: dir + "/a/b/f.json", mode: 0o600)
    XCTAssertEqual(try fs.contents(atPath: dir + "/a/b/f.json"), Array("hello".utf8))
    XCTAssertNil(try fs.contents(atPath: dir + "/missing"))
    let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/a/b/f.json")
    XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    try? FileManager.default.removeItem(atPath: dir)
  }

  func testLocalFileSystemReadability() throws {
    let dir = NSTemporaryDirectory() + "sfn-readable-\(getpid())"
    let fs = LocalFileSystem()
    try fs.createDirectory(atPath: dir, mode: 0o700)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try fs.write([], toPath: dir + "/empty", mode: 0o600)
    try fs.write(Array(repeating: 65, count: 300_000), toPath: dir + "/big.pem", mode: 0o600)
    XCTAssertTrue(fs.isReadable(dir + "/empty"))
    XCTAssertTrue(fs.isReadable(dir + "/big.pem"))
    XCTAssertFalse(fs.isReadable(dir + "/missing"))
    XCTAssertFalse(fs.isReadable(dir), "a directory is not a readable file")
    if getuid() != 0 {  // root reads whatever the mode says
      try fs.write([1], toPath: dir + "/locked", mode: 0o000)
      XCTAssertFalse(fs.isReadable(dir + "/locked"))
    }
  }
}
