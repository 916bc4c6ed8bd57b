import Foundation
import XCTest

@testable import SFNKit

/// The library pieces behind the verbs: durations, ARNs, name resolution, the wait schedule, history.
final class ExecutionsTests: XCTestCase {
  func testDurations() throws {
    XCTAssertEqual(DurationParser.parse("90"), 90)
    XCTAssertEqual(DurationParser.parse("90s"), 90)
    XCTAssertEqual(DurationParser.parse("10m"), 600)
    XCTAssertEqual(DurationParser.parse("1h30m"), 5400)
    XCTAssertEqual(DurationParser.parse("1.5s"), 1.5)
    for bad in ["", "m", "10x", "30m1h", "1h1h", "-5", "5m3"] { XCTAssertNil(DurationParser.parse(bad), bad) }
    XCTAssertThrowsError(try DurationParser.seconds("soon")) { XCTAssertEqual(($0 as? InputError)?.kind, .usage) }
    XCTAssertEqual(DurationParser.format(0.01), "10ms")
    XCTAssertEqual(DurationParser.format(4.54), "4.5s")
    XCTAssertEqual(DurationParser.format(5400), "1h30m")
  }

  func testWaitScheduleIsQuickFirstThenCappedForLongExecutions() {
    let schedule = WaitSchedule()
    // Short executions: polls within the first second come at most ~0.5 s apart.
    var elapsed = 0.0, attempt = 0
    while elapsed < 1 {
      let d = schedule.delay(attempt: attempt, random: 0.99)
      XCTAssertLessThanOrEqual(d, 0.7)
      elapsed += d
      attempt += 1
    }
    // Long executions: delays never exceed the cap and average at least 2 s, whatever the jitter.
    let late = (50..<150).map { schedule.delay(attempt: $0, random: Double($0 % 10) / 10) }
    XCTAssertLessThanOrEqual(late.max()!, schedule.cap)
    XCTAssertGreaterThanOrEqual(late.reduce(0, +) / Double(late.count), 2)
    XCTAssertNotEqual(schedule.delay(attempt: 60, random: 0), schedule.delay(attempt: 60, random: 0.5), "jittered")
  }

  func testWaitScheduleNoticesShortRunsWithinASecondAndPollsSparselyOnLongOnes() {
    let schedule = WaitSchedule()
    // Through the first 11 s no gap exceeds 1 s, whatever the jitter, so an end there is seen within a second.
    for random in [0.0, 0.5, 0.99] {
      var elapsed = 0.0, attempt = 0
      while elapsed < 11 {
        let d = schedule.delay(attempt: attempt, random: random)
        XCTAssertLessThanOrEqual(d, 1, "attempt \(attempt) at \(elapsed) s")
        elapsed += d
        attempt += 1
      }
    }
    // A 60 s execution with spread jitter: at most one poll per 2 s on average.
    var elapsed = 0.0, attempt = 0
    while elapsed < 60 {
      elapsed += schedule.delay(attempt: attempt, random: Double(attempt * 7 % 10) / 10)
      attempt += 1
    }
    XCTAssertGreaterThanOrEqual(elapsed / Double(attempt), 2, "\(attempt) polls in \(elapsed) s")
  }

  func testWaiterPollsUntilFinalAndStopsAtTheDeadline() throws {
    final class Time: @unchecked Sendable { var now = Date(timeIntervalSince1970: 1000) }
    let time = Time()
    var statuses = ["RUNNING", "RUNNING", "SUCCEEDED"]
    var sleeps: [Double] = []
    let waiter = ExecutionWaiter(call: { _, _ in ["status": .string(statuses.removeFirst())] },
                                 clock: Clock { time.now }, sleep: { sleeps.append($0); time.now += $0 }, random: { 0.5 })
    let done = try waiter.wait(for: ["arn"], timeout: nil)
    XCTAssertFalse(done.timedOut)
    XCTAssertEqual(done.executions.first?["status"], "SUCCEEDED")
    XCTAssertEqual(sleeps.count, 2)
    let stuck = ExecutionWaiter(call: { _, _ in ["status": "RUNNING"] }, clock: Clock { time.now },
                                sleep: { time.now += $0 }, random: { 0.5 })
    let start = time.now
    let outcome = try stuck.wait(for: ["arn"], timeout: 30)
    XCTAssertTrue(outcome.timedOut)
    XCTAssertEqual(time.now.timeIntervalSince(start), 30, accuracy: 0.001)
  }

