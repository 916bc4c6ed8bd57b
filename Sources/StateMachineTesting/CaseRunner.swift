#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit
import StateMachineEngine

/// How one case's execution ended, with its history read as a trace.
public struct CaseRun: Sendable {
  /// `SUCCEEDED`, `FAILED`, `TIMED_OUT`, or `RUNNING` when it waits for a task nothing answers.
  public var status: String
  /// The output when it succeeded.
  public var output: JSON?
  /// The error and cause when it failed or timed out.
  public var error: String?
  public var cause: String?
  /// The states it went through.
  public var trace: ExecutionTrace
  /// Why the case's expectations cannot be checked from this run (`--remote`), nil when they can.
  public var unchecked: String? = nil
}

/// Runs one case in the embedded engine, deterministically: a virtual clock starting at the case's start time
/// (waits and retry intervals pass at once), `$random`/`States.UUID` and retry jitter from the case's seed,
/// task tokens numbered, and Task states answered only by the case's mocks.
public struct CaseRunner: Sendable {
  /// A runner.
  public init() {}

  /// Runs `testCase` of `suite`.
  public func run(_ testCase: TestCase, of suite: TestSuite) -> CaseRun {
    let clock = VirtualClock(start: testCase.startTime)
    let info = ExecutionInfo(name: testCase.executionName, stateMachineName: suite.stateMachineName,
                             input: testCase.input, startTime: clock.now)
    var generator = SeededGenerator(seed: testCase.seed)
    var tokens = 0
    let execution = Execution(
      definition: suite.definition, info: info,
      data: DataLayerProcessor(seed: testCase.seed, now: { clock.now.timeIntervalSince1970 }),
      tasks: CompositeTaskHandler([MockTaskSource(testCase: testCase.mocks)]), clock: clock,
      random: { Double(generator.next() >> 11) / Double(UInt64(1) << 53) },
      newToken: {
        tokens += 1
        return "token-\(tokens)"
      })
    execution.start(variables: testCase.variables)
    ExecutionDriver(clock: clock).run(execution)
    let state = execution.state
    return CaseRun(status: state.status.rawValue, output: state.output, error: state.error?.error,
                   cause: state.error?.cause, trace: ExecutionTrace(events: execution.events))
  }
}

/// SplitMix64: a small generator whose sequence depends only on its seed.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
