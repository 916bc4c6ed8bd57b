#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

extension Execution {
  /// The expression text of a `{% ... %}` field, as AWS quotes it in errors.
  static func expressionText(_ value: JSON?) -> String {
    guard var text = value?.stringValue else { return value.map { "\($0)" } ?? "" }
    if text.hasPrefix("{%"), text.hasSuffix("%}") {
      text = String(text.dropFirst(2).dropLast(2)).trimmingSpacesAndTabs()
    }
    return text
  }

  /// JSON's name for a value's type, as AWS's messages use it.
  static func typeName(_ value: JSON) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// Starts the children of the Parallel or Map state branch `id` is in (again, after a retry).
  func startBlock(_ id: Int) throws {
    let branch = state.branches[id]!
    let def = stateDefinition(branch)
    state.branches[id]?.continuation = .blocked
    if let mock = probe?.mock, branch.parent == nil { return try runMockedBlock(id, def, mock) }
    if def.type == .parallel {
      let childInput: JSON
      if def.queryLanguage == .jsonata {
        childInput = try jsonata(id, def.arguments, field: "Arguments", states: statesBinding(id, input: branch.input))
          ?? branch.input
      } else {
        let effective = try effectiveInput(id, def)
        childInput = try def.parameters.map {
          try data.payload($0, field: "Parameters", input: effective, context: context(id), variables: branch.variables)
        } ?? effective
      }
      let started = emit(id, "ParallelStateStarted")
      openBlock(owner: id, def, isMap: false, items: Array(repeating: childInput, count: def.branches.count),
                selectorInput: childInput, maxConcurrency: 0, tolerance: (nil, nil), levelLast: started)
      return
    }
    let (items, selectorInput) = try mapItems(id, def)
    let maxConcurrency = try mapInteger(id, def, "MaxConcurrency", input: selectorInput) ?? 0
    let batched = try batches(id, def, items, selectorInput: selectorInput)
    var levelLast = emit(id, "MapStateStarted", "mapStateStartedEventDetails",
                         JSONObject([("length", .integer(batched.count))]))
    // AWS reads the tolerances after recording MapStateStarted: their errors follow that event.
    let tolerance = try mapTolerance(id, def, input: selectorInput)
    var mapRun: Int?
    if def.distributed {
      let run = startMapRun(id, def, itemCount: items.count, executionCount: batched.count,
                            maxConcurrency: maxConcurrency, tolerance: tolerance)
      mapRun = run
      levelLast = emit(id, "MapRunStarted", "mapRunStartedEventDetails",
                       JSONObject([("mapRunArn", .string(state.mapRuns[run].arn))]))
    }
    openBlock(owner: id, def, isMap: true, items: batched, selectorInput: selectorInput,
              maxConcurrency: maxConcurrency, tolerance: tolerance, levelLast: levelLast, mapRun: mapRun)
  }

  /// The items a Map iterates over and what its ItemSelector sees as `$`.
  func mapItems(_ id: Int, _ def: StateDefinition) throws -> ([JSON], JSON) {
    let branch = state.branches[id]!
    if let reader = def["ItemReader"]?.objectValue {
      let selectorInput = def.queryLanguage == .jsonata ? branch.input : try effectiveInput(id, def)
      return (try readItems(id, def, reader, input: selectorInput), selectorInput)
    }
    if def.queryLanguage == .jsonata {
      let states = statesBinding(id, input: branch.input)
      guard let field = def["Items"] else {
        guard let items = branch.input.arrayValue else {
          throw StatesError("States.QueryEvaluationError",
                            cause: "Map state input must be an array but was: \(JSONWriter.compact.string(branch.input))")
        }
        return (items, branch.input)
      }
      let value = try data.evaluate(field, field: "Items", states: states, variables: branch.variables,
                                    expecting: .array)
      return (value.arrayValue ?? [], branch.input)
    }
    let effective = try effectiveInput(id, def)
    var value = effective
    if let path = def["ItemsPath"]?.stringValue {
      value = try data.select(path, field: "ItemsPath", input: effective, context: context(id),
                              variables: branch.variables)
    }
    guard let items = value.arrayValue else {
      throw StatesError("States.QueryEvaluationError",
                        cause: "Map state input must be an array but was: \(JSONWriter.compact.string(value))")
    }
    return (items, effective)
  }

