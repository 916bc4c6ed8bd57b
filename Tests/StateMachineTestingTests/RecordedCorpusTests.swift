import Foundation
import SFNKit
import StateMachineTesting
import XCTest

/// The recorded-execution corpus (StateMachineEngineTests/Fixtures/aws-recorded) written as `sfn test` files
/// in a scratch directory: every case passes, and a mutated expectation fails with the difference named.
final class RecordedCorpusTests: XCTestCase {
  /// Cases the engine cannot replay (the reasons are in RecordedExecutionTests.exceptions).
  static let exceptions: Set<String> = [
    "base/wait.wait_timestamppath.Z", "local_mocking/base_scenarios.map_state_lambda",
    "scenarios/base_scenarios.map_state_config_distributed_reentrant_lambda",
    "scenarios/base_scenarios.lambda_invoke_with_retry_extended_input",
    "scenarios/base_scenarios.map_state_config_distributed_item_selector_parameters",
    "scenarios/base_scenarios.map_state_nested_config_distributed",
    "assign/assign_reference_variables.reference_in_map_state.MAP_STATE_REFERENCE_IN_ITEM_SELECTOR",
  ]

  static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("StateMachineEngineTests/Fixtures/aws-recorded/cases")

  func testCorpusAsTestFilesPasses() throws {
    let files = try CorpusTestFiles.write(from: Self.cases, excluding: Self.exceptions)
    XCTAssertGreaterThan(files.count, 550)
    let suites = try files.map { try TestFileReader().read($0) }
    let report = TestReport(suites: try TestSession().run(suites))
    let failed = report.cases.filter { !$0.passed }
    XCTAssertEqual(report.cases.count, files.count)
    XCTAssertTrue(failed.isEmpty, failed.prefix(20).map { "\($0.file): \($0.failures)" }.joined(separator: "\n"))
    // The corpus's cases check more than the status: outputs, errors and paths.
    let checkedStates = suites.filter { $0.cases[0].expectations.states != nil }.count
    let checkedOutputs = suites.filter { $0.cases[0].expectations.output.equals != nil }.count
    XCTAssertGreaterThan(checkedStates, 250)
    XCTAssertGreaterThan(checkedOutputs, 300)
  }

  func testMutatedExpectationsFailWithTheirDifference() throws {
    let files = try CorpusTestFiles.write(from: Self.cases, excluding: Self.exceptions)
    var suites = try files.map { try TestFileReader().read($0) }
    var mutated: [(index: Int, expected: String)] = []
    for (i, suite) in suites.enumerated() {
      var e = suite.cases[0].expectations
      switch i % 3 {
      case 0:
        e.status = e.status == "SUCCEEDED" ? "FAILED" : "SUCCEEDED"
        mutated.append((i, "status: expected \(e.status!), got "))
      case 1 where e.output.equals != nil:
        e.output.equals = .object(JSONObject([("mutated", .bool(true))]))
        mutated.append((i, "output"))
      case 2 where e.states != nil:
        e.states = e.states!.reversed() + ["Extra"]
        mutated.append((i, "states: expected "))
      default:
        continue
      }
      suites[i].cases[0].expectations = e
    }
    XCTAssertGreaterThan(mutated.count, 300)
    let results = try TestSession().run(suites)
    for (i, expected) in mutated {
      let result = results[i].cases[0]
      XCTAssertFalse(result.passed, result.file)
      XCTAssertTrue(result.failures.contains { $0.hasPrefix(expected) }, "\(result.file): \(result.failures)")
    }
  }
}

/// Writes one test file per recorded case: input, mocks, and the recorded status, output, error, cause and
/// states entered as expectations (values with redacted parts and causes recorded as JSON are left out).
enum CorpusTestFiles {
  static func write(from root: URL, excluding: Set<String>) throws -> [String] {
    let fm = FileManager.default
    let out = fm.temporaryDirectory.appendingPathComponent("sfn-corpus-tests-\(getpid())")
    try? fm.removeItem(at: out)
    try fm.createDirectory(at: out, withIntermediateDirectories: true)
    var files: [String] = []
    for category in try fm.contentsOfDirectory(atPath: root.path).sorted() {
      for name in try fm.contentsOfDirectory(atPath: root.appendingPathComponent(category).path).sorted() {
        guard !excluding.contains("\(category)/\(name)") else { continue }
        let dir = root.appendingPathComponent(category).appendingPathComponent(name)
        let file = out.appendingPathComponent("\(category).\(name).test.json")
        try testFile(for: dir).write(to: file, atomically: true, encoding: .utf8)
        files.append(file.path)
      }
    }
    return files
  }

  static func testFile(for dir: URL) throws -> String {
    func read(_ name: String) throws -> String {
      try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }
    let expected = try JSONParser.parse(try read("expected.json"))
    let placeholders = expected["placeholders"]?.arrayValue?.compactMap(\.stringValue) ?? []
    func redacted(_ value: JSON) -> Bool {
      let text = JSONWriter.compact.string(value)
      return placeholders.contains { !$0.isEmpty && text.contains($0) }
    }
    var expect = JSONObject([("status", expected["status"] ?? .null)])
    if let output = expected["output"], !redacted(output) { expect["output"] = output }
    if let error = expected["error"], !redacted(error) { expect["error"] = error }
    if let cause = expected["cause"], cause.stringValue != nil, !redacted(cause) { expect["cause"] = cause }
    if expected["unorderedParallelEvents"]?.boolValue != true, let events = expected["events"]?.arrayValue {
      expect["states"] = .array(events.compactMap { event -> JSON? in
        guard event["type"]?.stringValue?.hasSuffix("StateEntered") == true else { return nil }
        return event["stateEnteredEventDetails"]?["name"]
      })
    }
    var testCase = JSONObject([("name", .string(dir.lastPathComponent)),
                               ("input", try JSONParser.parse(try read("input.json"))),
                               ("execution", ["name": "recorded", "seed": 7]), ("expect", .object(expect))])
    var file = JSONObject([("definition", .string(dir.appendingPathComponent("definition.asl.json").path)),
                           ("stateMachine", "Machine")])
    if FileManager.default.fileExists(atPath: dir.appendingPathComponent("mock-config.json").path) {
      file["mockConfig"] = .string(dir.appendingPathComponent("mock-config.json").path)
      testCase["mockTestCase"] = "Case"
    }
    file["cases"] = .array([.object(testCase)])
    return JSONWriter.pretty.string(.object(file))
  }
}
