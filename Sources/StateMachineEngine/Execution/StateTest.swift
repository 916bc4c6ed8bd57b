#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// One state evaluated alone, as AWS's TestState API evaluates it: the engine's own interpreter runs the state
/// (InputPath, Parameters, ResultSelector, ResultPath, OutputPath, Assign, JSONata, Retry and Catch) and stops at
/// its first transition, retry decision or failure.
public struct StateTest {
  /// A mocked outcome for a Task, Map or Parallel state.
  public enum Mock: Sendable, Equatable {
    /// The state's raw result (for Map and Parallel: the array of iteration or branch results).
    case result(JSON)
    /// The error the state fails with.
    case error(StatesError)
  }

  /// What TestState reports as the status.
  public enum Status: String, Sendable {
    case succeeded = "SUCCEEDED", failed = "FAILED", retriable = "RETRIABLE", caughtError = "CAUGHT_ERROR"
  }

  /// A request TestState refuses: `invalidDefinition` (InvalidDefinition) or `validation` (ValidationException).
  public struct Refusal: Error, Equatable, Sendable {
    /// The kinds of refusal.
    public enum Kind: Sendable { case invalidDefinition, validation }
    /// Its kind.
    public var kind: Kind
    /// AWS's message.
    public var message: String
  }

  /// The evaluation of one state.
  public struct Outcome: Sendable {
    /// How it ended.
    public var status: Status
    /// The state's output (also when a catcher took the error).
    public var output: JSON?
    /// The error and cause, when it failed, would be retried or was caught.
    public var error: String?
    public var cause: String?
    /// The state that would run next.
    public var nextState: String?
    /// The state's raw input and each data-flow step, in the order they happened.
    public var inspection: [(String, JSON)]
    /// The variables after the state (the given ones and those it assigned).
    public var variables: [String: JSON]
    /// Which catcher or retrier handled the error, and the retry's backoff in seconds.
    public var catchIndex: Int?
    public var retryIndex: Int?
    public var retryBackoffSeconds: Int?
  }

  /// The state machine holding the state under test, started at it.
  public let definition: StateMachineDefinition
  /// The state under test.
  public let state: StateDefinition

  /// Picks the state to test: `stateName` within the whole machine `definition`, or, without `stateName`,
  /// `definition` as a single state's fields.
  public init(definition: JSON, stateName: String?) throws {
    guard var document = definition.objectValue else {
      throw Refusal(kind: .invalidDefinition, message: "The definition must be a JSON object")
    }
    let name: String
    if let stateName {
      guard document["States"]?.objectValue?[stateName] != nil else {
        throw Refusal(kind: .validation, message: "State not found in definition")
      }
      name = stateName
    } else {
      // A lone state: its transitions point outside the document, and TestState only reports them.
      name = "TestState"
      var wrapper = JSONObject([("StartAt", .string(name)), ("States", .object(JSONObject([(name, definition)])))])
      if let language = document["QueryLanguage"] { wrapper["QueryLanguage"] = language }
      document = wrapper
    }
    document["StartAt"] = .string(name)
    do {
      self.definition = try StateMachineDefinition(json: .object(document))
    } catch let error as DefinitionError {
      throw Refusal(kind: .invalidDefinition, message: "Invalid State Machine Definition: '\(error.message)'")
    }
    state = self.definition.root.states[name]!
  }

  /// Refuses a mock where TestState does, and the states it cannot run without one.
  public func check(mock: Mock?, revealSecrets: Bool) throws {
    let resource = TaskResource(state["Resource"]?.stringValue ?? "")
    guard let mock else {
      if state.type == .map || state.type == .parallel {
        throw Refusal(kind: .invalidDefinition, message: "TestState API does not support Map or Parallel states. "
                        + "Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]")
      }
      if state.type == .task, resource.kind == .activity || resource.pattern != .requestResponse {
        throw Refusal(kind: .invalidDefinition, message: "TestState API does not support Activity tasks or the "
                        + ".sync and .waitForTaskToken integration patterns unless a mock is specified")
      }
      return
    }
    guard [.task, .map, .parallel].contains(state.type) else {
      throw Refusal(kind: .validation, message: "State type '\(state.type.rawValue)' is not supported when a mock "
                      + "is specified")
    }
    if revealSecrets {
      throw Refusal(kind: .validation, message: "TestState does not support RevealSecrets when a mock is specified.")
    }
    guard case .result(let result) = mock else { return }
    if state.type == .map, state["ResultWriter"] != nil {
      guard result.objectValue != nil else {
        throw Refusal(kind: .validation, message: "Mocked result must be a JSON object.")
      }
    } else if state.type == .map || state.type == .parallel {
      guard let items = result.arrayValue else {
        throw Refusal(kind: .validation, message: "Mocked result must be an array.")
      }
      if state.type == .parallel, items.count != state.branches.count {
        throw Refusal(kind: .validation, message: "Mocked result must contain the same number of items as number "
                        + "of Parallel branches.")
      }
    }
  }