  func testARNKinds() {
    XCTAssertEqual(StatesARN("arn:aws:states:us-east-1:1:stateMachine:hello")?.kind, .stateMachine)
    XCTAssertEqual(StatesARN("arn:aws:states:us-east-1:1:stateMachine:hello:3")?.kind, .version)
    XCTAssertEqual(StatesARN("arn:aws:states:us-east-1:1:stateMachine:hello:prod")?.kind, .alias)
    XCTAssertEqual(StatesARN("arn:aws:states:us-east-1:1:execution:hello:run")?.kind, .execution)
    XCTAssertEqual(StatesARN("arn:aws:states:us-east-1:1:express:hello:run:uuid")?.kind, .execution)
    XCTAssertEqual(StatesARN("arn:aws:states:us-east-1:1:activity:work")?.kind, .activity)
    XCTAssertEqual(StatesARN("arn:aws:states:us-east-1:1:mapRun:hello/Map:uuid")?.kind, .mapRun)
    XCTAssertNil(StatesARN("arn:aws:s3:::bucket"))
    XCTAssertEqual(StatesARN("arn:aws:states:us-east-1:1:stateMachine:hello:3")?.unqualifiedMachine.text,
                   "arn:aws:states:us-east-1:1:stateMachine:hello")
    XCTAssertEqual(StatesARN.partition(forRegion: "cn-north-1"), "aws-cn")
  }

  func testNameResolverMakesOneListCallAndCachesTheAccount() throws {
    let files = InMemoryFileSystem()
    let cache = AccountCache(directory: CacheDirectory(path: "/cache/sfn", fileSystem: files))
    var calls: [OperationName] = []
    let list: NameResolver.Call = { op, _ in
      calls.append(op)
      return ["stateMachines": [["stateMachineArn": "arn:aws-cn:states:cn-north-1:42:stateMachine:other", "name": "other",
                                 "type": "EXPRESS"]]]
    }
    let resolver = NameResolver(region: "cn-north-1", cache: cache, cacheKey: "k", call: list)
    XCTAssertEqual(try resolver.machine("other"), "arn:aws-cn:states:cn-north-1:42:stateMachine:other")
    XCTAssertEqual(resolver.machineTypes["arn:aws-cn:states:cn-north-1:42:stateMachine:other"], "EXPRESS")
    XCTAssertEqual(try resolver.machine("hello:prod"), "arn:aws-cn:states:cn-north-1:42:stateMachine:hello:prod")
    XCTAssertEqual(try resolver.execution("hello:3/run-1"), "arn:aws-cn:states:cn-north-1:42:execution:hello:run-1")
    XCTAssertEqual(try resolver.activity("work"), "arn:aws-cn:states:cn-north-1:42:activity:work")
    XCTAssertEqual(calls, [.listStateMachines])
    XCTAssertEqual(files.modes["/cache/sfn/accounts"], 0o600, "the cache names the user's account: private")
    XCTAssertTrue(files.directories.contains("/cache/sfn"))
    let fresh = NameResolver(region: "cn-north-1", cache: cache, cacheKey: "k", call: list)
    XCTAssertEqual(try fresh.machine("hello"), "arn:aws-cn:states:cn-north-1:42:stateMachine:hello")
    XCTAssertEqual(calls.count, 1, "the second resolver reads the cache")
    XCTAssertThrowsError(try fresh.execution("hello")) { XCTAssertEqual($0 as? ReferenceError, .notAnExecution("hello")) }
    XCTAssertThrowsError(try fresh.machine("arn:aws:states:us-east-1:1:activity:x")) {
      XCTAssertEqual($0 as? ReferenceError, .wrongARN("arn:aws:states:us-east-1:1:activity:x", what: "state machine"))
      XCTAssertEqual(($0 as? ReferenceError)?.kind, .usage)
    }
    let empty = NameResolver(region: "us-east-1", cache: AccountCache(directory: nil), cacheKey: "k") { _, _ in ["stateMachines": []] }
    XCTAssertThrowsError(try empty.machine("hello")) {
      XCTAssertEqual($0 as? ReferenceError, .notFound(name: "hello", what: "state machine", region: "us-east-1", listing: "machines"))
      XCTAssertEqual(($0 as? ReferenceError)?.kind, .rejected)
    }
  }

