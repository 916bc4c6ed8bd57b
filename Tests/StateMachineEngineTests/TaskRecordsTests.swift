import XCTest
import SFNKit
@testable import StateMachineEngine

final class TaskRecordsTests: XCTestCase {
  func testInvocationRoundTripsThroughJSON() throws {
    let full = TaskInvocation(executionArn: "arn:e", stateName: "S", resource: "arn:aws:states:::lambda:invoke",
                              parameters: ["a": [1, nil]], taskToken: "t", timeoutSeconds: 30, heartbeatSeconds: 5,
                              credentials: ["RoleArn": "r"], attempt: 2)
    XCTAssertEqual(try TaskInvocation(json: try JSONParser.parse(JSONWriter.compact.string(full.json))), full)
    let bare = TaskInvocation(executionArn: "arn:e", stateName: "S", resource: "r", parameters: .null)
    XCTAssertEqual(bare.json, ["executionArn": "arn:e", "stateName": "S", "resource": "r", "parameters": nil,
                               "attempt": 0])
    XCTAssertEqual(try TaskInvocation(json: bare.json), bare)
    XCTAssertThrowsError(try TaskInvocation(json: ["stateName": "S"]))
  }

  func testOutcomeRoundTripsThroughJSON() throws {
    for outcome in [TaskOutcome.succeeded(["x": 1]), .succeeded(.null), .failed(StatesError("E", cause: "c")),
                    .failed(StatesError("E")), .pending] {
      XCTAssertEqual(try TaskOutcome(json: outcome.json), outcome)
    }
    XCTAssertEqual(TaskOutcome.failed(StatesError("E")).json, ["failed": ["error": "E"]])
    XCTAssertThrowsError(try TaskOutcome(json: ["other": 1]))
  }

  func testMockCountsRoundTripThroughJSON() throws {
    let testCase = MockTestCase(stateMachine: "M", name: "C", states: [
      "S": MockedResponse(name: "R", steps: [.return(1), .return(2), .return(3)])])
    let source = MockTaskSource(testCase: testCase)
    _ = try source.outcome(for: TaskInvocation(executionArn: "b", stateName: "S", resource: "r", parameters: [:]))
    _ = try source.outcome(for: TaskInvocation(executionArn: "a", stateName: "S", resource: "r", parameters: [:]))
    _ = try source.outcome(for: TaskInvocation(executionArn: "a", stateName: "S", resource: "r", parameters: [:]))
    XCTAssertEqual(source.invocationCountsJSON, [["executionArn": "a", "stateName": "S", "count": 2],
                                                 ["executionArn": "b", "stateName": "S", "count": 1]])
    let counts = try MockTaskSource.invocationCounts(json: source.invocationCountsJSON)
    let restored = MockTaskSource(testCase: testCase, invocationCounts: counts)
    XCTAssertEqual(try restored.outcome(for: TaskInvocation(executionArn: "a", stateName: "S", resource: "r",
                                                            parameters: [:])), .succeeded(3))
    XCTAssertThrowsError(try MockTaskSource.invocationCounts(json: [["count": 1]]))
  }
}
