#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs an execution to its end on a clock: runs what is ready, then waits for the next timer, until the
/// execution ends, nothing more can happen without an outside completion, or a deadline passes.
public struct ExecutionDriver {
  /// Why `run` returned.
  public enum Stop: Equatable, Sendable {
    /// The execution ended (see its status).
    case finished
    /// It waits for task completions and has no timer pending.
    case waitingForTasks
    /// The real-time deadline passed first.
    case deadline
  }

  /// The clock timers are waited on (the execution's own clock).
  public let clock: EngineClock

  /// A driver waiting on `clock`.
  public init(clock: EngineClock) { self.clock = clock }

  /// Starts `execution` if it has not started, and runs it until it ends or stops as `Stop` says;
  /// `wallDeadline` is real time (`--timeout`), which a virtual clock never reaches.
  @discardableResult
  public func run(_ execution: Execution, wallDeadline: Date? = nil) -> Stop {
    if execution.state.nextEventId == 1 { execution.start() }
    execution.run()
    while execution.state.status == .running {
      guard let due = execution.nextTimerDue else { return .waitingForTasks }
      guard clock.sleep(until: due, wallDeadline: wallDeadline) else { return .deadline }
      execution.fireDueTimers()
    }
    return .finished
  }
}
