import Foundation
import XCTest

@testable import sfn

/// Help, version, option placement and the one-line errors with their exit codes (no peer needed), in-process
/// with the real libcurl transport: nothing here needs the binary (the other suites prove it).
final class CLIBasicsTests: XCTestCase {
  private func sfn(_ args: [String], env: [String: String] = InProcessSFN.environment()) -> RunResult {
    InProcessSFN.run(args, in: .test(environment: env))
  }

  func testHelpListsEveryOperation() throws {
    let r = sfn(["--help"])
    XCTAssertEqual(r.status, 0)
    let model = ["create-activity", "create-state-machine", "create-state-machine-alias", "delete-activity",
                 "delete-state-machine", "delete-state-machine-alias", "delete-state-machine-version", "describe-activity",
                 "describe-execution", "describe-map-run", "describe-state-machine", "describe-state-machine-alias",
                 "describe-state-machine-for-execution", "get-activity-task", "get-execution-history", "list-activities",
                 "list-executions", "list-map-runs", "list-state-machine-aliases", "list-state-machine-versions",
                 "list-state-machines", "list-tags-for-resource", "publish-state-machine-version", "redrive-execution",
                 "send-task-failure", "send-task-heartbeat", "send-task-success", "start-execution", "start-sync-execution",
                 "stop-execution", "tag-resource", "test-state", "untag-resource", "update-map-run", "update-state-machine",
                 "update-state-machine-alias", "validate-state-machine-definition"]
    XCTAssertEqual(model.count, 37)
    for name in model { XCTAssertTrue(r.stdout.contains("  \(name)"), "--help lacks \(name)") }
  }

  func testStandardInputIsTheRuntimes() {
    let definition = #"{"StartAt": "Missing", "States": {"P": {"Type": "Pass", "End": true}}}"#
    let r = InProcessSFN.run(["validate", "-"], in: .test(environment: InProcessSFN.environment(),
                                                         transport: RecordingTransport(), stdin: definition))
    XCTAssertEqual(r.status, 65, r.stderr)
    XCTAssertTrue(r.stdout.hasPrefix("-:1:"), r.stdout)
    XCTAssertTrue(r.stdout.contains("Missing"), r.stdout)
  }

  func testVersion() {
    let r = sfn(["--version"])
    XCTAssertEqual(r.status, 0)
    XCTAssertTrue(r.stdout.hasPrefix("0."), r.stdout)
  }

