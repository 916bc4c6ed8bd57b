#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// Facts about an execution that the context object and history report.
public struct ExecutionInfo: Sendable {
  /// The execution's ARN (`$$.Execution.Id`).
  public var executionArn: String
  /// Its name.
  public var name: String
  /// The state machine's ARN and name.
  public var stateMachineArn: String
  public var stateMachineName: String
  /// The role it runs as.
  public var roleArn: String
  /// The region written in TaskScheduled events.
  public var region: String
  /// The execution input.
  public var input: JSON
  /// When it started (to the millisecond, as AWS records it).
  public var startTime: Date
  /// How many times it was redriven.
  public var redriveCount: Int

  /// An execution named `name` of machine `stateMachineName` in `region`/`account`.
  public init(name: String, stateMachineName: String, input: JSON, startTime: Date,
              region: String = "us-east-1", account: String = "123456789012", redriveCount: Int = 0) {
    self.name = name
    self.stateMachineName = stateMachineName
    self.input = input
    self.startTime = startTime.millisecondPrecise
    self.region = region
    self.redriveCount = redriveCount
    stateMachineArn = "arn:aws:states:\(region):\(account):stateMachine:\(stateMachineName)"
    executionArn = "arn:aws:states:\(region):\(account):execution:\(stateMachineName):\(name)"
    roleArn = "arn:aws:iam::\(account):role/StepFunctionsLocal"
  }
}

/// Where an execution stands.
public enum RunStatus: String, Sendable, Equatable {
  case running = "RUNNING", succeeded = "SUCCEEDED", failed = "FAILED", timedOut = "TIMED_OUT"
  case aborted = "ABORTED"
}

/// What a branch does when it next runs.
enum Continuation: Equatable {
  /// Enter its current state.
  case enter
  /// A Map iteration that has not started yet: record MapIterationStarted, then enter.
  case startIteration
  /// The Wait state's timer fired.
  case waitDone
  /// Start (or retry) the Task attempt.
  case attempt
  /// The pending Task attempt ended.
  case taskOutcome(TaskOutcome)
  /// The retry interval of a Parallel or Map state ended: enter it again.
  case reenter
  /// Its Parallel or Map children are done.
  case blockDone
  /// Waiting for a timer, a task or children.
  case blocked
}

/// A Parallel branch or Map iteration's place in its parent.
struct BranchParent: Equatable {
  var block: Int
  var index: Int
}

/// One thread of control: the top level, a Parallel branch or a Map iteration; plain data.
struct Branch {
  var id: Int
  var machine: Int
  var state: String
  /// The current state's input as it entered.
  var input: JSON
  var continuation: Continuation
  var parent: BranchParent?
  /// The last event this branch recorded (the next one's previousEventId).
  var lastEventId: Int
  /// The current state's entered event and its previousEventId.
  var enteredEventId = 0
  var enteredPreviousEventId = 0
  var enteredTime: Date
  /// `$$.State.RetryCount`, and attempts used per retrier.
  var retryCount = 0
  var retrierAttempts: [Int] = []
  /// Variables visible here (a child starts with a copy of its parent's).
  var variables: [String: JSON]
  /// `$$.Map.Item` for a Map iteration.
  var mapItem: JSON?
  /// False for distributed Map children, whose events belong to child executions.
  var recordsHistory: Bool
  /// The attempt the pending task or timers belong to (stale outcomes and timeouts are ignored).
  var attemptSerial = 0
  /// The token of the pending task.
  var taskToken: String?
  /// The effective parameters of the current task attempt.
  var taskParameters: JSON = .null
  /// The children of its Parallel or Map state while they run.
  var block: Int?
  /// The Distributed Map child execution it runs in (its events go to that child's history), nil at top level.
  var child: Int?
  /// The pending task's HeartbeatSeconds, which SendTaskHeartbeat and a worker taking the task restart.
  var heartbeatSeconds: Int?
}

/// The children of one Parallel or Map state, with their results so far.
struct Block {
  var id: Int
  var owner: Int
  var isMap: Bool
  var distributed: Bool
  var stateName: String
  /// Parallel: the machine of each branch; Map: the processor for all.
  var machines: [Int]
  /// Each child's input before ItemSelector (Map items; the Parallel input for each branch).
  var items: [JSON]
  /// Map: what ItemSelector sees as `$` (the effective input).
  var selectorInput: JSON
  var results: [JSON?]
  var nextIndex = 0
  var running: [Int: Int] = [:]
  var failures = 0
  var maxConcurrency: Int
  var toleratedCount: Int?
  var toleratedPercentage: Double?
  /// The first failure that failed the block.
  var failure: StatesError?
  /// The event the state's closing events follow (MapStateStarted, the last MapIterationSucceeded, MapRunSucceeded).
  var levelLastEventId: Int
  var finished = false
  /// Distributed: its map run (an index into `ExecutionState.mapRuns`) and each running index's child execution.
  var mapRun: Int?
  var childExecutions: [Int: Int] = [:]
  /// Indexes whose child failed (their results are error outputs), so a redrive runs them again.
  var failedIndexes: Set<Int> = []
  /// Indexes a redrive runs again, started before any index not yet started.
  var rerun: [Int] = []
}

/// A pending timer.
struct EngineTimer {
  enum Kind: Equatable {
    case wait, retry, taskTimeout(serial: Int), heartbeat(serial: Int), executionTimeout
  }
  var due: Date
  var sequence: Int
  var branch: Int
  var kind: Kind
}

/// Everything about a running execution apart from its definition: which states are active in which branch,
/// retry counters, pending timers and tasks; advancing it only needs the clock's time and outside outcomes.
public struct ExecutionState {
  /// Where it stands.
  public internal(set) var status: RunStatus = .running
  /// The output when it succeeded.
  public internal(set) var output: JSON?
  /// The error and cause when it failed or timed out.
  public internal(set) var error: StatesError?
  /// When it ended.
  public internal(set) var stopTime: Date?
  /// The id the next event gets.
  public internal(set) var nextEventId = 1
  var branches: [Int: Branch] = [:]
  var blocks: [Int: Block] = [:]
  var timers: [EngineTimer] = []
  /// Branches ready to run, last one first (depth first, like AWS's recorded order for one iteration at a time).
  var ready: [Int] = []
  var nextBranchId = 0
  var nextBlockId = 0
  var nextTimerSequence = 0
  var pendingTasks: [String: Int] = [:]
  /// The map runs of its Distributed Map states, in the order they started.
  public internal(set) var mapRuns: [MapRunRecord] = []
  /// The child executions of those map runs, in the order they started.
  public internal(set) var childExecutions: [MapRunChildExecution] = []
  /// A failed execution's unsuccessful branch as it was before its failing step (and its Parallel or Map children's
  /// results), kept so that RedriveExecution can run that step again.
  var redriveAnchor: RedriveAnchor?
}

/// The branch whose step failed an execution, as it was before that step, with the block it owned then.
struct RedriveAnchor {
  var branch: Branch
  var block: Block?
}
