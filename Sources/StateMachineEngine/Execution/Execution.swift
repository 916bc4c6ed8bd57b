#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// A running execution of a state machine: the interpreter. It advances its `ExecutionState` when branches are
/// ready, timers fire or tasks complete, and never blocks: a driver (`ExecutionDriver`) or a server decides when
/// time passes.
public final class Execution {
  /// The largest payload a state may pass on, in UTF-8 bytes of its JSON text.
  public static let payloadLimit = 256 * 1024

  /// The definition it runs.
  public let definition: StateMachineDefinition
  /// Its name, ARN and input.
  public let info: ExecutionInfo
  /// Where it stands.
  public internal(set) var state = ExecutionState()
  /// The history so far (empty when created with `recordHistory: false`).
  public internal(set) var events: [HistoryEvent] = []
  /// Called with each event as it is recorded (a server saves it), whether or not `events` keeps it.
  public var onEvent: ((HistoryEvent) -> Void)?
  /// Called with each event of a Distributed Map child execution (its ARN, the event), as `onEvent` for the parent.
  public var onChildEvent: ((String, HistoryEvent) -> Void)?
  /// Called whenever a map run starts, changes its counts or settings, or ends.
  public var onMapRun: ((MapRunRecord) -> Void)?
  /// Called whenever a Distributed Map child execution starts or ends.
  public var onChildExecution: ((MapRunChildExecution) -> Void)?
  /// The child executions' histories by ARN, kept when history is recorded.
  public internal(set) var childEvents: [String: [HistoryEvent]] = [:]

  let data: StateDataProcessor
  let tasks: TaskHandler
  let clock: EngineClock
  let recordHistory: Bool
  let random: () -> Double
  let newToken: () -> String
  /// Set only by `StateTest`: stop after the first state and record its data flow.
  var probe: StateProbe?
  /// The branch being advanced, as it was before the step; a failure of the execution keeps it for a redrive.
  var advancing: RedriveAnchor?

  /// An execution of `definition` that has not started; `random` gives numbers in [0, 1) for retry jitter and
  /// `newToken` task tokens (both injected so runs are reproducible).
  public init(definition: StateMachineDefinition, info: ExecutionInfo, data: StateDataProcessor, tasks: TaskHandler,
              clock: EngineClock, recordHistory: Bool = true, random: @escaping () -> Double = { Double.random(in: 0..<1) },
              newToken: @escaping () -> String = { UUID().uuidString.lowercased() }) {
    self.definition = definition
    self.info = info
    self.data = data
    self.tasks = tasks
    self.clock = clock
    self.recordHistory = recordHistory
    self.random = random
    self.newToken = newToken
  }

  /// Continues from a saved state (`ExecutionState(json:)`) instead of starting; `run()` and the timers carry on
  /// from the last saved step.
  public func restore(_ saved: ExecutionState) {
    state = saved
  }

  /// Records ExecutionStarted and makes the first state ready (with `variables` already assigned); `run()` then
  /// advances it. `stateInput` is what the first state gets when it is not the execution's input (a single state
  /// under test).
  public func start(variables: [String: JSON] = [:], stateInput: JSON? = nil) {
    let details = JSONObject([("input", EventDetails.text(info.input)), ("inputDetails", EventDetails.notTruncated),
                              ("roleArn", .string(info.roleArn))])
    append(type: "ExecutionStarted", previous: 0, key: "executionStartedEventDetails", details: details)
    let root = newBranch(machine: 0, input: stateInput ?? info.input, parent: nil, lastEventId: 0, variables: variables,
                         recordsHistory: true)
    state.ready.append(root)
    if let timeout = definition.timeoutSeconds {
      addTimer(due: info.startTime + TimeInterval(timeout), branch: root, kind: .executionTimeout)
    }
  }

  /// Runs every ready branch until each ends or waits for a timer, a task or its children.
  public func run() {
    while state.status == .running, let id = state.ready.popLast() {
      guard state.branches[id] != nil else { continue }
      advance(id)
    }
  }

  /// The time events, dates and `$$` times are recorded at: the clock cut to whole milliseconds, the precision AWS
  /// records them at (a history event's `timestamp`, `stopDate`, `$$.State.EnteredTime`).
  var now: Date { clock.now.millisecondPrecise }

  /// When the next timer is due, or nil when none is pending.
  public var nextTimerDue: Date? { state.timers.min(by: Self.timerOrder)?.due }

  /// Fires every timer due at the clock's current time, then runs what they made ready.
  public func fireDueTimers() {
    let now = clock.now  // the raw time: a timer is due once the clock passes it
    while state.status == .running, let next = state.timers.min(by: Self.timerOrder), next.due <= now {
      state.timers.removeAll { $0.sequence == next.sequence }
      fire(next)
      run()
    }
  }

  /// Completes a pending task (callback token, activity, child execution); false when no task waits on `token`.
  @discardableResult
  public func complete(taskToken token: String, with outcome: TaskOutcome) -> Bool {
    guard let id = state.pendingTasks.removeValue(forKey: token), var branch = state.branches[id] else { return false }
    branch.continuation = .taskOutcome(outcome)
    state.branches[id] = branch
    removeTimers(branch: id)
    state.ready.append(id)
    run()
    return true
  }

