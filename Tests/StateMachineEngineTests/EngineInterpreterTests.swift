import Foundation
import SFNKit
import XCTest
@testable import StateMachineEngine

/// The interpreter on a virtual clock: state types, history shapes, retry timing, catch, blocks, pending tasks.
final class EngineInterpreterTests: XCTestCase {
  func testPassChainRecordsHistoryAsAWS() throws {
    let e = try EngineHarness().run("""
      {"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.r","Next":"B"},
       "B":{"Type":"Pass","InputPath":"$.r","End":true}}}
      """, input: ["k": "v"])
    XCTAssertEqual(e.state.status, .succeeded)
    XCTAssertEqual(e.state.output, ["x": 1])
    XCTAssertEqual(e.eventTypes, ["ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered",
                                  "PassStateExited", "ExecutionSucceeded"])
    XCTAssertEqual(e.events.map(\.id), [1, 2, 3, 4, 5, 6])
    // AWS links the first state to nothing (0), then each event to the one before.
    XCTAssertEqual(e.events.map(\.previousEventId), [0, 0, 2, 3, 4, 5])
    XCTAssertEqual(e.events[2].details?["output"], "{\"k\":\"v\",\"r\":{\"x\":1}}")
    XCTAssertEqual(e.events[2].details?["outputDetails"], ["truncated": false])
    XCTAssertEqual(e.events[1].detailsKey, "stateEnteredEventDetails")
  }

