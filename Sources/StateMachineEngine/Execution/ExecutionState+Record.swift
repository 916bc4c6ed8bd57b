#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// A saved execution state that does not have the expected shape.
public struct ExecutionRecordError: Error, Equatable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  public var description: String { message }
}

// The JSON form of an execution's state, so a server can save a running execution (after every step) and resume it
// after a restart from its last saved step; the history is saved separately, event by event.
extension ExecutionState {
  /// The state as one JSON object.
  public var json: JSON {
    var o = JSONObject()
    o["status"] = .string(status.rawValue)
    if let output { o["output"] = output }
    if let error { o["error"] = TaskOutcome.failed(error).json["failed"] }
    if let stopTime { o["stopTime"] = .float(stopTime.timeIntervalSince1970) }
    o["nextEventId"] = .integer(nextEventId)
    o["branches"] = .array(branches.keys.sorted().map { branches[$0]!.json })
    o["blocks"] = .array(blocks.keys.sorted().map { blocks[$0]!.json })
    o["timers"] = .array(timers.map(\.json))
    o["ready"] = .array(ready.map { .integer($0) })
    o["counters"] = [.integer(nextBranchId), .integer(nextBlockId), .integer(nextTimerSequence)]
    o["pendingTasks"] = .object(JSONObject(pendingTasks.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) }))
    if !mapRuns.isEmpty {
      o["mapRuns"] = .array(mapRuns.map(\.json))
      o["childExecutions"] = .array(childExecutions.map(\.json))
    }
    if let redriveAnchor {
      var anchor = JSONObject([("branch", redriveAnchor.branch.json)])
      if let block = redriveAnchor.block { anchor["block"] = block.json }
      o["redriveAnchor"] = .object(anchor)
    }
    return .object(o)
  }

  /// The state saved as `json`.
  public init(json: JSON) throws {
    let r = Record(json, "execution")
    guard let status = RunStatus(rawValue: try r.string("status")) else { throw r.bad("status") }
    self.status = status
    output = json["output"]
    if let e = json["error"] { error = StatesError(try Record(e, "error").string("error"), cause: e["cause"]?.stringValue) }
    stopTime = json["stopTime"]?.doubleValue.map { Date(timeIntervalSince1970: $0) }
    nextEventId = try r.int("nextEventId")
    for b in try r.array("branches") {
      let branch = try Branch(json: b)
      branches[branch.id] = branch
    }
    for b in try r.array("blocks") {
      let block = try Block(json: b)
      blocks[block.id] = block
    }
    timers = try r.array("timers").map(EngineTimer.init(json:))
    ready = try r.array("ready").map { try Record($0, "ready").intValue() }
    let counters = try r.array("counters").map { try Record($0, "counters").intValue() }
    guard counters.count == 3 else { throw r.bad("counters") }
    (nextBranchId, nextBlockId, nextTimerSequence) = (counters[0], counters[1], counters[2])
    for (token, branch) in json["pendingTasks"]?.objectValue ?? JSONObject() {
      pendingTasks[token] = try Record(branch, "pendingTasks").intValue()
    }
    mapRuns = try (json["mapRuns"]?.arrayValue ?? []).map(MapRunRecord.init(json:))
    childExecutions = try (json["childExecutions"]?.arrayValue ?? []).map(MapRunChildExecution.init(json:))
    if let anchor = json["redriveAnchor"], let branch = anchor["branch"] {
      redriveAnchor = RedriveAnchor(branch: try Branch(json: branch), block: try anchor["block"].map(Block.init(json:)))
    }
  }
}

/// Reads fields of a saved object with clear errors.
struct Record {
  let value: JSON
  let what: String

  init(_ value: JSON, _ what: String) {
    self.value = value
    self.what = what
  }

  func bad(_ field: String) -> ExecutionRecordError {
    ExecutionRecordError(message: "saved \(what): \(field) is missing or not valid")
  }

  func string(_ key: String) throws -> String {
    guard let s = value[key]?.stringValue else { throw bad(key) }
    return s
  }

  func int(_ key: String) throws -> Int {
    guard let i = value[key]?.intValue else { throw bad(key) }
    return i
  }

  func double(_ key: String) throws -> Double {
    guard let d = value[key]?.doubleValue else { throw bad(key) }
    return d
  }

  func array(_ key: String) throws -> [JSON] {
    guard let a = value[key]?.arrayValue else { throw bad(key) }
    return a
  }