  /// ItemReader: the task handler fetches the object (a mock, or local files standing in for S3) and
  /// `ItemReaderContent` turns it into items; any failure is `States.ItemReaderFailed`.
  func readItems(_ id: Int, _ def: StateDefinition, _ reader: JSONObject, input: JSON) throws -> [JSON] {
    let branch = state.branches[id]!
    let parameters: JSON
    if def.queryLanguage == .jsonata {
      parameters = try jsonata(id, reader["Arguments"], field: "ItemReader.Arguments",
                               states: statesBinding(id, input: input)) ?? .object(JSONObject())
    } else {
      parameters = try reader["Parameters"].map {
        try data.payload($0, field: "ItemReader.Parameters", input: input, context: context(id),
                         variables: branch.variables)
      } ?? .object(JSONObject())
    }
    var config = reader["ReaderConfig"]
    if var object = config?.objectValue, object["MaxItems"] == nil, let path = object["MaxItemsPath"]?.stringValue {
      object["MaxItems"] = try data.select(path, field: "MaxItemsPath", input: input, context: context(id),
                                           variables: branch.variables)
      config = .object(object)
    }
    let invocation = TaskInvocation(executionArn: info.executionArn, stateName: def.name,
                                    resource: reader["Resource"]?.stringValue ?? "", parameters: parameters,
                                    attempt: branch.retryCount)
    let outcome: TaskOutcome
    do {
      outcome = try tasks.start(invocation)
    } catch let error as StatesError {
      throw StatesError("States.ItemReaderFailed", cause: error.cause ?? error.error)
    }
    switch outcome {
    case .succeeded(let result):
      do {
        return try ItemReaderContent.items(fromResult: result,
                                           config: try ItemReaderConfig(json: config,
                                                                        maxItems: config?["MaxItems"]?.intValue))
      } catch let error as StatesError where error.error != "States.ItemReaderFailed" {
        throw StatesError("States.ItemReaderFailed", cause: error.cause ?? error.error)
      }
    case .failed(let error):
      throw StatesError("States.ItemReaderFailed", cause: error.cause ?? error.error)
    case .pending:
      throw StatesError("States.ItemReaderFailed", cause: "The ItemReader's resource did not answer at once")
    }
  }

  /// MaxConcurrency-like integer fields of a Map (number, `...Path` or expression).
  func mapInteger(_ id: Int, _ def: StateDefinition, _ name: String, input: JSON) throws -> Int? {
    if def.queryLanguage == .jsonPath, def[name] == nil, let path = def[name + "Path"]?.stringValue {
      let value = try data.select(path, field: name + "Path", input: input, context: context(id),
                                  variables: state.branches[id]!.variables)
      // A string holding an integer is accepted, as AWS parses the value's text.
      let number = value.numberValue ?? value.stringValue.flatMap { JSONNumber(integerText: $0) }
      guard let n = number, n.isIntegral, let i = n.intValue else {
        throw StatesError.runtime("The \(name)Path field refers to value \"\(Self.plain(value))\" which is not a "
                                    + "valid integer: \(path)")
      }
      return i
    }
    return try integerField(id, def, name, input: input)
  }

  /// A value as AWS quotes it in messages: strings bare, the rest as JSON.
  static func plain(_ value: JSON) -> String { value.stringValue ?? JSONWriter.compact.string(value) }

  /// ToleratedFailureCount and ToleratedFailurePercentage, checked as AWS checks them.
  func mapTolerance(_ id: Int, _ def: StateDefinition, input: JSON) throws -> (Int?, Double?) {
    let count = try mapInteger(id, def, "ToleratedFailureCount", input: input)
    if let count, count < 0 { throw StatesError.runtime("ToleratedFailureCount cannot be negative.") }
    var percentage = def["ToleratedFailurePercentage"]?.doubleValue
    if def.queryLanguage == .jsonata, let field = def["ToleratedFailurePercentage"], field.stringValue != nil {
      percentage = try jsonata(id, field, field: "ToleratedFailurePercentage",
                               states: statesBinding(id, input: input))?.doubleValue
    }
    if percentage == nil, let path = def["ToleratedFailurePercentagePath"]?.stringValue {
      let value = try data.select(path, field: "ToleratedFailurePercentagePath", input: input,
                                  context: context(id), variables: state.branches[id]!.variables)
      guard let d = value.doubleValue else {
        throw StatesError.runtime("The ToleratedFailurePercentagePath field refers to value \"\(Self.plain(value))\" "
                                    + "which is not a valid float: \(path)")
      }
      percentage = d
    }
    if let percentage, percentage < 0 || percentage > 100 {
      throw StatesError.runtime("ToleratedFailurePercentage must be between 0 and 100.")
    }
    return (count, percentage)
  }

