extension Builtins {
  static let objects: [Builtin] = [
    .typed("keys", "<x-:a<s>>") { a, _ in
      .array(ArrayValue.sequence(ObjectFunctions.keys(a[0]).map { .string($0) }))
    },
    .typed("lookup", "<x-s:x>") { a, _ in ObjectFunctions.lookup(a[0], try a.string(1) ?? "undefined") },
    .typed("spread", "<x-:a<o>>") { a, _ in ObjectFunctions.spread(a[0]) },
    .typed("merge", "<a<o>:o>") { a, _ in
      guard let array = a.array(0) else { return nil }
      var merged = ObjectValue()
      for case .object(let o) in array.items {
        for (key, value) in JavaScript.entries(o) { merged[key] = value }
      }
      return .object(merged)
    },
    .typed("each", "<o-f:a>") { a, context in
      guard let function = try a.function(1) else { throw a.mismatch(1, .null) }
      var result = ArrayValue.sequence()
      if let object = try a.object(0) {
        for (key, value) in JavaScript.entries(object) {
          let arguments = HigherOrder.arguments(for: function, value, .string(key), .object(object))
          if let mapped = try context.apply(function, arguments) { result.items.append(mapped) }
        }
      }
      return .array(result)
    },
    .typed("sift", "<o-f?:o>") { a, context in
      guard let function = try a.function(1) else { throw a.mismatch(1, .null) }
      guard let object = try a.object(0) else { return nil }
      var sifted = ObjectValue()
      for (key, value) in JavaScript.entries(object) {
        let arguments = HigherOrder.arguments(for: function, value, .string(key), .object(object))
        if Value.isTruthy(try context.apply(function, arguments)) { sifted[key] = value }
      }
      return sifted.isEmpty ? nil : .object(sifted)
    },
    .typed("type", "<x:s>") { a, _ in a[0].map { .string(ObjectFunctions.typeName($0)) } },
  ]
}

/// The bodies of the object functions that need more than a line.
enum ObjectFunctions {
  /// `$keys`: an object's keys; for an array, the keys of all its items (recursively), each once, in first-seen
  /// order.
  static func keys(_ value: Value?) -> [String] {
    switch value {
    case .object(let o)?: return JavaScript.entries(o).map(\.key)
    case .array(let a)?:
      // jsonata-js collects the keys into an object and lists that, so the result is in JavaScript's key order.
      var seen = ObjectValue()
      for item in a.items {
        for key in keys(item) { seen[key] = .bool(true) }
      }
      return JavaScript.entries(seen).map(\.key)
    default: return []
    }
  }

  /// `$lookup`: the value at `key` of an object; for an array, a sequence of the values found in its items, with
  /// array values flattened into it.
  static func lookup(_ value: Value?, _ key: String) -> Value? {
    switch value {
    case .object(let o)?: return o[key]
    case .array(let a)?:
      var result = ArrayValue.sequence()
      for item in a.items {
        guard let found = lookup(item, key) else { continue }
        if case .array(let inner) = found {
          result.items += inner.items
        } else {
          result.items.append(found)
        }
      }
      return .array(result)
    default: return nil
    }
  }

  /// `$spread`: an object as a sequence of one-key objects; an array's items spread and concatenated; any other
  /// value unchanged.
  static func spread(_ value: Value?) -> Value? {
    switch value {
    case .object(let o)?:
      return .array(ArrayValue.sequence(JavaScript.entries(o).map { .object(ObjectValue([($0.key, $0.value)])) }))
    case .array(let a)?:
      // jsonata-js appends each item's spread to an empty sequence; the first append makes a plain array.
      var result: Value = .array(ArrayValue.sequence())
      for item in a.items { result = ArrayFunctions.append(result, spread(item)) ?? result }
      return result
    default: return value
    }
  }

  /// `$type`'s name for a value; NaN counts as an object, as jsonata-js's checks let it fall through.
  static func typeName(_ value: Value) -> String {
    switch value {
    case .null: return "null"
    case .number(let n): return n.isNaN ? "object" : "number"
    case .string: return "string"
    case .bool: return "boolean"
    case .array: return "array"
    case .function: return "function"
    case .object: return "object"
    }
  }
}
