import Foundation
import XCTest
import SFNKit
@testable import StateMachineEngine

/// Child executions run by the engine itself (`ExecutionGroup`): AWS's naming, results, errors and stops.
final class ExecutionGroupTests: XCTestCase {
  private let childArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Child"

  private func group(_ machines: [String: String], ids: [String] = []) throws -> ExecutionGroup {
    var catalogue = StateMachineCatalogue()
    for (name, text) in machines { catalogue.add(name: name, definition: try StateMachineDefinition(text: text)) }
    var queue = ids
    var counter = 0
    return ExecutionGroup(clock: VirtualClock(), catalogue: catalogue, sources: { _ in [] }, newId: {
      guard queue.isEmpty else { return queue.removeFirst() }
      counter += 1
      return "id-\(counter)"
    })
  }

  /// Runs `Parent` (from `machines`) with `input` and returns the group.
  private func run(_ machines: [String: String], input: JSON = [:], ids: [String] = []) throws -> ExecutionGroup {
    let g = try group(machines, ids: ids)
    let info = ExecutionInfo(name: "p", stateMachineName: "Parent", input: input, startTime: g.clock.now)
    try g.addRoot(definition: try StateMachineDefinition(text: machines["Parent"]!), info: info)
    XCTAssertEqual(g.run(), .finished)
    return g
  }

  private func parent(_ resource: String, _ parameters: String, extra: String = "") -> String {
    """
    {"StartAt": "Nested", "States": {"Nested": {"Type": "Task", "Resource": "arn:aws:states:::states:\(resource)",
      "Parameters": \(parameters), \(extra) "End": true}}}
    """
  }

  private let echoChild = """
    {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "Parameters": {"got.$": "$", "id.$": "$$.Execution.Id",
      "parent.$": "$$.Execution.Input.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"}, "End": true}}}
    """

