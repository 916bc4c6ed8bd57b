import Foundation
import XCTest

/// `sfn run` with `states:startExecution` tasks: children run in the same engine, from `--state-machine NAME=FILE`
/// or the run's own machine.
final class RunChildExecutionTests: XCTestCase {
  private var directory: ScratchDirectory!

  override func setUpWithError() throws { directory = try ScratchDirectory("sfn-run-child") }

  override func tearDownWithError() throws { directory?.remove() }

  private func file(_ name: String, _ text: String) throws -> String { try directory.file(name, text) }

  private let child = """
    {"StartAt":"Double","States":{"Double":{"Type":"Pass",
      "Parameters":{"n.$":"States.MathAdd($.n, $.n)","by.$":"$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"},
      "Next":"Nap"},"Nap":{"Type":"Wait","Seconds":20,"End":true}}}
    """

  private let parent = """
    {"StartAt":"Fire","States":{
      "Fire":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
        "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Doubler",
                      "Name":"fire-and-forget","Input":{"n":1,"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},
        "ResultPath":"$.fired","Next":"Wait"},
      "Wait":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
        "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Doubler",
                      "Input":{"n.$":"$.n","AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},
        "ResultSelector":{"doubled.$":"$.Output.n","status.$":"$.Status"},"End":true}}}
    """

  func testSync2AndFireAndForgetChildrenFromStateMachineOption() throws {
    let parentFile = try file("orders.asl.json", parent)
    let childFile = try file("doubler.asl.json", child)
    let r = SFNRunner.sfn(["run", parentFile, "--state-machine", "Doubler=\(childFile)", "--input", #"{"n":21}"#,
                           "--wait-scale", "0", "--history"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let o = r.object()
    XCTAssertEqual(o["status"] as? String, "SUCCEEDED")
    XCTAssertEqual(o["output"] as? NSDictionary, ["doubled": 42, "status": "SUCCEEDED"] as NSDictionary)
    let parentArn = o["executionArn"] as? String ?? ""
    // The parent's history is AWS's: the child's start answer in TaskSubmitted, its description in TaskSucceeded.
    let events = o["events"] as? [[String: Any]] ?? []
    let types = events.map { $0["type"] as? String ?? "" }
    XCTAssertEqual(types, ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                           "TaskStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                           "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"])
    let submitted = events[9]["taskSubmittedEventDetails"] as? [String: Any] ?? [:]
    XCTAssertEqual(submitted["resource"] as? String, "startExecution.sync:2")
    let answer = submitted["output"] as? [String: Any] ?? [:]
    XCTAssertEqual(Set(answer.keys), ["ExecutionArn", "StartDate"], "\(submitted)")
    // Both children are executions of their own, reachable with --history.
    let children = o["childExecutions"] as? [[String: Any]] ?? []
    XCTAssertEqual(children.count, 2)
    XCTAssertEqual(children.first?["executionArn"] as? String,
                   "arn:aws:states:us-east-1:123456789012:execution:Doubler:fire-and-forget")
    XCTAssertEqual(children.map { $0["status"] as? String }, ["SUCCEEDED", "SUCCEEDED"])
    XCTAssertEqual(children.map { $0["stateMachineArn"] as? String },
                   Array(repeating: "arn:aws:states:us-east-1:123456789012:stateMachine:Doubler", count: 2))
    XCTAssertEqual(children.first?["output"] as? NSDictionary, ["n": 2, "by": parentArn] as NSDictionary)
    XCTAssertEqual((children.last?["events"] as? [[String: Any]])?.last?["type"] as? String, "ExecutionSucceeded")
  }

  func testUnknownChildMachineFailsTheRunAsAWSDoes() throws {
    let parentFile = try file("orders.asl.json", parent)
    let r = SFNRunner.sfn(["run", parentFile, "--wait-scale", "0"])
    XCTAssertEqual(r.status, 1)
    let o = r.object()
    XCTAssertEqual(o["error"] as? String, "StepFunctions.StateMachineDoesNotExistException")
    XCTAssertTrue((o["cause"] as? String ?? "").hasPrefix("State Machine Does Not Exist: 'arn:aws:states:us-east-1:"
                                                             + "123456789012:stateMachine:Doubler'"), "\(o)")
  }

  func testAMachineStartsItselfByItsOwnArn() throws {
    let countdown = try file("countdown.json", """
      {"StartAt":"Done?","States":{
        "Done?":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":0,"Next":"Zero"}],"Default":"Again"},
        "Again":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
          "Parameters":{"StateMachineArn.$":"$$.StateMachine.Id","Input":{"n.$":"States.MathAdd($.n, -1)"}},
          "ResultSelector":{"below.$":"States.StringToJson($.Output)"},"End":true},
        "Zero":{"Type":"Pass","Result":"bottom","End":true}}}
      """)
    let r = SFNRunner.sfn(["run", countdown, "--input", #"{"n":2}"#])
    XCTAssertEqual(r.status, 0, r.stderr)
    let output = r.object()["output"] as? [String: Any]
    XCTAssertEqual((output?["below"] as? [String: Any])?["below"] as? String, "bottom")
  }

  func testBadStateMachineOption() throws {
    let parentFile = try file("orders.asl.json", parent)
    let r = SFNRunner.sfn(["run", parentFile, "--state-machine", "Doubler"])
    XCTAssertEqual(r.status, 64, r.stderr)
    XCTAssertTrue(r.stderr.hasPrefix("sfn: --state-machine 'Doubler': expected NAME=FILE"), r.stderr)
    let invalid = try file("bad.json", #"{"StartAt":"X","States":{}}"#)
    let bad = SFNRunner.sfn(["run", parentFile, "--state-machine", "Doubler=\(invalid)"])
    XCTAssertEqual(bad.status, 65)
    XCTAssertTrue(bad.stderr.contains("\(invalid):1:"), bad.stderr)
  }

  func testNestedWorkflowExampleEndsAsItsExpectedFilesSay() throws {
    let dir = SFNRunner.packageRoot.appendingPathComponent("examples/nested-workflow").path
    for (input, expected) in [("input.json", "expected.json"), ("input-declined.json", "expected-declined.json")] {
      let r = SFNRunner.sfn(["run", "\(dir)/definition.asl.json", "--input", "@\(dir)/\(input)",
                             "--state-machine", "charge=\(dir)/charge.asl.json",
                             "--state-machine", "receipt=\(dir)/receipt.asl.json", "--history"])
      let o = r.object()
      let want = try XCTUnwrap(try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(expected)"))) as? [String: Any])
      XCTAssertEqual(o["status"] as? String, want["status"] as? String, r.stderr)
      XCTAssertEqual(r.status, want["status"] as? String == "SUCCEEDED" ? 0 : 1)
      if let output = want["output"] as? NSDictionary { XCTAssertEqual(o["output"] as? NSDictionary, output) }
      XCTAssertEqual(o["error"] as? String, want["error"] as? String)
      XCTAssertEqual(o["cause"] as? String, want["cause"] as? String)
      let children = o["childExecutions"] as? [[String: Any]] ?? []
      XCTAssertEqual(children.first?["name"] as? String, input == "input.json" ? "charge-A-17" : "charge-A-18")
      XCTAssertEqual(children.count, input == "input.json" ? 2 : 1)
    }
  }
}
