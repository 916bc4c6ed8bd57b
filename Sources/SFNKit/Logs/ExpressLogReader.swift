#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads Express executions from their state machine's CloudWatch Logs log group (Step Functions keeps no history
/// of them) and answers DescribeExecution, GetExecutionHistory and DescribeStateMachineForExecution for them in
/// the Step Functions API's shapes, so `describe`, `history`, `output` and `wait` treat them as Standard ones.
public final class ExpressLogReader {
  private let stepFunctions: ServiceCall
  private let makeLogs: () throws -> CloudWatchLogsClient
  private var logsClient: CloudWatchLogsClient?
  private let clock: Clock
  /// How far back the first search for an execution looks before it searches the whole group (seconds).
  public var recentWindow: Double = 3 * 3600
  /// While an execution has no event in the log yet, DescribeExecution answers RUNNING for this many seconds
  /// after the first look (`sfn wait`: CloudWatch Logs delivers late); 0 reports it as not logged at once.
  public var deliveryAllowance: Double = 0
  /// For `history --follow`: hand out events only up to the first missing id, so one delivered late is not skipped
  /// (ids are printed in order); once the end has arrived, gaps left after `gapPatience` seconds are given up on.
  public var holdGaps = false
  /// Seconds to wait for a missing event after the execution's end has arrived (delivery is best effort).
  public var gapPatience: Double = 10
  /// How often to look for new events: CloudWatch Logs delivers events seconds (sometimes minutes) after they
  /// happen, so polls start at 1 s and back off to 5 s.
  public static let pollSchedule = WaitSchedule(initial: 1, factor: 1.5, cap: 5, jitter: 0.2)
  /// The longest an Express execution runs (seconds).
  public static let longestExecution: Double = 5 * 60
  /// How far back `logs --follow` reads on each poll: an Express execution lasts at most 5 minutes and its end
  /// event may be delivered minutes late.
  public static let followLookback: Double = 15 * 60
  /// How long `wait` treats an execution with nothing in the log yet as running: an Express execution lasts at
  /// most 5 minutes and logs ExecutionStarted first, so its events should arrive well within this.
  public static let waitAllowance: Double = 300
  /// The same for `history --follow`.
  public static let followAllowance: Double = 300
  private var standIns: [String: String] = [:]
  private var lastRead: [String: Date] = [:]
  /// A read of an execution's events younger than this (seconds) is reused rather than repeated.
  static let freshness: Double = 0.5
  /// Execution-level events of the executions `executions(ofMachine:)` found, by execution ARN.
  private var listed: [String: ExpressEventSet] = [:]
  private var endSeen: [String: Date] = [:]
  private var loggingByMachine: [String: ExpressLogging] = [:]
  private var eventsByExecution: [String: ExpressEventSet] = [:]
  private var firstLook: [String: Date] = [:]

  /// A reader describing machines through `stepFunctions` and reading logs through the client `logs` makes (once,
  /// on first use).
  public init(stepFunctions: @escaping ServiceCall, logs: @escaping () throws -> CloudWatchLogsClient,
              clock: Clock = .system) {
    self.stepFunctions = stepFunctions
    self.makeLogs = logs
    self.clock = clock
  }

  /// The answer to `operation` when it asks about an Express execution, else nil (the service answers it).
  public func answer(_ operation: OperationName, _ input: JSON) throws -> JSON? {
    guard let arn = input["executionArn"]?.stringValue, let express = ExpressExecutionARN(arn) else { return nil }
    switch operation {
    case .describeExecution: return try describe(arn)
    case .getExecutionHistory: return try history(arn, reverse: input["reverseOrder"]?.boolValue ?? false)
    case .describeStateMachineForExecution:
      return try stepFunctions(.describeStateMachine, ["stateMachineArn": .string(express.machineArn)])
    default: return nil
    }
  }

  /// The operations `answer` answers for Express executions.
  public static let answered: Set<OperationName> = [.describeExecution, .getExecutionHistory,
                                                    .describeStateMachineForExecution]

