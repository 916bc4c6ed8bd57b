#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

extension ExecutionState {
  /// True when a redrive has somewhere to continue from this saved state: the execution did not succeed and the
  /// state still holds the branch (or branches) that did not (an aborted execution's last running state does).
  public var canRedrive: Bool {
    status != .succeeded && (!branches.isEmpty || redriveAnchor != nil)
  }
}

extension Execution {
  /// Continues an execution that failed, timed out or was aborted (RedriveExecution), from `saved`, its last state:
  /// records `ExecutionRedriven`, then enters each unsuccessful state again with the input it had, retry counters
  /// reset; a Parallel or Map state runs only its failed, aborted and unstarted branches or iterations again, keeping
  /// the results of those that succeeded. The execution timeout starts over. `lastEventId` is the last event of the
  /// recorded history (an abort recorded outside the engine follows the saved state's events). `run()` then advances
  /// it.
  public func redrive(from saved: ExecutionState, lastEventId: Int) {
    var restored = saved
    if saved.status == .failed, let anchor = saved.redriveAnchor {
      restored.branches[anchor.branch.id] = anchor.branch
      if let block = anchor.block { restored.blocks[block.id] = block }
    }
    restored.redriveAnchor = nil
    restored.status = .running
    restored.output = nil
    restored.error = nil
    restored.stopTime = nil
    restored.timers = []
    restored.pendingTasks = [:]
    restored.ready = []
    restored.nextEventId = max(restored.nextEventId, lastEventId + 1)
    state = restored
    advancing = nil
    let redriven = append(type: "ExecutionRedriven", previous: lastEventId,
                          key: "executionRedrivenEventDetails",
                          details: JSONObject([("redriveCount", .integer(info.redriveCount))]))
    let (branches, blocks) = liveTree()
    state.branches = branches
    state.blocks = blocks
    var leaves: [Int] = []
    for id in branches.keys.sorted() {
      var branch = branches[id]!
      branch.lastEventId = redriven
      branch.taskToken = nil
      branch.retryCount = 0
      branch.retrierAttempts = Array(repeating: 0, count: stateDefinition(branch).retriers.count)
      if let block = branch.block, blocks[block] != nil {
        // Its children carry on; it waits for them as before.
        branch.continuation = .blocked
      } else {
        branch.block = nil
        if branch.continuation != .startIteration { branch.continuation = .enter }
        leaves.append(id)
      }
      state.branches[id] = branch
    }
    state.ready.append(contentsOf: leaves.reversed())
    for blockId in blocks.keys.sorted() { rerunUnsuccessful(blockId) }
    if let timeout = definition.timeoutSeconds, let root = branches.values.first(where: { $0.parent == nil }) {
      addTimer(due: now + TimeInterval(timeout), branch: root.id, kind: .executionTimeout)
    }
  }

  /// The branches and blocks still hanging from the top level: those a failure ended are gone from their blocks.
  private func liveTree() -> ([Int: Branch], [Int: Block]) {
    var branches: [Int: Branch] = [:]
    func attached(_ branch: Branch) -> Bool {
      guard let parent = branch.parent else { return true }
      guard let block = state.blocks[parent.block], let owner = state.branches[block.owner],
            owner.block == block.id else { return false }
      // A child that ended (succeeded or failed) is no longer listed as running; a failed block lists none.
      return block.running[parent.index] == branch.id && attached(owner)
    }
    for (id, branch) in state.branches where attached(branch) { branches[id] = branch }
    var blocks: [Int: Block] = [:]
    for (id, block) in state.blocks where branches[block.owner]?.block == id { blocks[id] = block }
    return (branches, blocks)
  }

  /// Queues a block's children that did not succeed to run again and starts them (or ends the block at once when all
  /// of them had succeeded and only its own step failed).
  private func rerunUnsuccessful(_ blockId: Int) {
    guard var block = state.blocks[blockId] else { return }
    let redo = (0..<block.nextIndex).filter { index in
      block.running[index] == nil && (block.results[index] == nil || block.failedIndexes.contains(index))
    }
    for index in redo { block.results[index] = nil }
    block.failedIndexes.subtract(redo)
    block.failure = nil
    block.failures = 0
    block.rerun = redo
    state.blocks[blockId] = block
    // A Distributed Map's run carries on: its unsuccessful items run again as new child executions of the same run.
    if let run = block.mapRun, !redo.isEmpty, state.mapRuns.indices.contains(run) {
      state.mapRuns[run].status = "RUNNING"
      state.mapRuns[run].stopDate = nil
      onMapRun?(state.mapRuns[run])
    }
    if block.running.isEmpty, redo.isEmpty, block.nextIndex >= block.items.count {
      resume(block.owner, .blockDone)
    } else {
      startChildren(blockId)
    }
  }
}

extension Execution {
  /// A worker took the activity task waiting on `token` (GetActivityTask): records `ActivityStarted` with the
  /// worker's name and restarts the heartbeat clock; false when no task waits on `token`.
  @discardableResult
  public func activityStarted(taskToken token: String, workerName: String?) -> Bool {
    guard let id = state.pendingTasks[token], state.branches[id] != nil else { return false }
    var details = JSONObject()
    if let workerName { details["workerName"] = .string(workerName) }
    emit(id, "ActivityStarted", "activityStartedEventDetails", details)
    restartHeartbeat(id)
    return true
  }

  /// SendTaskHeartbeat: the task waiting on `token` is alive, so its HeartbeatSeconds count again from now; false
  /// when no task waits on `token`. No event is recorded, as on AWS.
  @discardableResult
  public func heartbeat(taskToken token: String) -> Bool {
    guard let id = state.pendingTasks[token], state.branches[id] != nil else { return false }
    restartHeartbeat(id)
    return true
  }

  private func restartHeartbeat(_ id: Int) {
    guard let branch = state.branches[id], let seconds = branch.heartbeatSeconds else { return }
    let kind = EngineTimer.Kind.heartbeat(serial: branch.attemptSerial)
    state.timers.removeAll { $0.branch == id && $0.kind == kind }
    addTimer(due: now + TimeInterval(seconds), branch: id, kind: kind)
  }
}