  func testWaitAdvancesTheVirtualClock() throws {
    let harness = EngineHarness()
    let start = harness.clock.now
    let e = try harness.run("""
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":90,"Next":"P"},"P":{"Type":"Pass","End":true}}}
      """)
    XCTAssertEqual(e.state.status, .succeeded)
    XCTAssertEqual(e.eventTypes, ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
                                  "PassStateExited", "ExecutionSucceeded"])
    XCTAssertEqual(e.events[1].timestamp, start)
    XCTAssertEqual(e.events[2].timestamp, start + 90)
    XCTAssertEqual(e.state.stopTime, start + 90)
  }

  func testWaitTimestampPathRejectsATimestampWithoutOffset() throws {
    let e = try EngineHarness().run("""
      {"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.t","End":true}}}
      """, input: ["t": "2016-12-05T21:29:29"])
    XCTAssertEqual(e.state.status, .failed)
    XCTAssertEqual(e.state.error?.error, "States.Runtime")
    XCTAssertEqual(e.state.error?.cause, "An error occurred while executing the state 'W' (entered at the event id "
                     + "#2). The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time "
                     + "format string: $.t == 2016-12-05T21:29:29")
  }

  func testRetryBacksOffOnTheClockThenCatches() throws {
    var harness = EngineHarness()
    let boom = TaskOutcome.failed(StatesError("Boom", cause: "bad"))
    harness.tasks = ScriptedTasks(["T": [boom, boom, boom]])
    let start = harness.clock.now
    let e = try harness.run("""
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
        "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"MaxAttempts":2,"BackoffRate":3}],
        "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"C"}],"End":true},
       "C":{"Type":"Pass","End":true}}}
      """, input: ["a": 1])
    XCTAssertEqual(e.state.status, .succeeded)
    XCTAssertEqual(e.state.output, ["a": 1, "error": ["Error": "Boom", "Cause": "bad"]])
    let scheduled = e.events.filter { $0.type == "TaskScheduled" }.map { $0.timestamp.timeIntervalSince(start) }
    XCTAssertEqual(scheduled, [0, 2, 8])
    XCTAssertEqual(harness.tasks.invocations.map(\.attempt), [0, 1, 2])
    XCTAssertEqual(e.events.first { $0.type == "TaskScheduled" }?.details?["resourceType"], "lambda")
    XCTAssertEqual(e.events.first { $0.type == "TaskScheduled" }?.details?["resource"], "invoke")
  }

  func testMaxDelayAndFullJitterShapeTheInterval() {
    let fields: JSON = ["ErrorEquals": ["X"], "IntervalSeconds": 10, "BackoffRate": 2, "MaxDelaySeconds": 15,
                        "JitterStrategy": "FULL"]
    let retrier = Retrier(fields.objectValue!)
    XCTAssertEqual(retrier.interval(forRetry: 0), 10)
    XCTAssertEqual(retrier.interval(forRetry: 1), 15)
    XCTAssertTrue(retrier.fullJitter)
  }

  func testUncaughtTaskFailureFailsTheExecution() throws {
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["T": [.failed(StatesError("Oops", cause: "why"))]])
    let e = try harness.run("""
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true}}}
      """)
    XCTAssertEqual(e.state.status, .failed)
    XCTAssertEqual(e.state.error, StatesError("Oops", cause: "why"))
    XCTAssertEqual(e.eventTypes, ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                                  "LambdaFunctionStarted", "LambdaFunctionFailed", "ExecutionFailed"])
  }

  func testPendingTaskCompletesThroughItsToken() throws {
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["T": [.pending]])
    let e = try harness.execution("""
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "End":true}}}
      """)
    XCTAssertEqual(ExecutionDriver(clock: harness.clock).run(e), .waitingForTasks)
    XCTAssertEqual(e.pendingTaskTokens, ["token-1"])
    XCTAssertEqual(harness.tasks.invocations.first?.taskToken, "token-1")
    XCTAssertTrue(e.complete(taskToken: "token-1", with: .succeeded(["done": true])))
    XCTAssertEqual(e.state.status, .succeeded)
    XCTAssertEqual(e.state.output, ["done": true])
  }

  func testTaskTimeoutFiresOnTheClock() throws {
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["T": [.pending]])
    let start = harness.clock.now
    let e = try harness.run("""
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "TimeoutSeconds":30,"End":true}}}
      """)
    XCTAssertEqual(e.state.status, .failed)
    XCTAssertEqual(e.state.error?.error, "States.Timeout")
    XCTAssertEqual(e.events.last { $0.type == "TaskTimedOut" }?.timestamp, start + 30)
  }

  func testExecutionTimeout() throws {
    let e = try EngineHarness().run("""
      {"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}
      """)
    XCTAssertEqual(e.state.status, .timedOut)
    XCTAssertEqual(e.eventTypes.last, "ExecutionTimedOut")
  }

  func testFailStateReportsErrorAndCause() throws {
    let e = try EngineHarness().run("""
      {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}
      """)
    XCTAssertEqual(e.state.status, .failed)
    XCTAssertEqual(e.state.error, StatesError("E", cause: "C"))
    XCTAssertEqual(e.eventTypes, ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"])
  }

  func testParallelCollectsBranchOutputsInOrder() throws {
    let e = try EngineHarness().run("""
      {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","End":true}}},
        {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":1,"Next":"B2"},"B2":{"Type":"Pass","Result":"b","End":true}}}
      ]}}}
      """)
    XCTAssertEqual(e.state.status, .succeeded)
    XCTAssertEqual(e.state.output, ["a", "b"])
    XCTAssertEqual(e.eventTypes.first { $0.hasPrefix("Parallel") && $0.hasSuffix("Started") }, "ParallelStateStarted")
    XCTAssertTrue(e.eventTypes.contains("ParallelStateSucceeded"))
  }

  func testParallelBranchFailureIsCaught() throws {
    let e = try EngineHarness().run("""
      {"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Done","Catch":[{"ErrorEquals":["States.ALL"],
        "Next":"Done"}],"Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"X","Cause":"Y"}}}]},
       "Done":{"Type":"Pass","End":true}}}
      """)
    XCTAssertEqual(e.state.output, ["Error": "X", "Cause": "Y"])
    XCTAssertEqual(e.eventTypes, ["ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted",
                                  "FailStateEntered", "ParallelStateFailed", "ParallelStateExited", "PassStateEntered",
                                  "PassStateExited", "ExecutionSucceeded"])
  }

  func testMapRunsItemsWithContextAndLinksEvents() throws {
    let e = try EngineHarness().run("""
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,
        "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
      """, input: ["items": ["a", "b"]])
    XCTAssertEqual(e.state.output, [["i": 0, "v": "a"], ["i": 1, "v": "b"]])
    let links = e.events.map { "\($0.id)<\($0.previousEventId) \($0.type)" }
    XCTAssertEqual(links, ["1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted",
                           "4<3 MapIterationStarted", "5<4 PassStateEntered", "6<5 PassStateExited",
                           "7<6 MapIterationSucceeded", "8<6 MapIterationStarted", "9<8 PassStateEntered",
                           "10<9 PassStateExited", "11<10 MapIterationSucceeded", "12<11 MapStateSucceeded",
                           "13<11 MapStateExited", "14<13 ExecutionSucceeded"])
  }

  func testMapToleratedFailureCount() throws {
    let e = try EngineHarness().run("""
      {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,"ItemProcessor":{"StartAt":"F",
        "States":{"F":{"Type":"Fail","Error":"E"}}},"End":true}}}
      """, input: [1, 2])
    XCTAssertEqual(e.state.status, .failed)
    XCTAssertEqual(e.state.error?.error, "States.ExceedToleratedFailureThreshold")
  }

  func testVariablesAreScopedToTheirBranch() throws {
    let e = try EngineHarness().run("""
      {"StartAt":"Set","States":{"Set":{"Type":"Pass","Assign":{"x":1},"Next":"P"},
       "P":{"Type":"Parallel","Next":"Read","Branches":[{"StartAt":"In","States":{"In":{"Type":"Pass",
         "Parameters":{"seen.$":"$x"},"Assign":{"y":2},"End":true}}}]},
       "Read":{"Type":"Pass","Parameters":{"x.$":"$x"},"End":true}}}
      """)
    XCTAssertEqual(e.state.status, .succeeded)
    XCTAssertEqual(e.state.output, ["x": 1])
    XCTAssertEqual(e.events.first { $0.type == "PassStateExited" }?.details?["assignedVariables"], ["x": "1"])
    let inner = e.events.filter { $0.type == "PassStateExited" }[1]
    XCTAssertEqual(inner.details?["output"], "{\"seen\":1}")
  }

  func testDataLimitFailsAnOversizedOutput() throws {
    let big = String(repeating: "x", count: Execution.payloadLimit)
    let e = try EngineHarness().run("""
      {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}
      """, input: ["big": .string(big)])
    XCTAssertEqual(e.state.error?.error, "States.DataLimitExceeded")
  }

  func testTimestampsParseAsAWSAccepts() {
    XCTAssertEqual(ISOTimestamp.parse("2016-03-14T01:59:00Z")?.timeIntervalSince1970, 1_457_920_740)
    XCTAssertEqual(ISOTimestamp.parse("2016-03-14T02:59:00+01:00")?.timeIntervalSince1970, 1_457_920_740)
    XCTAssertNotNil(ISOTimestamp.parse("2016-03-14T01:59:00.123456789Z"))
    XCTAssertNil(ISOTimestamp.parse("2016-13-14T01:59:00Z"))
    XCTAssertNil(ISOTimestamp.parse("2016-03-14 01:59:00Z"))
    XCTAssertEqual(ISOTimestamp.format(Date(timeIntervalSince1970: 1_457_920_740.5)), "2016-03-14T01:59:00.500Z")
  }
}

