import SFNJSON
import StateMachineEngine
import XCTest

@testable import StepFunctionsServer

/// Where `sfn local` follows AWS (or, for mocks, Step Functions Local) in the less travelled corners: mock test cases
/// of child executions, Express children of `.sync` tasks, timestamp precision.
final class FidelityTests: XCTestCase {
  private func create(_ server: TestServer, _ name: String, _ definition: String, type: String = "STANDARD") async {
    _ = await server.call("CreateStateMachine", ["name": .string(name), "definition": .string(definition),
                                                 "roleArn": .string(role), "type": .string(type)])
  }

  /// A parent whose `.sync:2` task runs machine `child` (optionally naming a test case), and a child calling Lambda.
  private func createParentAndChild(_ server: TestServer, childArn: String = machineArn + "child",
                                    childType: String = "STANDARD") async {
    await create(server, "child", """
      {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
      "Parameters":{"FunctionName":"f"},"OutputPath":"$.Payload","End":true}}}
      """, type: childType)
    await create(server, "parent", """
      {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
      "Parameters":{"StateMachineArn":"\(childArn)","Input":{"n":1}},"OutputPath":"$.Output","End":true}}}
      """)
  }

  /// An in-memory server that starts child executions (as `LocalServer.run` sets it up).
  private func makeServer(mocks: String? = nil) async throws -> TestServer {
    let server = try TestServer(mocks: try mocks.map { try MockConfiguration.parse($0) })
    await server.server.runner.attach(server.server.children)
    return server
  }

  private let mocks = """
    {"StateMachines":{
       "parent":{"TestCases":{"Happy":{},"Sad":{}}},
       "child":{"TestCases":{"Happy":{"Work":"Done"},"Sad":{"Work":"Broken"}}}},
     "MockedResponses":{
       "Done":{"0":{"Return":{"Payload":{"from":"child Happy"}}}},
       "Broken":{"0":{"Throw":{"Error":"Lambda.ServiceException","Cause":"mocked"}}}}}
    """