  /// ItemBatcher: groups items into `{"Items": [...], "BatchInput": ...}` objects.
  func batches(_ id: Int, _ def: StateDefinition, _ items: [JSON], selectorInput: JSON) throws -> [JSON] {
    guard let batcher = def["ItemBatcher"]?.objectValue else { return items }
    var size = batcher["MaxItemsPerBatch"]?.intValue ?? Int.max
    if let path = batcher["MaxItemsPerBatchPath"]?.stringValue {
      size = try data.select(path, field: "MaxItemsPerBatchPath", input: selectorInput, context: context(id),
                             variables: state.branches[id]!.variables).intValue ?? size
    }
    size = max(size, 1)
    var batchInput: JSON?
    if let template = batcher["BatchInput"] {
      batchInput = def.queryLanguage == .jsonata
        ? try jsonata(id, template, field: "BatchInput", states: statesBinding(id, input: selectorInput))
        : try data.payload(template, field: "BatchInput", input: selectorInput, context: context(id),
                           variables: state.branches[id]!.variables)
    }
    return stride(from: 0, to: items.count, by: size).map { start in
      var o = JSONObject()
      if let batchInput { o["BatchInput"] = batchInput }
      o["Items"] = .array(Array(items[start..<min(start + size, items.count)]))
      return .object(o)
    }
  }

  func openBlock(owner: Int, _ def: StateDefinition, isMap: Bool, items: [JSON], selectorInput: JSON,
                 maxConcurrency: Int, tolerance: (Int?, Double?), levelLast: Int, mapRun: Int? = nil) {
    let blockId = state.nextBlockId
    state.nextBlockId += 1
    state.blocks[blockId] = Block(id: blockId, owner: owner, isMap: isMap, distributed: def.distributed,
                                  stateName: def.name, machines: isMap ? [def.processor!] : def.branches, items: items,
                                  selectorInput: selectorInput, results: Array(repeating: nil, count: items.count),
                                  maxConcurrency: maxConcurrency, toleratedCount: tolerance.0,
                                  toleratedPercentage: tolerance.1, levelLastEventId: levelLast, mapRun: mapRun)
    state.branches[owner]?.block = blockId
    if items.isEmpty {
      resume(owner, .blockDone)
      return
    }
    startChildren(blockId)
  }

  /// Starts children while the block has items left and room under MaxConcurrency.
  func startChildren(_ blockId: Int) {
    // Taken out of the table while it changes, so its arrays are mutated in place rather than copied.
    guard var block = state.blocks.removeValue(forKey: blockId) else { return }
    defer { state.blocks[blockId] = block }
    guard let owner = state.branches[block.owner] else { return }
    var started: [Int] = []
    while !block.rerun.isEmpty || block.nextIndex < block.items.count,
          block.maxConcurrency <= 0 || block.running.count < block.maxConcurrency {
      let index: Int
      if block.rerun.isEmpty {
        index = block.nextIndex
        block.nextIndex += 1
      } else {
        index = block.rerun.removeFirst()
      }
      let item = block.items[index]
      let child = newBranch(machine: block.isMap ? block.machines[0] : block.machines[index], input: item,
                            parent: BranchParent(block: blockId, index: index), lastEventId: owner.lastEventId,
                            variables: owner.variables, recordsHistory: owner.recordsHistory,
                            mapItem: block.isMap ? JSON.object(JSONObject([("Index", .integer(index)), ("Value", item)]))
                              : Optional<JSON>.none, child: block.distributed ? nil : owner.child)
      block.running[index] = child
      started.append(child)
    }
    // Last pushed runs first: the lowest index starts first.
    state.ready.append(contentsOf: started.reversed())
  }

