import XCTest
import SFNKit
@testable import StateMachineEngine

final class TaskChildExecutionTests: XCTestCase {
  /// Records the requests and answers as a core would.
  private final class RecordingStarter: ChildExecutionStarter {
    var requests: [ChildExecutionRequest] = []
    func startChildExecution(_ request: ChildExecutionRequest) throws -> ChildExecutionStarted {
      guard request.stateMachineArn.hasSuffix(":Child") else {
        throw StatesError("StepFunctions.StateMachineDoesNotExistException", cause: "State Machine Does Not Exist")
      }
      requests.append(request)
      return ChildExecutionStarted(executionArn: "arn:aws:states:us-east-1:1:execution:Child:\(request.name ?? "n")",
                                   startDate: Date(timeIntervalSince1970: 1_700_000_000.25))
    }
  }

  private let child = "arn:aws:states:us-east-1:1:stateMachine:Child"

  private func invocation(_ pattern: String, _ parameters: JSON) -> TaskInvocation {
    TaskInvocation(executionArn: "arn:aws:states:us-east-1:1:execution:Parent:p", stateName: "Nested",
                   resource: "arn:aws:states:::states:startExecution" + pattern, parameters: parameters,
                   taskToken: "token-1")
  }

  func testRequestResponseStartsAndAnswersAtOnce() throws {
    let starter = RecordingStarter()
    let source = StartExecutionTaskSource(starter: starter)
    let outcome = try source.outcome(for: invocation("", ["StateMachineArn": .string(child), "Name": "first",
                                                          "Input": "{\"a\": 1}"]))
    XCTAssertEqual(outcome, .succeeded(["ExecutionArn": "arn:aws:states:us-east-1:1:execution:Child:first",
                                        "StartDate": 1_700_000_000_250]))
    XCTAssertEqual(starter.requests, [ChildExecutionRequest(
      stateMachineArn: child, name: "first", input: ["a": 1], parentExecutionArn: "arn:aws:states:us-east-1:1:"
        + "execution:Parent:p", parentStateName: "Nested", pattern: .requestResponse, parentTaskToken: "token-1")])
  }

  func testSyncPatternsArePendingAndInputDefaultsToEmptyObject() throws {
    let starter = RecordingStarter()
    let source = StartExecutionTaskSource(starter: starter)
    XCTAssertEqual(try source.outcome(for: invocation(".sync:2", ["StateMachineArn": .string(child)])), .pending)
    XCTAssertEqual(try source.outcome(for: invocation(".sync", ["StateMachineArn": .string(child),
                                                               "Input": nil])), .pending)
    XCTAssertEqual(starter.requests.map(\.input), [[:], [:]])
    XCTAssertEqual(starter.requests.map(\.pattern), [.sync2, .sync])
    XCTAssertNil(try source.outcome(for: TaskInvocation(executionArn: "e", stateName: "S",
                                                        resource: "arn:aws:states:::lambda:invoke", parameters: [:])))
  }

  func testBadParameters() throws {
    let source = StartExecutionTaskSource(starter: RecordingStarter())
    XCTAssertThrowsError(try source.outcome(for: invocation("", ["Input": [:]]))) { error in
      XCTAssertEqual((error as? StatesError)?.error, "States.Runtime")
    }
    guard case .failed(let error)? = try source.outcome(for: invocation("", ["StateMachineArn": .string(child),
                                                                             "Input": "not json"])) else {
      return XCTFail("expected a failure")
    }
    XCTAssertEqual(error.error, "States.TaskFailed")
    XCTAssertThrowsError(try source.outcome(for: invocation("", ["StateMachineArn": "arn:x:Other"]))) { error in
      XCTAssertEqual((error as? StatesError)?.error, "StepFunctions.StateMachineDoesNotExistException")
    }
  }

  private func finished(_ status: String, output: JSON? = nil, error: String? = nil) -> ChildExecutionResult {
    ChildExecutionResult(executionArn: "arn:e", stateMachineArn: child, name: "first", status: status,
                         startDate: Date(timeIntervalSince1970: 10), stopDate: Date(timeIntervalSince1970: 12.5),
                         input: ["a": 1], output: output, error: error, cause: error.map { "\($0) happened" })
  }