  func testGlobalOptionsBeforeOrAfterTheCommand() {
    var env = InProcessSFN.environment()
    env["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
    env["AWS_SECRET_ACCESS_KEY"] = "secret"
    // Nothing listens on port 9: both forms get as far as connecting.
    for args in [["--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:9", "list-activities"],
                 ["list-activities", "--region", "eu-west-1", "--endpoint-url=http://127.0.0.1:9"]] {
      let r = sfn(args + ["--max-attempts", "1"], env: env)
      XCTAssertEqual(r.status, 6, "\(args): \(r.stderr)")
      XCTAssertTrue(r.stderr.hasPrefix("sfn: could not connect to 127.0.0.1"), r.stderr)
    }
  }

  func testConfigurationErrors() {
    var env = InProcessSFN.environment()
    env["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
    env["AWS_SECRET_ACCESS_KEY"] = "secret"
    let noRegion = sfn(["list-activities"], env: env)
    XCTAssertEqual(noRegion.status, 7, noRegion.stderr)
    XCTAssertTrue(noRegion.stderr.hasPrefix("sfn: no region: pass --region"), noRegion.stderr)

    let badScheme = sfn(["list-activities", "--region", "us-east-1", "--endpoint-url", "ftp://x"], env: env)
    XCTAssertEqual(badScheme.status, 7, badScheme.stderr)

    let unknownProfile = sfn(["list-activities", "--profile", "nope", "--region", "us-east-1"], env: env)
    XCTAssertEqual(unknownProfile.status, 7, unknownProfile.stderr)
    XCTAssertTrue(unknownProfile.stderr.contains("nope"), unknownProfile.stderr)
  }

  func testProfileCABundleIsUsed() throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("ca-home"))
    try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    try "[default]\nregion = us-east-1\nca_bundle = /nonexistent/ca.pem\n"
      .write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
    var env = InProcessSFN.environment(home: home.path)
    env["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
    env["AWS_SECRET_ACCESS_KEY"] = "secret"
    let r = sfn(["list-activities", "--endpoint-url", "https://127.0.0.1:9"], env: env)
    XCTAssertEqual(r.status, 7, r.stderr)
    XCTAssertTrue(r.stderr.contains("/nonexistent/ca.pem"), r.stderr)
  }

  func testNoCredentials() {
    let r = sfn(["list-activities", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"])
    XCTAssertEqual(r.status, 5, r.stderr)
    XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
  }

  func testUsageErrors() {
    let unknown = sfn(["describe-execution", "--no-such-flag"])
    XCTAssertEqual(unknown.status, 64, unknown.stderr)
    let missing = sfn(["describe-execution", "--region", "us-east-1"])
    XCTAssertEqual(missing.status, 64, missing.stderr)
    XCTAssertTrue(missing.stderr.contains("--execution-arn"), missing.stderr)
    let badQuery = sfn(["list-activities", "--query", "a[", "--region", "us-east-1"])
    XCTAssertEqual(badQuery.status, 64, badQuery.stderr)
    XCTAssertTrue(badQuery.stderr.contains("column"), badQuery.stderr)
  }

  func testEnumOptionsTakeTheModelsValuesAndListThem() {
    let cases: [([String], [String])] = [
      (["deploy", "m", "--definition", "d.json", "--role-arn", "arn:aws:iam::1:role/r", "--type", "standard"],
       ["STANDARD", "EXPRESS"]),
      (["validate", "d.json", "--type", "FAST"], ["STANDARD", "EXPRESS"]),
      (["deploy", "m", "--definition", "d.json", "--role-arn", "arn:aws:iam::1:role/r", "--logging", "all"],
       ["ALL", "ERROR", "FATAL", "OFF"]),
      (["executions", "m", "--status", "DONE"], ["RUNNING", "SUCCEEDED", "FAILED"]),
    ]
    for (args, values) in cases {
      let r = sfn(args)
      XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
      for value in values { XCTAssertTrue(r.stderr.contains(value), "\(args): \(r.stderr)") }
    }
    let help = sfn(["deploy", "--help"])
    XCTAssertTrue(help.stdout.contains("ALL, ERROR, FATAL, OFF"), help.stdout)
  }

  func testBadInputIsRefusedBeforeSending() {
    var env = InProcessSFN.environment()
    env["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
    env["AWS_SECRET_ACCESS_KEY"] = "secret"
    env["AWS_REGION"] = "us-east-1"
    env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9"
    let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:x"
    // Over 256 KiB in UTF-8 bytes (too long for one argv string, so it comes from a file).
    let big = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("big") + ".json")
    try? ("\"" + String(repeating: "é", count: 131_072) + "\"").write(to: big, atomically: true, encoding: .utf8)
    let cases: [[String]] = [
      ["start-execution", "--state-machine-arn", arn, "--input", "{\"a\":"],
      ["start-execution", "--state-machine-arn", arn, "--input", "file://" + big.path],
      ["start-execution", "--state-machine-arn", arn, "--name", "bad name"],
      ["start-execution", "--state-machine-arn", "not-an-arn"],
      ["list-executions", "--state-machine-arn", arn, "--max-results", "5000"],
      ["list-executions", "--state-machine-arn", arn, "--status-filter", "DONE"],
    ]
    for args in cases {
      let r = sfn(args + ["--debug"], env: env)
      XCTAssertEqual(r.status, 65, "\(args.prefix(4)): \(r.stderr.prefix(300))")
      XCTAssertFalse(r.stderr.contains("attempt 1"), "nothing may be sent for \(args.prefix(4))")
    }
  }
}
