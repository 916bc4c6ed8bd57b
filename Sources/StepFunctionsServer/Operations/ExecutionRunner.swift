import Foundation
import GRDB
import SFNJSON
import SFNKit
import StateMachineEngine

/// The engine's clock for a server: wall time, run `scale` times faster (`--wait-scale`), so that Wait states and
/// retry intervals take `scale` of their real duration. The runner waits for timers itself, without blocking.
final class ServerEngineClock: EngineClock, @unchecked Sendable {
  private let origin: Date
  private let scale: Double

  /// A clock where one real second is `1 / scale` seconds of execution time, counted from `origin` (saved in the
  /// store, so a restarted server keeps the same execution time and saved timers stay due when they were).
  init(scale: Double, origin: Date = Date()) {
    self.scale = max(scale, 0.000_001)
    self.origin = origin
  }

  /// The execution time now.
  var now: Date { origin + Date().timeIntervalSince(origin) / scale }

  /// Real seconds until execution time `date`.
  func realDelay(until date: Date) -> TimeInterval { max(date.timeIntervalSince(now), 0) * scale }

  /// Blocks for the scaled time, or until `wallDeadline` (the engine's own driver uses it; the server's runner
  /// never does: it waits for timers with suspended tasks).
  func sleep(until date: Date, wallDeadline: Date?) -> Bool {
    let delay = realDelay(until: date)
    if let wallDeadline, Date() + delay > wallDeadline {
      Thread.sleep(forTimeInterval: max(wallDeadline.timeIntervalSinceNow, 0))
      return false
    }
    Thread.sleep(forTimeInterval: delay)
    return true
  }
}