  /// Runs the state on `input` with `variables` assigned, the `mock` answering it, the context object's members
  /// replaced by `context`'s, and the retry count and Map failure count TestState's `stateConfiguration` gives.
  /// `tasks` answers Tasks the mock does not (by default: none can be called); a Map or Parallel state without a
  /// mock runs its iterations or branches with them.
  /// `mapItemReaderData` is what a Distributed Map's ItemReader reads, as found in its source.
  public func run(input: JSON, variables: [String: JSON] = [:], mock: Mock?, context: JSONObject? = nil,
                  retrierRetryCount: Int = 0, mapIterationFailureCount: Int = 0, mapItemReaderData: String? = nil,
                  info: ExecutionInfo, tasks: TaskHandler? = nil,
                  data: StateDataProcessor = DataLayerProcessor()) -> Outcome {
    let probe = StateProbe(mock: mock.map(Self.outcome), retrierRetryCount: retrierRetryCount,
                           mapIterationFailureCount: mapIterationFailureCount, contextOverride: context)
    let clock = VirtualClock(start: info.startTime)
    let reader = state.type == .map ? (state: state.name, data: mapItemReaderData) : nil
    let execution = Execution(definition: definition, info: info, data: data,
                              tasks: StateTestTasks(mock: probe.mock, itemReader: reader, others: tasks), clock: clock,
                              recordHistory: false)
    execution.probe = probe
    probe.record("input", input)
    execution.start(variables: variables, stateInput: input)
    // Wait states end at once: TestState does not wait.
    ExecutionDriver(clock: clock).run(execution)
    let result = execution.state
    // A retrier whose attempts are used up is still named, as AWS names it.
    var outcome = Outcome(status: .failed, output: nil, error: result.error?.error, cause: result.error?.cause,
                          nextState: nil, inspection: probe.inspection, variables: probe.variables,
                          retryIndex: probe.retrier)
    switch probe.ending {
    case .exited(let next, let caught)?:
      outcome.status = caught == nil ? .succeeded : .caughtError
      outcome.output = result.output
      outcome.nextState = next
      outcome.error = caught?.error.error
      outcome.cause = caught?.error.cause
      outcome.catchIndex = caught?.index
    case .retriable(let index, let backoff, let error)?:
      outcome.status = .retriable
      outcome.error = error.error
      outcome.cause = error.cause
      outcome.retryIndex = index
      outcome.retryBackoffSeconds = Int(backoff.rounded())
    case nil:
      outcome.status = .failed
    }
    return outcome
  }

  static func outcome(_ mock: Mock) -> TaskOutcome {
    switch mock {
    case .result(let value): return .succeeded(value)
    case .error(let error): return .failed(error)
    }
  }
}

/// Answers the Task under test with its mock and a Map's ItemReader with `mapItemReaderData`; the rest go to
/// `others`, or get the error a service call gets when nothing can call the service.
final class StateTestTasks: TaskHandler {
  private let mock: TaskOutcome?
  private let itemReader: (state: String, data: String?)?
  private let others: TaskHandler?

  init(mock: TaskOutcome?, itemReader: (state: String, data: String?)?, others: TaskHandler?) {
    self.mock = mock
    self.itemReader = itemReader
    self.others = others
  }

  func start(_ task: TaskInvocation) throws -> TaskOutcome {
    if let itemReader, task.stateName == itemReader.state {
      // The Map under test reads its items: the data TestState was given, as its source holds it.
      if let data = itemReader.data { return .succeeded(.string(data)) }
      if let others { return try others.start(task) }
      return .failed(StatesError("States.ItemReaderFailed",
                                 cause: "sfn local cannot read \(task.resource) for the Map state '\(task.stateName)': "
                                   + "give TestState stateConfiguration.mapItemReaderData"))
    }
    if let mock { return mock }
    if let others { return try others.start(task) }
    return .failed(StatesError("States.TaskFailed",
                               cause: "sfn local cannot call AWS services: the Task state '\(task.stateName)' "
                                 + "calls \(task.resource); give TestState a mock for it"))
  }
}

extension Execution {
  /// A Map or Parallel state under test with a mock: its input processing runs, its iterations or branches do
  /// not, and the mock is the result (or the error) the block produced.
  func runMockedBlock(_ id: Int, _ def: StateDefinition, _ mock: TaskOutcome) throws {
    let branch = state.branches[id]!
    if def.type == .map {
      let (items, selectorInput) = try mapItems(id, def)
      if def.queryLanguage == .jsonPath { _ = probed(id, "afterItemsPath", .array(items)) }
      let maxConcurrency = try mapInteger(id, def, "MaxConcurrency", input: selectorInput) ?? 0
      _ = probed(id, "maxConcurrency", .integer(maxConcurrency))
      let tolerance = try mapTolerance(id, def, input: selectorInput)
      if let count = tolerance.0 { _ = probed(id, "toleratedFailureCount", .integer(count)) }
      if let percentage = tolerance.1 { _ = probed(id, "toleratedFailurePercentage", .float(percentage)) }
      // Without a tolerance a failed iteration fails the Map with its own error, which the mock then gives.
      if case .succeeded = mock, let failures = probe?.mapIterationFailureCount, failures > 0,
         tolerance.0 != nil || tolerance.1 != nil {
        let allowedCount = tolerance.0 ?? 0
        let allowedPercent = tolerance.1.map { $0 * Double(items.count) / 100 } ?? 0
        if Double(failures) > max(Double(allowedCount), allowedPercent) {
          stateFailed(id, StatesError("States.ExceedToleratedFailureThreshold",
                                      cause: "The specified tolerated failure threshold was exceeded"))
          return
        }
      }
    } else if def.queryLanguage == .jsonata {
      _ = probed(id, "afterArguments", try jsonata(id, def.arguments, field: "Arguments",
                                                states: statesBinding(id, input: branch.input)) ?? branch.input)
    } else {
      let effective = try effectiveInput(id, def)
      _ = probed(id, "afterParameters", try def.parameters.map {
        try data.payload($0, field: "Parameters", input: effective, context: context(id), variables: branch.variables)
      } ?? effective)
    }
    switch mock {
    case .succeeded(let result): try processResult(id, def, result)
    case .failed(let error): stateFailed(id, error)
    case .pending: break
    }
  }
}
