/// One evaluation of a parsed expression: jsonata-js's `evaluate` and its helpers. Created per call of
/// `JSONataExpression.evaluate`, so its counters are never shared between evaluations.
final class Evaluator: EvaluationContext {
  let environment: EvaluationEnvironment
  private let program: Program
  private let maxDepth: Int
  private var depth = 0
  private var ticks = 0
  private let deadline: Double?
  /// The input and frame of the built-in being called, for `$eval`.
  private(set) var currentInput: Value?
  private(set) var currentFrame: Frame

  init(program: Program, environment: EvaluationEnvironment, frame: Frame, defaultMaxDepth: Int) {
    self.program = program
    self.environment = environment
    maxDepth = environment.maxDepth ?? defaultMaxDepth
    deadline = environment.timeLimitMillis.map { environment.clock() + $0 }
    currentFrame = frame
  }

  // MARK: - limits

  private func enter() throws {
    depth += 1
    if depth > maxDepth {
      throw JSONataError(code: "U1001")
    }
    if let deadline {
      ticks &+= 1
      if ticks & 63 == 0 && environment.clock() > deadline {
        throw JSONataError(code: "U1001", message: JSONataError.templates["U1002"])
      }
    }
  }

  // MARK: - evaluate

  func evaluate(_ expr: Node, _ input: Value?, _ frame: Frame) throws -> Value? {
    try enter()
    defer { depth -= 1 }
    var result: Value?
    switch expr.type {
    case .path: result = try evaluatePath(expr, input, frame)
    case .binary: result = try evaluateBinary(expr, input, frame)
    case .unary: result = try evaluateUnary(expr, input, frame)
    case .name: result = Evaluator.lookup(input, expr.value)
    case .string, .number, .value: result = expr.literal
    case .wildcard: result = evaluateWildcard(input)
    case .descendant: result = evaluateDescendants(input)
    case .parent: result = frame.lookup(expr.slot!.label)
    case .condition:
      if Value.isTruthy(try evaluate(expr.condition!, input, frame)) {
        result = try evaluate(expr.then!, input, frame)
      } else if let otherwise = expr.otherwise {
        result = try evaluate(otherwise, input, frame)
      }
    case .block:
      let blockFrame = Frame(parent: frame)
      for e in expr.expressions { result = try evaluate(e, input, blockFrame) }
    case .bind:
      result = try evaluate(expr.rhs!, input, frame)
      frame.bind(expr.lhs!.value, result)
    case .regex: result = .function(FunctionValue(.regex(expr.regex!), arity: 1))
    case .function: result = try evaluateFunction(expr, input, frame, applyTo: nil)
    case .variable:
      if expr.value.isEmpty {
        if case .array(let a)? = input, a.outerWrapper { result = a.items.first } else { result = input }
      } else {
        result = frame.lookup(expr.value)
      }
    case .lambda:
      let lambda = Lambda(body: .expression(expr.body!), parameters: expr.arguments.map(\.value),
                          signature: expr.signature, input: input, frame: frame, isThunk: expr.thunk)
      result = .function(lambda.functionValue)
    case .partial: result = try evaluatePartial(expr, input, frame)
    case .apply: result = try evaluateApply(expr, input, frame)
    case .transform: result = .function(transformFunction(expr, frame))
    case .sort, .op, .end:
      throw JSONataError(code: "S0206", position: expr.position, token: expr.value)
    }
    if let predicate = expr.predicate {
      for stage in predicate {
        if case .filter(let p, _) = stage { result = try evaluateFilter(p, result, frame).map(Value.array) }
      }
    }
    if expr.type != .path, let group = expr.group {
      result = try evaluateGroup(group, result, frame)
    }
    if case .array(var a)? = result, a.isSequence, !a.isTupleStream {
      if expr.keepArray { a.keepSingleton = true }
      if a.items.isEmpty {
        result = nil
      } else if a.items.count == 1 {
        result = a.keepSingleton ? .array(a) : a.items[0]
      } else if expr.keepArray {
        result = .array(a)
      }
    }
    return result
  }

