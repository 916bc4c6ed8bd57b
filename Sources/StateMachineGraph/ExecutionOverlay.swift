import SFNKit

/// What an execution did, read from its history events: which states ran, how long, with how many retries,
/// where it failed, and which transitions it took.
public struct ExecutionOverlay: Sendable {
  /// One state's part in the execution.
  public struct StateRun: Sendable {
    /// Times entered (Map iterations and loops enter a state more than once).
    public var entries = 0
    /// Seconds spent in the state, all entries together.
    public var seconds = 0.0
    /// Attempts after the first (Retry).
    public var retries = 0
    /// How it ended.
    public var outcome: RunOutcome = .running
    /// The error it failed with.
    public var error: String?
    /// Map iterations started, and how many failed.
    public var iterations = 0
    public var failedIterations = 0
  }

  /// A transition the execution took.
  public struct Transition: Hashable, Sendable {
    public var from: String
    public var to: String
    /// Taken because a Catch rule matched.
    public var isCatch: Bool
  }

  /// The execution's status (SUCCEEDED, FAILED, ...), when known.
  public var status: String?
  /// The execution's error and cause, when it failed.
  public var error: String?
  public var cause: String?
  /// By state name (state names are unique in the whole state machine).
  public var runs: [String: StateRun] = [:]
  /// Transitions taken.
  public var transitions: Set<Transition> = []

  /// Reads history events (GetExecutionHistory's shape; timestamps as epoch seconds or ISO 8601 text).
  /// `status` is the execution's status when the caller knows it; otherwise it is read from the events.
  public init(events: [JSON], status: String? = nil) {
    let sorted = events.sorted { ($0["id"]?.intValue ?? 0) < ($1["id"]?.intValue ?? 0) }
    var byId: [Int: JSON] = [:]
    for e in sorted { byId[e["id"]?.intValue ?? 0] = e }
    var owner: [Int: String] = [:]
    var open: [String: [Double]] = [:]
    var failedSinceEntry: Set<String> = []
    var openParents: [(name: String, kind: String)] = []
    var lastTime = 0.0
    var runs: [String: StateRun] = [:]
    var derivedStatus: String?

    for event in sorted {
      let id = event["id"]?.intValue ?? 0
      let type = event["type"]?.stringValue ?? ""
      let time = Self.time(event["timestamp"]) ?? lastTime
      lastTime = max(lastTime, time)
      let previous = event["previousEventId"]?.intValue ?? 0
      if let name = event["stateEnteredEventDetails"]?["name"]?.stringValue {
        owner[id] = name
        runs[name, default: StateRun()].entries += 1
        open[name, default: []].append(time)
        failedSinceEntry.remove(name)
        if type.hasPrefix("Parallel") || type.hasPrefix("Map") { openParents.append((name, type.hasPrefix("Map") ? "Map" : "Parallel")) }
        if let t = Self.predecessor(of: previous, byId: byId, owner: owner, entered: name) { transitions.insert(t) }
        if type == "FailStateEntered" {
          runs[name]!.outcome = .failed
          failedSinceEntry.insert(name)
        }
        continue
      }
      if let name = event["stateExitedEventDetails"]?["name"]?.stringValue {
        owner[id] = name
        var run = runs[name, default: StateRun()]
        if var starts = open[name], !starts.isEmpty {
          run.seconds += max(0, time - starts.removeFirst())
          open[name] = starts
        }
        run.outcome = failedSinceEntry.contains(name) ? .caught : .succeeded
        runs[name] = run
        openParents.removeAll { $0.name == name }
        continue
      }
      // Parallel and Map events belong to the innermost open Parallel or Map; the rest to the state that caused them.
      let parentKind = type.hasPrefix("ParallelState") ? "Parallel" : (type.hasPrefix("Map") ? "Map" : nil)
      let name = parentKind.flatMap { kind in openParents.last { $0.kind == kind }?.name } ?? owner[previous]
      if let name { owner[id] = name }
      switch type {
      case "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted":
        derivedStatus = type == "ExecutionFailed" ? "FAILED" : type == "ExecutionTimedOut" ? "TIMED_OUT" : "ABORTED"
        let details = Self.details(event)
        error = details?["error"]?.stringValue
        cause = details?["cause"]?.stringValue
      case "ExecutionSucceeded":
        derivedStatus = "SUCCEEDED"
      case "MapIterationStarted":
        if let name { runs[name, default: StateRun()].iterations += 1 }
      case "MapIterationFailed", "MapIterationAborted":
        if let name { runs[name, default: StateRun()].failedIterations += 1 }
      case "TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled":
        if let name, failedSinceEntry.contains(name) {
          runs[name, default: StateRun()].retries += 1
          failedSinceEntry.remove(name)
        }
      default:
        if let name, Self.isFailure(type) {
          failedSinceEntry.insert(name)
          if let e = Self.details(event)?["error"]?.stringValue { runs[name, default: StateRun()].error = e }
        }
      }
    }
    let finalStatus = status ?? derivedStatus
    self.status = finalStatus
    let ended = finalStatus != nil && finalStatus != "RUNNING"
    for (name, starts) in open where !starts.isEmpty {
      var run = runs[name]!
      for start in starts { run.seconds += max(0, lastTime - start) }
      if run.outcome != .failed { run.outcome = ended ? (finalStatus == "SUCCEEDED" ? .succeeded : .failed) : .running }
      runs[name] = run
    }
    self.runs = runs
  }

