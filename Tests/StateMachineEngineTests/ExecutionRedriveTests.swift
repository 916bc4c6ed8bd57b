import Foundation
import SFNKit
import XCTest
@testable import StateMachineEngine

/// RedriveExecution in the engine: an unsuccessful execution's saved final state continues in a new `Execution` from
/// the states that did not succeed; and the heartbeat clock of pending tasks.
final class ExecutionRedriveTests: XCTestCase {
  private let boom = TaskOutcome.failed(StatesError("Boom", cause: "it broke"))

  /// The final state of `first`, through its JSON text as the server stores it, redriven in a new execution.
  private func redriven(_ harness: EngineHarness, _ definition: String, input: JSON, after first: Execution) throws
    -> Execution {
    let text = JSONWriter.compact.string(first.state.json)
    let model = try StateMachineDefinition(text: definition)
    var info = ExecutionInfo(name: "test", stateMachineName: "Machine", input: input, startTime: harness.clock.now)
    info.redriveCount = 1
    var counter = 100
    let second = Execution(definition: model, info: info, data: DataLayerProcessor(), tasks: harness.tasks,
                           clock: harness.clock, random: { 0.5 }, newToken: {
                             counter += 1
                             return "token-\(counter)"
                           })
    let saved = try ExecutionState(json: JSONParser.parse(text))
    XCTAssertTrue(saved.canRedrive)
    second.redrive(from: saved, lastEventId: first.events.count)
    return second
  }

  func testFailedTaskRunsAgainWithItsInputAndItsRetriesReset() throws {
    let definition = """
      {"StartAt":"P","States":{"P":{"Type":"Pass","Result":1,"ResultPath":"$.p","Next":"T"},
       "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"n.$":"$.p"},
            "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":1,"MaxAttempts":1}],"Next":"Done"},
       "Done":{"Type":"Pass","End":true}}}
      """
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["T": [boom, boom]])
    let first = try harness.run(definition, input: ["a": 1])
    XCTAssertEqual(first.state.status, .failed)
    XCTAssertEqual(first.state.error?.error, "Boom")

    // The retrier gets its attempt again: one more failure, then success.
    harness.tasks.outcomes["T"] = [boom, .succeeded(["ok": true])]
    let second = try redriven(harness, definition, input: ["a": 1], after: first)
    ExecutionDriver(clock: harness.clock).run(second)
    let events = first.events + second.events
    XCTAssertEqual(second.state.status, .succeeded)
    XCTAssertEqual(second.state.output, ["ok": true])
    XCTAssertEqual(harness.tasks.invocations.filter { $0.stateName == "T" }.count, 4)
    XCTAssertEqual(harness.tasks.invocations.last?.parameters, ["n": 1])
    XCTAssertEqual(events.map(\.id), Array(1...events.count))
    let redrivenAt = try XCTUnwrap(events.firstIndex { $0.type == "ExecutionRedriven" })
    XCTAssertEqual(events[redrivenAt - 1].type, "ExecutionFailed")
    XCTAssertEqual(events[redrivenAt].previousEventId, events[redrivenAt - 1].id)
    XCTAssertEqual(events[redrivenAt].details?["redriveCount"], 1)
    // The Pass state that succeeded is not run again; the Task state is entered again with the input it had.
    let after = events[(redrivenAt + 1)...]
    XCTAssertEqual(after.first?.type, "TaskStateEntered")
    XCTAssertEqual(after.first?.previousEventId, events[redrivenAt].id)
    XCTAssertEqual(after.first?.details?["input"], #"{"a":1,"p":1}"#)
    XCTAssertEqual(events.filter { $0.type == "PassStateEntered" }.count, 2, "P once, Done once")
    XCTAssertEqual(after.filter { $0.type == "TaskFailed" }.count, 1)
    XCTAssertEqual(events.last?.type, "ExecutionSucceeded")
  }

  func testParallelRunsOnlyItsFailedBranchAgain() throws {
    let definition = """
      {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
        {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}]}}}
      """
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["A": [.succeeded("a")], "B": [boom]])
    let first = try harness.run(definition)
    XCTAssertEqual(first.state.status, .failed)