  func intValue() throws -> Int {
    guard let i = value.intValue else { throw bad("value") }
    return i
  }
}

extension Continuation {
  var json: JSON {
    switch self {
    case .enter: return "enter"
    case .startIteration: return "startIteration"
    case .waitDone: return "waitDone"
    case .attempt: return "attempt"
    case .reenter: return "reenter"
    case .blockDone: return "blockDone"
    case .blocked: return "blocked"
    case .taskOutcome(let outcome): return .object(JSONObject([("taskOutcome", outcome.json)]))
    }
  }

  init(json: JSON) throws {
    if let outcome = json["taskOutcome"] {
      self = .taskOutcome(try TaskOutcome(json: outcome))
      return
    }
    switch json.stringValue {
    case "enter": self = .enter
    case "startIteration": self = .startIteration
    case "waitDone": self = .waitDone
    case "attempt": self = .attempt
    case "reenter": self = .reenter
    case "blockDone": self = .blockDone
    case "blocked": self = .blocked
    default: throw ExecutionRecordError(message: "saved branch: unknown continuation \(json)")
    }
  }
}

extension Branch {
  var json: JSON {
    var o = JSONObject([
      ("id", .integer(id)), ("machine", .integer(machine)), ("state", .string(state)), ("input", input),
      ("continuation", continuation.json), ("lastEventId", .integer(lastEventId)),
      ("enteredEventId", .integer(enteredEventId)), ("enteredPreviousEventId", .integer(enteredPreviousEventId)),
      ("enteredTime", .float(enteredTime.timeIntervalSince1970)), ("retryCount", .integer(retryCount)),
      ("retrierAttempts", .array(retrierAttempts.map { .integer($0) })),
      ("variables", .object(JSONObject(variables.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))),
      ("recordsHistory", .bool(recordsHistory)), ("attemptSerial", .integer(attemptSerial)),
      ("taskParameters", taskParameters),
    ])
    if let parent { o["parent"] = [.integer(parent.block), .integer(parent.index)] }
    if let mapItem { o["mapItem"] = mapItem }
    if let taskToken { o["taskToken"] = .string(taskToken) }
    if let block { o["block"] = .integer(block) }
    if let child { o["child"] = .integer(child) }
    if let heartbeatSeconds { o["heartbeatSeconds"] = .integer(heartbeatSeconds) }
    return .object(o)
  }

  init(json: JSON) throws {
    let r = Record(json, "branch")
    var parent: BranchParent?
    if let p = json["parent"]?.arrayValue, p.count == 2, let b = p[0].intValue, let i = p[1].intValue {
      parent = BranchParent(block: b, index: i)
    }
    var variables: [String: JSON] = [:]
    for (k, v) in json["variables"]?.objectValue ?? JSONObject() { variables[k] = v }
    guard let input = json["input"], let recordsHistory = json["recordsHistory"]?.boolValue,
          let continuation = json["continuation"] else { throw r.bad("input") }
    self.init(id: try r.int("id"), machine: try r.int("machine"), state: try r.string("state"), input: input,
              continuation: try Continuation(json: continuation), parent: parent,
              lastEventId: try r.int("lastEventId"), enteredEventId: try r.int("enteredEventId"),
              enteredPreviousEventId: try r.int("enteredPreviousEventId"),
              enteredTime: Date(timeIntervalSince1970: try r.double("enteredTime")),
              retryCount: try r.int("retryCount"),
              retrierAttempts: try r.array("retrierAttempts").map { try Record($0, "branch").intValue() },
              variables: variables, mapItem: json["mapItem"], recordsHistory: recordsHistory,
              attemptSerial: try r.int("attemptSerial"), taskToken: json["taskToken"]?.stringValue,
              taskParameters: json["taskParameters"] ?? .null, block: json["block"]?.intValue,
              child: json["child"]?.intValue,
              heartbeatSeconds: json["heartbeatSeconds"]?.intValue)
  }
}

