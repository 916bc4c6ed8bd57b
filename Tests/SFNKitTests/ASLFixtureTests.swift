import XCTest
@testable import SFNKit

/// Whole definitions under Fixtures/asl/rules: realistic machines in both query languages, and one with many faults.
final class ASLFixtureTests: XCTestCase {
  private func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/asl/rules").appendingPathComponent(name)
    return try String(contentsOf: url, encoding: .utf8)
  }

  func testRealisticJSONPathMachineIsClean() throws {
    assertASLClean(try fixture("valid-jsonpath-orders.json"))
  }

  func testRealisticJSONataMachineIsClean() throws {
    assertASLClean(try fixture("valid-jsonata-orders.json"))
  }

  func testEveryFaultIsReportedAtItsPosition() throws {
    let found = ASLLinter.lint(try fixture("invalid-mixed.json")).map { "\($0.line):\($0.column) \($0.code ?? "")" }
    XCTAssertEqual(found, [
      "8:7 jsonpath-field-in-jsonata",
      "8:23 dollar-key-in-jsonata",
      "9:36 states-all-not-alone",
      "11:27 heartbeat-not-below-timeout",
      "16:20 missing-field",
      "16:63 wrong-type",
      "17:18 unknown-state",
      "19:5 unreachable-state",
    ])
  }
}
