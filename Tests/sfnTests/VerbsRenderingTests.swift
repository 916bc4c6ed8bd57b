import Foundation
import XCTest

/// The verbs' output end to end: the binary on a real terminal and in another time zone. Uses the fake server,
/// whose history and executions have fixed timestamps. (Golden tables, piped output and colour settings run
/// in-process: VerbsRecordedTests.)
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

  func testTablesShowLocalTimeAndJSONShowsUTC() throws {
    let table = run(["describe", "slow/hist", "--output", "table", "--color", "never"], columns: 100, extra: ["TZ": "Asia/Tokyo"])
    XCTAssertEqual(table.stdout, try golden("describe-tokyo.txt"))
    let json = run(["describe", "slow/hist"], columns: 100, extra: ["TZ": "Asia/Tokyo"])
    XCTAssertEqual(json.object()["startDate"] as? String, "2025-11-25T12:00:00+00:00")
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
}
