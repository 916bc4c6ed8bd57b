import SFNKit
import StateMachineEngine

/// What a history says about the states an execution went through: the order they were entered, the output and
/// assigned variables at each exit, retries and the Choice, Catch and Retry branches taken.
public struct ExecutionTrace: Sendable {
  /// One state's exit.
  public struct Exit: Sendable {
    /// The state.
    public var state: String
    /// Its output.
    public var output: JSON
    /// Variables assigned by every state exited up to and including this one.
    public var variables: JSONObject
  }

  /// One transition out of a state (the state that was entered next in the same branch).
  public struct Transition: Sendable, Hashable {
    /// The state left and the state entered.
    public var from: String
    public var to: String
    /// The error the state failed with before the transition, nil when it succeeded.
    public var error: String?
  }

  /// The states entered, in event order (Parallel branches and Map iterations included).
  public private(set) var visited: [String] = []
  /// Each state exit, in event order.
  public private(set) var exits: [Exit] = []
  /// Retries per state: attempts beyond the first of each entry.
  public private(set) var retries: [String: Int] = [:]
  /// The errors that were retried, per state, in order ("" where the history names none).
  public private(set) var retriedErrors: [String: [String]] = [:]
  /// Transitions out of each state.
  public private(set) var transitions: [Transition] = []

  static let attemptEvents: Set<String> = ["TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled",
                                           "ParallelStateStarted", "MapStateStarted"]

  /// The trace of `events`.
  public init(events: [HistoryEvent]) {
    // The state each event belongs to, following previousEventId links (branches interleave in the history).
    var owner: [Int: String] = [:]
    // The state a branch left with its last exit, and the error it failed with, keyed by the exit event.
    var left: [Int: (state: String, error: String?)] = [:]
    var lastError: [String: String] = [:]
    var attempts: [String: Int] = [:]
    var entries: [String: Int] = [:]
    var variables = JSONObject()
    var openBlocks: [String] = []
    for event in events {
      let details = event.details ?? JSONObject()
      let name = details["name"]?.stringValue
      if event.type.hasSuffix("StateEntered"), let name {
        owner[event.id] = name
        visited.append(name)
        entries[name, default: 0] += 1
        if let from = left[event.previousEventId] {
          transitions.append(Transition(from: from.state, to: name, error: from.error))
        } else if let from = owner[event.previousEventId], let error = lastError[from] {
          // A caught failure: AWS enters the Catch's Next right after the failure event, with no exit.
          transitions.append(Transition(from: from, to: name, error: error))
          lastError[from] = nil
        }
        continue
      }
      if event.type.hasSuffix("StateExited"), let name {
        if let assigned = details["assignedVariables"]?.objectValue {
          for (key, text) in assigned {
            variables[key] = text.stringValue.flatMap { try? JSONParser.parse($0) } ?? text
          }
        }
        let output = details["output"]?.stringValue.flatMap { try? JSONParser.parse($0) } ?? .null
        exits.append(Exit(state: name, output: output, variables: variables))
        left[event.id] = (name, lastError[name])
        lastError[name] = nil
        continue
      }
      // Block events link to the last event of a child branch, yet belong to the Parallel or Map state.
      let blockEvent = ["ParallelState", "MapState", "MapIteration", "MapRun"].contains { event.type.hasPrefix($0) }
      guard let state = blockEvent && !event.type.hasSuffix("Started") ? openBlocks.last : owner[event.previousEventId]
      else { continue }
      owner[event.id] = state
      if event.type == "ParallelStateStarted" || event.type == "MapStateStarted" { openBlocks.append(state) }
      if blockEvent && !event.type.hasPrefix("MapIteration") && !event.type.hasPrefix("MapRun")
        && !event.type.hasSuffix("Started") {
        openBlocks.removeLast()
      }
      if Self.attemptEvents.contains(event.type) {
        attempts[state, default: 0] += 1
        if attempts[state, default: 0] > entries[state, default: 0], let error = lastError[state] {
          retriedErrors[state, default: []].append(error)
        }
      }
      if event.type.hasSuffix("Failed") || event.type.hasSuffix("TimedOut") {
        lastError[state] = details["error"]?.stringValue
          ?? (event.type.hasSuffix("TimedOut") ? "States.Timeout" : "")
      }
    }
    for (state, count) in attempts where count > entries[state, default: 0] {
      retries[state] = count - entries[state, default: 0]
    }
  }

  /// An empty trace, for one assembled state by state (`sfn test --remote`).
  init() {}

  /// `state` entered, after `previous` exited (or failed with an error a catcher took).
  mutating func enter(_ state: String, after previous: (state: String, error: String?)?) {
    visited.append(state)
    if let previous { transitions.append(Transition(from: previous.state, to: state, error: previous.error)) }
  }

  /// `state` exited with `output`, the variables being `variables`.
  mutating func exit(_ state: String, output: JSON, variables: JSONObject) {
    exits.append(Exit(state: state, output: output, variables: variables))
  }

  /// `state` is retried after `error`.
  mutating func retry(_ state: String, after error: String) {
    retries[state, default: 0] += 1
    retriedErrors[state, default: []].append(error)
  }

  /// The last exit of `state`.
  public func lastExit(of state: String) -> Exit? { exits.last { $0.state == state } }
}
