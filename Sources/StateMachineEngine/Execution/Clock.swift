#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The time an execution runs on: what `now` is, and how the driver waits for the next timer.
public protocol EngineClock: AnyObject {
  /// The current time.
  var now: Date { get }
  /// Waits until `date` (or returns at once when it has passed); the virtual clock just jumps. With a
  /// `wallDeadline` (real time), stops there instead when it comes first and returns false.
  func sleep(until date: Date, wallDeadline: Date?) -> Bool
}

extension EngineClock {
  /// Waits until `date` with no real-time limit.
  public func sleep(until date: Date) { _ = sleep(until: date, wallDeadline: nil) }
}

/// A clock tests control: time stands still until the driver jumps it to the next timer.
public final class VirtualClock: EngineClock {
  /// The current virtual time.
  public private(set) var now: Date

  /// A clock reading `start`.
  public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { now = start }

  /// Jumps forward to `date` (never backward); real time plays no part.
  public func sleep(until date: Date, wallDeadline: Date?) -> Bool {
    if date > now { now = date }
    return true
  }

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

  /// Sleeps `seconds` of wall time, whole (a signal does not cut it short).
  static func pause(_ seconds: Double) {
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1, errno == EINTR { request = remaining }
  }

  /// Sleeps the scaled share of the time until `date` and skips the rest, or stops at `wallDeadline`.
  public func sleep(until date: Date, wallDeadline: Date?) -> Bool {
    let remaining = date.timeIntervalSince(now)
    guard remaining > 0 else { return true }
    let wall = remaining * scale
    if let wallDeadline {
      let left = max(wallDeadline.timeIntervalSinceNow, 0)
      if left < wall {
        Self.pause(left)
        // In `left` wall seconds the execution's time moves `left / scale`.
        if scale > 0 { skipped += left / scale - left }
        return false
      }
    }
    if wall > 0 { Self.pause(wall) }
    skipped += remaining - wall
    return true
  }
}

extension Date {
  /// This time cut to whole milliseconds, the precision AWS records times at.
  public var millisecondPrecise: Date {
    Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
  }
}