  func testSync2ChildReturnsParsedOutputAndParentRecordsSubmission() throws {
    let parameters = """
      {"StateMachineArn": "\(childArn)", "Name": "first",
       "Input": {"a": 1, "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}}
      """
    let g = try run(["Parent": parent("startExecution.sync:2", parameters), "Child": echoChild])
    XCTAssertEqual(g.executions.count, 2)
    let (root, child) = (g.executions[0], g.executions[1])
    let parentArn = "arn:aws:states:us-east-1:123456789012:execution:Parent:p"
    XCTAssertEqual(child.info.executionArn, "arn:aws:states:us-east-1:123456789012:execution:Child:first")
    XCTAssertEqual(child.info.stateMachineArn, childArn)
    // AWS keeps the association field in the child's input; it is how the console links the two.
    XCTAssertEqual(child.info.input, ["a": 1, "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": .string(parentArn)])
    XCTAssertEqual(child.state.status, .succeeded)
    XCTAssertEqual(root.state.status, .succeeded)
    let output = try XCTUnwrap(root.state.output)
    XCTAssertEqual(output["Status"], "SUCCEEDED")
    XCTAssertEqual(output["Name"], "first")
    XCTAssertEqual(output["StateMachineArn"], .string(childArn))
    XCTAssertEqual(output["Output"]?["parent"], .string(parentArn))
    XCTAssertEqual(output["Output"]?["id"], .string(child.info.executionArn))
    XCTAssertEqual(output["Input"]?["a"], 1)
    XCTAssertEqual(root.eventTypes, ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                                     "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"])
    let submitted = try XCTUnwrap(root.events.first { $0.type == "TaskSubmitted" }?.details)
    XCTAssertEqual(submitted["resourceType"], "states")
    XCTAssertEqual(submitted["resource"], "startExecution.sync:2")
    let answer = try JSONParser.parse(try XCTUnwrap(submitted["output"]?.stringValue))
    XCTAssertEqual(answer["ExecutionArn"], .string(child.info.executionArn))
    XCTAssertEqual(answer["StartDate"]?.intValue, Int(child.info.startTime.timeIntervalSince1970 * 1000))
    XCTAssertEqual(child.eventTypes.first, "ExecutionStarted")
    XCTAssertEqual(child.eventTypes.last, "ExecutionSucceeded")
  }

  func testSyncWaitsOnTheSharedClockAndKeepsTextOutput() throws {
    let child = """
      {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 30, "End": true}}}
      """
    let g = try run(["Parent": parent("startExecution.sync", "{\"StateMachineArn\": \"\(childArn)\", \"Input\": \"{\\\"n\\\": 2}\"}"),
                     "Child": child], ids: ["generated-name"])
    let output = try XCTUnwrap(g.executions[0].state.output)
    XCTAssertEqual(output["Input"], "{\"n\":2}")
    XCTAssertEqual(output["Output"], "{\"n\":2}")
    XCTAssertEqual(output["Name"], "generated-name")
    XCTAssertEqual((output["StopDate"]?.intValue ?? 0) - (output["StartDate"]?.intValue ?? 0), 30_000)
    XCTAssertEqual(g.executions[0].state.stopTime, g.executions[1].state.stopTime)
  }

  func testRequestResponseAnswersAtOnceWhileTheChildRunsOn() throws {
    let child = """
      {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 60, "Next": "Done"},
        "Done": {"Type": "Succeed"}}}
      """
    let g = try run(["Parent": parent("startExecution", "{\"StateMachineArn\": \"\(childArn)\"}"), "Child": child])
    let (root, started) = (g.executions[0], g.executions[1])
    XCTAssertEqual(root.state.output, ["ExecutionArn": .string(started.info.executionArn),
                                       "StartDate": .integer(Int(started.info.startTime.timeIntervalSince1970 * 1000))])
    XCTAssertEqual(root.eventTypes.filter { $0.hasPrefix("Task") && $0 != "TaskStateEntered" && $0 != "TaskStateExited" },
                   ["TaskScheduled", "TaskStarted", "TaskSucceeded"])
    XCTAssertEqual(started.state.status, .succeeded)
    XCTAssertEqual(started.state.stopTime!.timeIntervalSince(root.state.stopTime!), 60)
  }

  func testFailedChildFailsTheTaskWithStatesTaskFailedThatCatchSees() throws {
    let child = """
      {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Child.Broke", "Cause": "on purpose"}}}
      """
    let catcher = "\"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Caught\"}],"
    var definition = parent("startExecution.sync:2", "{\"StateMachineArn\": \"\(childArn)\", \"Name\": \"c\"}",
                            extra: catcher)
    definition = definition.replacingOccurrences(of: "\"End\": true}}}",
                                                 with: "\"End\": true}, \"Caught\": {\"Type\": \"Pass\", \"End\": true}}}")
    let g = try run(["Parent": definition, "Child": child])
    let root = g.executions[0]
    XCTAssertEqual(root.state.status, .succeeded)
    let failed = try XCTUnwrap(root.events.first { $0.type == "TaskFailed" }?.details)
    XCTAssertEqual(failed["error"], "States.TaskFailed")
    let cause = try JSONParser.parse(try XCTUnwrap(failed["cause"]?.stringValue))
    XCTAssertEqual(cause["Status"], "FAILED")
    XCTAssertEqual(cause["Error"], "Child.Broke")
    XCTAssertEqual(cause["Cause"], "on purpose")
    XCTAssertEqual(cause["ExecutionArn"], "arn:aws:states:us-east-1:123456789012:execution:Child:c")
  }

  func testUnknownMachineIsStateMachineDoesNotExistAsTheTaskError() throws {
    let g = try run(["Parent": parent("startExecution.sync", "{\"StateMachineArn\": \"\(childArn)-gone\"}")],
                    ids: ["req-1"])
    let root = g.executions[0]
    XCTAssertEqual(root.state.status, .failed)
    XCTAssertEqual(root.state.error?.error, "StepFunctions.StateMachineDoesNotExistException")
    XCTAssertEqual(root.state.error?.cause, "State Machine Does Not Exist: '\(childArn)-gone' (Service: "
                     + "AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: req-1; "
                     + "Proxy: null)")
    XCTAssertEqual(g.executions.count, 1)
  }

  func testAMachineMayStartItself() throws {
    let recursive = """
      {"StartAt": "More?", "States": {
        "More?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 3, "Next": "Again"}],
                  "Default": "Done"},
        "Again": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                  "Parameters": {"StateMachineArn.$": "$$.StateMachine.Id", "Input": {"n.$": "States.MathAdd($.n, 1)"}},
                  "OutputPath": "$.Output", "End": true},
        "Done": {"Type": "Pass", "Result": {"depth": 3}, "End": true}}}
      """
    let g = try run(["Parent": recursive], input: ["n": 0])
    XCTAssertEqual(g.executions.count, 4)
    XCTAssertEqual(g.executions.map(\.info.input), [["n": 0], ["n": 1], ["n": 2], ["n": 3]])
    XCTAssertEqual(g.executions[0].state.output, ["depth": 3])
  }

  func testParentTaskTimeoutStopsItsSyncChild() throws {
    let child = """
      {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 100, "End": true}}}
      """
    let g = try run(["Parent": parent("startExecution.sync", "{\"StateMachineArn\": \"\(childArn)\"}",
                                      extra: "\"TimeoutSeconds\": 5,"), "Child": child])
    let (root, started) = (g.executions[0], g.executions[1])
    XCTAssertEqual(root.state.error?.error, "States.Timeout")
    XCTAssertEqual(started.state.status, .aborted)
    XCTAssertEqual(started.eventTypes.last, "ExecutionAborted")
    XCTAssertEqual(started.state.stopTime!.timeIntervalSince(started.info.startTime), 5)
  }

  func testWaitForTaskTokenChildSendsTheTokenBack() throws {
    let child = """
      {"StartAt": "Reply", "States": {"Reply": {"Type": "Task",
        "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
        "Parameters": {"TaskToken.$": "$.token", "Output": "{\\"approved\\": true}"}, "End": true}}}
      """
    let parameters = "{\"StateMachineArn\": \"\(childArn)\", \"Input\": {\"token.$\": \"$$.Task.Token\"}}"
    let g = try run(["Parent": parent("startExecution.waitForTaskToken", parameters), "Child": child])
    XCTAssertEqual(g.executions[0].state.output, ["approved": true])
    XCTAssertEqual(g.executions[1].state.output, [:])
    XCTAssertTrue(g.executions[0].eventTypes.contains("TaskSubmitted"))
  }

  func testSameNameWithOtherInputConflicts() throws {
    let definition = """
      {"StartAt": "One", "States": {
        "One": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                "Parameters": {"StateMachineArn": "\(childArn)", "Name": "dup", "Input": {"i": 1}}, "Next": "Two"},
        "Two": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                "Parameters": {"StateMachineArn": "\(childArn)", "Name": "dup", "Input": {"i": 2}}, "End": true}}}
      """
    let g = try run(["Parent": definition, "Child": echoChild])
    XCTAssertEqual(g.executions[0].state.error?.error, "StepFunctions.ExecutionAlreadyExistsException")
    XCTAssertEqual(g.executions.count, 2)
  }

  func testAChildWaitingForACallbackLeavesTheGroupWaitingWithItsToken() throws {
    let child = """
      {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"}, "End": true}}}
      """
    var catalogue = StateMachineCatalogue()
    catalogue.add(name: "Child", definition: try StateMachineDefinition(text: child))
    // As for a server: callbacks stay pending.
    let g = ExecutionGroup(clock: VirtualClock(), catalogue: catalogue, sources: { _ in [CallbackTaskSource()] })
    try g.addRoot(definition: try StateMachineDefinition(text: parent("startExecution.sync",
                                                                      "{\"StateMachineArn\": \"\(childArn)\"}")),
                  info: ExecutionInfo(name: "p", stateMachineName: "Parent", input: [:], startTime: g.clock.now))
    XCTAssertEqual(g.run(), .waitingForTasks)
    // Only the child's callback waits on the outside; the parent's .sync task waits on the child.
    XCTAssertEqual(g.outsideTaskTokens, g.executions[1].pendingTaskTokens)
    XCTAssertEqual(g.executions[0].pendingTaskTokens.count, 1)
    XCTAssertNotEqual(g.outsideTaskTokens, g.executions[0].pendingTaskTokens)
  }
}
