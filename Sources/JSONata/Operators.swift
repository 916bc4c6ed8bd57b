/// The value-level semantics of JSONata's operators, as jsonata-js defines them.
enum Operators {
  /// jsonata-js's `isNumeric`: a number that is not NaN; an infinite number is error D1001.
  static func isNumeric(_ value: Value?) throws -> Bool {
    guard case .number(let n)? = value, !n.isNaN else { return false }
    if !n.isFinite { throw JSONataError(code: "D1001", value: value) }
    return true
  }

  static func arithmetic(_ lhs: Value?, _ rhs: Value?, _ op: String) throws -> Value? {
    if lhs != nil, try !isNumeric(lhs) { throw JSONataError(code: "T2001", value: lhs) }
    if rhs != nil, try !isNumeric(rhs) { throw JSONataError(code: "T2002", value: rhs) }
    guard case .number(let a)? = lhs, case .number(let b)? = rhs else { return nil }
    let result: Double
    switch op {
    case "+": result = a + b
    case "-": result = a - b
    case "*": result = a * b
    case "/": result = a / b
    default: result = a.truncatingRemainder(dividingBy: b)
    }
    return .number(result)
  }

  static func compare(_ lhs: Value?, _ rhs: Value?, _ op: String) throws -> Value? {
    func comparable(_ v: Value?) -> Bool {
      switch v {
      case nil, .string?, .number?: return true
      default: return false
      }
    }
    func stringOrNumber(_ v: Value?) -> Bool {
      switch v {
      case .string?, .number?: return true
      default: return false
      }
    }
    if !comparable(lhs) || !comparable(rhs) {
      throw JSONataError(code: "T2010", value: stringOrNumber(lhs) ? rhs : lhs)
    }
    guard let lhs, let rhs else { return nil }
    let order: Int
    switch (lhs, rhs) {
    case (.number(let a), .number(let b)):
      if a.isNaN || b.isNaN { return .bool(false) }
      order = a < b ? -1 : (a == b ? 0 : 1)
    case (.string(let a), .string(let b)):
      order = a == b ? 0 : (utf16Less(a, b) ? -1 : 1)
    default:
      throw JSONataError(code: "T2009", value: lhs, value2: rhs)
    }
    switch op {
    case "<": return .bool(order < 0)
    case "<=": return .bool(order <= 0)
    case ">": return .bool(order > 0)
    default: return .bool(order >= 0)
    }
  }

  static func range(_ lhs: Value?, _ rhs: Value?) throws -> Value? {
    func isInteger(_ v: Value?) -> Bool {
      if case .number(let n)? = v { return n.isFinite && n == n.rounded() }
      return false
    }
    if lhs != nil && !isInteger(lhs) { throw JSONataError(code: "T2003", value: lhs) }
    if rhs != nil && !isInteger(rhs) { throw JSONataError(code: "T2004", value: rhs) }
    guard case .number(let a)? = lhs, case .number(let b)? = rhs else { return nil }
    if a > b { return nil }
    let size = b - a + 1
    if size > 1e7 { throw JSONataError(code: "D2014", value: .number(size)) }
    var items: [Value] = []
    items.reserveCapacity(Int(size))
    var x = a
    while x <= b {
      items.append(.number(x))
      x += 1
    }
    return .array(.sequence(items))
  }

  /// The `in` operator: strict (JavaScript `===`) membership; containers are never equal by value.
  static func includes(_ lhs: Value?, _ rhs: Value?) -> Bool {
    guard let lhs, let rhs else { return false }
    let items: [Value]
    if case .array(let a) = rhs { items = a.items } else { items = [rhs] }
    return items.contains { item in
      switch (item, lhs) {
      case (.string(let a), .string(let b)): return a == b
      case (.number(let a), .number(let b)): return a == b
      case (.bool(let a), .bool(let b)): return a == b
      case (.null, .null): return true
      case (.function(let a), .function(let b)): return a === b
      default: return false
      }
    }
  }

  /// JavaScript's string `<`: UTF-16 code unit order.
  static func utf16Less(_ a: String, _ b: String) -> Bool {
    a.utf16.lexicographicallyPrecedes(b.utf16)
  }

  /// A stable merge sort; `swap(a, b)` is true when `b` must come before `a` (jsonata-js's comparator shape).
  static func mergeSort<T>(_ items: inout [T], _ swap: (T, T) throws -> Bool) throws {
    if items.count < 2 { return }
    var buffer = items
    try sortRange(&items, &buffer, 0, items.count, swap)
  }

  private static func sortRange<T>(_ items: inout [T], _ buffer: inout [T], _ low: Int, _ high: Int,
                                   _ swap: (T, T) throws -> Bool) throws {
    if high - low < 2 { return }
    let mid = (low + high) / 2
    try sortRange(&items, &buffer, low, mid, swap)
    try sortRange(&items, &buffer, mid, high, swap)
    var i = low
    var j = mid
    var k = low
    while i < mid && j < high {
      if try swap(items[i], items[j]) {
        buffer[k] = items[j]
        j += 1
      } else {
        buffer[k] = items[i]
        i += 1
      }
      k += 1
    }
    while i < mid {
      buffer[k] = items[i]
      i += 1
      k += 1
    }
    while j < high {
      buffer[k] = items[j]
      j += 1
      k += 1
    }
    for n in low..<high { items[n] = buffer[n] }
  }
}
