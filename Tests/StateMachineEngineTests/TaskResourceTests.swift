import XCTest
@testable import StateMachineEngine

final class TaskResourceTests: XCTestCase {
  func testOptimizedIntegrationWithPatterns() {
    let plain = TaskResource("arn:aws:states:::lambda:invoke")
    XCTAssertEqual(plain.kind, .integration(service: "lambda", action: "invoke"))
    XCTAssertEqual(plain.pattern, .requestResponse)
    XCTAssertEqual(plain.resourceType, "lambda")
    XCTAssertEqual(plain.resourceName, "invoke")

    let callback = TaskResource("arn:aws:states:::sqs:sendMessage.waitForTaskToken")
    XCTAssertEqual(callback.kind, .integration(service: "sqs", action: "sendMessage"))
    XCTAssertEqual(callback.pattern, .waitForTaskToken)
    XCTAssertEqual(callback.resourceName, "sendMessage.waitForTaskToken")

    let child = TaskResource("arn:aws-cn:states:::states:startExecution.sync:2")
    XCTAssertTrue(child.isStartExecution)
    XCTAssertEqual(child.pattern, .sync2)
    XCTAssertEqual(child.resourceType, "states")
    XCTAssertEqual(child.resourceName, "startExecution.sync:2")
    XCTAssertEqual(TaskResource("arn:aws:states:::states:startExecution.sync").pattern, .sync)
  }

  func testSDKIntegration() {
    let sdk = TaskResource("arn:aws:states:::aws-sdk:s3:getObject")
    XCTAssertEqual(sdk.kind, .sdk(service: "s3", action: "getObject"))
    XCTAssertEqual(sdk.resourceType, "aws-sdk:s3")
    XCTAssertEqual(sdk.resourceName, "getObject")
    XCTAssertFalse(sdk.isStartExecution)
  }

  func testLambdaFunctionAndActivityARNs() {
    let function = TaskResource("arn:aws:lambda:us-east-1:111111111111:function:Work:live")
    XCTAssertEqual(function.kind, .lambdaFunction)
    XCTAssertNil(function.resourceType)
    XCTAssertNil(function.resourceName)
    XCTAssertEqual(TaskResource("arn:aws:states:eu-west-1:111111111111:activity:approve").kind, .activity)
  }

  func testAnythingElseIsOther() {
    XCTAssertEqual(TaskResource("my-task").kind, .other)
    XCTAssertEqual(TaskResource("arn:aws:s3:::bucket").kind, .other)
    XCTAssertEqual(TaskResource("arn:aws:states:::nothing").kind, .other)
  }
}
