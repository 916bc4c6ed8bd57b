/// Evaluates a `JMESPathNode` against a JSON value, with jmespath.py's semantics.
enum JMESPathInterpreter {
  /// The result of `node` applied to `value`.
  static func evaluate(_ node: JMESPathNode, _ value: JSON) throws -> JSON {
    switch node {
    case .identity:
      return value
    case .field(let name):
      return value[name] ?? .null
    case .literal(let literal):
      return literal
    case .subexpression(let children), .indexExpression(let children):
      var result = value
      for child in children { result = try evaluate(child, result) }
      return result
    case .index(let i):
      guard case .array(let items) = value else { return .null }
      let position = i < 0 ? items.count + i : i
      return position >= 0 && position < items.count ? items[position] : .null
    case .slice(let start, let stop, let step):
      guard case .array(let items) = value else { return .null }
      return .array(try slice(items, start, stop, step))
    case .projection(let left, let right):
      guard case .array(let items) = try evaluate(left, value) else { return .null }
      return try project(items, right)
    case .valueProjection(let left, let right):
      guard case .object(let object) = try evaluate(left, value) else { return .null }
      return try project(object.values, right)
    case .filterProjection(let left, let right, let condition):
      guard case .array(let items) = try evaluate(left, value) else { return .null }
      var kept: [JSON] = []
      for item in items where isTrue(try evaluate(condition, item)) {
        let result = try evaluate(right, item)
        if !result.isNull { kept.append(result) }
      }
      return .array(kept)
    case .flatten(let inner):
      guard case .array(let items) = try evaluate(inner, value) else { return .null }
      var merged: [JSON] = []
      for item in items {
        if case .array(let nested) = item { merged += nested } else { merged.append(item) }
      }
      return .array(merged)
    case .multiSelectList(let children):
      if value.isNull { return .null }
      return .array(try children.map { try evaluate($0, value) })
    case .multiSelectHash(let pairs):
      if value.isNull { return .null }
      var object = JSONObject()
      for pair in pairs { object[pair.key] = try evaluate(pair.value, value) }
      return .object(object)
    case .comparator(let op, let left, let right):
      return compare(op, try evaluate(left, value), try evaluate(right, value))
    case .or(let left, let right):
      let result = try evaluate(left, value)
      return isTrue(result) ? result : try evaluate(right, value)
    case .and(let left, let right):
      let result = try evaluate(left, value)
      return isTrue(result) ? try evaluate(right, value) : result
    case .not(let inner):
      return .bool(!isTrue(try evaluate(inner, value)))
    case .pipe(let left, let right):
      return try evaluate(right, try evaluate(left, value))
    case .function(let name, let argNodes):
      var args: [JMESPathArgument] = []
      args.reserveCapacity(argNodes.count)
      for node in argNodes {
        if case .expref(let inner) = node {
          args.append(.expref(inner))
        } else {
          args.append(.value(try evaluate(node, value)))
        }
      }
      return try JMESPathFunctions.call(name, args)
    case .expref:
      // An expression reference is only meaningful as a function argument.
      return .null
    }
  }

  /// JMESPath truthiness: false, null, and empty strings, arrays and objects are false; numbers are true.
  static func isTrue(_ value: JSON) -> Bool {
    switch value {
    case .null: return false
    case .bool(let b): return b
    case .number: return true
    case .string(let s): return !s.isEmpty
    case .array(let a): return !a.isEmpty
    case .object(let o): return !o.isEmpty
    }
  }

  private static func project(_ items: [JSON], _ right: JMESPathNode) throws -> JSON {
    var collected: [JSON] = []
    collected.reserveCapacity(items.count)
    for item in items {
      let result = try evaluate(right, item)
      if !result.isNull { collected.append(result) }
    }
    return .array(collected)
  }

  /// Ordering applies to two numbers or two strings (compared by code point); anything else orders as null.
  private static func compare(_ op: JMESPathComparator, _ a: JSON, _ b: JSON) -> JSON {
    switch op {
    case .eq: return .bool(a == b)
    case .ne: return .bool(a != b)
    default: break
    }
    let order: Int
    switch (a, b) {
    case (.number(let x), .number(let y)):
      order = x < y ? -1 : (y < x ? 1 : 0)
    case (.string(let x), .string(let y)):
      order = codePointOrder(x, y)
    default:
      return .null
    }
    switch op {
    case .lt: return .bool(order < 0)
    case .lte: return .bool(order <= 0)
    case .gt: return .bool(order > 0)
    default: return .bool(order >= 0)
    }
  }

  /// -1, 0 or 1 comparing Unicode scalar values, as Python compares strings.
  static func codePointOrder(_ a: String, _ b: String) -> Int {
    var i = a.unicodeScalars.makeIterator()
    var j = b.unicodeScalars.makeIterator()
    while true {
      switch (i.next(), j.next()) {
      case (nil, nil): return 0
      case (nil, _): return -1
      case (_, nil): return 1
      case (let x?, let y?):
        if x != y { return x.value < y.value ? -1 : 1 }
      }
    }
  }

  /// Python list slicing (`items[start:stop:step]`).
  private static func slice(_ items: [JSON], _ start: Int?, _ stop: Int?, _ step: Int?) throws -> [JSON] {
    let step = step ?? 1
    if step == 0 { throw JMESPathError(kind: .invalidValue, message: "slice step cannot be 0") }
    let count = items.count
    let lower = step < 0 ? -1 : 0
    let upper = step < 0 ? count - 1 : count
    func clamp(_ bound: Int?, default value: Int) -> Int {
      guard var bound else { return value }
      if bound < 0 {
        bound = bound < -count ? lower : bound + count
        return max(bound, lower)
      }
      return min(bound, upper)
    }
    var i = clamp(start, default: step < 0 ? upper : lower)
    let end = clamp(stop, default: step < 0 ? lower : upper)
    var result: [JSON] = []
    while step > 0 ? i < end : i > end {
      result.append(items[i])
      let (next, overflow) = i.addingReportingOverflow(step)
      if overflow { break }
      i = next
    }
    return result
  }
}

/// A function argument: a value, or an unevaluated `&expression`.
enum JMESPathArgument {
  case value(JSON)
  case expref(JMESPathNode)
}
