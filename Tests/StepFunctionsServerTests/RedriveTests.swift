import SFNJSON
import StateMachineEngine
import XCTest

@testable import StepFunctionsServer

/// RedriveExecution's rules (AWS's redrivable period, open time, history limit and reasons), its client tokens,
/// and a redrive through the protocol layer.
final class RedriveTests: XCTestCase {
  private let day: Double = 24 * 3600
  private let start: Double = 1_767_225_600

  private func facts(_ status: String, stop: Double? = nil, events: Int = 10,
                     redrivePoint: Bool = true) -> RedrivePolicy.Facts {
    RedrivePolicy.Facts(status: status, type: "STANDARD", startDate: start, stopDate: stop ?? start + 60,
                        lastEventId: events, hasRedrivePoint: redrivePoint)
  }

  func testUnsuccessfulExecutionsAreRedrivableFor14DaysAfterTheyStop() {
    for status in ["FAILED", "TIMED_OUT", "ABORTED"] {
      XCTAssertNil(RedrivePolicy.refusal(facts(status), now: start + 120), status)
      XCTAssertNil(RedrivePolicy.refusal(facts(status), now: start + 60 + 14 * day), status)
      XCTAssertEqual(RedrivePolicy.refusal(facts(status), now: start + 61 + 14 * day),
                     "Execution redrivable period exceeded", status)
    }
    // A stop date ahead of the wall clock (the engine clock under --wait-scale) counts as now.
    XCTAssertNil(RedrivePolicy.refusal(facts("FAILED", stop: start + 100 * day), now: start + 120))
  }

  func testRefusalsUseAWSReasons() {
    XCTAssertEqual(RedrivePolicy.refusal(facts("RUNNING"), now: start),
                   "Execution is RUNNING and cannot be redriven")
    XCTAssertEqual(RedrivePolicy.refusal(facts("SUCCEEDED"), now: start),
                   "Execution is SUCCEEDED and cannot be redriven")
    XCTAssertEqual(RedrivePolicy.refusal(facts("FAILED", events: 24_998), now: start + 120), nil)
    XCTAssertEqual(RedrivePolicy.refusal(facts("FAILED", events: 24_999), now: start + 120),
                   "Execution history event limit exceeded")
    XCTAssertEqual(RedrivePolicy.refusal(facts("FAILED", stop: start + 366 * day), now: start + 366 * day),
                   "Execution has exceeded the max execution time")
    XCTAssertEqual(RedrivePolicy.refusal(facts("FAILED", redrivePoint: false), now: start + 120),
                   "Execution was started before the launch of RedriveExecution")
    let described = JSON.object(JSONObject(RedrivePolicy.describe(facts("SUCCEEDED"), redriveCount: 0,
                                                                  redriveDate: nil, now: start)
                                            .compactMap { key, value in value.map { (key, $0) } }))
    XCTAssertEqual(described, ["redriveCount": 0, "redriveStatus": "NOT_REDRIVABLE",
                               "redriveStatusReason": "Execution is SUCCEEDED and cannot be redriven"])
  }

  func testClientTokensAnswerTheLastTenRedrivesFor15Minutes() {
    var tokens = RedriveTokens(nil)
    for n in 0..<12 { tokens.add("t\(n)", date: start + Double(n)) }
    let saved = RedriveTokens(tokens.text)
    XCTAssertEqual(saved.entries.count, 10)
    XCTAssertNil(saved.redriveDate(for: "t1", now: start + 20), "only the last ten are kept")
    XCTAssertEqual(saved.redriveDate(for: "t2", now: start + 20), start + 2)
    XCTAssertEqual(saved.redriveDate(for: "t11", now: start + 11 + 15 * 60), start + 11)
    XCTAssertNil(saved.redriveDate(for: "t11", now: start + 12 + 15 * 60), "a token is good for 15 minutes")
  }