/// Large runs stay linear: results are written in place, and history need not be kept.
final class EngineScaleTests: XCTestCase {
  func testMapOverTenThousandItemsWithThreeStates() throws {
    let harness = EngineHarness()
    let model = try StateMachineDefinition(text: """
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"A","States":{
        "A":{"Type":"Pass","Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":-1,
        "Next":"C"}]},"C":{"Type":"Pass","End":true}}},"End":true}}}
      """)
    let items = JSON.array((0..<10_000).map { .integer($0) })
    let info = ExecutionInfo(name: "big", stateMachineName: "Machine", input: items, startTime: harness.clock.now)
    let e = Execution(definition: model, info: info, data: DataLayerProcessor(), tasks: harness.tasks,
                      clock: harness.clock, recordHistory: false)
    let started = Date()
    ExecutionDriver(clock: harness.clock).run(e)
    print("Map over 10,000 items: \(Date().timeIntervalSince(started)) s (debug build)")
    XCTAssertEqual(e.state.status, .succeeded)
    XCTAssertEqual(e.state.output?.arrayValue?.count, 10_000)
    XCTAssertEqual(e.state.output?.arrayValue?.last, 9_999)
    XCTAssertTrue(e.events.isEmpty)
    XCTAssertGreaterThan(e.state.nextEventId, 60_000)
  }
}

/// A Distributed Map's ItemReader reads its items through the task handler.
final class EngineItemReaderTests: XCTestCase {
  private let definition = """
    {"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
      "ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
      "Parameters":{"Bucket":"b","Key.$":"$.key"}},
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
    """

  func testItemsComeFromTheReadObject() throws {
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["M": [.succeeded(["Body": "name,n\na,1\nb,2\n"])]])
    let e = try harness.run(definition, input: ["key": "items.csv"])
    XCTAssertEqual(e.state.status, .succeeded)
    XCTAssertEqual(e.state.output, [["name": "a", "n": "1"], ["name": "b", "n": "2"]])
    XCTAssertEqual(harness.tasks.invocations.first?.parameters, ["Bucket": "b", "Key": "items.csv"])
  }

  func testAReaderFailureIsItemReaderFailed() throws {
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["M": [.failed(StatesError("S3.NoSuchKey", cause: "The key does not exist"))]])
    let e = try harness.run(definition, input: ["key": "none.csv"])
    XCTAssertEqual(e.state.status, .failed)
    XCTAssertEqual(e.state.error?.error, "States.ItemReaderFailed")
  }
}
