import XCTest
@testable import SFNKit

/// Task resources (ARN shapes per partition and kind), timeouts and heartbeats, and Task best-practice warnings.
final class ASLTaskTests: XCTestCase {
  /// A Task with this resource and extra fields; the Resource string starts at line 4, column 39.
  private func task(_ resource: String, _ extra: String = "") -> String {
    aslOneState(#"{"Type": "Task", "Resource": "\#(resource)", "End": true\#(extra)}"#)
  }

  private let lambdaRetry = #", "Retry": [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"], "MaxAttempts": 3, "BackoffRate": 2.0}]"#

  func testWellFormedResources() {
    for arn in ["arn:aws:states:::sqs:sendMessage", "arn:aws:states:::ecs:runTask.sync",
                "arn:aws:states:::states:startExecution.sync:2", "arn:aws-cn:states:::sns:publish",
                "arn:aws:states:::aws-sdk:s3:listObjectsV2", "arn:aws-us-gov:states:::glue:startJobRun.sync",
                "arn:aws:states:::emr-serverless:startJobRun.sync"] {
      assertASLClean(task(arn))
    }
    assertASLClean(task("arn:aws:lambda:us-east-1:123456789012:function:f:prod", lambdaRetry))
    assertASLClean(task("arn:aws:states:::lambda:invoke", lambdaRetry))
    assertASLClean(task("arn:aws:states:eu-west-1:123456789012:activity:work", #", "HeartbeatSeconds": 60"#))
  }

  func testMalformedResources() {
    let cases: [(String, String, String)] = [
      ("nocolon", "invalid-resource", "'Resource' must be an ARN (a URI)"),
      ("arn:aws:states", "invalid-resource", "'Resource' is not a well-formed ARN"),
      ("arn:azure:states:::sqs:sendMessage", "invalid-resource", "unknown partition 'azure'"),
      ("arn:aws:states:::sqs", "invalid-resource", "a service integration ARN must look like"),
      ("arn:aws:states:::sqs:sendMessage.async", "invalid-resource", "a service integration ARN must look like"),
      ("arn:aws:states:::aws-sdk:s3:getObject.sync", "invalid-resource", "do not support the .sync pattern"),
      ("arn:aws:states:us-east-1:123456789012:stateMachine:x", "invalid-resource", "must be an activity"),
      ("arn:aws:states:us-east-1::activity:x", "invalid-resource", "an activity ARN needs a region and an account"),
      ("arn:aws:lambda:us-east-1::function:f", "invalid-resource", "a Lambda function ARN needs a region and an account"),
      ("arn:aws:lambda:us-east-1:123456789012:layer:f", "invalid-resource", "a Lambda ARN must name a function"),
      ("arn:aws:sns:us-east-1:123456789012:topic", "invalid-resource", "not a 'sns' ARN"),
    ]
    for (arn, code, message) in cases {
      assertASLFinding(task(arn), code, at: "4:39", message)
    }
  }

  func testSuspiciousResourcesAreWarned() {
    assertASLFinding(task("foo:bar"), "resource-not-arn", at: "4:39", "'Resource' is not an ARN", severity: .warning)
    assertASLFinding(task("arn:aws:lambda:us-east-1:ACCOUNT:function:f", lambdaRetry), "arn-account", at: "4:39",
                     "account 'ACCOUNT' is not a 12-digit AWS account ID", severity: .warning)
    assertASLFinding(task("arn:aws:lambda:useast1:123456789012:function:f", lambdaRetry), "arn-region", at: "4:39",
                     "region 'useast1' does not look like an AWS region", severity: .warning)
    assertASLClean(task("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f", lambdaRetry))
  }

  func testTimeoutAndHeartbeat() {
    let sqs = "arn:aws:states:::sqs:sendMessage"
    assertASLClean(task(sqs, #", "TimeoutSeconds": 60, "HeartbeatSeconds": 59"#))
    assertASLClean(task(sqs, #", "TimeoutSecondsPath": "$.t", "HeartbeatSecondsPath": "$$.Execution.Input.h""#))
    assertASLFinding(task(sqs, #", "TimeoutSeconds": 60, "HeartbeatSeconds": 60"#), "heartbeat-not-below-timeout",
                     at: "4:130", "'HeartbeatSeconds' (60) must be smaller than 'TimeoutSeconds' (60)")
    assertASLFinding(task(sqs, #", "TimeoutSeconds": 0"#), "out-of-range", at: "4:106",
                     "'TimeoutSeconds' is 0 but must be at least 1")
    assertASLFinding(task(sqs, #", "HeartbeatSecondsPath": "$.h", "HeartbeatSeconds": 5"#), "mutually-exclusive",
                     at: "4:119", "Only one of 'HeartbeatSeconds', 'HeartbeatSecondsPath' may be set")
    assertASLFinding(task(sqs, #", "TimeoutSecondsPath": "$.t[0:1]""#), "invalid-path", at: "4:110",
                     "'TimeoutSecondsPath' is not a valid reference path")
  }

  func testCredentials() {
    let sqs = "arn:aws:states:::sqs:sendMessage"
    assertASLClean(task(sqs, #", "Credentials": {"RoleArn.$": "$.role"}"#))
    assertASLFinding(task(sqs, #", "Credentials": "arn:aws:iam::123456789012:role/r""#), "wrong-type", at: "4:103",
                     "'Credentials' must be an object, not a string")
  }

  func testLambdaWithoutTransientRetryIsWarned() {
    assertASLClean(task("arn:aws:states:::lambda:invoke", #", "Retry": [{"ErrorEquals": ["States.ALL"]}]"#))
    assertASLFinding(task("arn:aws:states:::lambda:invoke"), "lambda-without-retry", at: "4:39",
                     "Lambda task has no Retry for the transient Lambda errors Lambda.ServiceException", severity: .warning)
    let partial = #", "Retry": [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"]}]"#
    assertASLFinding(task("arn:aws:lambda:us-east-1:123456789012:function:f", partial), "lambda-without-retry",
                     at: "4:39", "transient Lambda errors Lambda.TooManyRequestsException;", severity: .warning)
    let disabled = #", "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}]"#
    assertASLFinding(task("arn:aws:states:::lambda:invoke", disabled), "lambda-without-retry", at: "4:39",
                     "no Retry", severity: .warning)
  }

  func testTokenWaitsWithoutTimeoutAreWarned() {
    assertASLClean(task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", #", "HeartbeatSeconds": 600"#))
    assertASLFinding(task("arn:aws:states:::sqs:sendMessage.waitForTaskToken"), "wait-without-timeout", at: "4:39",
                     "A task waiting for a task token without TimeoutSeconds or HeartbeatSeconds", severity: .warning)
    assertASLFinding(task("arn:aws:states:us-east-1:123456789012:activity:a"), "wait-without-timeout", at: "4:39",
                     "An activity task without TimeoutSeconds", severity: .warning)
  }
}
