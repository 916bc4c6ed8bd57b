import Foundation

/// The time an execution runs on: what `now` is, and how the driver waits for the next timer.
public protocol EngineClock: AnyObject {
  /// The current time.
  var now: Date { get }
  /// Waits until `date` (or returns at once when it has passed); the virtual clock just jumps.
  func sleep(until date: Date)
}

/// A clock tests control: time stands still until the driver jumps it to the next timer.
public final class VirtualClock: EngineClock {
  /// The current virtual time.
  public private(set) var now: Date

  /// A clock reading `start`.
  public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { now = start }

  /// Jumps forward to `date` (never backward).
  public func sleep(until date: Date) { if date > now { now = date } }

  /// Moves time forward by `seconds`.
  public func advance(by seconds: TimeInterval) { now += seconds }
}

/// Wall-clock time where waits are shortened by a factor (`--wait-scale 0.01` makes a 100 s Wait last 1 s);
/// the execution's own timestamps advance by the full durations, as if it had waited.
public final class ScaledClock: EngineClock {
  private let scale: Double
  // Execution time skipped by shortened waits, added to the wall clock.
  private var skipped: TimeInterval = 0

  /// A clock reading the current time, waiting `scale` times the requested durations (0: not at all).
  public init(scale: Double = 1) { self.scale = max(scale, 0) }

  /// The wall time plus what shortened waits skipped.
  public var now: Date { Date() + skipped }

  /// Sleeps the scaled share of the time until `date` and skips the rest.
  public func sleep(until date: Date) {
    let remaining = date.timeIntervalSince(now)
    guard remaining > 0 else { return }
    if scale > 0 { Thread.sleep(forTimeInterval: remaining * min(scale, 1_000_000)) }
    skipped += remaining * max(1 - scale, 0)
  }
}
