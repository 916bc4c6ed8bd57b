import XCTest
import SFNKit
@testable import StateMachineEngine

final class TaskEventsTests: XCTestCase {
  private func task(_ resource: String, timeout: Int? = nil, heartbeat: Int? = nil) -> TaskInvocation {
    TaskInvocation(executionArn: "arn:aws:states:us-east-1:111111111111:execution:m:e", stateName: "Start",
                   resource: resource, parameters: ["FunctionName": "f", "Payload": nil],
                   timeoutSeconds: timeout, heartbeatSeconds: heartbeat)
  }

  /// An expected event; details written as a JSON literal.
  private func event(type: String, detailsKey: String? = nil, details: JSON? = nil) -> TaskEvent {
    TaskEvent(type: type, detailsKey: detailsKey, details: details?.objectValue)
  }

  private func events(_ resource: String) -> TaskEvents {
    TaskEvents(resource: TaskResource(resource), region: "us-east-1")
  }

  func testServiceIntegrationEventsAsRecorded() {
    let events = events("arn:aws:states:::lambda:invoke")
    XCTAssertEqual(events.scheduled(task("arn:aws:states:::lambda:invoke", heartbeat: 1)), event(
      type: "TaskScheduled", detailsKey: "taskScheduledEventDetails",
      details: ["heartbeatInSeconds": 1, "parameters": "{\"FunctionName\":\"f\",\"Payload\":null}",
                "region": "us-east-1", "resource": "invoke", "resourceType": "lambda"]))
    XCTAssertEqual(events.started(), event(type: "TaskStarted", detailsKey: "taskStartedEventDetails",
                                               details: ["resource": "invoke", "resourceType": "lambda"]))
    XCTAssertEqual(events.ended(.succeeded(["Payload": [:]])), event(
      type: "TaskSucceeded", detailsKey: "taskSucceededEventDetails",
      details: ["output": "{\"Payload\":{}}", "outputDetails": ["truncated": false], "resource": "invoke",
                "resourceType": "lambda"]))
    XCTAssertEqual(events.ended(.failed(StatesError("Lambda.ResourceNotFoundException", cause: "Function not found"))),
                   event(type: "TaskFailed", detailsKey: "taskFailedEventDetails",
                             details: ["cause": "Function not found", "error": "Lambda.ResourceNotFoundException",
                                       "resource": "invoke", "resourceType": "lambda"]))
    XCTAssertNil(events.ended(.pending))
  }

  func testTimeoutsAreTimedOutEvents() {
    XCTAssertEqual(events("arn:aws:states:::sqs:sendMessage.waitForTaskToken")
                    .ended(.failed(StatesError("States.HeartbeatTimeout"))),
                   event(type: "TaskTimedOut", detailsKey: "taskTimedOutEventDetails",
                             details: ["error": "States.HeartbeatTimeout", "resource": "sendMessage.waitForTaskToken",
                                       "resourceType": "sqs"]))
    XCTAssertEqual(events("arn:aws:lambda:us-east-1:1:function:f").ended(.failed(StatesError("States.Timeout")))?.type,
                   "LambdaFunctionTimedOut")
  }

  func testLambdaFunctionEventsAsRecorded() {
    let arn = "arn:aws:lambda:us-east-1:111111111111:function:InvokeLambda"
    let events = events(arn)
    XCTAssertEqual(events.scheduled(task(arn, timeout: 30, heartbeat: 5)), event(
      type: "LambdaFunctionScheduled", detailsKey: "lambdaFunctionScheduledEventDetails",
      details: ["input": "{\"FunctionName\":\"f\",\"Payload\":null}", "inputDetails": ["truncated": false],
                "resource": .string(arn), "timeoutInSeconds": 30]))
    XCTAssertEqual(events.started(), event(type: "LambdaFunctionStarted"))
    XCTAssertEqual(events.ended(.failed(StatesError("CustomException", cause: "{}"))), event(
      type: "LambdaFunctionFailed", detailsKey: "lambdaFunctionFailedEventDetails",
      details: ["cause": "{}", "error": "CustomException"]))
    XCTAssertEqual(events.ended(.succeeded(1))?.details.map(JSON.object),
                   ["output": "1", "outputDetails": ["truncated": false]])
    XCTAssertNil(events.submitted(1))
  }

  func testActivityEvents() {
    let arn = "arn:aws:states:us-east-1:111111111111:activity:approve"
    let events = events(arn)
    XCTAssertEqual(events.scheduled(task(arn, timeout: 60, heartbeat: 10)), event(
      type: "ActivityScheduled", detailsKey: "activityScheduledEventDetails",
      details: ["input": "{\"FunctionName\":\"f\",\"Payload\":null}", "inputDetails": ["truncated": false],
                "resource": .string(arn), "timeoutInSeconds": 60, "heartbeatInSeconds": 10]))
    XCTAssertNil(events.started())
    XCTAssertEqual(events.activityStarted(workerName: "w1"), event(
      type: "ActivityStarted", detailsKey: "activityStartedEventDetails", details: ["workerName": "w1"]))
    XCTAssertEqual(events.ended(.succeeded([:]))?.type, "ActivitySucceeded")
  }

  func testSubmittedAndCredentialsForIntegrations() {
    let resource = "arn:aws:states:::states:startExecution.sync:2"
    let events = events(resource)
    XCTAssertEqual(events.submitted(["ExecutionArn": "x"]), event(
      type: "TaskSubmitted", detailsKey: "taskSubmittedEventDetails",
      details: ["output": "{\"ExecutionArn\":\"x\"}", "outputDetails": ["truncated": false],
                "resource": "startExecution.sync:2", "resourceType": "states"]))
    var invocation = task(resource)
    invocation.credentials = ["RoleArn": "arn:aws:iam::1:role/r"]
    XCTAssertEqual(events.scheduled(invocation).details?["taskCredentials"], ["roleArn": "arn:aws:iam::1:role/r"])
  }
}