  // MARK: - paths

  /// The input of a path step: nothing, one value (no sequence is allocated for it), or a sequence.
  private enum StepInput {
    case undefined
    case single(Value)
    case items(ArrayValue)

    var sequence: ArrayValue {
      switch self {
      case .undefined: return .sequence()
      case .single(let v): return .sequence([v])
      case .items(let a): return a
      }
    }

    var isUndefined: Bool {
      if case .undefined = self { return true }
      return false
    }
  }

  private func evaluatePath(_ expr: Node, _ input: Value?, _ frame: Frame) throws -> Value? {
    var stepInput: StepInput
    if case .array(let a)? = input, expr.steps[0].type != .variable {
      stepInput = .items(a)
    } else if let input {
      stepInput = .single(input)
    } else {
      stepInput = .undefined
    }
    var resultSequence = ArrayValue.sequence()
    var isTupleStream = false
    var tuples: [ObjectValue]?
    for (i, step) in expr.steps.enumerated() {
      if step.tuple { isTupleStream = true }
      if i == 0 && step.consarray {
        switch try evaluate(step, .array(stepInput.sequence), frame) {
        case .array(let a)?: resultSequence = a
        case let v?: resultSequence = .sequence([v])
        case nil: resultSequence = .sequence()
        }
      } else if isTupleStream {
        tuples = try evaluateTupleStep(step, stepInput.sequence, stepInput.isUndefined, tuples, frame)
      } else {
        resultSequence = try evaluateStep(step, stepInput, frame, lastStep: i == expr.steps.count - 1)
      }
      if !isTupleStream && resultSequence.items.isEmpty { break }
      if step.focus == nil { stepInput = .items(resultSequence) }
    }
    if isTupleStream {
      if expr.tuple {
        resultSequence = ArrayValue((tuples ?? []).map(Value.object), isSequence: true)
        resultSequence.isTupleStream = true
      } else {
        resultSequence = .sequence((tuples ?? []).compactMap { $0["@"] })
      }
    }
    if expr.keepSingletonArray {
      if resultSequence.isConstructed && !resultSequence.isSequence {
        resultSequence = .sequence([.array(resultSequence)])
      }
      resultSequence.keepSingleton = true
    }
    if let group = expr.group {
      let groupInput: Value = isTupleStream
        ? .array(tupleStream(tuples ?? [])) : .array(resultSequence)
      return try evaluateGroup(group, groupInput, frame)
    }
    return .array(resultSequence)
  }

  private func tupleStream(_ tuples: [ObjectValue]) -> ArrayValue {
    var a = ArrayValue(tuples.map(Value.object), isSequence: true)
    a.isTupleStream = true
    return a
  }

  private func evaluateStep(_ expr: Node, _ input: StepInput, _ frame: Frame, lastStep: Bool) throws -> ArrayValue {
    if expr.type == .sort {
      var result = try evaluateSort(expr, input.sequence, frame)
      if let stages = expr.stages { result = try evaluateStages(stages, result, frame) }
      return result
    }
    // Results are flattened into `out` as they come, except the first, which waits for a second: jsonata-js
    // returns a last step's only array result itself, and copying a large array only to drop the copy was most of
    // the cost of `$sum(values)` over 100,000 numbers.
    var out = ArrayValue.sequence()
    var count = 0
    var first: Value?
    func add(_ res: Value) {
      if case .array(let a) = res, !a.isConstructed {
        out.items.append(contentsOf: a.items)
      } else {
        out.items.append(res)
      }
    }
    func one(_ item: Value?) throws {
      var res = try evaluate(expr, item, frame)
      if let stages = expr.stages {
        for stage in stages {
          if case .filter(let p, _) = stage { res = try evaluateFilter(p, res, frame).map(Value.array) }
        }
      }
      guard let res else { return }
      count += 1
      if count == 1 {
        first = res
        return
      }
      if count == 2, let first { add(first) }
      add(res)
    }
    switch input {
    case .undefined: try one(nil)
    case .single(let v): try one(v)
    case .items(let a):
      out.items.reserveCapacity(a.items.count)
      for item in a.items { try one(item) }
    }
    if count == 1, let first {
      if lastStep, case .array(let a) = first, !a.isSequence { return a }
      if case .array(let a) = first, !a.isConstructed, out.items.isEmpty {
        // The only result is an array: it becomes the sequence without an element-by-element copy.
        var sequence = a
        sequence.isSequence = true
        sequence.keepSingleton = false
        sequence.outerWrapper = false
        sequence.isTupleStream = false
        return sequence
      }
      add(first)
    }
    return out
  }