extension Block {
  var json: JSON {
    var o = JSONObject([
      ("id", .integer(id)), ("owner", .integer(owner)), ("isMap", .bool(isMap)), ("distributed", .bool(distributed)),
      ("stateName", .string(stateName)), ("machines", .array(machines.map { .integer($0) })),
      ("items", .array(items)), ("selectorInput", selectorInput),
      ("results", .array(results.map { $0.map { JSON.array([$0]) } ?? .null })),
      ("nextIndex", .integer(nextIndex)),
      ("running", .array(running.sorted { $0.key < $1.key }.map { [.integer($0.key), .integer($0.value)] })),
      ("failures", .integer(failures)), ("maxConcurrency", .integer(maxConcurrency)),
      ("levelLastEventId", .integer(levelLastEventId)), ("finished", .bool(finished)),
    ])
    if let toleratedCount { o["toleratedCount"] = .integer(toleratedCount) }
    if let toleratedPercentage { o["toleratedPercentage"] = .float(toleratedPercentage) }
    if let failure { o["failure"] = TaskOutcome.failed(failure).json["failed"] }
    if let mapRun {
      o["mapRun"] = .integer(mapRun)
      o["childExecutions"] = .array(childExecutions.sorted { $0.key < $1.key }.map { [.integer($0.key), .integer($0.value)] })
    }
    if !failedIndexes.isEmpty { o["failedIndexes"] = .array(failedIndexes.sorted().map { .integer($0) }) }
    if !rerun.isEmpty { o["rerun"] = .array(rerun.map { .integer($0) }) }
    return .object(o)
  }

  init(json: JSON) throws {
    let r = Record(json, "block")
    var running: [Int: Int] = [:]
    for pair in try r.array("running") {
      guard let p = pair.arrayValue, p.count == 2, let k = p[0].intValue, let v = p[1].intValue else {
        throw r.bad("running")
      }
      running[k] = v
    }
    guard let isMap = json["isMap"]?.boolValue, let distributed = json["distributed"]?.boolValue,
          let selectorInput = json["selectorInput"] else { throw r.bad("isMap") }
    // A result is saved as [value] so that a JSON null result differs from "not yet".
    let results = try r.array("results").map { $0.arrayValue?.first }
    var failure: StatesError?
    if let f = json["failure"] { failure = StatesError(try Record(f, "block").string("error"), cause: f["cause"]?.stringValue) }
    self.init(id: try r.int("id"), owner: try r.int("owner"), isMap: isMap, distributed: distributed,
              stateName: try r.string("stateName"),
              machines: try r.array("machines").map { try Record($0, "block").intValue() },
              items: try r.array("items"), selectorInput: selectorInput, results: results,
              nextIndex: try r.int("nextIndex"), running: running, failures: try r.int("failures"),
              maxConcurrency: try r.int("maxConcurrency"), toleratedCount: json["toleratedCount"]?.intValue,
              toleratedPercentage: json["toleratedPercentage"]?.doubleValue, failure: failure,
              levelLastEventId: try r.int("levelLastEventId"), finished: json["finished"]?.boolValue ?? false,
              mapRun: json["mapRun"]?.intValue,
              failedIndexes: Set((json["failedIndexes"]?.arrayValue ?? []).compactMap(\.intValue)),
              rerun: (json["rerun"]?.arrayValue ?? []).compactMap(\.intValue))
    for pair in json["childExecutions"]?.arrayValue ?? [] {
      guard let p = pair.arrayValue, p.count == 2, let k = p[0].intValue, let v = p[1].intValue else {
        throw r.bad("childExecutions")
      }
      childExecutions[k] = v
    }
  }
}

extension EngineTimer {
  var json: JSON {
    let (name, serial): (String, Int?)
    switch kind {
    case .wait: (name, serial) = ("wait", nil)
    case .retry: (name, serial) = ("retry", nil)
    case .taskTimeout(let s): (name, serial) = ("taskTimeout", s)
    case .heartbeat(let s): (name, serial) = ("heartbeat", s)
    case .executionTimeout: (name, serial) = ("executionTimeout", nil)
    }
    var o = JSONObject([("due", .float(due.timeIntervalSince1970)), ("sequence", .integer(sequence)),
                        ("branch", .integer(branch)), ("kind", .string(name))])
    if let serial { o["serial"] = .integer(serial) }
    return .object(o)
  }

  init(json: JSON) throws {
    let r = Record(json, "timer")
    let serial = json["serial"]?.intValue ?? 0
    let kind: Kind
    switch try r.string("kind") {
    case "wait": kind = .wait
    case "retry": kind = .retry
    case "taskTimeout": kind = .taskTimeout(serial: serial)
    case "heartbeat": kind = .heartbeat(serial: serial)
    case "executionTimeout": kind = .executionTimeout
    default: throw r.bad("kind")
    }
    self.init(due: Date(timeIntervalSince1970: try r.double("due")), sequence: try r.int("sequence"),
              branch: try r.int("branch"), kind: kind)
  }
}
