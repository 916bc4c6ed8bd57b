/// One history event as a timeline row.
public struct TimelineEntry: Sendable {
  /// How an event went, for colouring.
  public enum Outcome: Sendable { case neutral, succeeded, failed, retry }

  public var id: Int
  /// Epoch seconds.
  public var timestamp: Double
  /// Seconds since the execution started.
  public var elapsed: Double?
  public var type: String
  public var stateName: String?
  /// One line: error and cause, task resource, retry number, time spent in a state, ...
  public var detail: String
  public var outcome: Outcome
  /// For a state's exit: seconds since it was entered.
  public var duration: Double?
}

/// Totals for a finished execution.
public struct TimelineSummary: Sendable, Equatable {
  public var status: String?
  public var statesRun = 0
  public var retries = 0
  public var failures = 0
  /// Seconds from start to end, when both were seen.
  public var totalTime: Double?
}

/// Builds timeline rows from history events given in id order, one at a time (so output can stream),
/// ignoring events it has already seen.
public struct HistoryTimeline {
  private var startTime: Double?
  private var seen = Set<Int>()
  /// For each event, the id of the state-entered event it belongs to.
  private var enteredOf: [Int: Int] = [:]
  private var stateOf: [Int: String] = [:]
  private var timeOf: [Int: Double] = [:]
  /// Task-like scheduling events per state entry, to number retries.
  private var scheduledIn: [Int: Int] = [:]
  private var endTime: Double?
  public private(set) var summary = TimelineSummary()
  /// The history shows the execution ended (and was not redriven after).
  public private(set) var finished = false

  /// A timeline whose elapsed times count from `startTime` (epoch seconds), else from ExecutionStarted.
  public init(startTime: Double? = nil) { self.startTime = startTime }

  /// The row for `event`, or nil when its id was seen before.
  public mutating func add(_ event: JSON) -> TimelineEntry? {
    guard let id = event["id"]?.intValue, let type = event["type"]?.stringValue, !seen.contains(id) else { return nil }
    seen.insert(id)
    let time = event["timestamp"]?.doubleValue ?? 0
    timeOf[id] = time
    let previous = event["previousEventId"]?.intValue ?? 0
    if type == "ExecutionStarted", startTime == nil { startTime = time }
    var entry = TimelineEntry(id: id, timestamp: time, elapsed: startTime.map { time - $0 }, type: type, stateName: nil,
                              detail: "", outcome: .neutral)
    let details = detailsObject(event)
    if type.hasSuffix("StateEntered") {
      enteredOf[id] = id
      stateOf[id] = details?["name"]?.stringValue
      summary.statesRun += 1
    } else if !type.hasPrefix("Execution") {
      enteredOf[id] = enteredOf[previous]
      stateOf[id] = details?["name"]?.stringValue ?? stateOf[previous]
    }
    entry.stateName = stateOf[id]
    entry.detail = describe(type, details)
    entry.outcome = outcome(type)
    if type.hasSuffix("StateExited"), let entered = enteredOf[previous] ?? enteredOf[id], let start = timeOf[entered] {
      entry.duration = time - start
      entry.detail = "took " + DurationParser.format(time - start)
    }
    if type.hasSuffix("Scheduled"), let entered = enteredOf[id] {
      let n = scheduledIn[entered, default: 0]
      scheduledIn[entered] = n + 1
      if n > 0 {
        summary.retries += 1
        entry.detail += " (retry \(n))"
        entry.outcome = .retry
      }
    }
    if !type.hasPrefix("Execution"), type.hasSuffix("Failed") || type.hasSuffix("TimedOut") { summary.failures += 1 }
    switch type {
    case "ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted":
      finished = true
      endTime = time
      summary.status = Self.status(ofEnd: type)
      summary.totalTime = startTime.map { time - $0 }
    case "ExecutionRedriven":
      finished = false
    default: break
    }
    return entry
  }

  /// The final status an execution-ending event type means.
  public static func status(ofEnd type: String) -> String? {
    ["ExecutionSucceeded": "SUCCEEDED", "ExecutionFailed": "FAILED", "ExecutionTimedOut": "TIMED_OUT",
     "ExecutionAborted": "ABORTED"][type]
  }

  /// The `...EventDetails` member of an event.
  private func detailsObject(_ event: JSON) -> JSON? {
    guard let object = event.objectValue else { return nil }
    for (key, value) in object where key.hasSuffix("EventDetails") { return value }
    return nil
  }

  private func describe(_ type: String, _ details: JSON?) -> String {
    guard let details else { return "" }
    if details["error"] != nil || details["cause"] != nil {
      let parts = [details["error"]?.stringValue, details["cause"]?.stringValue].compactMap { $0 }
      return oneLine(parts.filter { !$0.isEmpty }.joined(separator: ": "))
    }
    if let resource = details["resource"]?.stringValue {
      if let kind = details["resourceType"]?.stringValue { return "\(kind):\(resource)" }
      return resource
    }
    if let arn = details["mapRunArn"]?.stringValue { return arn }
    if type == "ExecutionStarted" || type == "ExecutionSucceeded" {
      return oneLine(details["input"]?.stringValue ?? details["output"]?.stringValue ?? "")
    }
    if let length = details["length"]?.intValue { return "\(length) iterations" }
    return ""
  }

  private func outcome(_ type: String) -> TimelineEntry.Outcome {
    if type.hasSuffix("Failed") || type.hasSuffix("TimedOut") || type.hasSuffix("Aborted") { return .failed }
    if type.hasSuffix("Succeeded") || type.hasSuffix("Exited") { return .succeeded }
    return .neutral
  }

  /// JSON text on one line, re-encoded compactly when it parses.
  private func oneLine(_ text: String) -> String {
    if let value = try? JSONParser.parse(text) { return JSONWriter.compact.string(value) }
    return text.replacing("\n", with: " ")
  }
}