  func testJSONInputReaderChecksBeforeSending() throws {
    let files = InMemoryFileSystem(["in.json": " {\"a\": 1}\n"])
    let reader = JSONInputReader(files: files, stdin: { Array("[1]".utf8) }, limit: 16)
    XCTAssertEqual(try reader.read("@in.json", option: "--input"), "{\"a\": 1}")
    XCTAssertEqual(try reader.read("file://in.json", option: "--input"), "{\"a\": 1}")
    XCTAssertEqual(try reader.read("-", option: "--input"), "[1]")
    XCTAssertThrowsError(try reader.read("@missing", option: "--input")) {
      XCTAssertEqual($0 as? InputError, .unreadableFile(path: "missing", reason: "no such file or directory"))
      XCTAssertEqual(($0 as? InputError)?.kind, .inputFile)
    }
    XCTAssertThrowsError(try reader.read("{", option: "--input")) { XCTAssertEqual(($0 as? InputError)?.kind, .badInput) }
    XCTAssertThrowsError(try reader.read("\"" + String(repeating: "é", count: 8) + "\"", option: "--input")) {
      XCTAssertEqual($0 as? InputError, .tooLarge(at: "--input", source: "the argument", bytes: 18, limit: 16))
    }
  }

  func testTimelineNamesStatesCountsRetriesAndIgnoresDuplicates() {
    func event(_ id: Int, _ prev: Int, _ t: Double, _ type: String, _ details: JSON? = nil) -> JSON {
      var o = JSONObject([("id", .integer(id)), ("previousEventId", .integer(prev)),
                          ("timestamp", .float(t)), ("type", .string(type))])
      if let details { o["details" + "EventDetails"] = details }
      return .object(o)
    }
    var timeline = HistoryTimeline()
    let events = [
      event(1, 0, 100, "ExecutionStarted"), event(2, 1, 100, "TaskStateEntered", ["name": "T"]),
      event(3, 2, 101, "TaskScheduled", ["resourceType": "lambda", "resource": "invoke"]),
      event(4, 3, 102, "TaskFailed", ["error": "E", "cause": "c"]),
      event(5, 4, 103, "TaskScheduled", ["resourceType": "lambda", "resource": "invoke"]),
      event(6, 5, 104, "TaskSucceeded"), event(7, 6, 105, "TaskStateExited", ["name": "T"]),
      event(8, 7, 105, "ExecutionSucceeded"),
    ]
    let entries = events.compactMap { timeline.add($0) }
    XCTAssertNil(timeline.add(events[3]), "duplicates are dropped")
    XCTAssertEqual(entries.map(\.stateName), [nil, "T", "T", "T", "T", "T", "T", nil])
    XCTAssertEqual(entries[3].detail, "E: c")
    XCTAssertEqual(entries[4].detail, "lambda:invoke (retry 1)")
    XCTAssertEqual(entries[6].duration, 5)
    XCTAssertEqual(entries[7].elapsed, 5)
    XCTAssertTrue(timeline.finished)
    XCTAssertEqual(timeline.summary, TimelineSummary(status: "SUCCEEDED", statesRun: 1, retries: 1, failures: 1, totalTime: 5))
  }

  func testHistoryFollowPollsForNewEventsUntilTheEnd() throws {
    // A service that ignores paging and order, like moto: every call returns all events so far.
    var all: [JSON] = [["id": 1, "type": "ExecutionStarted", "timestamp": 0]]
    let later: [JSON] = [["id": 2, "type": "PassStateEntered", "timestamp": 1], ["id": 3, "type": "ExecutionSucceeded", "timestamp": 2]]
    var polls = 0
    let reader = HistoryReader(call: { _, _ in
      polls += 1
      if polls == 3 { all += later }
      return ["events": .array(all.reversed())]
    }, sleep: { _ in })
    var timeline = HistoryTimeline()
    var seen: [Int] = []
    try reader.stream("arn", follow: true, isFinished: { timeline.finished }) { event in
      if timeline.add(event) != nil { seen.append(event["id"]?.intValue ?? 0) }
      return true
    }
    XCTAssertEqual(seen, [1, 2, 3])
    XCTAssertEqual(polls, 3)
  }
}