  /// Step Functions Local documents nothing for children; sfn runs the child's own machine's case of the parent's
  /// name from the same mock configuration.
  func testAChildRunsItsOwnMachinesCaseOfTheParentsName() async throws {
    let server = try await makeServer(mocks: mocks)
    await createParentAndChild(server)
    let happy = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "parent#Happy")])
    let happyDone = await server.finished(happy["executionArn"] ?? .null)
    XCTAssertEqual(happyDone["status"], "SUCCEEDED", "\(happyDone)")
    XCTAssertEqual(happyDone["output"], #"{"from":"child Happy"}"#)

    let sad = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "parent#Sad")])
    let sadDone = await server.finished(sad["executionArn"] ?? .null)
    XCTAssertEqual(sadDone["status"], "FAILED")
    XCTAssertEqual(sadDone["error"], "States.TaskFailed")
    // The child failed with its own case's mocked error, and is an execution of `child` like any other.
    let children = await server.call("ListExecutions", ["stateMachineArn": .string(machineArn + "child"),
                                                        "statusFilter": "FAILED"])
    let child = children["executions"]?.arrayValue?.first?["executionArn"] ?? .null
    let childDescribed = await server.call("DescribeExecution", ["executionArn": child])
    XCTAssertEqual(childDescribed["error"], "Lambda.ServiceException")
    XCTAssertEqual(childDescribed["stateMachineArn"]?.stringValue, machineArn + "child")
  }

  /// A child whose StateMachineArn names a case itself runs that case, as Step Functions Local's StartExecution reads
  /// `ARN#CASE`; a child of an unmocked parent runs unmocked.
  func testAChildNamingItsCaseRunsItAndAnUnmockedParentsChildIsUnmocked() async throws {
    let server = try await makeServer(mocks: mocks)
    await createParentAndChild(server, childArn: machineArn + "child#Happy")
    let sadParent = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "parent#Sad")])
    let done = await server.finished(sadParent["executionArn"] ?? .null)
    XCTAssertEqual(done["status"], "SUCCEEDED", "\(done)")
    XCTAssertEqual(done["output"], #"{"from":"child Happy"}"#)

    let plain = try await makeServer(mocks: mocks)
    await createParentAndChild(plain)
    let unmocked = await plain.call("StartExecution", ["stateMachineArn": .string(machineArn + "parent")])
    let unmockedDone = await plain.finished(unmocked["executionArn"] ?? .null)
    XCTAssertEqual(unmockedDone["status"], "FAILED")
    let cause = unmockedDone["cause"]?.stringValue ?? ""
    XCTAssertTrue(cause.contains("Work"), cause)
  }

  /// AWS created and ran a JSONPath state whose Assign holds `{% ... %}` text, assigning it unevaluated (recorded
  /// execution assign_base BASE_CONSTANT_LITERALS); sfn local refused it as InvalidDefinition.
  func testJSONataTextInAJSONPathAssignIsAcceptedAndAssignedAsText() async throws {
    let server = try await makeServer()
    let definition = """
      {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":"{% $y %}","l":["{% 1 %}"]},"Next":"B"},
       "B":{"Type":"Pass","Parameters":{"x.$":"$x","l.$":"$l"},"End":true}}}
      """
    let validated = await server.call("ValidateStateMachineDefinition", ["definition": .string(definition)])
    XCTAssertEqual(validated["result"], "OK")
    XCTAssertEqual(validated["diagnostics"], [])
    await create(server, "assigns", definition)
    let started = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "assigns")])
    let done = await server.finished(started["executionArn"] ?? .null)
    XCTAssertEqual(done["status"], "SUCCEEDED", "\(done)")
    XCTAssertEqual(done["output"], #"{"x":"{% $y %}","l":["{% 1 %}"]}"#)
  }

  /// AWS answers every date to the millisecond (`1700000000.123`); sfn local answered the engine's microseconds.
  func testEveryTimestampIsMillisecondPrecise() async throws {
    let server = try await makeServer()
    await create(server, "timed", """
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":0,"Next":"M"},
       "M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED",
       "ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
      """)
    let started = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "timed"),
                                                       "input": #"{"items":[1,2]}"#])
    let arn = started["executionArn"] ?? .null
    let described = await server.finished(arn)
    XCTAssertEqual(described["status"], "SUCCEEDED", "\(described)")
    var dates: [(String, Double)] = [("startDate", described["startDate"]?.doubleValue ?? -1),
                                     ("stopDate", described["stopDate"]?.doubleValue ?? -1)]
    let history = await server.call("GetExecutionHistory", ["executionArn": arn])
    for event in history["events"]?.arrayValue ?? [] {
      dates.append((event["type"]?.stringValue ?? "?", event["timestamp"]?.doubleValue ?? -1))
    }
    let runs = await server.call("ListMapRuns", ["executionArn": arn])
    let run = runs["mapRuns"]?.arrayValue?.first ?? .null
    dates += [("ListMapRuns startDate", run["startDate"]?.doubleValue ?? -1),
              ("ListMapRuns stopDate", run["stopDate"]?.doubleValue ?? -1)]
    let described2 = await server.call("DescribeMapRun", ["mapRunArn": run["mapRunArn"] ?? .null])
    dates += [("DescribeMapRun startDate", described2["startDate"]?.doubleValue ?? -1),
              ("DescribeMapRun stopDate", described2["stopDate"]?.doubleValue ?? -1)]
    let children = await server.call("ListExecutions", ["mapRunArn": run["mapRunArn"] ?? .null])
    for child in children["executions"]?.arrayValue ?? [] {
      dates += [("child startDate", child["startDate"]?.doubleValue ?? -1),
                ("child stopDate", child["stopDate"]?.doubleValue ?? -1)]
    }
    XCTAssertGreaterThan(dates.count, 12)
    for (what, date) in dates {
      let ms = date * 1000
      XCTAssertTrue(date > 0 && abs(ms - ms.rounded()) < 0.001, "\(what): \(date)")
    }
  }

  /// On AWS a `.sync` task starting an EXPRESS machine runs it synchronously and answers with the finished
  /// execution; sfn local used to wait for it forever (an Express execution cannot be described).
  func testASyncTaskRunsAnExpressChildToItsEnd() async throws {
    let server = try await makeServer(mocks: mocks)
    await createParentAndChild(server, childType: "EXPRESS")
    let started = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "parent#Happy")])
    let done = await server.finished(started["executionArn"] ?? .null)
    XCTAssertEqual(done["status"], "SUCCEEDED", "\(done)")
    XCTAssertEqual(done["output"], #"{"from":"child Happy"}"#)
    let history = await server.call("GetExecutionHistory", ["executionArn": started["executionArn"] ?? .null])
    let events = history["events"]?.arrayValue ?? []
    XCTAssertEqual(events.compactMap { $0["type"]?.stringValue },
                   ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                    "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"])
    let succeeded = events.first { $0["type"] == "TaskSucceeded" }?["taskSucceededEventDetails"]?["output"]?.stringValue
    let result = try JSONParser.parse(succeeded ?? "null")
    XCTAssertEqual(result["Status"], "SUCCEEDED")
    XCTAssertEqual(result["StateMachineArn"]?.stringValue, machineArn + "child")
    XCTAssertTrue(result["ExecutionArn"]?.stringValue?.hasPrefix("arn:aws:states:us-east-1:123456789012:express:child:")
                  == true, "\(result)")

    // A failing Express child fails the task with States.TaskFailed, as a Standard child does.
    let sad = await server.call("StartExecution", ["stateMachineArn": .string(machineArn + "parent#Sad")])
    let sadDone = await server.finished(sad["executionArn"] ?? .null)
    XCTAssertEqual(sadDone["status"], "FAILED")
    XCTAssertEqual(sadDone["error"], "States.TaskFailed")
    XCTAssertTrue(sadDone["cause"]?.stringValue?.contains("Lambda.ServiceException") == true, "\(sadDone)")
  }
}
