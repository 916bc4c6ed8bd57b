/// One execution event as Step Functions logs it to CloudWatch Logs: `id`, `previous_event_id`, `event_timestamp`
/// (epoch milliseconds), `type`, `execution_arn` and `details` (the GetExecutionHistory event's details, with
/// `input`/`output` and their `inputDetails`/`outputDetails.truncated` flags when execution data is included).
/// Numbers may come as strings or numbers; fields it does not know are kept in `details` or ignored.
public struct ExpressLogEvent: Sendable, Equatable {
  public var id: Int
  public var previousEventId: Int
  /// Epoch seconds (the log's milliseconds / 1000).
  public var timestamp: Double
  public var type: String
  public var executionArn: String
  /// The `details` object, when the event has one.
  public var details: JSON?

  /// An event with these fields.
  public init(id: Int, previousEventId: Int, timestamp: Double, type: String, executionArn: String, details: JSON?) {
    (self.id, self.previousEventId, self.timestamp) = (id, previousEventId, timestamp)
    (self.type, self.executionArn, self.details) = (type, executionArn, details)
  }

  /// Parses a log message; nil when it is not a Step Functions execution event (other text in the group).
  public init?(message: String, logTimestamp: Int64? = nil) {
    guard let json = try? JSONParser.parse(message), json.objectValue != nil,
      let type = json["type"]?.stringValue, !type.isEmpty,
      let arn = json["execution_arn"]?.stringValue, !arn.isEmpty,
      let id = Self.integer(json["id"])
    else { return nil }
    let millis = Self.number(json["event_timestamp"]) ?? logTimestamp.map(Double.init) ?? 0
    let details = json["details"].flatMap { $0.objectValue == nil ? nil : $0 }
    self.init(id: id, previousEventId: Self.integer(json["previous_event_id"]) ?? 0, timestamp: millis / 1000,
              type: type, executionArn: arn, details: details)
  }

  /// The event in GetExecutionHistory's shape (`timestamp` in epoch seconds, `previousEventId`, the details under
  /// the member the type names: `stateEnteredEventDetails`, `executionFailedEventDetails`, ...).
  public var historyEvent: JSON {
    var object = JSONObject([("timestamp", .float(timestamp)), ("type", .string(type)), ("id", .integer(id)),
                             ("previousEventId", .integer(previousEventId))])
    if let details, !(details.objectValue?.isEmpty ?? true) { object[Self.detailsMember(type)] = details }
    return .object(object)
  }

  /// The history event's member holding the details of an event of `type`.
  public static func detailsMember(_ type: String) -> String {
    if type.hasSuffix("StateEntered") { return "stateEnteredEventDetails" }
    if type.hasSuffix("StateExited") { return "stateExitedEventDetails" }
    return (type.first.map { $0.lowercased() } ?? "") + type.dropFirst() + "EventDetails"
  }

  /// The final status an event ends the execution with, or nil.
  public var endStatus: String? { HistoryTimeline.status(ofEnd: type) }

  private static func integer(_ value: JSON?) -> Int? {
    if let n = value?.intValue { return n }
    return value?.stringValue.flatMap { Int($0) }
  }

  private static func number(_ value: JSON?) -> Double? {
    if let n = value?.doubleValue { return n }
    return value?.stringValue.flatMap { Double($0) }
  }
}

/// The events of one Express execution gathered from the log, whatever order they were delivered in: by id,
/// each once.
public struct ExpressEventSet: Sendable {
  private var byId: [Int: ExpressLogEvent] = [:]

  /// An empty set.
  public init() {}

  /// Adds `event`; false when its id was there already (a duplicate delivery).
  @discardableResult
  public mutating func add(_ event: ExpressLogEvent) -> Bool {
    guard byId[event.id] == nil else { return false }
    byId[event.id] = event
    return true
  }

  /// The events, oldest (lowest id) first.
  public var ordered: [ExpressLogEvent] { byId.keys.sorted().map { byId[$0]! } }
  public var isEmpty: Bool { byId.isEmpty }
  public var count: Int { byId.count }
  /// The earliest timestamp seen, in epoch seconds.
  public var earliest: Double? { byId.values.map(\.timestamp).min() }
  /// ExecutionStarted, when it arrived.
  public var started: ExpressLogEvent? { byId.values.first { $0.type == "ExecutionStarted" } }
  /// The event that ended the execution, when it arrived.
  public var end: ExpressLogEvent? { byId.values.filter { $0.endStatus != nil }.max { $0.id < $1.id } }

  /// The execution as DescribeExecution would show it (RUNNING until its end event has arrived).
  public func description(executionArn: String) -> JSON {
    let arn = ExpressExecutionARN(executionArn)
    let startDetails = started?.details, end = self.end
    var object = JSONObject([("executionArn", .string(executionArn))])
    if let machine = arn?.machineArn { object["stateMachineArn"] = .string(machine) }
    if let name = arn?.name { object["name"] = .string(name) }
    object["status"] = .string(end?.endStatus ?? "RUNNING")
    if let start = started?.timestamp ?? earliest { object["startDate"] = .float(start) }
    if let end { object["stopDate"] = .float(end.timestamp) }
    if let input = startDetails?["input"] {
      object["input"] = input
      object["inputDetails"] = ["included": .bool(!(startDetails?["inputDetails"]?["truncated"]?.boolValue ?? false))]
    }
    if end?.type == "ExecutionSucceeded", let output = end?.details?["output"] {
      object["output"] = output
      object["outputDetails"] = ["included": .bool(!(end?.details?["outputDetails"]?["truncated"]?.boolValue ?? false))]
    }
    if let error = end?.details?["error"] { object["error"] = error }
    if let cause = end?.details?["cause"] { object["cause"] = cause }
    return .object(object)
  }
}

/// An Express execution ARN, `arn:PARTITION:states:REGION:ACCOUNT:express:MACHINE:NAME:ID`.
public struct ExpressExecutionARN: Sendable, Equatable {
  public var arn: StatesARN
  /// The state machine's name.
  public var machine: String
  /// The execution's name.
  public var name: String

  /// Parses `text`; nil for other ARNs and for the Express children of a Map Run (`MACHINE/LABEL`), which
  /// DescribeExecution answers.
  public init?(_ text: String) {
    guard let arn = StatesARN(text), arn.resourceType == "express" else { return nil }
    let parts = arn.resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 2, !parts[0].isEmpty, !parts[0].contains("/") else { return nil }
    (self.arn, machine, name) = (arn, parts[0], parts[1])
  }

  /// The state machine's ARN.
  public var machineArn: String {
    StatesARN(partition: arn.partition, region: arn.region, account: arn.account, resourceType: "stateMachine",
              resource: machine).text
  }
}
