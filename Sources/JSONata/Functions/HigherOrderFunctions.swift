extension Builtins {
  static let higherOrder: [Builtin] = [
    .typed("map", "<af>") { a, context in
      guard let (array, function) = try HigherOrder.operands(a) else { return nil }
      var result = ArrayValue.sequence()
      for (i, item) in array.items.enumerated() {
        let arguments = HigherOrder.arguments(for: function, item, .number(Double(i)), .array(array))
        if let mapped = try context.apply(function, arguments) { result.items.append(mapped) }
      }
      return .array(result)
    },
    .typed("filter", "<af>") { a, context in
      guard let (array, function) = try HigherOrder.operands(a) else { return nil }
      var result = ArrayValue.sequence()
      for (i, item) in array.items.enumerated() {
        let arguments = HigherOrder.arguments(for: function, item, .number(Double(i)), .array(array))
        if Value.isTruthy(try context.apply(function, arguments)) { result.items.append(item) }
      }
      return .array(result)
    },
    .typed("single", "<af?>") { a, context in try HigherOrder.single(a, context: context) },
    .typed("reduce", "<afj?:j>") { a, context in try HigherOrder.reduce(a, context: context) },
  ]
}

/// How the higher-order functions call their function argument.
enum HigherOrder {
  /// The arguments for one call, as jsonata-js's `hofFuncArgs`: the value, then the position (index or key) and the
  /// whole array or object only if the function declares that many parameters.
  static func arguments(for function: FunctionValue, _ value: Value, _ position: Value, _ whole: Value) -> [Value?] {
    var arguments: [Value?] = [value]
    if function.arity >= 2 { arguments.append(position) }
    if function.arity >= 3 { arguments.append(whole) }
    return arguments
  }

  /// The array and function of `$map`/`$filter`, or nil when the array is undefined.
  static func operands(_ a: Arguments) throws -> (ArrayValue, FunctionValue)? {
    guard let array = a.array(0) else { return nil }
    guard let function = try a.function(1) else { throw a.mismatch(1, .null) }
    return (array, function)
  }

  /// `$single(array, predicate)`: the one item that satisfies the predicate (every item when there is none);
  /// D3138 when more than one does, D3139 when none does.
  static func single(_ a: Arguments, context: EvaluationContext) throws -> Value? {
    guard let array = a.array(0) else { return nil }
    let predicate = try a.function(1)
    var found: Value?
    for (i, item) in array.items.enumerated() {
      if let predicate {
        let arguments = arguments(for: predicate, item, .number(Double(i)), .array(array))
        guard Value.isTruthy(try context.apply(predicate, arguments)) else { continue }
      }
      if found != nil { throw JSONataError.argument("D3138", index: i) }
      found = item
    }
    guard let found else { throw JSONataError(code: "D3139") }
    return found
  }

  /// `$reduce(array, function, init)`: a left fold. The function must take at least two parameters (D3050); it
  /// also gets the index and the array when it declares them. Without `init` the first item starts the fold.
  static func reduce(_ a: Arguments, context: EvaluationContext) throws -> Value? {
    guard let array = a.array(0) else { return nil }
    guard let function = try a.function(1) else { throw a.mismatch(1, .null) }
    guard function.arity >= 2 else { throw JSONataError.argument("D3050", index: 1) }
    var accumulator = a[2]
    var index = 0
    if accumulator == nil && !array.items.isEmpty {
      accumulator = array.items[0]
      index = 1
    }
    while index < array.count {
      var arguments: [Value?] = [accumulator, array.items[index]]
      if function.arity >= 3 { arguments.append(.number(Double(index))) }
      if function.arity >= 4 { arguments.append(.array(array)) }
      accumulator = try context.apply(function, arguments)
      index += 1
    }
    return accumulator
  }
}
