import Foundation
import XCTest

/// The verbs' output: golden tables at several widths, piped versus terminal output, colour and time zones.
/// Uses the fake server, whose history and executions have fixed timestamps.
final class VerbsRenderingTests: XCTestCase {
  var env: [String: String] = [:]

  override func setUpWithError() throws {
    env = try VerbsFake.environment()
    try VerbsFake.control("/_control/reset")
  }

  private func golden(_ name: String) throws -> String {
    try String(contentsOf: VerbsHarness.fixtures.appendingPathComponent("golden/\(name)"), encoding: .utf8)
  }

  private func run(_ args: [String], columns: Int, extra: [String: String] = [:]) -> VerbsRun {
    var e = env
    e["COLUMNS"] = String(columns)
    e.merge(extra) { $1 }
    return VerbsHarness.sfn(args, env: e)
  }

  func testHistoryTableGoldenAtSeveralWidths() throws {
    for width in [60, 80, 120] {
      let r = run(["history", "slow/hist", "--output", "table", "--color", "never"], columns: width)
      XCTAssertEqual(r.status, 0, r.stderr)
      XCTAssertEqual(r.stdout, try golden("history-\(width).txt"), "width \(width)")
      for line in r.stdout.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, width, String(line)) }
    }
  }

  func testHistoryTableColoursByOutcome() throws {
    let r = run(["history", "slow/hist", "--output", "table", "--color", "always"], columns: 100)
    XCTAssertEqual(r.stdout, try golden("history-100-color.txt"))
    XCTAssertTrue(r.stdout.contains("\u{1B}[31mTaskFailed"), "failures red")
    XCTAssertTrue(r.stdout.contains("\u{1B}[33mlambda:invoke (retry 1)"), "retries yellow")
  }

  func testListTableGoldenAtTwoWidths() throws {
    for width in [60, 120] {
      let r = run(["wait", "slow/timed", "slow/hist", "--output", "table", "--color", "never"], columns: width)
      XCTAssertEqual(r.status, 2)
      XCTAssertEqual(r.stdout, try golden("wait-\(width).txt"), "width \(width)")
    }
  }

  func testTablesShowLocalTimeAndJSONShowsUTC() throws {
    let table = run(["describe", "slow/hist", "--output", "table", "--color", "never"], columns: 100, extra: ["TZ": "Asia/Tokyo"])
    XCTAssertEqual(table.stdout, try golden("describe-tokyo.txt"))
    let json = run(["describe", "slow/hist"], columns: 100, extra: ["TZ": "Asia/Tokyo"])
    XCTAssertEqual(json.object()["startDate"] as? String, "2025-11-25T12:00:00+00:00")
  }

  func testPipedOutputIsJSONWithoutProgressOrColour() {
    let r = VerbsHarness.sfn(["wait", "slow/hist"], env: env)
    XCTAssertEqual(r.status, 0)
    XCTAssertEqual((r.json() as? [[String: Any]])?.first?["status"] as? String, "SUCCEEDED")
    XCTAssertEqual(r.stderr, "", "no progress when stderr is not a terminal")
    XCTAssertFalse(r.stdout.contains("\u{1B}["))
  }

  func testTerminalOutputIsAColouredTableWithProgress() {
    let r = VerbsHarness.sfnOnTerminal(["wait", "slow/hist"], env: env, columns: 100)
    XCTAssertEqual(r.status, 0, r.stdout)
    XCTAssertTrue(r.stdout.contains("waiting for hist"), r.stdout)
    XCTAssertTrue(r.stdout.contains("NAME"), r.stdout)
    XCTAssertTrue(r.stdout.contains("\u{1B}[32mSUCCEEDED"), "status coloured on a terminal: \(r.stdout)")
    let history = VerbsHarness.sfnOnTerminal(["history", "slow/hist"], env: env, columns: 100)
    XCTAssertTrue(history.stdout.contains("\u{1B}[32mSUCCEEDED\u{1B}[0m: 3 states run, 1 retry, 1 failure, total 4.5s"), history.stdout)
  }

  func testColourOffWithNoColorTermDumbOrColorNever() {
    var noColor = env
    noColor["NO_COLOR"] = "1"
    var dumb = env
    dumb["TERM"] = "dumb"
    for (environment, extra) in [(noColor, [String]()), (dumb, []), (env, ["--color", "never"])] {
      let r = VerbsHarness.sfnOnTerminal(["describe", "slow/hist"] + extra, env: environment)
      XCTAssertTrue(r.stdout.contains("FIELD"), r.stdout)
      XCTAssertFalse(r.stdout.contains("\u{1B}["), r.stdout)
    }
  }

  func testOutputFlagOverridesTheDefaults() {
    let onTerminal = VerbsHarness.sfnOnTerminal(["describe", "slow/hist", "--output", "json"], env: env)
    XCTAssertTrue(onTerminal.stdout.contains("\"status\": \"SUCCEEDED\""), onTerminal.stdout)
    let text = VerbsHarness.sfn(["describe", "slow/hist", "--query", "executionArn", "--output", "text"], env: env)
    XCTAssertEqual(text.stdout, "arn:aws:states:us-east-1:123456789012:execution:slow:hist\n")
    let historyText = VerbsHarness.sfn(["history", "slow/hist", "--output", "text", "--limit", "1"], env: env)
    XCTAssertEqual(historyText.stdout, "2025-11-25T12:00:00+00:00\t0ms\tExecutionStarted\t\t{\"n\":1}\n")
  }
}