  func testSyncOutputKeepsInputAndOutputAsText() {
    XCTAssertEqual(StartExecutionTask.outcome(pattern: .sync, child: finished("SUCCEEDED", output: ["b": 2])),
                   .succeeded(["ExecutionArn": "arn:e", "Input": "{\"a\":1}", "InputDetails": ["Included": true],
                               "Name": "first", "Output": "{\"b\":2}", "OutputDetails": ["Included": true],
                               "StartDate": 10000, "StateMachineArn": .string(child), "Status": "SUCCEEDED",
                               "StopDate": 12500]))
  }

  func testSync2OutputIsParsed() {
    guard case .succeeded(let output) = StartExecutionTask.outcome(pattern: .sync2,
                                                                    child: finished("SUCCEEDED", output: ["b": 2]))
    else { return XCTFail("expected success") }
    XCTAssertEqual(output["Output"], ["b": 2])
    XCTAssertEqual(output["Input"], ["a": 1])
  }

  func testFailedChildFailsTheTaskWithItsDescriptionAsCause() throws {
    guard case .failed(let error) = StartExecutionTask.outcome(pattern: .sync2, child: finished("FAILED",
                                                                                                 error: "Boom"))
    else { return XCTFail("expected failure") }
    XCTAssertEqual(error.error, "States.TaskFailed")
    let cause = try JSONParser.parse(try XCTUnwrap(error.cause))
    XCTAssertEqual(cause["Status"], "FAILED")
    XCTAssertEqual(cause["Error"], "Boom")
    XCTAssertEqual(cause["Cause"], "Boom happened")
    XCTAssertNil(cause["Output"])
  }

  func testCallbacksAndActivitiesArePendingForAServer() throws {
    let source = CallbackTaskSource()
    func outcome(_ resource: String) throws -> TaskOutcome? {
      try source.outcome(for: TaskInvocation(executionArn: "e", stateName: "S", resource: resource, parameters: [:]))
    }
    XCTAssertEqual(try outcome("arn:aws:states:::sqs:sendMessage.waitForTaskToken"), .pending)
    XCTAssertEqual(try outcome("arn:aws:states:us-east-1:1:activity:approve"), .pending)
    XCTAssertNil(try outcome("arn:aws:states:::sqs:sendMessage"))
  }

  func testOfflineHandlerOrder() throws {
    let config = try MockConfiguration.parse("""
      {"StateMachines": {"M": {"TestCases": {"C": {"Nested": "R"}}}},
       "MockedResponses": {"R": {"0": {"Return": {"mocked": true}}}}}
      """)
    let handler = CompositeTaskHandler.offline(
      testCase: try config.testCase(stateMachine: "M", testCase: "C"),
      commands: try CommandTaskSource(options: [TaskCommandOption(stateName: "Nested", command: "echo 1"),
                                                TaskCommandOption(stateName: "Other", command: "echo 2")],
                                      environment: [:]),
      children: RecordingStarter(), callbacks: true)
    let parameters: JSON = ["StateMachineArn": .string(child)]
    XCTAssertEqual(try handler.start(invocation("", parameters)), .succeeded(["mocked": true]))
    // A mocked state with no response left is an error, not a fall-through to its command.
    XCTAssertThrowsError(try handler.start(invocation("", parameters)))
    var other = invocation("", parameters)
    other.stateName = "Other"
    XCTAssertEqual(try handler.start(other), .succeeded(2))
    other.stateName = "Third"
    let childArn = "arn:aws:states:us-east-1:1:execution:Child:n"
    XCTAssertEqual(try handler.start(other), .succeeded(["ExecutionArn": .string(childArn),
                                                          "StartDate": 1_700_000_000_250]))
    XCTAssertEqual(try handler.start(TaskInvocation(executionArn: "e", stateName: "Approve",
                                                    resource: "arn:aws:states:us-east-1:1:activity:approve",
                                                    parameters: [:])), .pending)
  }
}
