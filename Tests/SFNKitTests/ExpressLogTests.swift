import Foundation
import XCTest

@testable import SFNKit

/// Express executions from CloudWatch Logs: the log event parser on the shapes AWS documents, the event set
/// (ordering, duplicates, late delivery), the derived description, the machine's logging configuration.
final class ExpressLogTests: XCTestCase {
  static let arn = "arn:aws:states:us-east-1:123456789012:express:orders:run-1:0b9d4c47-8f6e-4bd4-9ba5-3f6e6f6a1d2c"

  /// The documented form: every number a string, details as in GetExecutionHistory.
  static let started = """
    {"id":"1","type":"ExecutionStarted","details":{"input":"{\\"a\\":1}","inputDetails":{"truncated":false},\
    "roleArn":"arn:aws:iam::123456789012:role/service-role/orders-role"},"previous_event_id":"0",\
    "event_timestamp":"1592451140165","execution_arn":"\(arn)","redrive_count":"0"}
    """

  func event(_ id: Int, _ type: String, at millis: Int, previous: Int? = nil, details: String = "{}") -> String {
    """
    {"id":"\(id)","type":"\(type)","details":\(details),"previous_event_id":"\(previous ?? id - 1)",\
    "event_timestamp":"\(millis)","execution_arn":"\(Self.arn)"}
    """
  }

  func testParsesTheDocumentedShape() throws {
    let e = try XCTUnwrap(ExpressLogEvent(message: Self.started))
    XCTAssertEqual(e.id, 1)
    XCTAssertEqual(e.previousEventId, 0)
    XCTAssertEqual(e.timestamp, 1592451140.165, accuracy: 0.0005)
    XCTAssertEqual(e.type, "ExecutionStarted")
    XCTAssertEqual(e.executionArn, Self.arn)
    let history = e.historyEvent
    XCTAssertEqual(history["id"]?.intValue, 1)
    XCTAssertEqual(history["previousEventId"]?.intValue, 0)
    XCTAssertEqual(history["executionStartedEventDetails"]?["input"]?.stringValue, "{\"a\":1}")
    XCTAssertEqual(history["executionStartedEventDetails"]?["inputDetails"]?["truncated"]?.boolValue, false)
  }

  func testToleratesNumbersUnknownFieldsAndOtherText() throws {
    let numeric = """
      {"id":7,"type":"TaskStateEntered","details":{"name":"Charge","input":"{}","newField":true},"previous_event_id":6,\
      "event_timestamp":1592451140200,"execution_arn":"\(Self.arn)","something_new":"x"}
      """
    let e = try XCTUnwrap(ExpressLogEvent(message: numeric))
    XCTAssertEqual(e.id, 7)
    XCTAssertEqual(e.historyEvent["stateEnteredEventDetails"]?["name"]?.stringValue, "Charge")
    XCTAssertEqual(e.historyEvent["stateEnteredEventDetails"]?["newField"]?.boolValue, true)
    XCTAssertNil(ExpressLogEvent(message: "START RequestId: 1234 Version: $LATEST"))
    XCTAssertNil(ExpressLogEvent(message: "{\"id\":\"1\",\"type\":\"ExecutionStarted\"}"), "no execution_arn")
    // No event_timestamp: the log event's own time is used.
    let untimed = ExpressLogEvent(message: "{\"id\":\"2\",\"type\":\"PassStateEntered\",\"execution_arn\":\"\(Self.arn)\"}",
                                  logTimestamp: 1_592_451_140_300)
    XCTAssertEqual(try XCTUnwrap(untimed).timestamp, 1592451140.3, accuracy: 0.0005)
  }

  func testDetailsMembersFollowTheHistoryModel() {
    XCTAssertEqual(ExpressLogEvent.detailsMember("PassStateExited"), "stateExitedEventDetails")
    XCTAssertEqual(ExpressLogEvent.detailsMember("MapIterationStarted"), "mapIterationStartedEventDetails")
    XCTAssertEqual(ExpressLogEvent.detailsMember("ExecutionFailed"), "executionFailedEventDetails")
    XCTAssertEqual(ExpressLogEvent.detailsMember("TaskScheduled"), "taskScheduledEventDetails")
    let members = Set(ServiceModel.shape(.historyEvent).members.map(\.name))
    for type in ["ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted",
                 "TaskScheduled", "TaskFailed", "TaskSucceeded", "MapStateStarted", "MapIterationFailed",
                 "LambdaFunctionScheduled", "TaskStateEntered", "ParallelStateExited"] {
      XCTAssertTrue(members.contains(ExpressLogEvent.detailsMember(type)), type)
    }
  }

