import Foundation
import XCTest
import SFNKit
@testable import StateMachineEngine

/// The task sources driven by the real interpreter: what a user of `sfn run` sees.
final class TaskEngineIntegrationTests: XCTestCase {
  private let clock = VirtualClock()

  private func execution(_ definition: String, tasks: TaskHandler, input: JSON = [:],
                         name: String = "test") throws -> Execution {
    let info = ExecutionInfo(name: name, stateMachineName: "Machine", input: input, startTime: clock.now)
    var counter = 0
    return Execution(definition: try StateMachineDefinition(text: definition), info: info, data: DataLayerProcessor(),
                     tasks: tasks, clock: clock, random: { 0.5 }, newToken: {
                       counter += 1
                       return "\(name)-token-\(counter)"
                     })
  }

  private func mocks(_ responses: String) throws -> MockTestCase {
    try MockConfiguration.parse("""
      {"StateMachines": {"Machine": {"TestCases": {"Case": {"Charge": "R"}}}}, "MockedResponses": {"R": \(responses)}}
      """).testCase(stateMachine: "Machine", testCase: "Case")
  }

  private let retrying = """
    {"StartAt": "Charge", "States": {"Charge": {
      "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
      "ResultSelector": {"charged.$": "$.Payload.charged"},
      "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 3}],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
      "End": true},
      "Failed": {"Type": "Pass", "End": true}}}
    """

  func testRetriesConsumeConsecutiveMockedResponses() throws {
    let testCase = try mocks("""
      {"0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
       "2": {"Return": {"StatusCode": 200, "Payload": {"charged": true}}}}
      """)
    let run = try execution(retrying, tasks: CompositeTaskHandler.offline(testCase: testCase, commands: nil))
    XCTAssertEqual(ExecutionDriver(clock: clock).run(run), .finished)
    XCTAssertEqual(run.state.status, .succeeded)
    XCTAssertEqual(run.state.output, ["charged": true])
    XCTAssertEqual(run.events.map(\.type).filter { $0.hasPrefix("Task") && $0 != "TaskStateEntered" }, [
      "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskFailed",
      "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
    ])
    XCTAssertEqual(run.events.first { $0.type == "TaskScheduled" }?.details?["resourceType"], "lambda")
  }

  func testCommandsAnswerAndTheirPrintedErrorsAreCaught() throws {
    let definition = """
      {"StartAt": "Greet", "States": {
        "Greet": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "greet", "Payload": {"name.$": "$.name"}},
                  "OutputPath": "$.Payload", "Next": "Check"},
        "Check": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:check",
                  "Catch": [{"ErrorEquals": ["Greeting.TooShort"], "ResultPath": "$.problem", "Next": "Rejected"}],
                  "End": true},
        "Rejected": {"Type": "Pass", "End": true}}}
      """
    let commands = try CommandTaskSource(options: [
      TaskCommandOption(parsing: "Greet=read e; printf '{\"greeting\": \"Hi\"}'"),
      TaskCommandOption(parsing: "Check=cat >/dev/null; echo '{\"error\": \"Greeting.TooShort\", \"cause\": \"2\"}'; "
                          + "exit 1"),
    ], environment: ["PATH": "/usr/bin:/bin"])
    let run = try execution(definition, tasks: CompositeTaskHandler.offline(testCase: nil, commands: commands),
                            input: ["name": "Ada"])
    ExecutionDriver(clock: clock).run(run)
    XCTAssertEqual(run.state.status, .succeeded)
    XCTAssertEqual(run.state.output, ["greeting": "Hi", "problem": ["Error": "Greeting.TooShort", "Cause": "2"]])
    XCTAssertTrue(run.events.map(\.type).contains("LambdaFunctionFailed"))
  }

  func testUnansweredTaskFailsWithTheClearError() throws {
    let definition = """
      {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": "q", "MessageBody": "m"}, "End": true}}}
      """
    let run = try execution(definition, tasks: CompositeTaskHandler.offline(testCase: nil, commands: nil))
    ExecutionDriver(clock: clock).run(run)
    XCTAssertEqual(run.state.status, .failed)
    XCTAssertEqual(run.state.error?.error, "States.Runtime")
    XCTAssertTrue(run.state.error?.cause?.hasPrefix("Nothing runs Task state 'Send'") == true)
  }

  /// Starts children as the core would, leaving them for the test to run and report.
  private final class DeferredChildren: ChildExecutionStarter {
    var requests: [ChildExecutionRequest] = []
    let start: Date
    init(start: Date) { self.start = start }
    func startChildExecution(_ request: ChildExecutionRequest) throws -> ChildExecutionStarted {
      requests.append(request)
      return ChildExecutionStarted(executionArn: "arn:aws:states:us-east-1:123456789012:execution:Child:c",
                                   startDate: start)
    }
  }

  func testSyncChildCompletesTheParentTask() throws {
    let parentDefinition = """
      {"StartAt": "Nested", "States": {"Nested": {"Type": "Task",
        "Resource": "arn:aws:states:::states:startExecution.sync:2",
        "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child",
                       "Input": {"n.$": "$.n"}},
        "OutputPath": "$.Output", "End": true}}}
      """
    let children = DeferredChildren(start: clock.now)
    let parent = try execution(parentDefinition, tasks: CompositeTaskHandler.offline(
      testCase: nil, commands: nil, children: children), input: ["n": 20])
    XCTAssertEqual(ExecutionDriver(clock: clock).run(parent), .waitingForTasks)
    let request = try XCTUnwrap(children.requests.first)
    XCTAssertEqual(request.input, ["n": 20])

    let child = try execution("""
      {"StartAt": "Double", "States": {"Double": {"Type": "Pass",
        "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "End": true}}}
      """, tasks: CompositeTaskHandler([]), input: request.input, name: "c")
    ExecutionDriver(clock: clock).run(child)
    let result = ChildExecutionResult(executionArn: "arn:c", stateMachineArn: request.stateMachineArn, name: "c",
                                      status: child.state.status.rawValue, startDate: clock.now,
                                      stopDate: clock.now, input: request.input, output: child.state.output)
    XCTAssertTrue(parent.complete(taskToken: try XCTUnwrap(request.parentTaskToken),
                                  with: StartExecutionTask.outcome(pattern: request.pattern, child: result)))
    XCTAssertEqual(ExecutionDriver(clock: clock).run(parent), .finished)
    XCTAssertEqual(parent.state.status, .succeeded)
    XCTAssertEqual(parent.state.output, ["doubled": 40])
  }
}