  /// The Express execution a Standard-form ARN (`...:execution:MACHINE:NAME`, what `MACHINE/NAME` resolves to)
  /// stands for when MACHINE is an EXPRESS machine: the newest execution of that name in its log group; nil for
  /// a STANDARD machine or when the log has none. Remembered per ARN.
  public func expressExecution(standingFor arn: String) throws -> String? {
    if let known = standIns[arn] { return known }
    guard let parsed = StatesARN(arn), parsed.resourceType == "execution" else { return nil }
    let parts = parsed.resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2, !parts[0].contains("/") else { return nil }
    let machineArn = StatesARN(partition: parsed.partition, region: parsed.region, account: parsed.account,
                               resourceType: "stateMachine", resource: parts[0]).text
    let logging: ExpressLogging
    do { logging = try self.logging(ofMachine: machineArn) } catch is ServiceError { return nil }
    guard logging.type == "EXPRESS" else { return nil }
    let group = try logging.requireLogGroup()
    let name = parts[1]
    var newest: (arn: String, time: Double)?
    func search(from: Double?) throws {
      try logs().filterLogEvents(LogEventFilter(logGroupName: group, pattern: "{ $.type = \"ExecutionStarted\" }",
                                                startTime: from.map(Self.millis))) { page in
        for event in page {
          guard let parsed = ExpressLogEvent(message: event.message, logTimestamp: event.timestamp),
            parsed.type == "ExecutionStarted", let express = ExpressExecutionARN(parsed.executionArn),
            express.machine == parts[0], express.name == name, parsed.timestamp >= (newest?.time ?? -.infinity)
          else { continue }
          newest = (parsed.executionArn, parsed.timestamp)
        }
        return true
      }
    }
    try search(from: clock.now().timeIntervalSince1970 - recentWindow)
    if newest == nil { try search(from: nil) }
    guard let found = newest?.arn else { throw ExpressLogError.noneNamed(name: name, logging: logging) }
    standIns[arn] = found
    return found
  }

  /// The logging configuration of the machine an Express execution ran on (one DescribeStateMachine per machine).
  public func logging(ofExecution arn: String) throws -> ExpressLogging {
    guard let express = ExpressExecutionARN(arn) else { throw ReferenceError.wrongARN(arn, what: "Express execution") }
    return try logging(ofMachine: express.machineArn)
  }

  /// The logging configuration of a state machine.
  public func logging(ofMachine machineArn: String) throws -> ExpressLogging {
    if let known = loggingByMachine[machineArn] { return known }
    let described = try stepFunctions(.describeStateMachine, ["stateMachineArn": .string(machineArn)])
    let logging = ExpressLogging(machineArn: machineArn, describeStateMachine: described)
    loggingByMachine[machineArn] = logging
    return logging
  }

  /// The execution's events so far, read again from the log (from its first event on, once one is known).
  public func events(_ arn: String) throws -> ExpressEventSet {
    let logging = try logging(ofExecution: arn)
    let group = try logging.requireLogGroup()
    // One command's DescribeExecution then GetExecutionHistory read the log once; polls are further apart.
    if let cached = eventsByExecution[arn], let read = lastRead[arn], clock.now().timeIntervalSince(read) < Self.freshness {
      return cached
    }
    var set = eventsByExecution[arn] ?? ExpressEventSet()
    let pattern = "{ $.execution_arn = \"\(arn)\" }"
    let now = clock.now().timeIntervalSince1970
    if let earliest = set.earliest {
      // Events carry the time they happened, never before ExecutionStarted, however late they are delivered; until
      // ExecutionStarted is in, it lies at most an Express execution's 5 minutes before the earliest event seen.
      let from = set.started?.timestamp ?? earliest - Self.longestExecution
      try read(LogEventFilter(logGroupName: group, pattern: pattern, startTime: Self.millis(from)), arn, into: &set)
    } else {
      try read(LogEventFilter(logGroupName: group, pattern: pattern, startTime: Self.millis(now - recentWindow)),
               arn, into: &set)
      if set.isEmpty && firstLook[arn] == nil {
        try read(LogEventFilter(logGroupName: group, pattern: pattern), arn, into: &set)
      }
    }
    if firstLook[arn] == nil { firstLook[arn] = clock.now() }
    lastRead[arn] = clock.now()
    if set.end != nil, endSeen[arn] == nil { endSeen[arn] = clock.now() }
    eventsByExecution[arn] = set
    return set
  }

