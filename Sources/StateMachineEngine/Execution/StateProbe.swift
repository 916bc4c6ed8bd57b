import SFNKit

/// What a single-state evaluation (`StateTest`) asks of the interpreter and learns from it: the execution stops at
/// the first transition, retry or failure of the state under test, and the data-flow steps are recorded on the way.
/// Only `StateTest` creates one; an ordinary execution has none and runs as before.
final class StateProbe {
  /// How the state ended.
  enum Ending {
    /// It left for `next` (nil: it ended the machine), or a catcher took an error (`caught` its index).
    case exited(next: String?, caught: (index: Int, error: StatesError)?)
    /// A retrier took the error: `index` and its backoff in seconds.
    case retriable(index: Int, backoff: Double, error: StatesError)
  }

  /// The mocked outcome of a Task, Map or Parallel state, when the caller gave one.
  let mock: TaskOutcome?
  /// Retries already made by the retrier that applies to the error (`stateConfiguration.retrierRetryCount`).
  let retrierRetryCount: Int
  /// Map iterations that failed (`stateConfiguration.mapIterationFailureCount`).
  let mapIterationFailureCount: Int
  /// Fields replacing the context object's (`context`), merged over the one the engine builds.
  let contextOverride: JSONObject?

  /// The data-flow steps in the order they happened (`afterInputPath`, `afterParameters`, `result`, ...).
  private(set) var inspection: [(String, JSON)] = []
  /// The variables after the state (set when it exits).
  var variables: [String: JSON] = [:]
  /// How it ended, once it has.
  var ending: Ending?
  /// The catcher being applied, set while its output is computed.
  var catching: (index: Int, error: StatesError)?
  /// The retrier that matched the error, also when its attempts are used up.
  var retrier: Int?

  init(mock: TaskOutcome?, retrierRetryCount: Int, mapIterationFailureCount: Int, contextOverride: JSONObject?) {
    self.mock = mock
    self.retrierRetryCount = retrierRetryCount
    self.mapIterationFailureCount = mapIterationFailureCount
    self.contextOverride = contextOverride
  }

  /// Records one step; a step recorded again keeps its latest value.
  func record(_ step: String, _ value: JSON) {
    if let i = inspection.firstIndex(where: { $0.0 == step }) {
      inspection[i].1 = value
    } else {
      inspection.append((step, value))
    }
  }

  /// `base` with the override's members replacing its own, objects merged member by member.
  func context(_ base: JSON) -> JSON {
    guard let contextOverride else { return base }
    return Self.merge(base, .object(contextOverride))
  }

  private static func merge(_ base: JSON, _ over: JSON) -> JSON {
    guard case .object(var b) = base, case .object(let o) = over else { return over }
    for (key, value) in o { b[key] = b[key].map { merge($0, value) } ?? value }
    return .object(b)
  }
}