  /// A Map iteration begins: MapIterationStarted, then ItemSelector, then its first state.
  func startIteration(_ id: Int) {
    guard var branch = state.branches[id], let parent = branch.parent, let block = state.blocks[parent.block],
          let owner = state.branches[block.owner] else { return }
    // A Distributed Map's iteration is a child execution: AWS records no iteration events in the parent.
    if branch.recordsHistory, !block.distributed {
      branch.lastEventId = append(type: "MapIterationStarted", previous: owner.lastEventId,
                                  key: "mapIterationStartedEventDetails",
                                  details: JSONObject([("index", .integer(parent.index)),
                                                       ("name", .string(block.stateName))]), child: owner.child)
    }
    branch.continuation = .enter
    state.branches[id] = branch
    let def = definition.machines[owner.machine].states[owner.state]!
    do {
      let selected: JSON?
      let ctx = ContextObject.build(info: info, stateName: owner.state, enteredTime: owner.enteredTime,
                                    retryCount: owner.retryCount, taskToken: nil, mapItem: branch.mapItem)
      if def.queryLanguage == .jsonata {
        let states = JSONataStates(input: block.selectorInput, context: ctx)
        selected = try def["ItemSelector"].map {
          try data.evaluate($0, field: "ItemSelector", states: states, variables: owner.variables, expecting: nil)
        }
      } else {
        selected = try def.parameters.map {
          try data.payload($0, field: def["ItemSelector"] == nil ? "Parameters" : "ItemSelector",
                           input: block.selectorInput, context: ctx, variables: owner.variables)
        }
      }
      if let selected { state.branches[id]?.input = selected }
    } catch {
      if block.distributed { beginChildExecution(id, parent) }
      branchFailed(id, (error as? StatesError) ?? StatesError.runtime("\(error)"))
      return
    }
    if block.distributed { beginChildExecution(id, parent) }
    enter(id)
  }

  func childSucceeded(_ parent: BranchParent, branch: Branch, output: JSON) {
    // Out of the table while it changes: writing one result must not copy all of them.
    guard var block = state.blocks.removeValue(forKey: parent.block) else { return }
    block.results[parent.index] = output
    block.running[parent.index] = nil
    if block.distributed {
      endChildExecution(block, index: parent.index, lastEventId: branch.lastEventId, status: .succeeded,
                        output: output)
    } else if branch.recordsHistory {
      state.branches[block.owner]?.lastEventId = branch.lastEventId
      if block.isMap {
        block.levelLastEventId = append(type: "MapIterationSucceeded", previous: branch.lastEventId,
                                        key: "mapIterationSucceededEventDetails",
                                        details: JSONObject([("index", .integer(parent.index)),
                                                             ("name", .string(block.stateName))]),
                                        child: branch.child)
      } else {
        block.levelLastEventId = branch.lastEventId
      }
    }
    state.blocks[parent.block] = block
    childEnded(parent.block)
  }

  /// A child ended in failure (`aborted`: a Distributed Map child stopped with StopExecution).
  func childFailed(_ parent: BranchParent, branch: Branch, error: StatesError, aborted: Bool = false) {
    guard var block = state.blocks.removeValue(forKey: parent.block) else { return }
    block.running[parent.index] = nil
    block.failures += 1
    block.failedIndexes.insert(parent.index)
    if block.distributed {
      endChildExecution(block, index: parent.index, lastEventId: branch.lastEventId,
                        status: aborted ? .aborted : .failed, error: error)
    } else if branch.recordsHistory {
      state.branches[block.owner]?.lastEventId = branch.lastEventId
      if block.isMap {
        block.levelLastEventId = append(type: "MapIterationFailed", previous: branch.lastEventId,
                                        key: "mapIterationFailedEventDetails",
                                        details: JSONObject([("index", .integer(parent.index)),
                                                             ("name", .string(block.stateName))]),
                                        child: branch.child)
      }
    }
    block.results[parent.index] = Self.errorOutput(error)
    if !block.isMap || exceedsTolerance(block) {
      // A map run always fails by its tolerance (0 when none is set): AWS fails a Distributed Map whose child
      // failed with States.ExceedToleratedFailureThreshold; an inline Map passes its iteration's error on.
      let tolerated = block.toleratedCount != nil || block.toleratedPercentage != nil || block.distributed
      block.failure = (tolerated || aborted) && block.isMap
        ? StatesError("States.ExceedToleratedFailureThreshold",
                      cause: "The specified tolerance threshold for the Map Run has been exceeded")
        : error
      state.blocks[parent.block] = block
      abortChildren(parent.block)
      resume(block.owner, .blockDone)
      return
    }
    state.blocks[parent.block] = block
    childEnded(parent.block)
  }

