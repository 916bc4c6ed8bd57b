import Foundation
import XCTest

/// `sfn run` as a real process: the embedded engine, no endpoint, no account.
final class RunCommandTests: XCTestCase {
  private var directory: ScratchDirectory!
  private var scratch: URL { directory.url }

  override func setUpWithError() throws { directory = try ScratchDirectory("sfn-run") }

  override func tearDownWithError() throws { directory?.remove() }

  private func file(_ name: String, _ text: String) throws -> String { try directory.file(name, text) }

  private let greeter = """
    {"StartAt":"Greet","States":{"Greet":{"Type":"Pass",
      "Parameters":{"greeting.$":"States.Format('Hello, {}!', $.name)"},"Next":"Pause"},
     "Pause":{"Type":"Wait","Seconds":30,"End":true}}}
    """

  func testSucceededRunPrintsTheExecutionAsDescribeDoes() throws {
    let definition = try file("hello.asl.json", greeter)
    let r = SFNRunner.sfn(["run", definition, "--input", #"{"name":"Ada"}"#, "--wait-scale", "0"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let o = r.object()
    XCTAssertEqual(o["status"] as? String, "SUCCEEDED")
    XCTAssertEqual(o["output"] as? [String: String], ["greeting": "Hello, Ada!"])
    XCTAssertEqual(o["input"] as? [String: String], ["name": "Ada"])
    XCTAssertEqual((o["stateMachineArn"] as? String)?.hasSuffix(":stateMachine:hello"), true)
    XCTAssertNil(o["events"])
    // The Wait's 30 s pass on the execution's clock even when skipped.
    XCTAssertNotEqual(o["startDate"] as? String, o["stopDate"] as? String)
  }

  func testHistoryAddsTheEvents() throws {
    let definition = try file("hello.asl.json", greeter)
    let r = SFNRunner.sfn(["run", definition, "--input", #"{"name":"Ada"}"#, "--wait-scale", "0", "--history"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let events = r.object()["events"] as? [[String: Any]] ?? []
    XCTAssertEqual(events.map { $0["type"] as? String ?? "" },
                   ["ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered", "WaitStateExited",
                    "ExecutionSucceeded"])
    XCTAssertEqual(events.map { $0["previousEventId"] as? Int ?? -1 }, [0, 0, 2, 3, 4, 5])
  }

  func testFailedExecutionExitsOneWithErrorOnStderr() throws {
    let definition = try file("fail.json", #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}"#)
    let r = SFNRunner.sfn(["run", definition])
    XCTAssertEqual(r.status, 1)
    XCTAssertEqual(r.object()["error"] as? String, "E")
    XCTAssertTrue(r.stderr.contains("FAILED: E: C"), r.stderr)
  }

  func testInvalidDefinitionPrintsLocatedFindingsAndExits65() throws {
    let definition = try file("bad.json", #"{"StartAt":"X","States":{}}"#)
    let r = SFNRunner.sfn(["run", definition])
    XCTAssertEqual(r.status, 65)
    XCTAssertTrue(r.stderr.contains("\(definition):1:"), r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  func testBadInputAndMissingFile() throws {
    let definition = try file("hello.json", greeter)
    XCTAssertEqual(SFNRunner.sfn(["run", definition, "--input", "{bad"]).status, 65)
    XCTAssertEqual(SFNRunner.sfn(["run", scratch.appendingPathComponent("none.json").path]).status, 66)
  }

  func testTimeoutExits124() throws {
    let definition = try file("slow.json", greeter)
    let r = SFNRunner.sfn(["run", definition, "--input", #"{"name":"x"}"#, "--timeout", "1"])
    XCTAssertEqual(r.status, 124, r.stderr)
    XCTAssertEqual(r.object()["status"] as? String, "RUNNING")
  }

  func testTasksAnsweredByMockConfigAndCommand() throws {
    let definition = try file("tasks.json", """
      {"StartAt":"Mocked","States":{"Mocked":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
        "ResultSelector":{"v.$":"$.Payload"},"Next":"Command"},
       "Command":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}
      """)
    let mocks = try file("mocks.json", """
      {"StateMachines":{"tasks":{"TestCases":{"Happy":{"Mocked":"M"}}}},
       "MockedResponses":{"M":{"0":{"Return":{"Payload":41}}}}}
      """)
    let r = SFNRunner.sfn(["run", definition, "--mock-config", mocks, "--test-case", "Happy",
                           "--task", "Command=jq '{answer: (.v + 1)}'"])
    guard r.status == 0 else { return XCTFail("status \(r.status): \(r.stderr)") }
    XCTAssertEqual(r.object()["output"] as? [String: Int], ["answer": 42])
  }
}
