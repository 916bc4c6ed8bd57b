import SFNKit

/// A JSONPath field that may be absent (the default applies), `null` (AWS's "nothing") or a path.
public enum PathField: Sendable, Equatable {
  case absent
  case null
  case path(String)

  init(_ value: JSON?) {
    switch value {
    case nil: self = .absent
    case .null?: self = .null
    case .string(let s)?: self = .path(s)
    default: self = .absent
    }
  }
}

/// One state of a machine with the fields the interpreter reads; templates stay JSON for the data layer.
public struct StateDefinition: Sendable {
  /// The state's name.
  public var name: String
  /// Its type.
  public var type: StateType
  /// The language its fields are written in.
  public var queryLanguage: QueryLanguage
  /// The state's object as written.
  public var fields: JSONObject
  /// `Next`, or nil for an end state.
  public var next: String?
  /// `InputPath`, `OutputPath`, `ResultPath` (JSONPath).
  public var inputPath: PathField
  public var outputPath: PathField
  public var resultPath: PathField
  /// `Parameters` (or `ItemSelector` for Map), `ResultSelector`, `Result` (JSONPath).
  public var parameters: JSON?
  public var resultSelector: JSON?
  public var result: JSON?
  /// `Arguments`, `Output` (JSONata) and `Assign` (both).
  public var arguments: JSON?
  public var output: JSON?
  public var assign: JSON?
  /// `Retry` and `Catch`.
  public var retriers: [Retrier]
  public var catchers: [Catcher]
  /// Choice: its rules and `Default`.
  public var choices: [ChoiceBranch]
  public var defaultNext: String?
  /// Parallel: the machine number of each branch.
  public var branches: [Int] = []
  /// Map: the machine number of its processor and whether it runs distributed.
  public var processor: Int?
  public var distributed = false

  /// The raw value of a field.
  public subscript(field: String) -> JSON? { fields[field] }

  init(name: String, type: StateType, queryLanguage: QueryLanguage, fields: JSONObject) {
    self.name = name
    self.type = type
    self.queryLanguage = queryLanguage
    self.fields = fields
    next = fields["Next"]?.stringValue
    inputPath = PathField(fields["InputPath"])
    outputPath = PathField(fields["OutputPath"])
    resultPath = PathField(fields["ResultPath"])
    parameters = type == .map ? (fields["ItemSelector"] ?? fields["Parameters"]) : fields["Parameters"]
    resultSelector = fields["ResultSelector"]
    result = fields["Result"]
    arguments = fields["Arguments"]
    output = fields["Output"]
    assign = fields["Assign"]
    retriers = (fields["Retry"]?.arrayValue ?? []).compactMap { $0.objectValue.map(Retrier.init) }
    catchers = (fields["Catch"]?.arrayValue ?? []).compactMap { $0.objectValue.flatMap(Catcher.init) }
    choices = (fields["Choices"]?.arrayValue ?? []).compactMap { $0.objectValue.flatMap(ChoiceBranch.init) }
    defaultNext = fields["Default"]?.stringValue
  }

  /// True when the state ends its machine (`End: true`, Succeed, Fail).
  public var isEnd: Bool { type == .succeed || type == .fail || fields["End"]?.boolValue == true }
}

/// One `Retry` entry.
public struct Retrier: Sendable {
  /// Errors it matches.
  public var errorEquals: [String]
  /// First interval, seconds (default 1).
  public var intervalSeconds: Int
  /// Retries allowed (default 3).
  public var maxAttempts: Int
  /// Interval multiplier (default 2.0).
  public var backoffRate: Double
  /// Cap on the interval, seconds.
  public var maxDelaySeconds: Int?
  /// `FULL` jitter randomizes each interval between 0 and its value.
  public var fullJitter: Bool

  init(_ o: JSONObject) {
    errorEquals = (o["ErrorEquals"]?.arrayValue ?? []).compactMap(\.stringValue)
    intervalSeconds = o["IntervalSeconds"]?.intValue ?? 1
    maxAttempts = o["MaxAttempts"]?.intValue ?? 3
    backoffRate = o["BackoffRate"]?.doubleValue ?? 2.0
    maxDelaySeconds = o["MaxDelaySeconds"]?.intValue
    fullJitter = o["JitterStrategy"]?.stringValue == "FULL"
  }

  /// The wait before retry number `retry` (0 for the first retry), before jitter.
  public func interval(forRetry retry: Int) -> Double {
    var seconds = Double(intervalSeconds)
    for _ in 0..<retry { seconds *= backoffRate }
    if let maxDelaySeconds { seconds = min(seconds, Double(maxDelaySeconds)) }
    return seconds
  }
}

/// One `Catch` entry.
public struct Catcher: Sendable {
  /// Errors it matches.
  public var errorEquals: [String]
  /// The state to go to.
  public var next: String
  /// `ResultPath` (JSONPath; default `$`).
  public var resultPath: PathField
  /// `Output` and `Assign` (JSONata `Output`; `Assign` in both languages).
  public var output: JSON?
  public var assign: JSON?

  init?(_ o: JSONObject) {
    guard let next = o["Next"]?.stringValue else { return nil }
    self.next = next
    errorEquals = (o["ErrorEquals"]?.arrayValue ?? []).compactMap(\.stringValue)
    resultPath = PathField(o["ResultPath"])
    output = o["Output"]
    assign = o["Assign"]
  }
}

/// One rule of a Choice state with where it leads.
public struct ChoiceBranch: Sendable {
  /// The rule object as written (JSONPath comparison, or `Condition` in JSONata).
  public var rule: JSONObject
  /// The state to go to when it matches.
  public var next: String
  /// `Assign` and `Output` of the rule.
  public var assign: JSON?
  public var output: JSON?

  init?(_ o: JSONObject) {
    guard let next = o["Next"]?.stringValue else { return nil }
    rule = o
    self.next = next
    assign = o["Assign"]
    output = o["Output"]
  }
}

/// Error-name matching as Retry and Catch do it.
enum ErrorMatcher {
  /// True when `names` matches `error`: its name, or `States.ALL` for anything except `States.Runtime`-class
  /// errors AWS never lets a retrier or catcher see (none at present beyond what the caller filters);
  /// `States.TaskFailed` matches every task failure except timeouts.
  static func matches(_ names: [String], _ error: String) -> Bool {
    for name in names {
      if name == error || name == "States.ALL" { return true }
      if name == "States.TaskFailed", error != "States.Timeout", error != "States.HeartbeatTimeout",
         !error.hasPrefix("States.") || error == "States.DataLimitExceeded" { return true }
    }
    return false
  }
}
