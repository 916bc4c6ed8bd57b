import SFNJSON
import StateMachineEngine
import XCTest

@testable import StepFunctionsServer

/// Executions on the embedded engine through the protocol layer: start rules, history, stop and callbacks.
final class ExecutionTests: XCTestCase {
  private func create(_ server: TestServer, _ name: String, _ definition: String, type: String = "STANDARD") async {
    _ = await server.call("CreateStateMachine", ["name": .string(name), "definition": .string(definition),
                                                 "roleArn": .string(role), "type": .string(type)])
  }

  func testStartRunsToTheEndWithHistoryAndTheSameNameRule() async throws {
    let server = try TestServer()
    await create(server, "m", #"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":1},"End":true}}}"#)
    let started = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "m"), "name": "run1",
                                                       "input": #"{"a":1}"#])
    let arn = try XCTUnwrap(started["executionArn"])
    XCTAssertEqual(arn, "arn:aws:states:us-east-1:123456789012:execution:m:run1")
    let described = await server.finished(arn)
    XCTAssertEqual(described["status"], "SUCCEEDED")
    XCTAssertEqual(described["output"], #"{"x":1}"#)
    let history = await server.call("GetExecutionHistory", ["executionArn": arn])
    let types = history["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
    XCTAssertEqual(types, ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
    let reversed = await server.call("GetExecutionHistory", ["executionArn": arn, "reverseOrder": true,
                                                             "maxResults": 3])
    XCTAssertEqual(reversed["events"]?.arrayValue?.first?["type"], "ExecutionSucceeded")
    let rest = await server.call("GetExecutionHistory", ["executionArn": arn, "reverseOrder": true,
                                                         "nextToken": reversed["nextToken"] ?? .null])
    XCTAssertEqual(rest["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue }, ["ExecutionStarted"])
    // A finished execution's name cannot be used again.
    let again = await server.error("StartExecution", ["stateMachineArn": .string(machineArn + "m"), "name": "run1",
                                                      "input": #"{"a":1}"#])
    XCTAssertEqual(again.type, "com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists")
    let listed = await server.call("ListExecutions", ["stateMachineArn": .string(machineArn + "m"),
                                                      "statusFilter": "SUCCEEDED"])
    XCTAssertEqual(listed["executions"]?.arrayValue?.count, 1)
    let forExecution = await server.call("DescribeStateMachineForExecution", ["executionArn": arn])
    XCTAssertEqual(forExecution["name"], "m")
  }

  func testRunningExecutionAnswersTheSameStartAndStops() async throws {
    let server = try TestServer()
    await create(server, "w", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}"#)
    let input: JSON = ["stateMachineArn": .string(machineArn + "w"), "name": "slow", "input": "{}"]
    let first = await server.call("StartExecution", input)
    let second = await server.call("StartExecution", input)
    XCTAssertEqual(first, second)
    let different = await server.error("StartExecution", ["stateMachineArn": .string(machineArn + "w"),
                                                          "name": "slow", "input": #"{"b":2}"#])
    XCTAssertEqual(different.type, "com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists")
    _ = await server.call("StopExecution", ["executionArn": first["executionArn"] ?? .null, "error": "Halt"])
    let described = await server.call("DescribeExecution", ["executionArn": first["executionArn"] ?? .null])
    XCTAssertEqual(described["status"], "ABORTED")
    XCTAssertEqual(described["error"], "Halt")
    let history = await server.call("GetExecutionHistory", ["executionArn": first["executionArn"] ?? .null])
    XCTAssertEqual(history["events"]?.arrayValue?.last?["type"], "ExecutionAborted")
  }

  func testTaskTokenCallbacksCompleteTheTask() async throws {
    let server = try TestServer()
    await create(server, "cb", """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}
      """)
    let started = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "cb")])
    let arn = started["executionArn"] ?? .null
    var token: String?
    for _ in 0..<500 where token == nil {
      let history = await server.call("GetExecutionHistory", ["executionArn": arn])
      let scheduled = history["events"]?.arrayValue?.first { $0["type"] == "TaskScheduled" }
      if let text = scheduled?["taskScheduledEventDetails"]?["parameters"]?.stringValue,
         let parameters = try? JSONParser.parse(text) {
        token = parameters["MessageBody"]?["token"]?.stringValue
      } else {
        try? await Task.sleep(nanoseconds: 10_000_000)
      }
    }
    let taskToken = try XCTUnwrap(token)
    let unknown = await server.error("SendTaskSuccess", ["taskToken": "nope", "output": "{}"])
    XCTAssertEqual(unknown.type, "com.amazonaws.swf.service.v2.model#TaskDoesNotExist")
    _ = await server.call("SendTaskHeartbeat", ["taskToken": .string(taskToken)])
    _ = await server.call("SendTaskSuccess", ["taskToken": .string(taskToken), "output": #"{"done":true}"#])
    let described = await server.finished(arn)
    XCTAssertEqual(described["status"], "SUCCEEDED")
    XCTAssertEqual(described["output"], #"{"done":true}"#)
  }

  func testStartSyncExecutionRunsExpressMachinesOnly() async throws {
    let server = try TestServer()
    await create(server, "fast", #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#, type: "EXPRESS")
    let result = await server.call("StartSyncExecution", ["stateMachineArn": .string(machineArn + "fast"),
                                                          "input": #"{"k":"v"}"#])
    XCTAssertEqual(result["status"], "SUCCEEDED")
    XCTAssertEqual(result["output"], #"{"k":"v"}"#)
    XCTAssertTrue(result["executionArn"]?.stringValue?.contains(":express:fast:") == true)
    await create(server, "std", #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#)
    let standard = await server.error("StartSyncExecution", ["stateMachineArn": .string(machineArn + "std")])
    XCTAssertEqual(standard.type, "com.amazonaws.swf.service.v2.model#StateMachineTypeNotSupported")
  }

  func testMockConfigCaseIsChosenWithArnHashCase() async throws {
    let mocks = try MockConfiguration.parse("""
      {"StateMachines":{"lam":{"TestCases":{"happy":{"Call":"ok"}}}},
       "MockedResponses":{"ok":{"0":{"Return":{"mocked":true}}}}}
      """)
    let server = try TestServer(mocks: mocks)
    await create(server, "lam", """
      {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
      "Parameters":{"FunctionName":"f"},"End":true}}}
      """)
    let started = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "lam#happy"),
                                                       "name": "mocked"])
    XCTAssertEqual(started["executionArn"], "arn:aws:states:us-east-1:123456789012:execution:lam:mocked")
    let described = await server.finished(started["executionArn"] ?? .null)
    XCTAssertEqual(described["status"], "SUCCEEDED")
    XCTAssertEqual(described["output"], #"{"mocked":true}"#)
    let unknown = await server.error("StartExecution", ["stateMachineArn": .string(machineArn + "lam#nope")])
    XCTAssertEqual(unknown.type, "com.amazon.coral.validate#ValidationException")
  }

  func testRestartResumesFromTheSavedStepWithMockCountsAndTimers() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-resume-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // The first call fails, the second succeeds: only a restored invocation count gets the second answer.
    let mocks = try MockConfiguration.parse("""
      {"StateMachines":{"flaky":{"TestCases":{"retry":{"Call":"busy"}}}},
       "MockedResponses":{"busy":{"0":{"Throw":{"Error":"Busy","Cause":"later"}},"1":{"Return":{"ok":true}}}}}
      """)
    var first: TestServer? = try TestServer(mocks: mocks, location: .directory(dir), waitScale: 0.01)
    await create(first!, "flaky", """
      {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
      "Parameters":{"FunctionName":"f"},"Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":100,"MaxAttempts":1}],
      "End":true}}}
      """)
    let started = await first!.call("StartExecution", ["stateMachineArn": .string(machineArn + "flaky#retry"),
                                                       "name": "r"])
    let arn = started["executionArn"] ?? .null
    var types: [String] = []
    for _ in 0..<500 where !types.contains("TaskFailed") {
      let history = await first!.call("GetExecutionHistory", ["executionArn": arn])
      types = history["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
      if !types.contains("TaskFailed") { try await Task.sleep(nanoseconds: 10_000_000) }
    }
    XCTAssertTrue(types.contains("TaskFailed"), "\(types)")
    // The first server goes away in the 1 s retry interval; its runner must be gone so only the second continues.
    weak var oldRunner = first?.server.runner
    first = nil
    XCTAssertNil(oldRunner)
    let second = try TestServer(mocks: mocks, location: .directory(dir), waitScale: 0.01)
    try await second.server.runner.resumeAll()
    let described = await second.finished(arn)
    XCTAssertEqual(described["status"], "SUCCEEDED")
    XCTAssertEqual(described["output"], #"{"ok":true}"#)
    let history = await second.call("GetExecutionHistory", ["executionArn": arn])
    let events = history["events"]?.arrayValue ?? []
    XCTAssertEqual(events.compactMap { $0["id"]?.intValue }, Array(1...max(events.count, 1)))
    XCTAssertEqual(events.filter { $0["type"] == "TaskScheduled" }.count, 2)
  }

  func testAResumedExecutionWhoseMockCaseIsGoneFailsAlone() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-resume-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mocks = try MockConfiguration.parse("""
      {"StateMachines":{"w":{"TestCases":{"c":{}}}},"MockedResponses":{}}
      """)
    var first: TestServer? = try TestServer(mocks: mocks, location: .directory(dir))
    await create(first!, "w", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}"#)
    let mocked = await first!.call("StartExecution", ["stateMachineArn": .string(machineArn + "w#c"), "name": "m"])
    let plain = await first!.call("StartExecution", ["stateMachineArn": .string(machineArn + "w"), "name": "p"])
    first = nil
    // Restarted without --mock-config: the mocked execution fails, the other keeps running, the server starts.
    let second = try TestServer(location: .directory(dir))
    try await second.server.runner.resumeAll()
    let failed = await second.call("DescribeExecution", ["executionArn": mocked["executionArn"] ?? .null])
    XCTAssertEqual(failed["status"], "FAILED")
    XCTAssertTrue(failed["cause"]?.stringValue?.contains("w#c cannot be found") == true, "\(failed)")
    let running = await second.call("DescribeExecution", ["executionArn": plain["executionArn"] ?? .null])
    XCTAssertEqual(running["status"], "RUNNING")
  }

  func testActivityTasksSurviveRestartsAndAreHandedOutOnce() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-resume-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var first: TestServer? = try TestServer(location: .directory(dir))
    let activityArn = await first!.call("CreateActivity", ["name": "work"])["activityArn"] ?? .null
    await create(first!, "act", """
      {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"\(activityArn.stringValue ?? "")","End":true}}}
      """)
    let started = await first!.call("StartExecution", ["stateMachineArn": .string(machineArn + "act"),
                                                       "input": #"{"job":7}"#])
    let arn = started["executionArn"] ?? .null
    var types: [String] = []
    for _ in 0..<500 where !types.contains("ActivityScheduled") {
      let history = await first!.call("GetExecutionHistory", ["executionArn": arn])
      types = history["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
      if !types.contains("ActivityScheduled") { try await Task.sleep(nanoseconds: 10_000_000) }
    }
    XCTAssertTrue(types.contains("ActivityScheduled"), "\(types)")
    first = nil
    // No worker took the task before the restart: the next server hands it out.
    var second: TestServer? = try TestServer(location: .directory(dir))
    try await second!.server.runner.resumeAll()
    let task = await second!.call("GetActivityTask", ["activityArn": activityArn])
    let token = try XCTUnwrap(task["taskToken"]?.stringValue)
    XCTAssertEqual(task["input"], #"{"job":7}"#)
    second = nil
    // Taken before this restart: not handed out again, but its token still completes the task.
    let third = try TestServer(location: .directory(dir))
    try await third.server.runner.resumeAll()
    let again = await third.call("GetActivityTask", ["activityArn": activityArn])
    XCTAssertNil(again["taskToken"])
    _ = await third.call("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"done":7}"#])
    let described = await third.finished(arn)
    XCTAssertEqual(described["status"], "SUCCEEDED")
    XCTAssertEqual(described["output"], #"{"done":7}"#)
  }

  func testActivityWorkersLongPollAndAnswerTasks() async throws {
    let server = try TestServer()
    let activity = await server.call("CreateActivity", ["name": "work"])
    let activityArn = activity["activityArn"] ?? .null
    // Nothing to do: the poll ends empty after its wait.
    let empty = await server.call("GetActivityTask", ["activityArn": activityArn])
    XCTAssertNil(empty["taskToken"])
    await create(server, "act", """
      {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"\(activityArn.stringValue ?? "")","End":true}}}
      """)
    let started = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "act"),
                                                       "input": #"{"job":7}"#])
    let task = await server.call("GetActivityTask", ["activityArn": activityArn, "workerName": "w1"])
    let token = try XCTUnwrap(task["taskToken"]?.stringValue)
    XCTAssertEqual(task["input"], #"{"job":7}"#)
    _ = await server.call("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"done":7}"#])
    let described = await server.finished(started["executionArn"] ?? .null)
    XCTAssertEqual(described["status"], "SUCCEEDED")
    XCTAssertEqual(described["output"], #"{"done":7}"#)
    let missing = await server.error("GetActivityTask", ["activityArn": .string(
      "arn:aws:states:us-east-1:123456789012:activity:none")])
    XCTAssertEqual(missing.type, "com.amazonaws.swf.service.v2.model#ActivityDoesNotExist")
  }
}