  /// How `name` fared; nil when it never ran.
  public func run(of name: String) -> StateRun? { runs[name] }

  /// True when the execution went from `from` to `to` (by a Catch rule when `isCatch`).
  public func took(from: String, to: String, isCatch: Bool) -> Bool {
    transitions.contains(Transition(from: from, to: to, isCatch: isCatch))
  }

  /// The state the execution was in before entering `entered`: follows `previousEventId` back to the last state
  /// exited (or failed, when a Catch moved on without an exit event). Stops at a state entered (the Parallel or
  /// Map around a branch's first state).
  private static func predecessor(of start: Int, byId: [Int: JSON], owner: [Int: String], entered: String) -> Transition? {
    var id = start
    var failed = false
    var steps = 0
    while let event = byId[id], steps < 10_000 {
      steps += 1
      let type = event["type"]?.stringValue ?? ""
      if event["stateEnteredEventDetails"] != nil {
        guard failed, let name = owner[id] else { return nil }
        return Transition(from: name, to: entered, isCatch: true)
      }
      if let name = event["stateExitedEventDetails"]?["name"]?.stringValue {
        let before = byId[event["previousEventId"]?.intValue ?? 0]
        let caught = before.map { isFailure($0["type"]?.stringValue ?? "") } ?? false
        return Transition(from: name, to: entered, isCatch: caught)
      }
      if isFailure(type) && !type.hasPrefix("MapIteration") {
        failed = true
        if let name = owner[id], !type.hasPrefix("ParallelState"), !type.hasPrefix("MapState") {
          return Transition(from: name, to: entered, isCatch: true)
        }
      }
      id = event["previousEventId"]?.intValue ?? 0
    }
    return nil
  }

  static func isFailure(_ type: String) -> Bool {
    !type.hasPrefix("Execution") && (type.hasSuffix("Failed") || type.hasSuffix("TimedOut") || type.hasSuffix("Aborted"))
  }

  /// The event's `...EventDetails` object.
  private static func details(_ event: JSON) -> JSON? {
    guard let object = event.objectValue else { return nil }
    return object.first { $0.key.hasSuffix("EventDetails") }?.value
  }

  private static func time(_ value: JSON?) -> Double? {
    if let d = value?.doubleValue { return d }
    if let s = value?.stringValue { return Timestamp.parse(s) }
    return nil
  }
}
