extension Builtins {
  static let arrays: [Builtin] = [
    .typed("append", "<xx:a>") { a, _ in ArrayFunctions.append(a[0], a[1]) },
    .typed("reverse", "<a:a>") { a, _ in
      guard let array = a.array(0) else { return nil }
      guard array.count > 1 else { return .array(array) }
      return .array(ArrayValue(array.items.reversed()))
    },
    .typed("shuffle", "<a:a>") { a, context in
      guard let array = a.array(0) else { return nil }
      guard array.count > 1 else { return .array(array) }
      return .array(ArrayValue(ArrayFunctions.shuffle(array.items, random: context.environment.random)))
    },
    .typed("distinct", "<x:x>") { a, _ in
      guard case .array(let array)? = a[0], array.count > 1 else { return a[0] }
      return .array(ArrayValue(ArrayFunctions.distinct(array.items), isSequence: array.isSequence))
    },
    .typed("zip", "<a+>") { a, _ in
      let arrays = a.values.map { value -> [Value] in
        guard case .array(let array)? = value else { return [] }
        return array.items
      }
      let length = arrays.map(\.count).min() ?? 0
      return .array(ArrayValue((0..<length).map { i in .array(ArrayValue(arrays.map { $0[i] })) }))
    },
    .typed("sort", "<af?:a>") { a, context in
      guard let array = a.array(0) else { return nil }
      guard array.count > 1 else { return .array(array) }
      if let comparator = try a.function(1) {
        let sorted = try MergeSort.sorted(array.items) { x, y in
          JavaScript.isTruthy(try context.apply(comparator, [x, y]))
        }
        return .array(ArrayValue(sorted))
      }
      return .array(ArrayValue(try ArrayFunctions.sortedByValue(array.items)))
    },
  ]
}

/// The bodies of the array functions that need more than a line.
enum ArrayFunctions {
  /// `$append`: undefined on either side gives the other; otherwise both as arrays, concatenated into a new array.
  static func append(_ first: Value?, _ second: Value?) -> Value? {
    guard let first else { return second }
    guard let second else { return first }
    return .array(ArrayValue(items(first) + items(second)))
  }

  /// A value's items when it is an array, else the value alone.
  static func items(_ value: Value) -> [Value] {
    if case .array(let a) = value { return a.items }
    return [value]
  }

  /// The items without repeats (by deep equality), first occurrences in order. Scalars are looked up in a set, so
  /// large arrays of strings or numbers stay fast; arrays and objects are compared with those kept so far.
  static func distinct(_ items: [Value]) -> [Value] {
    var kept: [Value] = []
    var keptScalars = Set<ScalarKey>()
    var keptContainers: [Value] = []
    for item in items {
      if let key = ScalarKey(item) {
        // NaN never equals itself, so every NaN is kept, as jsonata-js's deep equality has it.
        guard keptScalars.insert(key).inserted || key.isNaN else { continue }
      } else {
        guard !keptContainers.contains(where: { Value.deepEqual($0, item) }) else { continue }
        keptContainers.append(item)
      }
      kept.append(item)
    }
    return kept
  }

  /// jsonata-js's inside-out Fisher-Yates shuffle, drawing from `random` (in [0, 1)).
  static func shuffle(_ items: [Value], random: () -> Double) -> [Value] {
    var result = items
    for i in items.indices {
      // Clamped, so a random source outside [0, 1) cannot index out of range.
      let scaled = (random() * Double(i + 1)).rounded(.down)
      let j = scaled.isNaN ? 0 : Int(min(max(scaled, 0), Double(i)))
      if i != j { result[i] = result[j] }
      result[j] = items[i]
    }
    return result
  }

  /// `$sort` without a comparator: all numbers or all strings (by UTF-16 units, as JavaScript's `>`), else D3070.
  static func sortedByValue(_ items: [Value]) throws -> [Value] {
    let numbers = items.compactMap { item -> Double? in
      if case .number(let n) = item, !n.isNaN { return n }
      return nil
    }
    if numbers.count == items.count { return try MergeSort.sorted(numbers) { $0 > $1 }.map { .number($0) } }
    let strings = items.compactMap { item -> String? in
      if case .string(let s) = item { return s }
      return nil
    }
    if strings.count == items.count {
      return try MergeSort.sorted(strings) { JavaScript.precedes($1, $0) }.map { .string($0) }
    }
    throw JSONataError.argument("D3070", index: 1)
  }
}

/// jsonata-js's stable merge sort: halves split at the floor of the middle, and the right head goes first only when
/// `isAfter(left head, right head)` is true. Keeping its exact sequence of comparisons matters because a user's
/// comparator is called for each, and may have effects or be inconsistent.
enum MergeSort {
  /// `items` sorted so that no item comes after one it `isAfter`.
  static func sorted<T>(_ items: [T], isAfter: (T, T) throws -> Bool) throws -> [T] {
    guard items.count > 1 else { return items }
    let middle = items.count / 2
    let left = try sorted(Array(items[..<middle]), isAfter: isAfter)
    let right = try sorted(Array(items[middle...]), isAfter: isAfter)
    var merged: [T] = []
    merged.reserveCapacity(items.count)
    var i = 0
    var j = 0
    while i < left.count && j < right.count {
      if try isAfter(left[i], right[j]) {
        merged.append(right[j])
        j += 1
      } else {
        merged.append(left[i])
        i += 1
      }
    }
    merged += left[i...]
    merged += right[j...]
    return merged
  }
}

/// A scalar value as a set element, equal exactly when JavaScript's `===` says so (0 and -0 are one key).
struct ScalarKey: Hashable {
  private enum Kind: Hashable {
    case null
    case bool(Bool)
    case number(Double)
    /// The UTF-8 bytes: JavaScript compares strings by code units, not by Unicode canonical equivalence as `==`.
    case string([UInt8])
  }

  private let kind: Kind

  /// The key of a null, boolean, number or string; nil for arrays, objects and functions.
  init?(_ value: Value) {
    switch value {
    case .null: kind = .null
    case .bool(let b): kind = .bool(b)
    case .number(let n): kind = .number(n == 0 ? 0 : n)
    case .string(let s): kind = .string(Array(s.utf8))
    default: return nil
    }
  }

  /// True for NaN, which equals nothing.
  var isNaN: Bool {
    if case .number(let n) = kind { return n.isNaN }
    return false
  }
}
