/// Where and how much a state machine logs (DescribeStateMachine's `loggingConfiguration`).
public struct ExpressLogging: Sendable, Equatable {
  /// The state machine's ARN.
  public var machineArn: String
  /// `ALL`, `ERROR`, `FATAL` or `OFF`.
  public var level: String
  /// Whether events carry input and output.
  public var includeExecutionData: Bool
  /// The machine's type, `STANDARD` or `EXPRESS` (nil when not known).
  public var type: String?
  /// The destination log group's ARN (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*`), when there is one.
  public var logGroupArn: String?

  /// A configuration with these fields.
  public init(machineArn: String, level: String, includeExecutionData: Bool, logGroupArn: String?) {
    (self.machineArn, self.level, self.includeExecutionData, self.logGroupArn) =
      (machineArn, level, includeExecutionData, logGroupArn)
  }

  /// Reads a DescribeStateMachine response; a machine without `loggingConfiguration` logs nothing (level OFF).
  public init(machineArn: String, describeStateMachine response: JSON) {
    let config = response["loggingConfiguration"]
    let destination = config?["destinations"]?.arrayValue?.first
    self.init(machineArn: machineArn, level: config?["level"]?.stringValue ?? "OFF",
              includeExecutionData: config?["includeExecutionData"]?.boolValue ?? false,
              logGroupArn: destination?["cloudWatchLogsLogGroup"]?["logGroupArn"]?.stringValue)
    type = response["type"]?.stringValue
  }

  /// The log group's name, from its ARN.
  public var logGroupName: String? {
    guard let arn = logGroupArn else { return nil }
    let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 7, parts[5] == "log-group", !parts[6].isEmpty else { return nil }
    return String(parts[6])
  }

  /// The machine's name.
  public var machineName: String { StatesARN(machineArn)?.unqualifiedMachine.resource ?? machineArn }

  /// The log group to read, or the error saying logging is off.
  public func requireLogGroup() throws -> String {
    guard level != "OFF", let name = logGroupName else { throw ExpressLogError.loggingOff(self) }
    return name
  }

  /// The command that turns full logging on (level ALL with execution data), for hints.
  public var enableCommand: String {
    let group = logGroupArn ?? "arn:aws:logs:REGION:ACCOUNT:log-group:/aws/vendedlogs/states/\(machineName)-Logs:*"
    return "sfn update-state-machine --state-machine-arn \(machineArn) --logging-configuration "
      + "'{\"level\":\"ALL\",\"includeExecutionData\":true,\"destinations\":[{\"cloudWatchLogsLogGroup\":"
      + "{\"logGroupArn\":\"\(group)\"}}]}'"
  }
}

/// What the log cannot show about an Express execution, and how to make it show it.
public enum ExpressLogError: GuidedError, Equatable {
  /// The machine logs nothing (level OFF or no destination).
  case loggingOff(ExpressLogging)
  /// No event of the execution is in the log group (yet).
  case notLogged(execution: String, logging: ExpressLogging)
  /// The execution's events are there without input and output (includeExecutionData false).
  case noExecutionData(execution: String, logging: ExpressLogging)
  /// The machine logs ERROR or FATAL events only and the execution has not failed (or not yet).
  case noEndLogged(execution: String, logging: ExpressLogging)
  /// `sfn logs` of a STANDARD machine, whose executions ListExecutions lists.
  case standardMachine(name: String)
  /// No execution of this name in the machine's log group.
  case noneNamed(name: String, logging: ExpressLogging)
  /// The logged output was cut to CloudWatch Logs' event size (outputDetails.truncated).
  case outputTruncated(execution: String)

  public var kind: FailureKind {
    if case .standardMachine = self { return .usage }
    return .rejected
  }

  public var errorCode: String? {
    switch self {
    case .loggingOff: return "ExpressLoggingOff"
    case .notLogged: return "ExpressExecutionNotLogged"
    case .noExecutionData: return "ExpressExecutionDataNotLogged"
    case .noEndLogged: return "ExpressExecutionNotLogged"
    case .outputTruncated: return "ExpressOutputTruncated"
    case .noneNamed: return "ExpressExecutionNotLogged"
    case .standardMachine: return "NotAnExpressMachine"
    }
  }

  public var description: String {
    switch self {
    case .loggingOff(let l):
      return "state machine \(l.machineName) does not log to CloudWatch Logs (loggingConfiguration level \(l.level)"
        + "\(l.level != "OFF" ? " without a log group" : "")), and Step Functions keeps no history of Express executions"
    case .notLogged(let arn, let l):
      return "no events of Express execution \(arn.arnLastName) in log group \(l.logGroupName ?? "?")"
        + (l.level == "ALL" ? "" : " (state machine \(l.machineName) logs \(l.level) events only)")
    case .noExecutionData(let arn, let l):
      return "the log has no output of Express execution \(arn.arnLastName): state machine \(l.machineName) logs "
        + "without execution data (includeExecutionData false)"
    case .noEndLogged(let arn, let l):
      return "no end of Express execution \(arn.arnLastName) in log group \(l.logGroupName ?? "?"): state machine "
        + "\(l.machineName) logs \(l.level) events only, so a successful or running execution leaves no end event"
    case .standardMachine(let name):
      return "state machine \(name) is STANDARD: its executions are not read from CloudWatch Logs"
    case .noneNamed(let name, let l):
      return "no Express execution named \(name) in log group \(l.logGroupName ?? "?") of state machine \(l.machineName)"
    case .outputTruncated(let arn):
      return "the logged output of Express execution \(arn.arnLastName) was truncated (CloudWatch Logs keeps about "
        + "248 KB of escaped input or output per event)"
    }
  }

  public var hint: String? {
    switch self {
    case .loggingOff(let l), .noExecutionData(_, let l), .noEndLogged(_, let l):
      return "log everything (the execution role needs CloudWatch Logs delivery permissions): \(l.enableCommand)"
    case .standardMachine(let name):
      return "`sfn executions \(name)` lists them"
    case .noneNamed(_, let l) where l.level == "ALL":
      return "`sfn logs \(l.machineName)` lists its executions; CloudWatch Logs delivers events seconds to minutes late"
    case .noneNamed(_, let l):
      return "only failures are logged at level \(l.level); log everything: \(l.enableCommand)"
    case .notLogged(_, let l) where l.level == "ALL":
      return "CloudWatch Logs delivers events seconds to minutes after they happen: try again shortly, and check the ARN"
    case .outputTruncated:
      return "have the state machine write large outputs elsewhere (S3) and return a reference"
    case .notLogged(_, let l):
      return "a successful or running execution logs nothing at level \(l.level); log everything: \(l.enableCommand)"
    }
  }
}

extension String {
  /// An Express execution ARN's `NAME` (its last parts are `NAME:ID`), else the last part.
  var arnLastName: String {
    if let express = ExpressExecutionARN(self) { return express.name }
    return split(separator: ":").last.map(String.init) ?? self
  }
}
