import Foundation
import SFNKit
import XCTest
@testable import StateMachineEngine

/// An execution's state saved as JSON text mid-run and resumed in a new `Execution` ends as the original would.
final class ExecutionRecordTests: XCTestCase {
  private let definition = """
    {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"W","States":{
      "W":{"Type":"Wait","Seconds":10,"Next":"T"},
      "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}},
      "Assign":{"count.$":"States.ArrayLength($)"},"Next":"Done"},
     "Done":{"Type":"Pass","Parameters":{"n.$":"$count","all.$":"$"},"End":true}}}
    """

  func testSavedStateResumesInANewExecution() throws {
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["T": [.pending, .pending]])
    var saved: [HistoryEvent] = []
    let first = try harness.execution(definition, input: ["a", "b"])
    first.onEvent = { saved.append($0) }
    let driver = ExecutionDriver(clock: harness.clock)
    XCTAssertEqual(driver.run(first), .waitingForTasks)

    // Save, as text, and resume in a fresh execution (as after a restart).
    let text = JSONWriter.compact.string(first.state.json)
    let second = try harness.execution(definition, input: ["a", "b"])
    second.onEvent = { saved.append($0) }
    second.restore(try ExecutionState(json: try JSONParser.parse(text)))
    XCTAssertEqual(second.pendingTaskTokens, ["token-1"])
    XCTAssertTrue(second.complete(taskToken: "token-1", with: .succeeded("one")))
    XCTAssertEqual(driver.run(second), .waitingForTasks)

    let third = try harness.execution(definition, input: ["a", "b"])
    third.onEvent = { saved.append($0) }
    third.restore(try ExecutionState(json: try JSONParser.parse(JSONWriter.compact.string(second.state.json))))
    let token = try XCTUnwrap(third.pendingTaskTokens.first)
    XCTAssertTrue(third.complete(taskToken: token, with: .succeeded("two")))
    XCTAssertEqual(driver.run(third), .finished)
    XCTAssertEqual(third.state.status, .succeeded)
    XCTAssertEqual(third.state.output, ["n": 2, "all": ["one", "two"]])
    XCTAssertEqual(saved.map(\.id), Array(1...saved.count))
    XCTAssertEqual(saved.last?.type, "ExecutionSucceeded")
  }

  func testMalformedRecordIsRefused() {
    XCTAssertThrowsError(try ExecutionState(json: ["status": "RUNNING"]))
  }
}
