#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// A map run's items or child executions counted by status, as DescribeMapRun reports them.
public struct MapRunCounts: Sendable, Equatable {
  /// Not started yet.
  public var pending = 0
  /// Started and not ended.
  public var running = 0
  /// Ended by status.
  public var succeeded = 0
  public var failed = 0
  public var timedOut = 0
  public var aborted = 0
  /// All of them.
  public var total = 0
  /// Whose result was recorded (in the Map's output or the ResultWriter's files).
  public var resultsWritten = 0
  /// Failed, aborted or timed out and not redrivable (a map run here is never redriven).
  public var failuresNotRedrivable = 0
  /// Waiting to run again after a redrive.
  public var pendingRedrive = 0

  /// Counts of `total` things, none started.
  public init(total: Int = 0) {
    self.total = total
    pending = total
  }

  /// The counts as the API's JSON object.
  public var json: JSON {
    .object(JSONObject([
      ("pending", .integer(pending)), ("running", .integer(running)), ("succeeded", .integer(succeeded)),
      ("failed", .integer(failed)), ("timedOut", .integer(timedOut)), ("aborted", .integer(aborted)),
      ("total", .integer(total)), ("resultsWritten", .integer(resultsWritten)),
      ("failuresNotRedrivable", .integer(failuresNotRedrivable)), ("pendingRedrive", .integer(pendingRedrive)),
    ]))
  }

  /// Counts read back from `json`.
  public init(json: JSON) throws {
    let r = Record(json, "map run counts")
    pending = try r.int("pending")
    running = try r.int("running")
    succeeded = try r.int("succeeded")
    failed = try r.int("failed")
    timedOut = try r.int("timedOut")
    aborted = try r.int("aborted")
    total = try r.int("total")
    resultsWritten = try r.int("resultsWritten")
    failuresNotRedrivable = json["failuresNotRedrivable"]?.intValue ?? 0
    pendingRedrive = json["pendingRedrive"]?.intValue ?? 0
  }

  /// One thing moved from pending to running.
  mutating func start(_ n: Int) {
    pending -= n
    running += n
  }

  /// `n` running things ended with `status`.
  mutating func end(_ n: Int, status: RunStatus) {
    running -= n
    switch status {
    case .succeeded: succeeded += n
    case .failed: failed += n
    case .timedOut: timedOut += n
    case .aborted: aborted += n
    case .running: running += n
    }
    if status == .succeeded || status == .failed { resultsWritten += n }
    if status != .succeeded { failuresNotRedrivable += n }
  }
}

/// A Distributed Map state's run (a "Map Run"): what ListMapRuns and DescribeMapRun report.
public struct MapRunRecord: Sendable, Equatable {
  /// `arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:UUID`.
  public var arn: String
  /// The execution whose Map state started it.
  public var executionArn: String
  /// The labelled state machine ARN its children run as: `...:stateMachine:MACHINE/LABEL`.
  public var stateMachineArn: String
  /// The Map state's `Label`, or its name when it has none.
  public var label: String
  /// The Map state's name.
  public var stateName: String
  /// `STANDARD` or `EXPRESS` (`ItemProcessor.ProcessorConfig.ExecutionType`).
  public var executionType: String
  /// `RUNNING`, `SUCCEEDED`, `FAILED` or `ABORTED`.
  public var status: String
  public var startDate: Date
  public var stopDate: Date?
  /// MaxConcurrency (0: no limit given).
  public var maxConcurrency: Int
  public var toleratedFailureCount: Int
  public var toleratedFailurePercentage: Double
  /// Items and child executions by status (they differ when an ItemBatcher groups items).
  public var itemCounts: MapRunCounts
  public var executionCounts: MapRunCounts

  /// DescribeMapRun's answer (dates as epoch seconds, as the wire format has them).
  public var describeJSON: JSON {
    var o = JSONObject([
      ("mapRunArn", .string(arn)), ("executionArn", .string(executionArn)), ("status", .string(status)),
      ("startDate", .float(startDate.timeIntervalSince1970)),
    ])
    if let stopDate { o["stopDate"] = .float(stopDate.timeIntervalSince1970) }
    o["maxConcurrency"] = .integer(maxConcurrency)
    o["toleratedFailurePercentage"] = .float(toleratedFailurePercentage)
    o["toleratedFailureCount"] = .integer(toleratedFailureCount)
    o["itemCounts"] = itemCounts.json
    o["executionCounts"] = executionCounts.json
    o["redriveCount"] = 0
    return .object(o)
  }

  /// ListMapRuns' entry for it.
  public var listItemJSON: JSON {
    var o = JSONObject([
      ("executionArn", .string(executionArn)), ("mapRunArn", .string(arn)), ("stateMachineArn", .string(stateMachineArn)),
      ("startDate", .float(startDate.timeIntervalSince1970)),
    ])
    if let stopDate { o["stopDate"] = .float(stopDate.timeIntervalSince1970) }
    return .object(o)
  }

  /// The record as JSON, for saving (DescribeMapRun's fields plus the label, state name and type).
  public var json: JSON {
    guard case .object(var o) = describeJSON else { return describeJSON }
    o["stateMachineArn"] = .string(stateMachineArn)
    o["label"] = .string(label)
    o["stateName"] = .string(stateName)
    o["executionType"] = .string(executionType)
    return .object(o)
  }