  func testEventSetOrdersByIdDropsDuplicatesAndDescribes() throws {
    var set = ExpressEventSet()
    let messages = [
      event(3, "PassStateExited", at: 1_000_300, details: "{\"name\":\"P\",\"output\":\"{}\"}"),
      Self.started,
      event(4, "ExecutionSucceeded", at: 1_000_400,
            details: "{\"output\":\"{\\\"ok\\\":true}\",\"outputDetails\":{\"truncated\":false}}"),
      event(2, "PassStateEntered", at: 1_000_200, details: "{\"name\":\"P\",\"input\":\"{}\"}"),
      event(3, "PassStateExited", at: 1_000_300, details: "{\"name\":\"P\",\"output\":\"{}\"}"),
    ]
    var added = 0
    for m in messages where set.add(try XCTUnwrap(ExpressLogEvent(message: m))) { added += 1 }
    XCTAssertEqual(added, 4, "the duplicate is dropped")
    XCTAssertEqual(set.ordered.map(\.id), [1, 2, 3, 4])
    let d = set.description(executionArn: Self.arn)
    XCTAssertEqual(d["status"]?.stringValue, "SUCCEEDED")
    XCTAssertEqual(d["name"]?.stringValue, "run-1")
    XCTAssertEqual(d["stateMachineArn"]?.stringValue, "arn:aws:states:us-east-1:123456789012:stateMachine:orders")
    XCTAssertEqual(d["output"]?.stringValue, "{\"ok\":true}")
    XCTAssertEqual(d["outputDetails"]?["included"]?.boolValue, true)
    XCTAssertEqual(d["input"]?.stringValue, "{\"a\":1}")
    XCTAssertEqual(d["stopDate"]?.doubleValue ?? 0, 1000.4, accuracy: 0.0005)
  }

  func testRunningFailedAndTruncated() throws {
    var running = ExpressEventSet()
    running.add(try XCTUnwrap(ExpressLogEvent(message: Self.started)))
    XCTAssertEqual(running.description(executionArn: Self.arn)["status"]?.stringValue, "RUNNING")
    XCTAssertNil(running.description(executionArn: Self.arn)["stopDate"])

    var failed = running
    failed.add(try XCTUnwrap(ExpressLogEvent(message: event(2, "ExecutionFailed", at: 1_592_451_141_000,
                                                               details: "{\"error\":\"Boom\",\"cause\":\"bad\"}"))))
    let f = failed.description(executionArn: Self.arn)
    XCTAssertEqual(f["status"]?.stringValue, "FAILED")
    XCTAssertEqual(f["error"]?.stringValue, "Boom")
    XCTAssertEqual(f["cause"]?.stringValue, "bad")
    XCTAssertNil(f["output"])

    var cut = running
    cut.add(try XCTUnwrap(ExpressLogEvent(message: event(2, "ExecutionSucceeded", at: 1_592_451_141_000,
                                                            details: "{\"output\":\"{\\\"a\\\":\",\"outputDetails\":{\"truncated\":true}}"))))
    XCTAssertEqual(cut.description(executionArn: Self.arn)["outputDetails"]?["included"]?.boolValue, false)
  }

  func testGapsAreFoundForFollowing() throws {
    let events = try [1, 2, 4, 5].map { try XCTUnwrap(ExpressLogEvent(message: event($0, "PassStateEntered", at: 1000 + $0))) }
    XCTAssertEqual(ExpressLogReader.firstGap(events), 2)
    XCTAssertNil(ExpressLogReader.firstGap(Array(events.prefix(2))))
  }

  func testExpressARNs() {
    let express = ExpressExecutionARN(Self.arn)
    XCTAssertEqual(express?.machine, "orders")
    XCTAssertEqual(express?.name, "run-1")
    XCTAssertNil(ExpressExecutionARN("arn:aws:states:us-east-1:123456789012:execution:orders:run-1"))
    // A Map Run's Express children are answered by DescribeExecution: they are not read from the logs.
    XCTAssertNil(ExpressExecutionARN("arn:aws:states:us-east-1:123456789012:express:orders/Map:child:3f6e"))
  }

  func testLoggingConfiguration() throws {
    let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:orders"
    let all = ExpressLogging(machineArn: machine, describeStateMachine: [
      "loggingConfiguration": ["level": "ALL", "includeExecutionData": true, "destinations": [
        ["cloudWatchLogsLogGroup": ["logGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/orders-Logs:*"]],
      ]],
    ])
    XCTAssertEqual(try all.requireLogGroup(), "/aws/vendedlogs/states/orders-Logs")
    XCTAssertTrue(all.includeExecutionData)

    let off = ExpressLogging(machineArn: machine, describeStateMachine: ["loggingConfiguration": ["level": "OFF"]])
    XCTAssertThrowsError(try off.requireLogGroup()) { error in
      let e = error as? ExpressLogError
      XCTAssertEqual(e?.errorCode, "ExpressLoggingOff")
      XCTAssertTrue(e?.description.contains("level OFF") ?? false, "\(error)")
      XCTAssertTrue(e?.hint?.contains("--logging-configuration") ?? false)
      XCTAssertTrue(e?.hint?.contains("\"level\":\"ALL\"") ?? false)
    }
    let missing = ExpressLogging(machineArn: machine, describeStateMachine: [:])
    XCTAssertEqual(missing.level, "OFF")
  }
}