  private func frame(for tuple: ObjectValue, _ parent: Frame) -> Frame {
    let f = Frame(parent: parent)
    for (k, v) in tuple.entries { f.bind(k, v) }
    return f
  }

  private func evaluateTupleStep(_ expr: Node, _ input: ArrayValue, _ undefinedInput: Bool,
                                 _ tupleBindings: [ObjectValue]?, _ frame: Frame) throws -> [ObjectValue] {
    if expr.type == .sort {
      var result: ArrayValue
      if let tupleBindings {
        result = try evaluateSort(expr, tupleStream(tupleBindings), frame)
      } else {
        let sorted = try evaluateSort(expr, input, frame)
        var tuples: [ObjectValue] = []
        for (i, item) in sorted.items.enumerated() {
          var tuple = ObjectValue()
          tuple["@"] = item
          if let index = expr.index { tuple[index] = .number(Double(i)) }
          tuples.append(tuple)
        }
        result = tupleStream(tuples)
      }
      if let stages = expr.stages { result = try evaluateStages(stages, result, frame) }
      return Evaluator.tuples(of: result)
    }
    let bindings: [ObjectValue]
    if let tupleBindings {
      bindings = tupleBindings
    } else if undefinedInput {
      bindings = [ObjectValue()]
    } else {
      bindings = input.items.map { item in
        var t = ObjectValue()
        t["@"] = item
        return t
      }
    }
    var result: [ObjectValue] = []
    for binding in bindings {
      let stepFrame = self.frame(for: binding, frame)
      guard let res = try evaluate(expr, binding["@"], stepFrame) else { continue }
      let items: [Value]
      var resIsTupleStream = false
      if case .array(let a) = res {
        items = a.items
        resIsTupleStream = a.isTupleStream
      } else {
        items = [res]
      }
      for (bb, item) in items.enumerated() {
        var tuple = binding
        if resIsTupleStream, case .object(let o) = item {
          for (k, v) in o.entries { tuple[k] = v }
        } else {
          if let focus = expr.focus {
            tuple[focus] = item
            tuple["@"] = binding["@"]
          } else {
            tuple["@"] = item
          }
          if let index = expr.index { tuple[index] = .number(Double(bb)) }
          if let ancestor = expr.ancestor { tuple[ancestor.label] = binding["@"] }
        }
        result.append(tuple)
      }
    }
    if let stages = expr.stages {
      return Evaluator.tuples(of: try evaluateStages(stages, tupleStream(result), frame))
    }
    return result
  }

  private static func tuples(of stream: ArrayValue) -> [ObjectValue] {
    stream.items.compactMap { if case .object(let o) = $0 { return o } else { return nil } }
  }

  private func evaluateStages(_ stages: [Stage], _ input: ArrayValue, _ frame: Frame) throws -> ArrayValue {
    var result = input
    for stage in stages {
      switch stage {
      case .filter(let predicate, _):
        result = try evaluateFilter(predicate, .array(result), frame) ?? .sequence()
      case .index(let name):
        for i in result.items.indices {
          if case .object(var tuple) = result.items[i] {
            tuple[name] = .number(Double(i))
            result.items[i] = .object(tuple)
          }
        }
      }
    }
    return result
  }