/// Runs Standard and Express executions on the embedded engine and records every history event in the store.
///
/// Executions advance inside this actor; waiting (timers, callbacks) is a suspended task, never a blocked thread.
/// Events are written in the order the engine made them, one transaction per step, with the execution's status.
actor ExecutionRunner {
  /// One running execution and how far its history is saved.
  private final class Running {
    let execution: Execution
    let activities: ActivityTaskSource
    /// The mock source, whose invocation counts are saved with the state.
    let mock: MockTaskSource?
    let persist: Bool
    var saved = 0
    var timerDue: Date?
    var waiters: [CheckedContinuation<Void, Never>] = []
    /// The map runs and child executions to save with the next step (Standard executions).
    var journal: MapRunJournal?
    /// Its `states:startExecution` tasks waiting to be started.
    var children = ChildStartRequests()
    init(_ execution: Execution, activities: ActivityTaskSource, mock: MockTaskSource?, persist: Bool) {
      self.execution = execution
      self.activities = activities
      self.mock = mock
      self.persist = persist
    }
  }

  private let store: Store
  private let clock: ServerEngineClock
  private let region: String
  /// The mock configuration a resumed execution finds its test case in.
  private let mocks: MockConfiguration?
  /// The directory S3 calls are answered from (`--s3-root`), if any.
  private let s3Root: String?
  /// Where activity tasks wait for GetActivityTask.
  let activityQueue: ActivityQueue
  private var running: [String: Running] = [:]
  /// Which execution waits on each task token.
  private var tokens: [String: String] = [:]

  init(store: Store, clock: ServerEngineClock, region: String, activityQueue: ActivityQueue,
       mocks: MockConfiguration? = nil, s3Root: String? = nil) {
    self.s3Root = s3Root
    self.store = store
    self.mocks = mocks
    self.activityQueue = activityQueue
    self.clock = clock
    self.region = region
  }

  /// What an execution runs: its definition and identity.
  struct Launch: Sendable {
    let arn: String
    let name: String
    let machineArn: String
    let machineName: String
    let roleArn: String
    let definition: String
    let input: JSON
    let startDate: Double
    /// False for Express executions, which AWS keeps no history of.
    let persist: Bool
    /// The mock test case its tasks are answered from (`ARN#CASE`), if any.
    let testCase: MockTestCase?
    /// How many times it was redriven (`$$.Execution.RedriveCount`).
    var redriveCount = 0
  }

  /// Starts `launch` on the engine; the execution's row must already be committed (it is, for StartExecution).
  func start(_ launch: Launch) async {
    guard let entry = await prepare(launch, mockCounts: [:]) else { return }
    entry.execution.start()
    entry.execution.run()
    await settle(launch.arn)
  }

  /// Makes the engine execution of `launch` and registers it as running; nil (and the execution failed) when its
  /// definition cannot be read.
  private func prepare(_ launch: Launch, mockCounts: [MockTaskSource.CounterKey: Int]) async -> Running? {
    let definition: StateMachineDefinition
    do {
      definition = try StateMachineDefinition(text: launch.definition)
    } catch {
      await fail(launch, cause: "\(error)")
      return nil
    }
    var info = ExecutionInfo(name: launch.name, stateMachineName: launch.machineName, input: launch.input,
                             startTime: Date(timeIntervalSince1970: launch.startDate), region: region)
    info.executionArn = launch.arn
    info.stateMachineArn = launch.machineArn
    info.roleArn = launch.roleArn
    info.redriveCount = launch.redriveCount
    // Mocks answer first; activities wait for workers; callbacks wait for SendTask* calls.
    let activities = ActivityTaskSource()
    let mock = launch.testCase.map { MockTaskSource(testCase: $0, invocationCounts: mockCounts) }
    var sources: [TaskSource] = mock.map { [$0] } ?? []
    if let s3Root { sources.append(LocalS3TaskSource(root: s3Root)) }
    let children = ChildStartRequests(mocks: mocks, parentCase: launch.testCase?.name)
    sources += [activities, children, CallbackTaskSource()]
    let execution = Execution(definition: definition, info: info, data: DataLayerProcessor(),
                              tasks: CompositeTaskHandler(sources), clock: clock)
    let entry = Running(execution, activities: activities, mock: mock, persist: launch.persist)
    if launch.persist {
      let journal = MapRunJournal(definition: launch.definition, roleArn: launch.roleArn)
      journal.attach(to: execution)
      entry.journal = journal
    }
    entry.children = children
    running[launch.arn] = entry
    return entry
  }

  /// A Standard execution the store says is running, as saved by the last step the server committed.
  private struct SavedExecution: Sendable {
    let launch: Launch
    let engineState: String?
    let mockCounts: String?
    /// Why it cannot continue (its mock test case is gone from `--mock-config`), if it cannot.
    let problem: String?
  }

  /// Continues every execution the store says is RUNNING (after a restart): from its saved engine state, or from
  /// its start when the server stopped before the first step was committed (state and events are saved together,
  /// so no state means no events). Timers due while the server was down fire at once.
  func resumeAll() async throws {
    let mocks = self.mocks
    let saved = try await store.read { db in
      try Row.fetchAll(db, sql: """
        SELECT arn, name, machine_arn, role_arn, definition, input, start_date, engine_state, mock_counts, mock_case,
          redrive_count
        FROM execution WHERE status = 'RUNNING' AND type = 'STANDARD' AND map_run_arn IS NULL ORDER BY seq
        """).map { row -> SavedExecution in
        let machineArn: String = row["machine_arn"]
        // One execution whose mock case is gone fails alone; it must not keep the server from starting.
        var testCase: MockTestCase?, problem: String?
        if let caseText = row["mock_case"] as String? {
          do {
            guard let mocks else { throw APIError.validation("sfn local was started without --mock-config") }
            testCase = try mocks.testCase(forStateMachineArn: caseText)
          } catch {
            problem = "the mock test case \(caseText) cannot be found after the restart: \(error)"
          }
        }
        let launch = Launch(arn: row["arn"], name: row["name"], machineArn: machineArn,
                            machineName: String(machineArn.split(separator: ":").last ?? ""),
                            roleArn: row["role_arn"], definition: row["definition"],
                            input: (try? JSONParser.parse(row["input"] as String)) ?? .null,
                            startDate: row["start_date"], persist: true, testCase: testCase,
                            redriveCount: row["redrive_count"])
        return SavedExecution(launch: launch, engineState: row["engine_state"], mockCounts: row["mock_counts"],
                              problem: problem)
      }
    }
    for execution in saved { await resume(execution) }
  }

  private func resume(_ saved: SavedExecution) async {
    let arn = saved.launch.arn
    guard running[arn] == nil else { return }
    if let problem = saved.problem {
      await fail(saved.launch, cause: problem)
      return
    }
    do {
      let counts = try saved.mockCounts.map { try MockTaskSource.invocationCounts(json: JSONParser.parse($0)) }
      guard let entry = await prepare(saved.launch, mockCounts: counts ?? [:]) else { return }
      if let text = saved.engineState {
        entry.execution.restore(try ExecutionState(json: JSONParser.parse(text)))
      } else {
        entry.execution.start()
      }
      entry.execution.run()
      entry.execution.fireDueTimers()
    } catch {
      running[arn] = nil
      await fail(saved.launch, cause: "the saved state of the execution cannot be read: \(error)")
      return
    }
    let waiting = (try? await store.read { db in
      try Row.fetchAll(db, sql: "SELECT token, activity_arn, input FROM activity_task WHERE execution_arn = ?",
                       arguments: [arn]).map { row in
        ActivityTask(activityArn: row["activity_arn"], token: row["token"],
                     input: try JSONParser.parse(row["input"] as String))
      }
    }) ?? []
    await settle(arn)
    // Tasks no worker took before the restart go back to the queue, unless they ended meanwhile (timeouts).
    let pending = Set(running[arn]?.execution.pendingTaskTokens ?? [])
    for task in waiting where pending.contains(task.token) { await activityQueue.offer(task) }
  }

  /// RedriveExecution: continues `launch` from its saved final state (`engineState`). `commit` runs in the write
  /// transaction that also saves the `ExecutionRedriven` event and the redriven engine state; it checks and updates
  /// the row, and returns a redrive date instead when the request was already answered (its client token), in which
  /// case nothing is saved or run. Returns that date, or nil when this call redrove the execution.
  func redrive(_ launch: Launch, engineState: String, lastEventId: Int,
               mockCounts: [MockTaskSource.CounterKey: Int],
               commit: @escaping @Sendable (Database) throws -> Double?) async throws -> Double? {
    let arn = launch.arn
    guard running[arn] == nil else {
      throw APIError("ExecutionNotRedrivable", "Execution is RUNNING and cannot be redriven")
    }
    let saved: ExecutionState
    do { saved = try ExecutionState(json: JSONParser.parse(engineState)) } catch {
      throw APIError("ExecutionNotRedrivable", "Execution was started before the launch of RedriveExecution")
    }
    guard let entry = await prepare(launch, mockCounts: mockCounts) else {
      throw APIError("ExecutionNotRedrivable", "the execution's definition cannot be read")
    }
    let execution = entry.execution
    execution.redrive(from: saved, lastEventId: lastEventId)
    let rows = execution.events.map { ($0.id, JSONWriter.compact.string($0.json)) }
    let state = JSONWriter.compact.string(execution.state.json)
    let answered: Double?
    do {
      answered = try await store.write { db -> Double? in
        if let date = try commit(db) { return date }
        for (id, body) in rows {
          try db.execute(sql: "INSERT OR IGNORE INTO history_event (execution_arn, id, body) VALUES (?, ?, ?)",
                         arguments: [arn, id, body])
        }
        try db.execute(sql: "UPDATE execution SET engine_state = ? WHERE arn = ?", arguments: [state, arn])
        return nil
      }
    } catch {
      if running[arn] === entry { running[arn] = nil }
      throw error
    }
    if let answered {
      if running[arn] === entry { running[arn] = nil }
      return answered
    }
    entry.saved = execution.events.count
    execution.run()
    await settle(arn)
    return nil
  }

  /// A worker took the activity task `token` (GetActivityTask): `ActivityStarted` is recorded with its name.
  func activityStarted(token: String, workerName: String?) async {
    guard let arn = tokens[token], let entry = running[arn],
          entry.execution.activityStarted(taskToken: token, workerName: workerName) else { return }
    await settle(arn)
  }

  /// SendTaskHeartbeat: restarts the heartbeat clock of the task waiting on `token`; false when none waits on it.
  func heartbeat(token: String) async -> Bool {
    guard let arn = tokens[token], let entry = running[arn] else { return false }
    guard entry.execution.heartbeat(taskToken: token) else {
      close(token)
      return false
    }
    await settle(arn)
    return true
  }

  /// Tokens of tasks that ended (answered, timed out, or their execution ended): a late SendTask* call on one is
  /// told TaskTimedOut, as AWS tells it. Kept in memory for the most recent `closedLimit` tokens.
  private var closedTokens: Set<String> = []
  private var closedOrder: [String] = []
  private static let closedLimit = 100_000

  /// True when `token` belonged to a task that has ended.
  func isClosed(_ token: String) -> Bool { closedTokens.contains(token) }

  private func close(_ token: String) {
    tokens[token] = nil
    guard closedTokens.insert(token).inserted else { return }
    closedOrder.append(token)
    if closedOrder.count > Self.closedLimit {
      let forgotten = closedOrder.prefix(Self.closedLimit / 2)
      closedTokens.subtract(forgotten)
      closedOrder.removeFirst(forgotten.count)
    }
  }

  /// Waits until the execution `arn` ends (StartSyncExecution); at once when it is not running here.
  func waitForEnd(_ arn: String) async {
    guard let entry = running[arn] else { return }
    await withCheckedContinuation { entry.waiters.append($0) }
  }

  /// Completes the task waiting on `token`; false when no running execution waits on it.
  func complete(token: String, with outcome: TaskOutcome) async -> Bool {
    guard let arn = tokens[token], let entry = running[arn] else { return false }
    guard entry.execution.complete(taskToken: token, with: outcome) else {
      close(token)
      return false
    }
    await settle(arn)
    return true
  }

  /// UpdateMapRun on a map run of a running execution; false when no running execution has it.
  func updateMapRun(arn: String, maxConcurrency: Int?, toleratedFailureCount: Int?,
                    toleratedFailurePercentage: Double?) async -> Bool {
    guard let (owner, entry) = running.first(where: { $0.value.execution.state.mapRuns.contains { $0.arn == arn } }),
          entry.execution.updateMapRun(arn: arn, maxConcurrency: maxConcurrency,
                                       toleratedFailureCount: toleratedFailureCount,
                                       toleratedFailurePercentage: toleratedFailurePercentage)
    else { return false }
    await settle(owner)
    return true
  }

  /// Starts child executions and completes their parents' tasks (set once at start-up).
  private var launcher: ChildExecutionLauncher?

  /// Hands `states:startExecution` tasks to `launcher` from now on.
  func attach(_ launcher: ChildExecutionLauncher) { self.launcher = launcher }

  /// Records TaskSubmitted (a started child's `{ExecutionArn, StartDate}`) for the task waiting on `token`.
  func recordSubmitted(_ arn: String, token: String, output: JSON) async {
    guard let entry = running[arn], entry.execution.recordSubmitted(taskToken: token, output: output) else { return }
    await settle(arn)
  }

  /// StopExecution of a running map run child, in its parent's engine; false when no running execution has it.
  func stopMapRunChild(arn: String, error: String?, cause: String?) async -> Bool {
    guard let (owner, entry) = running.first(where: {
      $0.value.execution.state.childExecutions.contains { $0.arn == arn && $0.status == .running }
    }), entry.execution.stopMapRunChild(arn: arn, error: error, cause: cause) else { return false }
    await settle(owner)
    return true
  }

  /// A stopped execution's running child executions and map runs end as ABORTED, saved with their events.
  func abortMapRuns(_ arn: String) async {
    guard let entry = running[arn], let journal = entry.journal else { return }
    entry.execution.abortMapRuns()
    let changes = journal.drain()
    try? await store.write { db in try changes.save(db) }
  }

  /// Forgets a running execution (StopExecution records the abort itself); its timers find nothing to do.
  func drop(_ arn: String) {
    guard let entry = running.removeValue(forKey: arn) else { return }
    for token in entry.execution.pendingTaskTokens { close(token) }
    let queue = activityQueue, pending = Set(entry.execution.pendingTaskTokens)
    Task { await queue.withdraw(tokens: pending) }
    entry.waiters.forEach { $0.resume() }
    if let launcher { Task { await launcher.settled(arn, pendingTokens: [], finished: true) } }
  }

  /// Saves new events, tracks tokens, and schedules the next timer or finishes.
  private func settle(_ arn: String) async {
    guard let entry = running[arn] else { return }
    let execution = entry.execution
    for token in execution.pendingTaskTokens { tokens[token] = arn }
    // Offered only after the commit below, so a worker cannot take a task before its saved row exists.
    let scheduled = entry.activities.drain()
    let events = Array(execution.events[entry.saved...])
    entry.saved = execution.events.count
    let state = execution.state
    let finished = state.status != .running
    if finished {
      running[arn] = nil
      let owned = Set(tokens.filter { $0.value == arn }.keys)
      for token in owned { close(token) }
      await activityQueue.withdraw(tokens: owned)
    }
    if entry.persist {
      let status = state.status.rawValue
      let output = state.output.map { JSONWriter.compact.string($0) }
      let error = state.error?.error, cause = state.error?.cause
      let stop = state.stopTime?.timeIntervalSince1970
      // The engine state goes with the events of the same step, so a restart never finds them out of step. An
      // execution that did not succeed keeps its last state: RedriveExecution continues from it.
      let engineState = finished && state.status == .succeeded ? nil : JSONWriter.compact.string(state.json)
      let mockCounts = entry.mock.map { JSONWriter.compact.string($0.invocationCountsJSON) }
      let rows = events.map { ($0.id, JSONWriter.compact.string($0.json)) }
      let tasks = scheduled.map { ($0.token, $0.activityArn, JSONWriter.compact.string($0.input)) }
      let mapRunChanges = entry.journal?.drain()
      do {
        try await store.write { db in
          for (id, body) in rows {
            try db.run("INSERT OR IGNORE INTO history_event (execution_arn, id, body) VALUES (?, ?, ?)", [arn, id, body])
          }
          try db.run("""
            UPDATE execution SET status = ?, output = ?, error = ?, cause = ?, stop_date = ?, engine_state = ?,
              mock_counts = ?
            WHERE arn = ? AND status = 'RUNNING'
            """, [status, output, error, cause, stop, engineState, mockCounts, arn])
          for (token, activityArn, input) in tasks {
            try db.run("""
              INSERT OR REPLACE INTO activity_task (token, execution_arn, activity_arn, input) VALUES (?, ?, ?, ?)
              """, [token, arn, activityArn, input])
          }
          if finished { try db.run("DELETE FROM activity_task WHERE execution_arn = ?", [arn]) }
          try mapRunChanges?.save(db)
        }
      } catch {
        // The store is gone (disk full, closed): the execution cannot be recorded, so it stops here.
        running[arn] = nil
      }
    } else if finished {
      expressResults[arn] = state
    }
    if let launcher {
      let requests = entry.children.drain(), pending = Set(execution.pendingTaskTokens)
      Task {
        await launcher.settled(arn, pendingTokens: pending, finished: finished)
        await launcher.launch(requests)
      }
    }
    if !finished {
      for task in scheduled { await activityQueue.offer(task) }
    }
    if finished {
      entry.waiters.forEach { $0.resume() }
      return
    }
    schedule(arn, entry)
  }

  /// Final states of Express executions, kept until StartSyncExecution reads them.
  private var expressResults: [String: ExecutionState] = [:]

  /// The final state of an Express execution run here, taken once.
  func takeExpressResult(_ arn: String) -> ExecutionState? { expressResults.removeValue(forKey: arn) }

  private func schedule(_ arn: String, _ entry: Running) {
    guard let due = entry.execution.nextTimerDue else { return }
    if let pending = entry.timerDue, pending <= due { return }
    entry.timerDue = due
    let delay = clock.realDelay(until: due)
    Task { [weak self] in
      try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
      await self?.fire(arn, due: due)
    }
  }

  private func fire(_ arn: String, due: Date) async {
    guard let entry = running[arn], entry.timerDue == due else { return }
    entry.timerDue = nil
    entry.execution.fireDueTimers()
    await settle(arn)
  }

  /// An execution whose definition the engine cannot read fails as AWS fails it at run time.
  private func fail(_ launch: Launch, cause: String) async {
    guard launch.persist else { return }
    let now = clock.now.millisecondPrecise.timeIntervalSince1970
    try? await store.write { db in
      try db.execute(sql: """
        UPDATE execution SET status = 'FAILED', error = 'States.Runtime', cause = ?, stop_date = ? WHERE arn = ?
        """, arguments: [cause, now, launch.arn])
    }
  }
}
