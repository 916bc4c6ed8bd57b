#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

// Distributed Map bookkeeping: the map run and one child execution per iteration (per batch), recorded as AWS
// records them, each child with a history of its own.
extension Execution {
  /// Records the map run of branch `id`'s Distributed Map state; returns its index in `state.mapRuns`.
  func startMapRun(_ id: Int, _ def: StateDefinition, itemCount: Int, executionCount: Int, maxConcurrency: Int,
                   tolerance: (Int?, Double?)) -> Int {
    let parentArn = state.branches[id]?.child.map { state.childExecutions[$0].arn } ?? info.executionArn
    let label = def["Label"]?.stringValue ?? Self.generatedLabel(machine: info.stateMachineName, state: def.name)
    let machine = "\(info.stateMachineName)/\(label)"
    let prefix = Self.arnPrefix(info.stateMachineArn)
    let config = (def["ItemProcessor"] ?? def["Iterator"])?["ProcessorConfig"]
    let record = MapRunRecord(arn: prefix + "mapRun:\(machine):\(newToken())", executionArn: parentArn,
                              stateMachineArn: prefix + "stateMachine:" + machine, label: label, stateName: def.name,
                              executionType: config?["ExecutionType"]?.stringValue ?? "STANDARD",
                              startDate: now, maxConcurrency: maxConcurrency, tolerance: tolerance,
                              items: itemCount, executions: executionCount)
    state.mapRuns.append(record)
    onMapRun?(record)
    return state.mapRuns.count - 1
  }