  func exceedsTolerance(_ block: Block) -> Bool {
    if let count = block.toleratedCount, block.failures > count { return true }
    if let percentage = block.toleratedPercentage,
       Double(block.failures) * 100 > percentage * Double(block.items.count) { return true }
    return block.toleratedCount == nil && block.toleratedPercentage == nil
  }

  /// Ends the children still running after a failure.
  func abortChildren(_ blockId: Int) {
    guard var block = state.blocks.removeValue(forKey: blockId) else { return }
    for (index, childId) in block.running.sorted(by: { $0.key < $1.key }) {
      guard let child = state.branches.removeValue(forKey: childId) else { continue }
      removeTimers(branch: childId)
      if let token = child.taskToken { state.pendingTasks[token] = nil }
      if let nested = child.block { abortNested(nested) }
      if block.distributed {
        endChildExecution(block, index: index, lastEventId: child.lastEventId, status: .aborted)
      } else if block.isMap, child.recordsHistory {
        append(type: "MapIterationAborted", previous: child.lastEventId, key: "mapIterationAbortedEventDetails",
               details: JSONObject([("index", .integer(index)), ("name", .string(block.stateName))]),
               child: child.child)
      }
    }
    block.running = [:]
    block.nextIndex = block.items.count
    block.rerun = []
    state.blocks[blockId] = block
    // Read from a copy: the closure must not read `state` while `removeAll` modifies it (an exclusivity trap).
    let live = state.branches
    state.ready.removeAll { live[$0] == nil }
  }

  func abortNested(_ blockId: Int) {
    abortChildren(blockId)
    state.blocks[blockId] = nil
  }

  func childEnded(_ blockId: Int) {
    guard let block = state.blocks[blockId] else { return }
    if block.nextIndex < block.items.count || !block.rerun.isEmpty {
      startChildren(blockId)
    } else if block.running.isEmpty {
      resume(block.owner, .blockDone)
    }
  }

  /// The children of branch `id`'s Parallel or Map state are done: pass the results on, or fail.
  func blockEnded(_ id: Int) throws {
    guard let blockId = state.branches[id]?.block, let block = state.blocks.removeValue(forKey: blockId) else { return }
    state.branches[id]?.block = nil
    state.branches[id]?.continuation = .blocked
    let def = stateDefinition(state.branches[id]!)
    var result = JSON.array(block.results.map { $0 ?? .null })
    if block.distributed {
      var failure = block.failure
      do {
        // AWS writes the results of a failed map run too.
        if let writer = def["ResultWriter"]?.objectValue { result = try writeResults(id, def, block, writer: writer) }
      } catch {
        failure = failure ?? ((error as? StatesError) ?? StatesError("States.ResultWriterFailed", cause: "\(error)"))
      }
      endMapRun(block, failed: failure != nil)
      if let failure {
        emit(id, "MapRunFailed", "mapRunFailedEventDetails", EventDetails.failure(failure))
        stateFailed(id, failure)
        return
      }
    } else if let failure = block.failure {
      stateFailed(id, failure)
      return
    }
    var levelLast = block.levelLastEventId
    if block.distributed {
      levelLast = emit(id, "MapRunSucceeded")
    }
    if state.branches[id]!.recordsHistory {
      append(type: block.isMap ? "MapStateSucceeded" : "ParallelStateSucceeded", previous: levelLast,
             child: state.branches[id]!.child)
      state.branches[id]?.lastEventId = levelLast
    }
    try processResult(id, def, result)
  }
}
