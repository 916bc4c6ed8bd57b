import SFNKit

/// The state machines a run's `states:startExecution` tasks may start, by name: `sfn run`'s own definition (a
/// machine may start itself) and those given with `--state-machine NAME=FILE`.
public struct StateMachineCatalogue {
  private var machines: [String: StateMachineDefinition] = [:]

  /// An empty catalogue.
  public init() {}

  /// Adds (or replaces) the machine `name`.
  public mutating func add(name: String, definition: StateMachineDefinition) {
    machines[name] = definition
  }

  /// The names it holds, sorted.
  public var names: [String] { machines.keys.sorted() }

  /// The machine a `StateMachineArn` designates, by the name in it: a machine ARN
  /// (`arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME`), a version or alias ARN (`...:NAME:1`,
  /// `...:NAME:prod`, which run the one definition the catalogue has), or a bare name.
  public func lookup(_ stateMachineArn: String) -> (target: StateMachineTarget, definition: StateMachineDefinition)? {
    guard let target = StateMachineTarget(stateMachineArn), let definition = machines[target.name] else { return nil }
    return (target, definition)
  }
}

/// The parts of a `StateMachineArn` a child execution is named by.
public struct StateMachineTarget: Sendable, Equatable {
  /// The machine's name.
  public var name: String
  /// The partition, region and account written in the ARN (nil for a bare name).
  public var partition: String?
  public var region: String?
  public var account: String?

  /// Reads `arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME[:QUALIFIER]` or a bare name; nil otherwise.
  public init?(_ text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    if parts.count == 1 {
      guard !text.isEmpty else { return nil }
      name = text
      return
    }
    guard parts.count == 7 || parts.count == 8, parts[0] == "arn", parts[2] == "states", parts[5] == "stateMachine",
          !parts[6].isEmpty else { return nil }
    name = parts[6]
    partition = parts[1]
    region = parts[3]
    account = parts[4]
  }
}