  /// Tokens of the tasks waiting for a completion.
  public var pendingTaskTokens: [String] { Array(state.pendingTasks.keys) }

  static func timerOrder(_ a: EngineTimer, _ b: EngineTimer) -> Bool {
    a.due != b.due ? a.due < b.due : a.sequence < b.sequence
  }

  // MARK: - Branches and events

  func newBranch(machine: Int, input: JSON, parent: BranchParent?, lastEventId: Int, variables: [String: JSON],
                 recordsHistory: Bool, mapItem: JSON? = nil, child: Int? = nil) -> Int {
    let id = state.nextBranchId
    state.nextBranchId += 1
    let m = definition.machines[machine]
    state.branches[id] = Branch(id: id, machine: machine, state: m.startAt, input: input,
                                continuation: mapItem == nil ? .enter : .startIteration, parent: parent,
                                lastEventId: lastEventId, enteredTime: now, variables: variables,
                                mapItem: mapItem, recordsHistory: recordsHistory, child: child)
    return id
  }

  /// Appends an event after `previous` to the history of the execution, or of Distributed Map child execution
  /// `child`; returns its id.
  @discardableResult
  func append(type: String, previous: Int, key: String? = nil, details: JSONObject? = nil, child: Int? = nil) -> Int {
    if let child {
      let id = state.childExecutions[child].nextEventId
      state.childExecutions[child].nextEventId += 1
      guard recordHistory || onChildEvent != nil else { return id }
      let event = HistoryEvent(id: id, previousEventId: previous, timestamp: now, type: type, detailsKey: key,
                               details: details)
      let arn = state.childExecutions[child].arn
      if recordHistory { childEvents[arn, default: []].append(event) }
      onChildEvent?(arn, event)
      return id
    }
    let id = state.nextEventId
    state.nextEventId += 1
    guard recordHistory || onEvent != nil else { return id }
    let event = HistoryEvent(id: id, previousEventId: previous, timestamp: now, type: type, detailsKey: key,
                             details: details)
    if recordHistory { events.append(event) }
    onEvent?(event)
    return id
  }

  /// Records an event of branch `id`, chained after its last one; returns the event id.
  @discardableResult
  func emit(_ id: Int, _ type: String, _ key: String? = nil, _ details: JSONObject? = nil) -> Int {
    guard var branch = state.branches[id], branch.recordsHistory else { return 0 }
    let eventId = append(type: type, previous: branch.lastEventId, key: key, details: details, child: branch.child)
    branch.lastEventId = eventId
    state.branches[id] = branch
    return eventId
  }

  func addTimer(due: Date, branch: Int, kind: EngineTimer.Kind) {
    state.timers.append(EngineTimer(due: due, sequence: state.nextTimerSequence, branch: branch, kind: kind))
    state.nextTimerSequence += 1
  }

  func removeTimers(branch: Int) {
    state.timers.removeAll { $0.branch == branch && $0.kind != .executionTimeout }
  }

  func stateDefinition(_ branch: Branch) -> StateDefinition {
    definition.machines[branch.machine].states[branch.state]!
  }

  // MARK: - Ending

  /// Ends the whole execution as failed.
  func failExecution(_ error: StatesError, after branch: Int?) {
    let previous = branch.flatMap { state.branches[$0]?.lastEventId } ?? state.nextEventId - 1
    append(type: "ExecutionFailed", previous: previous, key: "executionFailedEventDetails",
           details: EventDetails.failure(error))
    finish(.failed, error: error)
  }

  func finish(_ status: RunStatus, output: JSON? = nil, error: StatesError? = nil) {
    abortMapRuns()
    state.status = status
    state.output = output
    state.error = error
    state.stopTime = now
    state.redriveAnchor = status == .failed ? advancing : nil
    state.ready.removeAll()
    state.timers.removeAll()
    state.pendingTasks.removeAll()
  }

  func fire(_ timer: EngineTimer) {
    switch timer.kind {
    case .executionTimeout:
      let error = StatesError("States.Timeout", cause: nil)
      append(type: "ExecutionTimedOut", previous: state.nextEventId - 1, key: "executionTimedOutEventDetails",
             details: EventDetails.failure(error))
      finish(.timedOut, error: error)
    case .wait:
      resume(timer.branch, .waitDone)
    case .retry:
      guard let branch = state.branches[timer.branch] else { return }
      resume(timer.branch, stateDefinition(branch).type == .task ? .attempt : .reenter)
    case .taskTimeout(let serial), .heartbeat(let serial):
      guard let branch = state.branches[timer.branch], branch.attemptSerial == serial else { return }
      if let token = branch.taskToken { state.pendingTasks[token] = nil }
      let error = timer.kind == .taskTimeout(serial: serial)
        ? StatesError("States.Timeout") : StatesError("States.HeartbeatTimeout")
      removeTimers(branch: timer.branch)
      resume(timer.branch, .taskOutcome(.failed(error)))
    }
  }

  func resume(_ id: Int, _ continuation: Continuation) {
    guard var branch = state.branches[id] else { return }
    branch.continuation = continuation
    state.branches[id] = branch
    state.ready.append(id)
  }
}