  /// Applies a predicate: numbers select by index (negative from the end), other values filter by truthiness.
  private func evaluateFilter(_ predicate: Node, _ input: Value?, _ frame: Frame) throws -> ArrayValue? {
    var results = ArrayValue.sequence()
    let items: ArrayValue
    switch input {
    case .array(let a)?: items = a
    case let v?: items = .sequence([v])
    case nil: items = .sequence()
    }
    results.isTupleStream = items.isTupleStream
    if predicate.type == .number, case .number(let n) = predicate.literal {
      var index = Evaluator.clampedIndex(n)
      if index < 0 { index += items.items.count }
      if index >= 0 && index < items.items.count {
        let item = items.items[index]
        if case .array(let a) = item {
          return a
        }
        results.items.append(item)
      }
      return results
    }
    for (index, item) in items.items.enumerated() {
      var context: Value? = item
      var env = frame
      if items.isTupleStream, case .object(let tuple) = item {
        context = tuple["@"]
        env = self.frame(for: tuple, frame)
      }
      var res = try evaluate(predicate, context, env)
      if case .number(let n)? = res, !n.isNaN { res = .array(ArrayValue([.number(n)])) }
      if case .array(let a)? = res, a.items.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
        for case .number(let n) in a.items {
          var ii = Evaluator.clampedIndex(n)
          if ii < 0 { ii += items.items.count }
          if ii == index { results.items.append(item) }
        }
      } else if Value.isTruthy(res) {
        results.items.append(item)
      }
    }
    return results
  }

  /// `Math.floor(n)` as an array index; values beyond any array's size are clamped so they cannot trap.
  static func clampedIndex(_ n: Double) -> Int {
    guard !n.isNaN else { return Int.max }
    return Int(max(-1e15, min(1e15, n.rounded(.down))))
  }

  static func lookup(_ input: Value?, _ key: String) -> Value? {
    switch input {
    case .array(let a)?:
      var result = ArrayValue.sequence()
      for item in a.items {
        guard let res = lookup(item, key) else { continue }
        if case .array(let r) = res {
          result.items.append(contentsOf: r.items)
        } else {
          result.items.append(res)
        }
      }
      return .array(result)
    case .object(let o)?:
      return o[key]
    default:
      return nil
    }
  }

  private func evaluateWildcard(_ input: Value?) -> Value? {
    var input = input
    if case .array(let a)? = input, a.outerWrapper, !a.items.isEmpty { input = a.items[0] }
    var results = ArrayValue.sequence()
    let values: [Value]
    switch input {
    case .object(let o)?: values = o.values
    case .array(let a)?: values = a.items
    default: values = []
    }
    for value in values {
      if case .array = value {
        // jsonata-js appends with Array.concat here, which yields a plain array rather than a sequence
        results.items.append(contentsOf: Evaluator.flatten(value))
        results.isSequence = false
      } else {
        results.items.append(value)
      }
    }
    return .array(results)
  }

  private static func flatten(_ value: Value) -> [Value] {
    var out: [Value] = []
    func go(_ v: Value) {
      if case .array(let a) = v { a.items.forEach(go) } else { out.append(v) }
    }
    go(value)
    return out
  }

  private func evaluateDescendants(_ input: Value?) -> Value? {
    guard let input else { return nil }
    var results: [Value] = []
    func recurse(_ v: Value) {
      switch v {
      case .array(let a): a.items.forEach(recurse)
      case .object(let o):
        results.append(v)
        o.values.forEach(recurse)
      default: results.append(v)
      }
    }
    recurse(input)
    return results.count == 1 ? results[0] : .array(.sequence(results))
  }

  // MARK: - operators

  private func evaluateBinary(_ expr: Node, _ input: Value?, _ frame: Frame) throws -> Value? {
    let lhs = try evaluate(expr.lhs!, input, frame)
    let op = expr.value
    func locate(_ error: JSONataError) -> JSONataError {
      guard error.code.first != "U" else { return error }
      var error = error
      error.position = expr.position
      error.token = op
      error.refreshMessage()
      return error
    }
    if op == "and" || op == "or" {
      do {
        let l = Value.isTruthy(lhs)
        if op == "and" { return .bool(l ? Value.isTruthy(try evaluate(expr.rhs!, input, frame)) : false) }
        return .bool(l ? true : Value.isTruthy(try evaluate(expr.rhs!, input, frame)))
      } catch let error as JSONataError {
        throw locate(error)
      }
    }
    let rhs = try evaluate(expr.rhs!, input, frame)
    do {
      switch op {
      case "+", "-", "*", "/", "%": return try Operators.arithmetic(lhs, rhs, op)
      case "=": return (lhs == nil || rhs == nil) ? .bool(false) : .bool(Value.deepEqual(lhs, rhs))
      case "!=": return (lhs == nil || rhs == nil) ? .bool(false) : .bool(!Value.deepEqual(lhs, rhs))
      case "<", "<=", ">", ">=": return try Operators.compare(lhs, rhs, op)
      case "&":
        return .string((try Value.stringCast(lhs) ?? "") + (try Value.stringCast(rhs) ?? ""))
      case "..": return try Operators.range(lhs, rhs)
      case "in": return .bool(Operators.includes(lhs, rhs))
      default: throw JSONataError(code: "S0201", token: op)
      }
    } catch let error as JSONataError {
      throw locate(error)
    }
  }

  private func evaluateUnary(_ expr: Node, _ input: Value?, _ frame: Frame) throws -> Value? {
    switch expr.value {
    case "-":
      guard let value = try evaluate(expr.expression!, input, frame) else { return nil }
      if case .number(let n) = value, try Operators.isNumeric(value) { return .number(-n) }
      throw JSONataError(code: "D1002", position: expr.position, token: "-", value: value)
    case "[":
      var result: [Value] = []
      for item in expr.expressions {
        guard let value = try evaluate(item, input, frame) else { continue }
        if item.type == .unary && item.value == "[" {
          result.append(value)
        } else if case .array(let a) = value {
          result.append(contentsOf: a.items)
        } else {
          result.append(value)
        }
      }
      return .array(ArrayValue(result, isConstructed: expr.consarray))
    case "{":
      return try evaluateGroup(GroupClause(pairs: expr.pairs, position: expr.position), input, frame)
    default:
      throw JSONataError(code: "S0211", position: expr.position, token: expr.value)
    }
  }

  // MARK: - grouping and sorting

  private func evaluateGroup(_ group: GroupClause, _ input: Value?, _ frame: Frame) throws -> Value? {
    var items: [Value?]
    var reduce = false
    switch input {
    case .array(let a)?:
      items = a.items
      reduce = a.isTupleStream
    case let v?: items = [v]
    case nil: items = []
    }
    if items.isEmpty { items = [nil] }
    var order: [String] = []
    // Each group's members are collected and combined once at the end (jsonata-js appends one by one).
    var groups: [String: (members: [Value], pairIndex: Int)] = [:]
    for item in items {
      var env = frame
      var context = item
      if reduce, case .object(let tuple)? = item {
        env = self.frame(for: tuple, frame)
        context = tuple["@"]
      }
      for (pairIndex, pair) in group.pairs.enumerated() {
        let key = try evaluate(pair.key, context, env)
        guard let key else { continue }
        guard case .string(let k) = key else {
          throw JSONataError(code: "T1003", position: group.position, value: key)
        }
        if let existing = groups[k] {
          if existing.pairIndex != pairIndex {
            throw JSONataError(code: "D1009", position: group.position, value: key)
          }
          if let item { groups[k]!.members.append(item) }
        } else {
          groups[k] = (item.map { [$0] } ?? [], pairIndex)
          order.append(k)
        }
      }
    }
    var result = ObjectValue()
    for key in order {
      let entry = groups[key]!
      var context = Evaluator.combine(entry.members)
      var env = frame
      if reduce {
        var tuple = reduceTuples(entry.members)
        context = tuple["@"]
        tuple["@"] = nil
        env = self.frame(for: tuple, frame)
      }
      if let value = try evaluate(group.pairs[entry.pairIndex].value, context, env) {
        result[key] = value
      }
    }
    return .object(result)
  }

  /// The values jsonata-js's repeated `$append` would build: one value as itself, several as one array with the
  /// items of array values spread.
  private static func combine(_ values: [Value]) -> Value? {
    if values.count < 2 { return values.first }
    var items: [Value] = []
    items.reserveCapacity(values.count)
    for value in values {
      if case .array(let a) = value { items.append(contentsOf: a.items) } else { items.append(value) }
    }
    return .array(ArrayValue(items))
  }

  /// Merges a group's binding tuples: each variable's values combined as `combine` does.
  private func reduceTuples(_ members: [Value]) -> ObjectValue {
    if members.count == 1, case .object(let tuple) = members[0] { return tuple }
    var keys: [String] = []
    var parts: [String: [Value]] = [:]
    for case .object(let tuple) in members {
      for (k, v) in tuple.entries {
        if parts[k] == nil {
          keys.append(k)
          parts[k] = [v]
        } else {
          parts[k]!.append(v)
        }
      }
    }
    var result = ObjectValue()
    for k in keys { result[k] = Evaluator.combine(parts[k]!) }
    return result
  }

  private func evaluateSort(_ expr: Node, _ input: ArrayValue, _ frame: Frame) throws -> ArrayValue {
    let count = input.items.count
    if count <= 1 { return input }
    var keys: [[Value?]] = []
    keys.reserveCapacity(count)
    for item in input.items {
      var context: Value? = item
      var env = frame
      if input.isTupleStream, case .object(let tuple) = item {
        context = tuple["@"]
        env = self.frame(for: tuple, frame)
      }
      keys.append(try expr.terms.map { try evaluate($0.expression, context, env) })
    }
    func compare(_ a: Int, _ b: Int) throws -> Int {
      for (t, term) in expr.terms.enumerated() {
        let aa = keys[a][t]
        let bb = keys[b][t]
        guard let aa else {
          if bb == nil { continue }
          return 1
        }
        guard let bb else { return -1 }
        var comp: Int
        switch (aa, bb) {
        case (.number(let x), .number(let y)): comp = x == y ? 0 : (x < y ? -1 : 1)
        case (.string(let x), .string(let y)): comp = x == y ? 0 : (Operators.utf16Less(x, y) ? -1 : 1)
        case (.number, _), (.string, _):
          if case .number = bb {} else if case .string = bb {} else {
            throw JSONataError(code: "T2008", position: expr.position, value: bb)
          }
          throw JSONataError(code: "T2007", position: expr.position, value: aa, value2: bb)
        default:
          throw JSONataError(code: "T2008", position: expr.position, value: aa)
        }
        if comp == 0 { continue }
        if term.descending { comp = -comp }
        return comp
      }
      return 0
    }
    var order = Array(0..<count)
    try Operators.mergeSort(&order) { try compare($0, $1) > 0 }
    var result = input
    result.items = order.map { input.items[$0] }
    return result
  }

  // MARK: - functions

  private func procedureName(_ procedure: Node) -> String {
    procedure.type == .path ? procedure.steps[0].value : procedure.value
  }

  private func evaluateFunction(_ expr: Node, _ input: Value?, _ frame: Frame, applyTo: Value??) throws -> Value? {
    let procedure = expr.procedure!
    let proc = try evaluate(procedure, input, frame)
    if proc == nil && procedure.type == .path && frame.lookup(procedure.steps[0].value) != nil {
      throw JSONataError(code: "T1005", position: expr.position, token: procedure.steps[0].value)
    }
    var args: [Value?] = []
    args.reserveCapacity(expr.arguments.count + 1)
    if let applyTo { args.append(applyTo) }
    for arg in expr.arguments { args.append(try evaluate(arg, input, frame)) }
    let name = procedureName(procedure)
    do {
      return try apply(proc, args, input, frame)
    } catch var error as JSONataError {
      if error.code.first != "U" {
        if error.token == nil { error.token = name }
        error.position = expr.position
        error.refreshMessage()
      }
      throw error
    }
  }

  /// Calls a function value with arguments, running tail calls in a loop rather than recursively.
  func apply(_ proc: Value?, _ args: [Value?], _ input: Value?, _ frame: Frame) throws -> Value? {
    var result = try applyInner(proc, args, input, frame)
    while case .function(let f)? = result, case .evaluator(let object) = f.kind, let thunk = object as? Lambda,
          thunk.isThunk, case .expression(let call) = thunk.body {
      let next = try evaluate(call.procedure!, thunk.input, thunk.frame)
      var evaluated: [Value?] = []
      for arg in call.arguments { evaluated.append(try evaluate(arg, thunk.input, thunk.frame)) }
      do {
        result = try applyInner(next, evaluated, input, frame)
      } catch var error as JSONataError {
        if error.code.first != "U" {
          if error.token == nil { error.token = procedureName(call.procedure!) }
          error.position = call.position
          error.refreshMessage()
        }
        throw error
      }
    }
    return result
  }

  private func applyInner(_ proc: Value?, _ args: [Value?], _ input: Value?, _ frame: Frame) throws -> Value? {
    guard case .function(let function)? = proc else { throw JSONataError(code: "T1006") }
    switch function.kind {
    case .builtin(let builtin):
      var validated = args
      if let signature = program.signature(of: builtin) {
        validated = try signature.validate(args, context: input)
      }
      return try callBuiltin(builtin, validated, input, frame)
    case .regex(let matcher):
      guard case .string(let text)? = args.first else { return nil }
      var from = 0
      if args.count > 1, case .number(let n)? = args[1] { from = max(0, Evaluator.clampedIndex(n)) }
      return try regexMatch(matcher, text, from: from)
    case .evaluator(let object):
      guard let lambda = object as? Lambda else { throw JSONataError(code: "T1006") }
      var validated = args
      if let signature = lambda.signature { validated = try signature.validate(args, context: input) }
      return try applyProcedure(lambda, validated)
    }
  }

  private func callBuiltin(_ builtin: Builtin, _ args: [Value?], _ input: Value?, _ frame: Frame) throws -> Value? {
    let savedInput = currentInput
    let savedFrame = currentFrame
    currentInput = input
    currentFrame = frame
    defer {
      currentInput = savedInput
      currentFrame = savedFrame
    }
    return try builtin.body(args, self)
  }

  private func applyProcedure(_ lambda: Lambda, _ args: [Value?]) throws -> Value? {
    let env: Frame
    if lambda.hasDistinctParameters {
      env = Frame(parent: lambda.frame, names: lambda.parameters, values: args)
    } else {
      env = Frame(parent: lambda.frame)
      for (i, name) in lambda.parameters.enumerated() { env.bind(name, i < args.count ? args[i] : nil) }
    }
    switch lambda.body {
    case .expression(let body):
      return try evaluate(body, lambda.input, env)
    case .native(let builtin, let names):
      var nativeArgs = names.map { env.lookup($0) }
      while let last = nativeArgs.last, last == nil { nativeArgs.removeLast() }
      if let signature = program.signature(of: builtin) {
        nativeArgs = try signature.validate(nativeArgs, context: nil)
      }
      return try callBuiltin(builtin, nativeArgs, nil, env)
    case .chain(let first, let second):
      let inner = try apply(.function(first), [args.first ?? nil], nil, env)
      return try apply(.function(second), [inner], nil, env)
    }
  }

  private func evaluatePartial(_ expr: Node, _ input: Value?, _ frame: Frame) throws -> Value? {
    var args: [Value?] = []
    var holes: [Bool] = []
    for arg in expr.arguments {
      if arg.type == .op && arg.value == "?" {
        args.append(nil)
        holes.append(true)
      } else {
        args.append(try evaluate(arg, input, frame))
        holes.append(false)
      }
    }
    let procedure = expr.procedure!
    let proc = try evaluate(procedure, input, frame)
    if proc == nil && procedure.type == .path && frame.lookup(procedure.steps[0].value) != nil {
      throw JSONataError(code: "T1007", position: expr.position, token: procedure.steps[0].value)
    }
    guard case .function(let function)? = proc else {
      throw JSONataError(code: "T1008", position: expr.position, token: procedureName(procedure))
    }
    switch function.kind {
    case .evaluator(let object as Lambda):
      return .function(partiallyApply(object, args, holes))
    case .builtin(let builtin):
      let count = max(program.signature(of: builtin)?.paramCount ?? 0, args.count)
      let names = (0..<count).map { "\u{1}arg\($0)" }
      let native = Lambda(body: .native(builtin, names), parameters: names, signature: nil, input: nil,
                          frame: Frame(parent: nil))
      return .function(partiallyApply(native, args, holes))
    default:
      throw JSONataError(code: "T1008", position: expr.position, token: procedureName(procedure))
    }
  }

  private func partiallyApply(_ lambda: Lambda, _ args: [Value?], _ holes: [Bool]) -> FunctionValue {
    let env = Frame(parent: lambda.frame)
    var unbound: [String] = []
    for (i, name) in lambda.parameters.enumerated() {
      if i < args.count && holes[i] {
        unbound.append(name)
      } else {
        env.bind(name, i < args.count ? args[i] : nil)
      }
    }
    return Lambda(body: lambda.body, parameters: unbound, signature: lambda.signature, input: lambda.input,
                  frame: env).functionValue
  }

  private func evaluateApply(_ expr: Node, _ input: Value?, _ frame: Frame) throws -> Value? {
    let lhs = try evaluate(expr.lhs!, input, frame)
    if expr.rhs!.type == .function {
      return try evaluateFunction(expr.rhs!, input, frame, applyTo: .some(lhs))
    }
    let function = try evaluate(expr.rhs!, input, frame)
    guard case .function(let g)? = function else {
      throw JSONataError(code: "T2006", position: expr.position, value: function)
    }
    if case .function(let f)? = lhs {
      let chain = Lambda(body: .chain(f, g), parameters: ["x"], signature: nil, input: nil, frame: frame)
      return .function(chain.functionValue)
    }
    return try apply(function, [lhs], nil, frame)
  }

  /// Calls a regex as jsonata-js's regex closure does: the first match at or after `from`, with `next()`.
  private func regexMatch(_ matcher: RegexMatcher, _ text: String, from: Int) throws -> Value? {
    guard let match = try matcher.firstMatch(in: text, from: from) else { return nil }
    var object = ObjectValue()
    object["match"] = .string(match.match)
    object["start"] = .number(Double(match.start))
    object["end"] = .number(Double(match.end))
    object["groups"] = .array(ArrayValue(match.groups.map(Value.string)))
    let lastIndex = match.end
    let length = text.utf16.count
    object["next"] = .function(FunctionValue(.builtin(Builtin("next", nil) { _, context in
      if lastIndex >= length { return nil }
      guard let evaluator = context as? Evaluator else { return nil }
      let next = try evaluator.regexMatch(matcher, text, from: lastIndex)
      if case .object(let o)? = next, case .string(let m)? = o["match"], m.isEmpty {
        throw JSONataError(code: "D1004", value: .string(matcher.pattern))
      }
      return next
    }), arity: 0))
    return .object(object)
  }

  // MARK: - EvaluationContext

  func apply(_ function: FunctionValue, _ arguments: [Value?]) throws -> Value? {
    try apply(.function(function), arguments, nil, currentFrame)
  }

  /// Evaluates a parsed expression in the frame and input of the current built-in call (`$eval`).
  func evaluateNested(_ expr: Node, input: Value?) throws -> Value? {
    try evaluate(expr, input, currentFrame)
  }

  // MARK: - transform

  private func transformFunction(_ expr: Node, _ frame: Frame) -> FunctionValue {
    let builtin = Builtin("transform", "<(oa):o>") { args, context in
      guard let evaluator = context as? Evaluator else { return nil }
      return try Transformer(evaluator: evaluator, expr: expr, frame: frame).run(args.first ?? nil)
    }
    return FunctionValue(.builtin(builtin), arity: 1)
  }
}