  /// DescribeExecution's answer, from the log.
  public func describe(_ arn: String) throws -> JSON {
    let set = try events(arn)
    let logging = try logging(ofExecution: arn)
    if set.end == nil {
      // Below level ALL only failures are logged: a missing end may be a success, the log cannot tell.
      if logging.level != "ALL" { throw ExpressLogError.noEndLogged(execution: arn, logging: logging) }
      if set.isEmpty { try checkStillExpected(arn, logging) }
    }
    return set.description(executionArn: arn)
  }

  /// GetExecutionHistory's answer (every event in one page), from the log.
  public func history(_ arn: String, reverse: Bool) throws -> JSON {
    let set = try events(arn)
    if set.isEmpty { try checkStillExpected(arn, try logging(ofExecution: arn)) }
    var ordered = set.ordered
    if holdGaps, let firstGap = Self.firstGap(ordered) {
      let waited = endSeen[arn].map { clock.now().timeIntervalSince($0) } ?? 0
      if set.end == nil || waited < gapPatience { ordered = Array(ordered[..<firstGap]) }
    }
    let events = ordered.map(\.historyEvent)
    return ["events": .array(reverse ? events.reversed() : events)]
  }

  /// The index of the first event whose id does not follow the one before it (ids count from 1).
  static func firstGap(_ events: [ExpressLogEvent]) -> Int? {
    var expected = 1
    for (index, event) in events.enumerated() {
      if event.id != expected { return index }
      expected += 1
    }
    return nil
  }

  /// Nothing logged yet: fine within the delivery allowance, else the execution is not in the log.
  private func checkStillExpected(_ arn: String, _ logging: ExpressLogging) throws {
    let waited = firstLook[arn].map { clock.now().timeIntervalSince($0) } ?? 0
    guard waited < deliveryAllowance else { throw ExpressLogError.notLogged(execution: arn, logging: logging) }
  }

  /// The Express executions of `machineArn` whose events lie between `from` and `to` (epoch seconds), each
  /// described as DescribeExecution would, newest start first.
  public func executions(ofMachine machineArn: String, from: Double?, to: Double?) throws -> [JSON] {
    let logging = try logging(ofMachine: machineArn)
    if logging.type == "STANDARD" { throw ExpressLogError.standardMachine(name: logging.machineName) }
    let group = try logging.requireLogGroup()
    let machineName = logging.machineName
    // Execution-level events are enough to list executions; services without JSON patterns send everything.
    let types = ["ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"]
    let pattern = "{ " + types.map { "($.type = \"\($0)\")" }.joined(separator: " || ") + " }"
    var touched = Set<String>()
    try logs().filterLogEvents(LogEventFilter(logGroupName: group, pattern: pattern, startTime: from.map(Self.millis),
                                              endTime: to.map(Self.millis))) { page in
      for event in page {
        guard let parsed = ExpressLogEvent(message: event.message, logTimestamp: event.timestamp),
          parsed.type.hasPrefix("Execution"), ExpressExecutionARN(parsed.executionArn)?.machine == machineName
        else { continue }
        // Kept across calls: a later, narrower read (`logs --follow`) still knows when an execution started.
        listed[parsed.executionArn, default: ExpressEventSet()].add(parsed)
        touched.insert(parsed.executionArn)
      }
      return true
    }
    return touched.compactMap { arn in listed[arn]?.description(executionArn: arn) }
      .sorted { ($0["startDate"]?.doubleValue ?? 0) > ($1["startDate"]?.doubleValue ?? 0) }
  }

  private func read(_ filter: LogEventFilter, _ arn: String, into set: inout ExpressEventSet) throws {
    try logs().filterLogEvents(filter) { page in
      for event in page {
        // The pattern already selects the execution; services that ignore JSON patterns (moto) send everything.
        if let parsed = ExpressLogEvent(message: event.message, logTimestamp: event.timestamp),
          parsed.executionArn == arn
        {
          set.add(parsed)
        }
      }
      return true
    }
  }

  private func logs() throws -> CloudWatchLogsClient {
    if let logsClient { return logsClient }
    let client = try makeLogs()
    logsClient = client
    return client
  }

  private static func millis(_ seconds: Double) -> Int64 { Int64((seconds * 1000).rounded(.down)) }
}
