#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Polls DescribeExecution until executions end, on a `WaitSchedule`, within an optional deadline.
public struct ExecutionWaiter {
  public var schedule = WaitSchedule()
  private let call: NameResolver.Call
  private let clock: Clock
  private let sleep: (Double) -> Void
  private let random: () -> Double

  /// A waiter calling the service through `call`.
  public init(call: @escaping NameResolver.Call, clock: Clock = .system, sleep: @escaping (Double) -> Void,
              random: @escaping () -> Double = { Double.random(in: 0..<1) }) {
    self.call = call
    self.clock = clock
    self.sleep = sleep
    self.random = random
  }

  /// The outcome: every execution's last description, and whether the deadline passed first.
  public struct Outcome {
    /// DescribeExecution responses, in the order of the ARNs given.
    public var executions: [JSON]
    /// The deadline passed while some execution was still running.
    public var timedOut: Bool
  }

  /// Waits for every ARN to reach a final status, or until `timeout` seconds have passed.
  /// `isDone` can ask for more than a final status (a redriven execution: a higher redrive count).
  public func wait(for arns: [String], timeout: Double?,
                   isDone: (JSON) -> Bool = { ExecutionStatus.isFinal($0["status"]?.stringValue) }) throws -> Outcome {
    let deadline = timeout.map { clock.now().addingTimeInterval($0) }
    var latest = [JSON?](repeating: nil, count: arns.count)
    var attempt = 0
    while true {
      for (i, arn) in arns.enumerated() where !(latest[i].map(isDone) ?? false) {
        latest[i] = try call(.describeExecution, ["executionArn": .string(arn)])
      }
      if latest.allSatisfy({ $0.map(isDone) ?? false }) { return Outcome(executions: latest.compactMap { $0 }, timedOut: false) }
      var delay = schedule.delay(attempt: attempt, random: random())
      attempt += 1
      if let deadline {
        let left = deadline.timeIntervalSince(clock.now())
        if left <= 0 { return Outcome(executions: latest.compactMap { $0 }, timedOut: true) }
        delay = min(delay, left)
      }
      sleep(delay)
    }
  }
}