  /// A record read back from `json`.
  public init(json: JSON) throws {
    let r = Record(json, "map run")
    arn = try r.string("mapRunArn")
    executionArn = try r.string("executionArn")
    stateMachineArn = try r.string("stateMachineArn")
    label = try r.string("label")
    stateName = try r.string("stateName")
    executionType = try r.string("executionType")
    status = try r.string("status")
    startDate = Date(timeIntervalSince1970: try r.double("startDate"))
    stopDate = json["stopDate"]?.doubleValue.map { Date(timeIntervalSince1970: $0) }
    maxConcurrency = try r.int("maxConcurrency")
    toleratedFailureCount = try r.int("toleratedFailureCount")
    toleratedFailurePercentage = try r.double("toleratedFailurePercentage")
    guard let items = json["itemCounts"], let executions = json["executionCounts"] else { throw r.bad("itemCounts") }
    itemCounts = try MapRunCounts(json: items)
    executionCounts = try MapRunCounts(json: executions)
  }

  init(arn: String, executionArn: String, stateMachineArn: String, label: String, stateName: String,
       executionType: String, startDate: Date, maxConcurrency: Int, tolerance: (Int?, Double?), items: Int,
       executions: Int) {
    self.arn = arn
    self.executionArn = executionArn
    self.stateMachineArn = stateMachineArn
    self.label = label
    self.stateName = stateName
    self.executionType = executionType
    status = "RUNNING"
    self.startDate = startDate
    self.maxConcurrency = maxConcurrency
    toleratedFailureCount = tolerance.0 ?? 0
    toleratedFailurePercentage = tolerance.1 ?? 0
    itemCounts = MapRunCounts(total: items)
    executionCounts = MapRunCounts(total: executions)
  }
}

/// One child workflow execution of a map run (one item, or one batch of items).
public struct MapRunChildExecution: Sendable, Equatable {
  /// `...:execution:MACHINE/LABEL:NAME` (Standard) or `...:express:MACHINE/LABEL:NAME:UUID` (Express).
  public var arn: String
  /// A generated UUID, as AWS names children.
  public var name: String
  /// Its map run.
  public var mapRunArn: String
  /// The labelled state machine ARN (`...:stateMachine:MACHINE/LABEL`).
  public var stateMachineArn: String
  /// `STANDARD` or `EXPRESS`.
  public var executionType: String
  /// How it stands.
  public var status: RunStatus
  public var startDate: Date
  public var stopDate: Date?
  /// Its input: the item (or batch) after ItemSelector.
  public var input: JSON
  public var output: JSON?
  public var error: StatesError?
  /// How many items it processes (1, or the batch's size).
  public var itemCount: Int
  /// The id its next history event gets.
  public internal(set) var nextEventId = 1

  /// DescribeExecution's answer for it.
  public var describeJSON: JSON {
    var o = JSONObject([
      ("executionArn", .string(arn)), ("stateMachineArn", .string(stateMachineArn)), ("name", .string(name)),
      ("status", .string(status.rawValue)), ("startDate", .float(startDate.timeIntervalSince1970)),
    ])
    if let stopDate { o["stopDate"] = .float(stopDate.timeIntervalSince1970) }
    o["input"] = EventDetails.text(input)
    o["inputDetails"] = ["included": true]
    if let output {
      o["output"] = EventDetails.text(output)
      o["outputDetails"] = ["included": true]
    }
    if let error {
      o["error"] = .string(error.error)
      if let cause = error.cause { o["cause"] = .string(cause) }
    }
    o["mapRunArn"] = .string(mapRunArn)
    o["redriveCount"] = 0
    return .object(o)
  }

  /// The record as JSON, for saving.
  public var json: JSON {
    guard case .object(var o) = describeJSON else { return describeJSON }
    o["input"] = input
    o["output"] = output
    o["executionType"] = .string(executionType)
    o["itemCount"] = .integer(itemCount)
    o["nextEventId"] = .integer(nextEventId)
    return .object(o)
  }

  /// A record read back from `json`.
  public init(json: JSON) throws {
    let r = Record(json, "child execution")
    arn = try r.string("executionArn")
    name = try r.string("name")
    mapRunArn = try r.string("mapRunArn")
    stateMachineArn = try r.string("stateMachineArn")
    executionType = try r.string("executionType")
    guard let status = RunStatus(rawValue: try r.string("status")), let input = json["input"] else {
      throw r.bad("status")
    }
    self.status = status
    startDate = Date(timeIntervalSince1970: try r.double("startDate"))
    stopDate = json["stopDate"]?.doubleValue.map { Date(timeIntervalSince1970: $0) }
    self.input = input
    output = json["output"]
    error = json["error"]?.stringValue.map { StatesError($0, cause: json["cause"]?.stringValue) }
    itemCount = try r.int("itemCount")
    nextEventId = try r.int("nextEventId")
  }

  init(arn: String, name: String, mapRunArn: String, stateMachineArn: String, executionType: String,
       startDate: Date, input: JSON, itemCount: Int) {
    self.arn = arn
    self.name = name
    self.mapRunArn = mapRunArn
    self.stateMachineArn = stateMachineArn
    self.executionType = executionType
    status = .running
    self.startDate = startDate
    self.input = input
    self.itemCount = itemCount
  }
}
