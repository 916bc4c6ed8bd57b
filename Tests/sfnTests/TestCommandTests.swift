import Foundation
import XCTest

/// `sfn test` as a real process: the examples' test files, a failing case, JUnit and JSON output, exit codes.
final class TestCommandTests: XCTestCase {
  private var directory: ScratchDirectory!
  private var scratch: URL { directory.url }

  override func setUpWithError() throws { directory = try ScratchDirectory("sfn-test") }

  override func tearDownWithError() throws { directory?.remove() }

  private func file(_ name: String, _ text: String) throws -> String { try directory.file(name, text) }

  private var saga: String { SFNRunner.packageRoot.appendingPathComponent("examples/saga/definition.asl.json").path }

  func testTheExamplesTestFilesPass() throws {
    let examples = SFNRunner.packageRoot.appendingPathComponent("examples").path
    let r = SFNRunner.sfn(["test", examples, "--coverage"])
    XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    let lines = r.stdout.split(separator: "\n")
    XCTAssertEqual(lines.filter { $0.hasPrefix("PASS  ") }.count, 11, r.stdout)
    XCTAssertTrue(r.stdout.contains("11 passed, 0 failed, 11 cases in 5 files"), r.stdout)
    XCTAssertTrue(r.stdout.contains("coverage 100.0%"), r.stdout)
  }

  func testAFailingCaseExitsOneWithItsDifferenceJUnitAndJSON() throws {
    let tests = try file("saga.test.yaml", """
      definition: \(saga)
      cases:
        - name: booked
          input: {trip: T7, hotelFull: false}
          expect: {status: SUCCEEDED, outputQuery: {car: CR-T7}}
        - name: wrong flight
          input: {trip: T7, hotelFull: false}
          expect: {outputContains: {flight: FL-T9}}
      """)
    let junit = scratch.appendingPathComponent("junit.xml").path
    let r = SFNRunner.sfn(["test", tests, "--junit", junit])
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertEqual(r.stdout, """
      PASS  \(tests): booked
      FAIL  \(tests): wrong flight
            output.flight: expected "FL-T9", got "FL-T7"
            path: ReserveFlight > ReserveHotel > HotelHasRoom? > HotelReserved > ReserveCar > Booked => SUCCEEDED
      1 passed, 1 failed, 2 cases in 1 file

      """)
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    XCTAssertTrue(xml.contains("tests=\"2\" failures=\"1\""), xml)
    XCTAssertTrue(xml.contains("<testcase name=\"wrong flight\" classname=\"saga\""), xml)

    let json = SFNRunner.sfn(["test", tests, "--output", "json", "--coverage"])
    XCTAssertEqual(json.status, 1)
    let o = json.object()
    XCTAssertEqual(o["passed"] as? Int, 1)
    XCTAssertEqual(o["failed"] as? Int, 1)
    XCTAssertNotNil((o["coverage"] as? [String: Any])?["percent"] as? Double)
  }

  func testMalformedFileExits65WithItsLocation() throws {
    let tests = try file("bad.test.yaml", "definition: \(saga)\ncases:\n  - name: x\n    expect: {status: DONE}\n")
    let r = SFNRunner.sfn(["test", tests])
    XCTAssertEqual(r.status, 65)
    XCTAssertEqual(r.stderr, "sfn: \(tests):4:22: expect.status must be one of ABORTED, FAILED, SUCCEEDED, TIMED_OUT\n")
  }

  func testMinCoverageFailsARunUnderIt() throws {
    let tests = try file("saga.test.yaml", """
      definition: \(saga)
      cases:
        - name: booked
          input: {trip: T7, hotelFull: false}
          expect: {status: SUCCEEDED}
      """)
    let r = SFNRunner.sfn(["test", tests, "--min-coverage", "90"])
    XCTAssertEqual(r.status, 1)
    XCTAssertTrue(r.stdout.contains("not run: \(tests): catch ReserveHotel: catch 1 [States.ALL] -> CancelFlight"))
    XCTAssertTrue(r.stderr.contains("is below --min-coverage 90"), r.stderr)
    XCTAssertEqual(SFNRunner.sfn(["test", tests, "--min-coverage", "50"]).status, 0)
  }

  func testInitWritesOneCasePerPathThatRunsAsIs() throws {
    let definition = try file("pay.asl.json", """
      {"StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.card", "IsPresent": true, "Next": "Charge"}],
                  "Default": "Done"},
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
                   "Catch": [{"ErrorEquals": ["Card.Declined"], "Next": "Declined"}]},
        "Declined": {"Type": "Fail", "Error": "Declined"},
        "Done": {"Type": "Succeed"}}}
      """)
    let r = SFNRunner.sfn(["test", "--init", definition])
    XCTAssertEqual(r.status, 0, r.stderr)
    let written = scratch.appendingPathComponent("pay.test.yaml").path
    XCTAssertEqual(r.stderr, "wrote \(written)\n")
    let yaml = try String(contentsOfFile: written, encoding: .utf8)
    XCTAssertTrue(yaml.contains(#"- name: "path 1: Route > Charge > Done""#), yaml)
    XCTAssertTrue(yaml.contains(#"- name: "path 2: Route > Charge > Declined""#), yaml)
    XCTAssertTrue(yaml.contains(#""Charge": {throw: {error: "Card.Declined", cause: ""}}"#), yaml)
    XCTAssertTrue(yaml.contains(#"- name: "path 3: Route > Done""#), yaml)
    // The template is a valid test file; with an empty input only the Default path is taken.
    let run = SFNRunner.sfn(["test", written])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stdout.contains("PASS  \(written): path 3: Route > Done"), run.stdout)
    XCTAssertEqual(SFNRunner.sfn(["test", "--init", definition]).status, 64)
  }
}