  func testFailedExecutionRedrivesThroughTheAPIAndRecordsTheRedrive() async throws {
    let server = try TestServer()
    let definition = #"""
      {"StartAt":"Gate","States":{"Gate":{"Type":"Pass","QueryLanguage":"JSONata","End":true,
       "Output":"{% $states.context.Execution.RedriveCount < 2 ? $error('not yet') : {'count': $states.context.Execution.RedriveCount} %}"}}}
      """#
    _ = await server.call("CreateStateMachine", ["name": "gate", "definition": .string(definition),
                                                 "roleArn": "arn:aws:iam::123456789012:role/r"])
    let started = await server.call("StartExecution", [
      "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:gate", "name": "g"])
    let arn = started["executionArn"] ?? .null
    for round in 1...2 {
      let failed = await server.finished(arn)
      XCTAssertEqual(failed["status"], "FAILED", "round \(round)")
      XCTAssertEqual(failed["redriveStatus"], "REDRIVABLE")
      let redriven = await server.call("RedriveExecution", ["executionArn": arn, "clientToken": .string("c\(round)")])
      XCTAssertNotNil(redriven["redriveDate"]?.doubleValue)
    }
    let done = await server.finished(arn)
    XCTAssertEqual(done["status"], "SUCCEEDED")
    XCTAssertEqual(done["output"], #"{"count":2}"#)
    XCTAssertEqual(done["redriveCount"], 2)
    let history = await server.call("GetExecutionHistory", ["executionArn": arn])
    let events = history["events"]?.arrayValue ?? []
    XCTAssertEqual(events.compactMap { $0["id"]?.intValue }, Array(1...events.count))
    let counts = events.filter { $0["type"] == "ExecutionRedriven" }
      .compactMap { $0["executionRedrivenEventDetails"]?["redriveCount"]?.intValue }
    XCTAssertEqual(counts, [1, 2])
    let missing = await server.error("RedriveExecution", [
      "executionArn": "arn:aws:states:us-east-1:123456789012:execution:gate:none"])
    XCTAssertEqual(missing.type, "com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist")
  }

  func testRedrivenExecutionContinuesAfterARestartWithItsRedriveCount() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-redrive-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var first: TestServer? = try TestServer(location: .directory(dir), waitScale: 0.01)
    let definition = #"""
      {"StartAt":"Gate","QueryLanguage":"JSONata","States":{
       "Gate":{"Type":"Pass","Next":"Nap",
               "Output":"{% $states.context.Execution.RedriveCount = 0 ? $error('not yet') : $states.input %}"},
       "Nap":{"Type":"Wait","Seconds":100,"Next":"Done"},
       "Done":{"Type":"Pass","Output":"{% {'count': $states.context.Execution.RedriveCount} %}","End":true}}}
      """#
    _ = await first!.call("CreateStateMachine", ["name": "nap", "definition": .string(definition),
                                                 "roleArn": "arn:aws:iam::123456789012:role/r"])
    let started = await first!.call("StartExecution", [
      "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:nap", "name": "n"])
    let arn = started["executionArn"] ?? .null
    let failed = await first!.finished(arn)
    XCTAssertEqual(failed["status"], "FAILED")
    _ = await first!.call("RedriveExecution", ["executionArn": arn])
    let running = await first!.call("DescribeExecution", ["executionArn": arn])
    XCTAssertEqual(running["status"], "RUNNING")
    // The server goes away during the 1 s Wait; the next one continues the redriven execution from the store.
    weak var oldRunner = first?.server.runner
    first = nil
    XCTAssertNil(oldRunner)
    let second = try TestServer(location: .directory(dir), waitScale: 0.01)
    try await second.server.runner.resumeAll()
    let done = await second.finished(arn)
    XCTAssertEqual(done["status"], "SUCCEEDED")
    XCTAssertEqual(done["output"], #"{"count":1}"#, "$$.Execution.RedriveCount survives the restart")
    XCTAssertEqual(done["redriveCount"], 1)
    let events = await second.call("GetExecutionHistory", ["executionArn": arn])["events"]?.arrayValue ?? []
    XCTAssertEqual(events.compactMap { $0["id"]?.intValue }, Array(1...max(events.count, 1)))
    XCTAssertEqual(events.filter { $0["type"] == "ExecutionRedriven" }.count, 1)
    XCTAssertEqual(events.last?["type"], "ExecutionSucceeded")
  }
}
