/// When to poll a running execution: quickly at first (a short execution's end is seen within about a second),
/// then backing off geometrically to a cap, with jitter so many waiters don't poll in step.
public struct WaitSchedule: Sendable {
  /// The first delay, in seconds.
  public var initial: Double = 0.25
  /// Growth per poll.
  public var factor: Double = 1.5
  /// The longest delay; long executions average one poll per `cap` seconds (well under the throttling rate).
  public var cap: Double = 5
  /// Relative jitter: each delay is scaled by a random factor in 1 ± jitter.
  public var jitter: Double = 0.2
  /// Delays stop growing at `steady` for `steadyPolls` polls (never above it, jitter included), so an execution that
  /// ends in its first ~11 s is noticed within `steady` seconds (bench/RESULTS.md, `wait`); then they grow to the cap.
  public var steady: Double = 1
  /// Polls at the steady delay.
  public var steadyPolls: Int = 11

  /// The default schedule: 0.25 s, 0.375 s, 0.56 s, 0.84 s, then 1 s for 12 polls, then 1.5 s, ... up to 5 s.
  public init() {}

  /// A schedule with these parameters (no steady phase unless `steadyPolls` is set too).
  public init(initial: Double, factor: Double, cap: Double, jitter: Double) {
    (self.initial, self.factor, self.cap, self.jitter) = (initial, factor, cap, jitter)
    steadyPolls = 0
  }

  /// The delay before poll number `attempt` (0-based), with `random` in [0, 1).
  public func delay(attempt: Int, random: Double) -> Double {
    var base = initial, held = 0
    for _ in 0..<min(attempt, 200) {
      if base < steady, held < steadyPolls {
        base = min(base * factor, steady)
      } else if held < steadyPolls {
        held += 1
      } else {
        base *= factor
        if base >= cap { break }
      }
    }
    base = min(base, cap)
    let limit = held < steadyPolls ? min(steady, cap) : cap
    // The jitter never pushes the first polls below `initial` nor others above the steady delay or the cap.
    return min(limit, max(initial, base * (1 + jitter * (2 * random - 1))))
  }
}

/// The statuses of an execution that will not change any more.
public enum ExecutionStatus {
  /// SUCCEEDED, FAILED, TIMED_OUT and ABORTED.
  public static let final: Set<String> = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]

  /// True when `status` is final.
  public static func isFinal(_ status: String?) -> Bool { status.map(final.contains) ?? false }

  /// How bad a final status is, for "the worst status": SUCCEEDED < FAILED < TIMED_OUT < ABORTED (their exit codes).
  public static func severity(_ status: String) -> Int {
    ["SUCCEEDED": 0, "FAILED": 1, "TIMED_OUT": 2, "ABORTED": 3][status] ?? 1
  }
}