    harness.tasks.outcomes["B"] = [.succeeded("b")]
    let second = try redriven(harness, definition, input: [:], after: first)
    ExecutionDriver(clock: harness.clock).run(second)
    XCTAssertEqual(second.state.status, .succeeded)
    XCTAssertEqual(second.state.output, ["a", "b"])
    XCTAssertEqual(harness.tasks.invocations.map(\.stateName), ["A", "B", "B"])
    let events = first.events + second.events
    XCTAssertEqual(events.map(\.id), Array(1...events.count))
  }

  func testMapRunsItsFailedAndAbortedIterationsAgainAndKeepsTheOthers() throws {
    let definition = """
      {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"T","States":{
        "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}}}}
      """
    var harness = EngineHarness()
    // Iteration 0 succeeds, 1 fails, and 2 is aborted before it runs.
    harness.tasks = ScriptedTasks(["T": [.succeeded(10), boom]])
    let first = try harness.run(definition, input: [1, 2, 3])
    XCTAssertEqual(first.state.status, .failed)
    XCTAssertEqual(first.eventTypes.filter { $0 == "MapIterationAborted" }.count, 1)

    harness.tasks.outcomes["T"] = [.succeeded(20), .succeeded(30)]
    let second = try redriven(harness, definition, input: [1, 2, 3], after: first)
    ExecutionDriver(clock: harness.clock).run(second)
    XCTAssertEqual(second.state.status, .succeeded)
    XCTAssertEqual(second.state.output, [10, 20, 30])
    XCTAssertEqual(harness.tasks.invocations.map(\.parameters), [1, 2, 2, 3])
    let started = second.events.filter { $0.type == "MapIterationStarted" }.compactMap { $0.details?["index"] }
    XCTAssertEqual(started, [1, 2])
  }

  func testTimedOutExecutionContinuesItsStateWithTheTimeoutStartedOver() throws {
    let definition = """
      {"TimeoutSeconds":5,"StartAt":"Ask","States":{"Ask":{"Type":"Task",
       "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}
      """
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["Ask": [.pending, .pending]])
    let first = try harness.run(definition)
    XCTAssertEqual(first.state.status, .timedOut)

    let second = try redriven(harness, definition, input: [:], after: first)
    second.run()
    let redriveTime = harness.clock.now
    XCTAssertEqual(second.nextTimerDue, redriveTime + 5)
    let token = try XCTUnwrap(second.pendingTaskTokens.first)
    XCTAssertTrue(second.complete(taskToken: token, with: .succeeded(["answer": 42])))
    XCTAssertEqual(second.state.status, .succeeded)
    XCTAssertEqual(second.eventTypes.prefix(2), ["ExecutionRedriven", "TaskStateEntered"])
  }

  /// An execution whose one Task state (`resource`, HeartbeatSeconds 10) waits for its task, and the task's token.
  private func waiting(on resource: String) throws -> (EngineHarness, Execution, String) {
    var harness = EngineHarness()
    harness.tasks = ScriptedTasks(["Work": [.pending]])
    let execution = try harness.execution("""
      {"StartAt":"Work","States":{"Work":{"Type":"Task","HeartbeatSeconds":10,"Resource":"\(resource)","End":true}}}
      """)
    execution.start()
    execution.run()
    return (harness, execution, try XCTUnwrap(execution.pendingTaskTokens.first))
  }

  func testHeartbeatsRestartTheHeartbeatClockUntilOneIsMissed() throws {
    let (harness, execution, token) = try waiting(on: "arn:aws:states:::sqs:sendMessage.waitForTaskToken")
    harness.clock.advance(by: 8)
    XCTAssertTrue(execution.heartbeat(taskToken: token))
    harness.clock.advance(by: 8)
    execution.fireDueTimers()
    XCTAssertEqual(execution.state.status, .running, "the heartbeat at 8 s moved the deadline to 18 s")
    harness.clock.advance(by: 3)
    execution.fireDueTimers()
    XCTAssertEqual(execution.state.status, .failed)
    XCTAssertEqual(execution.state.error?.error, "States.HeartbeatTimeout")
    XCTAssertEqual(execution.eventTypes.suffix(2), ["TaskTimedOut", "ExecutionFailed"])
    XCTAssertFalse(execution.heartbeat(taskToken: token))
  }

  func testActivityStartedNamesTheWorkerAndPrecedesTheResult() throws {
    let (harness, execution, token) = try waiting(on: "arn:aws:states:us-east-1:123456789012:activity:act")
    harness.clock.advance(by: 9)
    // Taking the task counts as the first sign of life.
    XCTAssertTrue(execution.activityStarted(taskToken: token, workerName: "worker-1"))
    harness.clock.advance(by: 9)
    execution.fireDueTimers()
    XCTAssertTrue(execution.complete(taskToken: token, with: .succeeded(["done": true])))
    XCTAssertEqual(execution.eventTypes, ["ExecutionStarted", "TaskStateEntered", "ActivityScheduled",
                                          "ActivityStarted", "ActivitySucceeded", "TaskStateExited",
                                          "ExecutionSucceeded"])
    let started = try XCTUnwrap(execution.events.first { $0.type == "ActivityStarted" })
    XCTAssertEqual(started.detailsKey, "activityStartedEventDetails")
    XCTAssertEqual(started.details?["workerName"], "worker-1")
    XCTAssertEqual(execution.events.first { $0.type == "ActivitySucceeded" }?.previousEventId, started.id)
    XCTAssertFalse(execution.activityStarted(taskToken: token, workerName: nil))
  }
}
