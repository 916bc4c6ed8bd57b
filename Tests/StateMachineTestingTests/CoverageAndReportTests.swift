import Foundation
import SFNKit
import StateMachineTesting
import XCTest

/// Coverage of states, Choice rules, Catch and Retry paths, and the text, JSON and JUnit reports.
final class CoverageAndReportTests: XCTestCase {
  static let definition = """
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
          {"Variable": "$.kind", "StringEquals": "card", "Next": "Charge"},
          {"Variable": "$.kind", "StringEquals": "cash", "Next": "Done"}],
        "Default": "Unknown"},
      "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
        "Retry": [{"ErrorEquals": ["Card.Busy"], "IntervalSeconds": 30}, {"ErrorEquals": ["States.Timeout"]}],
        "Catch": [{"ErrorEquals": ["Card.Declined"], "Next": "Declined"},
                  {"ErrorEquals": ["States.ALL"], "Next": "Unknown"}]},
      "Declined": {"Type": "Fail", "Error": "Declined"},
      "Unknown": {"Type": "Fail", "Error": "Unknown"},
      "Done": {"Type": "Succeed"}}}
    """

  static let tests = """
    definition: pay.asl.json
    cases:
      - name: card retried then charged
        input: {kind: card}
        mocks:
          Charge: [{throw: {error: Card.Busy}}, {return: {id: 1}}]
        expect:
          status: SUCCEEDED
          states: [Route, Charge, Done]
          retries: {Charge: 1}
      - name: declined
        input: {kind: card}
        mocks:
          Charge: {throw: {error: Card.Declined, cause: no funds}}
        expect: {status: FAILED, error: Declined, statesInclude: [Charge, Declined]}
      - name: wrong expectation
        input: {kind: cash}
        expect: {status: SUCCEEDED, output: {kind: card}, statesInclude: [Charge]}
    """

  func results() throws -> TestReport {
    let reader = TestFileReader { path in
      guard path == "pay.asl.json" else { throw TestFilesError.noSuchPath(path) }
      return Self.definition
    }
    let suite = try reader.parse(Self.tests, file: "pay.test.yaml")
    return TestReport(suites: try TestSession().run([suite]))
  }

  func testCoverageCreditsRulesCatchersAndRetriers() throws {
    let report = try results()
    let coverage = report.suites[0].coverage
    XCTAssertEqual(coverage.count(.state).covered, 4)
    XCTAssertEqual(coverage.count(.state).total, 5)
    XCTAssertEqual(coverage.missed.map(\.label), [
      "Default -> Unknown", "Unknown", "catch 2 [States.ALL] -> Unknown", "retry 2 [States.Timeout]",
    ])
    XCTAssertEqual(coverage.count().covered, 8)
    XCTAssertEqual(coverage.count().total, 12)
    XCTAssertEqual(report.coveragePercent, 800.0 / 12, accuracy: 0.001)
    let table = report.coverageTable()
    XCTAssertTrue(table.contains("pay.test.yaml  4/5     2/3           1/2    1/2    67%"), table)
    XCTAssertTrue(table.contains("not run: pay.test.yaml: choice rule Route: Default -> Unknown"), table)
  }

  func testFailuresShowTheirDifferencesAndThePath() throws {
    let report = try results()
    XCTAssertEqual(report.cases.map(\.passed), [true, true, false])
    XCTAssertEqual(report.text(), """
      PASS  pay.test.yaml: card retried then charged
      PASS  pay.test.yaml: declined
      FAIL  pay.test.yaml: wrong expectation
            output.kind: expected "card", got "cash"
            statesInclude: 'Charge' was not entered where expected (subsequence Charge)
            path: Route > Done => SUCCEEDED
      2 passed, 1 failed, 3 cases in 1 file

      """)
    let json = report.json(includeCoverage: true)
    XCTAssertEqual(json["failed"], 1)
    XCTAssertEqual(json["cases"]?.arrayValue?[1]["error"], "Declined")
    XCTAssertEqual(json["cases"]?.arrayValue?[2]["states"], ["Route", "Done"])
    XCTAssertEqual(json["coverage"]?["files"]?.arrayValue?[0]["items"]?.arrayValue?.count, 12)
  }

  /// Validates the JUnit report against Fixtures/junit.xsd with the xmlschema package from PyPI, installed into
  /// a virtual environment under ~/.cache/sfn-junit (SFN_JUNIT_VENV) the first time.
  func testJUnitReportIsValidAgainstTheSchema() throws {
    let report = try results()
    let xml = report.junit(timestamp: Date(timeIntervalSince1970: 1_767_225_600))
    XCTAssertTrue(xml.contains("timestamp=\"2026-01-01T00:00:00\""))
    XCTAssertTrue(xml.contains("<failure message=\"output.kind: expected &quot;card&quot;, got &quot;cash&quot;\""))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-junit-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let good = dir.appendingPathComponent("good.xml")
    try xml.write(to: good, atomically: true, encoding: .utf8)
    // A report with a zone in its timestamp breaks the schema: the check must see it.
    let bad = dir.appendingPathComponent("bad.xml")
    try xml.replacingOccurrences(of: "T00:00:00\"", with: "T00:00:00Z\"").write(to: bad, atomically: true,
                                                                                  encoding: .utf8)
    let python = try XMLSchemaValidator.python()
    let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/junit.xsd")
    XCTAssertEqual(try XMLSchemaValidator.validate(python: python, schema: schema.path, xml: good.path), "valid")
    XCTAssertNotEqual(try XMLSchemaValidator.validate(python: python, schema: schema.path, xml: bad.path), "valid")
  }
}

/// Runs Python's xmlschema package (from PyPI) to validate XML files.
enum XMLSchemaValidator {
  static let package = "xmlschema==3.4.3"

  /// The venv's python, creating the venv and installing xmlschema when missing.
  static func python() throws -> String {
    let venv = ProcessInfo.processInfo.environment["SFN_JUNIT_VENV"]
      ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/sfn-junit/venv").path
    let python = venv + "/bin/python"
    if (try? run(python, ["-c", "import xmlschema"])) == 0 { return python }
    guard try run("/usr/bin/env", ["python3", "-m", "venv", venv]) == 0,
          try run(venv + "/bin/pip", ["install", "-q", package]) == 0 else {
      throw TestFilesError.unreadable(path: venv, reason: "could not install \(package) into it")
    }
    return python
  }

  /// "valid", or the validator's first error line.
  static func validate(python: String, schema: String, xml: String) throws -> String {
    let script = """
      import sys, xmlschema
      try:
          xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2]); print("valid")
      except xmlschema.XMLSchemaValidationError as e:
          print("invalid: " + str(e.reason))
      """
    let out = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, schema, xml]
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @discardableResult
  static func run(_ program: String, _ args: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = args
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
}