  /// The label of a Distributed Map state without `Label`. AWS generates one ("If you don't specify a label, Step
  /// Functions automatically generates a unique label"; its child metrics name `MACHINE/{MapRunLabel or UUID}`):
  /// here a name-based UUID of the machine and the state, so every run of the state shares it.
  static func generatedLabel(machine: String, state: String) -> String {
    var bytes = Array(Crypto.sha256(Array("\(machine)/\(state)".utf8)).prefix(16))
    bytes[6] = (bytes[6] & 0x0f) | 0x30  // version 3 (name-based), as AWS's map run UUIDs are
    bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC 4122 variant
    let hex = Crypto.hex(bytes)
    let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
      String(hex.dropFirst(range.lowerBound).prefix(range.count))
    }
    return parts.joined(separator: "-")
  }

  /// `arn:aws:states:REGION:ACCOUNT:` of a Step Functions ARN.
  static func arnPrefix(_ arn: String) -> String {
    arn.split(separator: ":", omittingEmptySubsequences: false).prefix(5).joined(separator: ":") + ":"
  }

  /// Iteration branch `id` of a Distributed Map starts as a child execution: record it and its ExecutionStarted
  /// (its input is the item or batch after ItemSelector).
  func beginChildExecution(_ id: Int, _ parent: BranchParent) {
    guard let run = state.blocks[parent.block]?.mapRun, let branch = state.branches[id],
          let ownerId = state.blocks[parent.block]?.owner, let owner = state.branches[ownerId] else { return }
    let record = state.mapRuns[run]
    let name = newToken()
    let machine = String(record.stateMachineArn[record.stateMachineArn.firstRange(of: ":stateMachine:")!.upperBound...])
    let prefix = Self.arnPrefix(record.arn)
    let arn = record.executionType == "EXPRESS" ? prefix + "express:\(machine):\(name):\(newToken())"
      : prefix + "execution:\(machine):\(name)"
    var items = 1
    if stateDefinition(owner)["ItemBatcher"] != nil {
      items = state.blocks[parent.block]?.items[parent.index]["Items"]?.arrayValue?.count ?? 1
    }
    state.childExecutions.append(MapRunChildExecution(arn: arn, name: name, mapRunArn: record.arn,
                                                      stateMachineArn: record.stateMachineArn,
                                                      executionType: record.executionType, startDate: now,
                                                      input: branch.input, itemCount: items))
    let child = state.childExecutions.count - 1
    // Out of the table while it changes: a copy would copy every child's entry.
    if var block = state.blocks.removeValue(forKey: parent.block) {
      block.childExecutions[parent.index] = child
      state.blocks[parent.block] = block
    }
    state.mapRuns[run].executionCounts.start(1)
    state.mapRuns[run].itemCounts.start(items)
    let details = JSONObject([("input", EventDetails.text(branch.input)), ("inputDetails", EventDetails.notTruncated),
                              ("roleArn", .string(info.roleArn))])
    let started = append(type: "ExecutionStarted", previous: 0, key: "executionStartedEventDetails", details: details,
                         child: child)
    state.branches[id]?.child = child
    state.branches[id]?.lastEventId = started
    onChildExecution?(state.childExecutions[child])
    onMapRun?(state.mapRuns[run])
  }

  /// The child execution of `block`'s iteration `index` ended: its closing event, its record and the counts.
  func endChildExecution(_ block: Block, index: Int, lastEventId: Int, status: RunStatus, output: JSON? = nil,
                         error: StatesError? = nil) {
    guard let child = block.childExecutions[index], let run = block.mapRun,
          state.childExecutions[child].status == .running else { return }
    // A StopExecution without error or cause records neither.
    let error = error.flatMap { $0.error.isEmpty && $0.cause == nil ? nil : $0 }
    switch status {
    case .succeeded:
      append(type: "ExecutionSucceeded", previous: lastEventId, key: "executionSucceededEventDetails",
             details: EventDetails.output(output ?? .null), child: child)
    case .aborted:
      append(type: "ExecutionAborted", previous: lastEventId, key: "executionAbortedEventDetails",
             details: JSONObject([("error", error.map { .string($0.error) }), ("cause", error?.cause.map(JSON.string))]
                                  .compactMap { key, value in value.map { (key, $0) } }), child: child)
    default:
      append(type: "ExecutionFailed", previous: lastEventId, key: "executionFailedEventDetails",
             details: error.map { EventDetails.failure($0) } ?? JSONObject(), child: child)
    }
    state.childExecutions[child].status = status
    state.childExecutions[child].stopDate = now
    state.childExecutions[child].output = output
    state.childExecutions[child].error = error
    state.mapRuns[run].executionCounts.end(1, status: status)
    state.mapRuns[run].itemCounts.end(state.childExecutions[child].itemCount, status: status)
    onChildExecution?(state.childExecutions[child])
    onMapRun?(state.mapRuns[run])
  }

  /// The map run of `block` ended.
  func endMapRun(_ block: Block, failed: Bool) {
    guard let run = block.mapRun, state.mapRuns[run].status == "RUNNING" else { return }
    state.mapRuns[run].status = failed ? "FAILED" : "SUCCEEDED"
    state.mapRuns[run].stopDate = now
    onMapRun?(state.mapRuns[run])
  }

  /// Aborts the child executions still running (with an ExecutionAborted event each) and their map runs: the
  /// execution ended, or is being stopped.
  public func abortMapRuns() {
    for child in state.childExecutions.indices where state.childExecutions[child].status == .running {
      let last = state.childExecutions[child].nextEventId - 1
      append(type: "ExecutionAborted", previous: last, key: "executionAbortedEventDetails", details: JSONObject(),
             child: child)
      state.childExecutions[child].status = .aborted
      state.childExecutions[child].stopDate = now
      if let run = state.mapRuns.firstIndex(where: { $0.arn == state.childExecutions[child].mapRunArn }) {
        state.mapRuns[run].executionCounts.end(1, status: .aborted)
        state.mapRuns[run].itemCounts.end(state.childExecutions[child].itemCount, status: .aborted)
      }
      onChildExecution?(state.childExecutions[child])
    }
    for run in state.mapRuns.indices where state.mapRuns[run].status == "RUNNING" {
      state.mapRuns[run].status = "ABORTED"
      state.mapRuns[run].stopDate = now
      onMapRun?(state.mapRuns[run])
    }
  }

  /// StopExecution of a running Distributed Map child: it ends ABORTED with `error` and `cause` in its
  /// ExecutionAborted event, counted as a failure of its map run (beyond the tolerance the Map state fails with
  /// States.ExceedToleratedFailureThreshold). False when no running child has that ARN.
  @discardableResult
  public func stopMapRunChild(arn: String, error: String?, cause: String?) -> Bool {
    guard let child = state.childExecutions.firstIndex(where: { $0.arn == arn && $0.status == .running }),
          endMapRunChild(child, error: StatesError(error ?? "", cause: cause), aborted: true) else { return false }
    run()
    return true
  }

  /// Ends running child execution `child` at once, whatever its states are doing: ABORTED (StopExecution) or
  /// FAILED (States.Runtime, which fails the execution it happens in, here the child), its last event
  /// `lastEventId` when given; its map run counts it as a failure. False when it is not running.
  @discardableResult
  func endMapRunChild(_ child: Int, error: StatesError, aborted: Bool, lastEventId: Int? = nil) -> Bool {
    guard state.childExecutions[child].status == .running,
          let (blockId, index) = state.blocks.lazy.compactMap({ id, block in
            block.childExecutions.first { $0.value == child }.map { (id, $0.key) }
          }).first,
          let branchId = state.blocks[blockId]?.running[index],
          var branch = state.branches.removeValue(forKey: branchId) else { return false }
    removeTimers(branch: branchId)
    if let token = branch.taskToken { state.pendingTasks[token] = nil }
    if let nested = branch.block { abortNested(nested) }
    state.ready.removeAll { state.branches[$0] == nil }
    if let lastEventId { branch.lastEventId = lastEventId }
    childFailed(BranchParent(block: blockId, index: index), branch: branch, error: error, aborted: aborted)
    return true
  }

  /// UpdateMapRun: new MaxConcurrency and tolerances for the map run `arn` (nil leaves one as it is); a running
  /// map run starts more children at once when the limit rose. False when no map run has that ARN.
  @discardableResult
  public func updateMapRun(arn: String, maxConcurrency: Int?, toleratedFailureCount: Int?,
                           toleratedFailurePercentage: Double?) -> Bool {
    guard let index = state.mapRuns.firstIndex(where: { $0.arn == arn }) else { return false }
    if let maxConcurrency { state.mapRuns[index].maxConcurrency = maxConcurrency }
    if let toleratedFailureCount { state.mapRuns[index].toleratedFailureCount = toleratedFailureCount }
    if let toleratedFailurePercentage { state.mapRuns[index].toleratedFailurePercentage = toleratedFailurePercentage }
    onMapRun?(state.mapRuns[index])
    guard state.status == .running,
          let blockId = state.blocks.first(where: { $0.value.mapRun == index })?.key else { return true }
    if let maxConcurrency { state.blocks[blockId]?.maxConcurrency = maxConcurrency }
    if let toleratedFailureCount { state.blocks[blockId]?.toleratedCount = toleratedFailureCount }
    if let toleratedFailurePercentage { state.blocks[blockId]?.toleratedPercentage = toleratedFailurePercentage }
    startChildren(blockId)
    run()
    return true
  }
}
