import Foundation
import XCTest
@testable import StateMachineEngine
import SFNKit

/// Distributed Map runs as AWS records them: the map run, one child execution per iteration (per batch) with a
/// history of its own, nothing of the iterations in the parent's history, and UpdateMapRun.
final class EngineMapRunTests: XCTestCase {
  private func machine(_ map: String, processor: String = #"{"P":{"Type":"Pass","End":true}}"#,
                       type: String = "STANDARD") -> String {
    """
    {"StartAt":"M","States":{"M":{"Type":"Map",\(map)
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"\(type)"},
        "StartAt":"P","States":\(processor)},"End":true}}}
    """
  }

  func testMapRunAndChildExecutionsAreRecordedWithTheirOwnHistories() throws {
    let harness = EngineHarness()
    let e = try harness.run(machine(#""Label":"lbl","MaxConcurrency":2,"#), input: [1, 2, 3])
    XCTAssertEqual(e.state.status, .succeeded)
    XCTAssertEqual(e.state.output, [1, 2, 3])
    XCTAssertEqual(e.eventTypes, ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                                  "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
    XCTAssertEqual(e.state.mapRuns.count, 1)
    let run = e.state.mapRuns[0]
    XCTAssertEqual(run.arn, "arn:aws:states:us-east-1:123456789012:mapRun:Machine/lbl:token-1")
    XCTAssertEqual(e.events[3].details?["mapRunArn"], .string(run.arn))
    XCTAssertEqual(run.stateMachineArn, "arn:aws:states:us-east-1:123456789012:stateMachine:Machine/lbl")
    XCTAssertEqual(run.executionArn, e.info.executionArn)
    XCTAssertEqual(run.status, "SUCCEEDED")
    XCTAssertNotNil(run.stopDate)
    XCTAssertEqual(run.maxConcurrency, 2)
    for counts in [run.itemCounts, run.executionCounts] {
      XCTAssertEqual([counts.pending, counts.running, counts.succeeded, counts.failed, counts.total,
                      counts.resultsWritten], [0, 0, 3, 0, 3, 3])
    }
    XCTAssertEqual(e.state.childExecutions.count, 3)
    // Children start in any order (as on AWS); each one's input is its item.
    let children = e.state.childExecutions.sorted { ($0.input.intValue ?? 0) < ($1.input.intValue ?? 0) }
    for (index, child) in children.enumerated() {
      XCTAssertEqual(child.arn, "arn:aws:states:us-east-1:123456789012:execution:Machine/lbl:\(child.name)")
      XCTAssertEqual(child.mapRunArn, run.arn)
      XCTAssertEqual(child.stateMachineArn, run.stateMachineArn)
      XCTAssertEqual(child.status, .succeeded)
      XCTAssertEqual(child.input, .integer(index + 1))
      XCTAssertEqual(child.output, .integer(index + 1))
      let events = try XCTUnwrap(e.childEvents[child.arn])
      XCTAssertEqual(events.map(\.type), ["ExecutionStarted", "PassStateEntered", "PassStateExited",
                                          "ExecutionSucceeded"])
      XCTAssertEqual(events.map(\.id), [1, 2, 3, 4])
      XCTAssertEqual(events.map(\.previousEventId), [0, 1, 2, 3])
      XCTAssertEqual(events[0].details?["input"], .string("\(index + 1)"))
      XCTAssertEqual(events[3].details?["output"], .string("\(index + 1)"))
    }
  }

  /// AWS: "If you don't specify a label, Step Functions automatically generates a unique label" (a UUID, as its
  /// child metrics' `MACHINE/{MapRunLabel or UUID}` says), not the state's name. The engine's is the same for
  /// every run of a state and differs between states.
  func testWithoutALabelAGeneratedUUIDLabelsTheRunAndExpressChildrenGetExpressArns() throws {
    let e = try EngineHarness().run(machine("", type: "EXPRESS"), input: [7])
    let label = try XCTUnwrap(e.state.mapRuns.first?.label)
    XCTAssertNotNil(UUID(uuidString: label), label)
    XCTAssertEqual(Array(label)[14], "3")
    XCTAssertNotEqual(label, "M")
    XCTAssertTrue(e.state.mapRuns[0].arn.hasPrefix("arn:aws:states:us-east-1:123456789012:mapRun:Machine/\(label):"))
    XCTAssertEqual(e.state.mapRuns.first?.executionType, "EXPRESS")
    let child = try XCTUnwrap(e.state.childExecutions.first)
    XCTAssertTrue(child.arn.hasPrefix("arn:aws:states:us-east-1:123456789012:express:Machine/\(label):\(child.name):"),
                  child.arn)
    XCTAssertEqual(child.executionType, "EXPRESS")
    let again = try EngineHarness().run(machine("", type: "EXPRESS"), input: [8])
    XCTAssertEqual(again.state.mapRuns.first?.label, label)
    XCTAssertNotEqual(Execution.generatedLabel(machine: "Machine", state: "N"), label)
  }

  func testABatchIsOneChildExecutionCountingItsItems() throws {
    let e = try EngineHarness().run(machine(#""ItemBatcher":{"MaxItemsPerBatch":2},"#), input: [1, 2, 3, 4, 5])
    XCTAssertEqual(e.state.status, .succeeded)
    let run = try XCTUnwrap(e.state.mapRuns.first)
    XCTAssertEqual(run.executionCounts.total, 3)
    XCTAssertEqual(run.executionCounts.succeeded, 3)
    XCTAssertEqual(run.itemCounts.total, 5)
    XCTAssertEqual(run.itemCounts.succeeded, 5)
    XCTAssertEqual(e.state.childExecutions.map(\.itemCount), [2, 2, 1])
    XCTAssertEqual(e.state.childExecutions.first?.input, ["Items": [1, 2]])
  }

  func testAFailureBeyondToleranceFailsTheRunAndLeavesTheRestPending() throws {
    let fail = #"{"P":{"Type":"Fail","Error":"Boom","Cause":"bad item"}}"#
    let e = try EngineHarness().run(machine(#""MaxConcurrency":1,"ToleratedFailureCount":0,"#, processor: fail),
                                    input: [1, 2, 3])
    XCTAssertEqual(e.state.status, .failed)
    XCTAssertEqual(e.state.error?.error, "States.ExceedToleratedFailureThreshold")
    let run = try XCTUnwrap(e.state.mapRuns.first)
    XCTAssertEqual(run.status, "FAILED")
    XCTAssertEqual([run.executionCounts.failed, run.executionCounts.pending, run.executionCounts.total], [1, 2, 3])
    XCTAssertEqual(run.toleratedFailureCount, 0)
    let child = try XCTUnwrap(e.state.childExecutions.first)
    XCTAssertEqual(child.status, .failed)
    XCTAssertEqual(child.error, StatesError("Boom", cause: "bad item"))
    XCTAssertEqual(e.childEvents[child.arn]?.map(\.type), ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"])
    XCTAssertEqual(Array(e.eventTypes.suffix(3)), ["MapRunFailed", "MapStateFailed", "ExecutionFailed"])
  }

  /// A Distributed Map child is an execution of its own on AWS: States.Runtime there fails that child (its own
  /// ExecutionFailed), which its map run counts against the tolerance, not the parent execution at once.
  func testStatesRuntimeInAChildFailsOnlyThatChild() throws {
    let picky = #"{"P":{"Type":"Pass","Parameters":{"v.$":"$.v"},"End":true}}"#
    let tolerant = try EngineHarness().run(machine(#""MaxConcurrency":1,"ToleratedFailureCount":1,"#, processor: picky),
                                           input: [["v": 1], [:], ["v": 3]])
    XCTAssertEqual(tolerant.state.status, .succeeded, "\(String(describing: tolerant.state.error))")
    let run = try XCTUnwrap(tolerant.state.mapRuns.first)
    XCTAssertEqual([run.executionCounts.succeeded, run.executionCounts.failed], [2, 1])
    let failed = try XCTUnwrap(tolerant.state.childExecutions.first { $0.status == .failed })
    XCTAssertEqual(failed.error?.error, "States.Runtime")
    XCTAssertEqual(failed.error?.cause, "An error occurred while executing the state 'P' (entered at the event id #2). "
                     + "The JSONPath '$.v' specified for the field 'v.$' could not be found in the input '{}'")
    let events = try XCTUnwrap(tolerant.childEvents[failed.arn])
    XCTAssertEqual(events.map(\.type), ["ExecutionStarted", "PassStateEntered", "ExecutionFailed"])
    XCTAssertEqual(events.map(\.previousEventId), [0, 1, 2])
    XCTAssertFalse(tolerant.eventTypes.contains("ExecutionFailed"))

    // Beyond the tolerance (none set: 0) the map run fails the Map with States.ExceedToleratedFailureThreshold.
    let strict = try EngineHarness().run(machine(#""MaxConcurrency":1,"#, processor: picky), input: [[:], ["v": 2]])
    XCTAssertEqual(strict.state.error?.error, "States.ExceedToleratedFailureThreshold")
    XCTAssertEqual(Array(strict.eventTypes.suffix(3)), ["MapRunFailed", "MapStateFailed", "ExecutionFailed"])

    // Deep inside the child (a Parallel branch) it still ends the child only.
    let nested = #"""
      {"P":{"Type":"Parallel","Branches":[{"StartAt":"Q","States":{"Q":{"Type":"Pass","Parameters":{"v.$":"$.v"},
        "End":true}}}],"End":true}}
      """#
    let deep = try EngineHarness().run(machine(#""ToleratedFailureCount":1,"#, processor: nested), input: [["v": 1], [:]])
    XCTAssertEqual(deep.state.status, .succeeded, "\(String(describing: deep.state.error))")
    let deepFailed = try XCTUnwrap(deep.state.childExecutions.first { $0.status == .failed })
    XCTAssertEqual(deepFailed.error?.error, "States.Runtime")
    XCTAssertEqual(deep.childEvents[deepFailed.arn]?.last?.type, "ExecutionFailed")
  }

  /// Without ToleratedFailureCount/Percentage a Distributed Map tolerates no failure, and fails as a map run does:
  /// States.ExceedToleratedFailureThreshold (AWS), not the child's own error as an inline Map would.
  func testAnUntoleratedChildFailureFailsTheMapByTheThreshold() throws {
    let fail = #"{"P":{"Type":"Fail","Error":"Boom","Cause":"bad item"}}"#
    let e = try EngineHarness().run(machine("", processor: fail), input: [1])
    XCTAssertEqual(e.state.error?.error, "States.ExceedToleratedFailureThreshold")
    XCTAssertEqual(e.state.mapRuns.first?.status, "FAILED")
  }

  func testToleratedFailuresAreCountedAndTheRunSucceeds() throws {
    let choose = #"""
      {"P":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"S"},
       "F":{"Type":"Fail","Error":"Two"},"S":{"Type":"Succeed"}}
      """#
    let e = try EngineHarness().run(machine(#""ToleratedFailurePercentage":50,"#, processor: choose),
                                    input: [1, 2, 3])
    XCTAssertEqual(e.state.status, .succeeded)
    let run = try XCTUnwrap(e.state.mapRuns.first)
    XCTAssertEqual(run.toleratedFailurePercentage, 50)
    XCTAssertEqual([run.executionCounts.succeeded, run.executionCounts.failed, run.executionCounts.resultsWritten,
                    run.executionCounts.failuresNotRedrivable], [2, 1, 3, 1])
  }

  func testUpdateMapRunRaisesMaxConcurrencyOfARunningRun() throws {
    let wait = #"{"P":{"Type":"Wait","Seconds":10,"End":true}}"#
    let harness = EngineHarness()
    let e = try harness.execution(machine(#""MaxConcurrency":1,"#, processor: wait), input: [1, 2, 3])
    e.start()
    e.run()
    var run = try XCTUnwrap(e.state.mapRuns.first)
    XCTAssertEqual([run.executionCounts.running, run.executionCounts.pending], [1, 2])
    XCTAssertTrue(e.updateMapRun(arn: run.arn, maxConcurrency: 3, toleratedFailureCount: 1,
                                 toleratedFailurePercentage: nil))
    XCTAssertFalse(e.updateMapRun(arn: run.arn + "x", maxConcurrency: 3, toleratedFailureCount: nil,
                                  toleratedFailurePercentage: nil))
    run = try XCTUnwrap(e.state.mapRuns.first)
    XCTAssertEqual([run.executionCounts.running, run.executionCounts.pending], [3, 0])
    XCTAssertEqual([run.maxConcurrency, run.toleratedFailureCount], [3, 1])
    let started = harness.clock.now
    ExecutionDriver(clock: harness.clock).run(e)
    XCTAssertEqual(e.state.status, .succeeded)
    // All three waited together once the limit rose: 10 s, not 30 s.
    XCTAssertEqual(harness.clock.now.timeIntervalSince(started), 10, accuracy: 0.001)
  }

  func testARunningMapRunSurvivesASaveAndRestore() throws {
    let wait = #"{"P":{"Type":"Wait","Seconds":10,"End":true}}"#
    let harness = EngineHarness()
    let definition = machine(#""MaxConcurrency":1,"#, processor: wait)
    let first = try harness.execution(definition, input: [1, 2])
    first.start()
    first.run()
    let saved = try ExecutionState(json: JSONParser.parse(JSONWriter.compact.string(first.state.json)))
    XCTAssertEqual(saved.mapRuns, first.state.mapRuns)
    XCTAssertEqual(saved.childExecutions, first.state.childExecutions)
    let second = try harness.execution(definition, input: [1, 2])
    second.restore(saved)
    var childEvents: [String: [String]] = [:]
    second.onChildEvent = { arn, event in childEvents[arn, default: []].append(event.type) }
    ExecutionDriver(clock: harness.clock).run(second)
    XCTAssertEqual(second.state.status, .succeeded)
    XCTAssertEqual(second.state.mapRuns.first?.executionCounts.succeeded, 2)
    let firstChild = try XCTUnwrap(saved.childExecutions.first?.arn)
    XCTAssertEqual(childEvents[firstChild], ["WaitStateExited", "ExecutionSucceeded"])
    XCTAssertEqual(second.state.childExecutions.count, 2)
  }

  func testAStoppedChildIsAbortedAndCountsAsAFailure() throws {
    let wait = #"{"P":{"Type":"Wait","Seconds":10,"End":true}}"#
    let harness = EngineHarness()
    let e = try harness.execution(machine(#""MaxConcurrency":1,"ToleratedFailureCount":1,"#, processor: wait),
                                  input: [1, 2, 3])
    e.start()
    e.run()
    let first = try XCTUnwrap(e.state.childExecutions.first)
    XCTAssertTrue(e.stopMapRunChild(arn: first.arn, error: "Halt", cause: "by hand"))
    XCTAssertFalse(e.stopMapRunChild(arn: first.arn, error: nil, cause: nil), "it is no longer running")
    XCTAssertEqual(e.state.childExecutions.first?.status, .aborted)
    XCTAssertEqual(e.childEvents[first.arn]?.last?.type, "ExecutionAborted")
    XCTAssertEqual(e.childEvents[first.arn]?.last?.details.map(JSON.object), ["error": "Halt", "cause": "by hand"])
    // The next child started in its place; the run goes on within its tolerance.
    XCTAssertEqual(e.state.mapRuns.first?.executionCounts.running, 1)
    XCTAssertTrue(e.stopMapRunChild(arn: e.state.childExecutions[1].arn, error: nil, cause: nil))
    XCTAssertEqual(e.childEvents[e.state.childExecutions[1].arn]?.last?.details.map(JSON.object), [:])
    ExecutionDriver(clock: harness.clock).run(e)
    XCTAssertEqual(e.state.status, .failed)
    XCTAssertEqual(e.state.error?.error, "States.ExceedToleratedFailureThreshold")
    XCTAssertEqual(e.state.mapRuns.first?.executionCounts.aborted, 2)
    XCTAssertEqual(e.state.mapRuns.first?.status, "FAILED")
  }

  func testStoppingTheExecutionAbortsRunningChildrenAndTheRun() throws {
    let wait = #"{"P":{"Type":"Wait","Seconds":10,"End":true}}"#
    let harness = EngineHarness()
    let definition = #"{"TimeoutSeconds":5,"# + machine("", processor: wait).dropFirst()
    let e = try harness.run(String(definition), input: [1, 2])
    XCTAssertEqual(e.state.status, .timedOut)
    XCTAssertEqual(e.state.mapRuns.first?.status, "ABORTED")
    XCTAssertEqual(e.state.mapRuns.first?.executionCounts.aborted, 2)
    XCTAssertEqual(e.state.childExecutions.map(\.status), [.aborted, .aborted])
    XCTAssertEqual(e.childEvents[e.state.childExecutions[0].arn]?.last?.type, "ExecutionAborted")
  }
}

/// ResultWriter: result files and manifest.json under PREFIX/MAPRUNID/ through the task handler (local S3 files
/// here), the Map's result pointing at the manifest; WriterConfig's transformations.
final class EngineResultWriterTests: XCTestCase {
  private var root = ""

  override func setUpWithError() throws {
    root = NSTemporaryDirectory() + "sfn-resultwriter-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

  private func run(_ writer: String, processor: String = #"{"P":{"Type":"Pass","End":true}}"#,
                   extra: String = "", input: JSON) throws -> Execution {
    let definition = """
      {"StartAt":"M","States":{"M":{"Type":"Map",\(extra)"ResultWriter":\(writer),
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
          "StartAt":"P","States":\(processor)},"End":true}}}
      """
    let clock = VirtualClock()
    let info = ExecutionInfo(name: "w", stateMachineName: "Writer", input: input, startTime: clock.now)
    var counter = 0
    let e = Execution(definition: try StateMachineDefinition(text: definition), info: info,
                      data: DataLayerProcessor(), tasks: CompositeTaskHandler.offline(testCase: nil, commands: nil,
                                                                                        s3Root: root),
                      clock: clock, newToken: {
                        counter += 1
                        return "id-\(counter)"
                      })
    ExecutionDriver(clock: clock).run(e)
    return e
  }

  private func file(_ key: String) throws -> JSON {
    let data = try XCTUnwrap(FileManager.default.contents(atPath: root + "/out/" + key), "no object \(key)")
    return try JSONParser.parse(String(decoding: data, as: UTF8.self))
  }

  private let s3 = #"{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"res"}}"#

  func testResultsAndManifestAreWrittenAndTheResultPointsAtTheManifest() throws {
    let e = try run(s3, input: [["a": 1], ["a": 2]])
    XCTAssertEqual(e.state.status, .succeeded)
    let arn = try XCTUnwrap(e.state.mapRuns.first?.arn)
    let label = Execution.generatedLabel(machine: "Writer", state: "M")
    XCTAssertEqual(arn, "arn:aws:states:us-east-1:123456789012:mapRun:Writer/\(label):id-1")
    XCTAssertEqual(e.state.output, ["MapRunArn": .string(arn),
                                    "ResultWriterDetails": ["Bucket": "out", "Key": "res/id-1/manifest.json"]])
    let manifest = try file("res/id-1/manifest.json")
    XCTAssertEqual(manifest["DestinationBucket"], "out")
    XCTAssertEqual(manifest["MapRunArn"], .string(arn))
    XCTAssertEqual(manifest["ResultFiles"]?["FAILED"], [])
    XCTAssertEqual(manifest["ResultFiles"]?["PENDING"], [])
    let listed = try XCTUnwrap(manifest["ResultFiles"]?["SUCCEEDED"]?.arrayValue)
    XCTAssertEqual(listed.count, 1)
    XCTAssertEqual(listed[0]["Key"], "res/id-1/SUCCEEDED_0.json")
    let size = try FileManager.default.attributesOfItem(atPath: root + "/out/res/id-1/SUCCEEDED_0.json")[.size] as? Int
    XCTAssertEqual(listed[0]["Size"]?.intValue, size)
    // Transformation NONE (the default with a Resource): each child as DescribeExecution-like metadata.
    let results = try XCTUnwrap(file("res/id-1/SUCCEEDED_0.json").arrayValue)
    XCTAssertEqual(results.count, 2)
    let child = e.state.childExecutions[1]
    XCTAssertEqual(results[1]["ExecutionArn"], .string(child.arn))
    XCTAssertEqual(results[1]["Name"], .string(child.name))
    XCTAssertEqual(results[1]["Input"], #"{"a":2}"#)
    XCTAssertEqual(results[1]["Output"], #"{"a":2}"#)
    XCTAssertEqual(results[1]["Status"], "SUCCEEDED")
    XCTAssertEqual(results[1]["StateMachineArn"],
                   .string("arn:aws:states:us-east-1:123456789012:stateMachine:Writer/\(Execution.generatedLabel(machine: "Writer", state: "M"))"))
    XCTAssertNotNil(results[1]["StartDate"]?.stringValue)
  }

  func testFailedAndPendingChildrenGetTheirOwnFiles() throws {
    let choose = #"""
      {"P":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"S"},
       "F":{"Type":"Fail","Error":"Two","Cause":"two is bad"},"S":{"Type":"Succeed"}}
      """#
    let e = try run(s3, processor: choose, extra: #""MaxConcurrency":1,"#, input: [1, 2, 3])
    XCTAssertEqual(e.state.status, .failed)
    let manifest = try file("res/id-1/manifest.json")
    XCTAssertEqual(manifest["ResultFiles"]?["FAILED"]?.arrayValue?.first?["Key"], "res/id-1/FAILED_0.json")
    XCTAssertEqual(manifest["ResultFiles"]?["PENDING"]?.arrayValue?.first?["Key"], "res/id-1/PENDING_0.json")
    let failed = try file("res/id-1/FAILED_0.json")
    XCTAssertEqual(failed.arrayValue?.first?["Error"], "Two")
    XCTAssertEqual(failed.arrayValue?.first?["Cause"], "two is bad")
    XCTAssertEqual(failed.arrayValue?.first?["Status"], "FAILED")
    XCTAssertEqual(try file("res/id-1/PENDING_0.json").arrayValue?.first?["Input"], "3")
    XCTAssertEqual(try file("res/id-1/SUCCEEDED_0.json").arrayValue?.count, 1)
  }

  func testCompactJSONLinesWriteTheOutputsOnly() throws {
    let writer = #"{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"p/"},"#
      + #""WriterConfig":{"Transformation":"COMPACT","OutputType":"JSONL"}}"#
    let e = try run(writer, input: [["a": 1], ["a": 2]])
    XCTAssertEqual(e.state.status, .succeeded)
    let data = try XCTUnwrap(FileManager.default.contents(atPath: root + "/out/p/id-1/SUCCEEDED_0.jsonl"))
    XCTAssertEqual(String(decoding: data, as: UTF8.self), "{\"a\":1}\n{\"a\":2}\n")
  }

  func testWriterConfigAloneShapesTheResultWithoutWriting() throws {
    let processor = #"{"P":{"Type":"Pass","Result":[1,2],"End":true}}"#
    let e = try run(#"{"WriterConfig":{"Transformation":"FLATTEN","OutputType":"JSON"}}"#, processor: processor,
                    input: ["x", "y"])
    XCTAssertEqual(e.state.output, [1, 2, 1, 2])
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/out"), [])
  }

  func testAWriteThatFailsIsResultWriterFailed() throws {
    let writer = #"{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"missing","Prefix":"r"}}"#
    let e = try run(writer, input: [1])
    XCTAssertEqual(e.state.status, .failed)
    XCTAssertEqual(e.state.error?.error, "States.ResultWriterFailed")
    XCTAssertEqual(e.state.mapRuns.first?.status, "FAILED")
    XCTAssertEqual(e.eventTypes.suffix(3), ["MapRunFailed", "MapStateFailed", "ExecutionFailed"])
  }
}
