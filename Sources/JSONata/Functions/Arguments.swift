/// A built-in's arguments after signature validation, read by position with their expected types.
///
/// The evaluator has already checked the arguments against the signature, so a type mismatch here means a caller
/// bypassed validation; it is reported as jsonata-js reports a signature mismatch (T0410) rather than trapping.
struct Arguments {
  /// The arguments in order; a missing optional argument is absent or nil.
  let values: [Value?]
  /// The function's name without `$`, for error messages.
  let function: String

  /// The arguments of a call to `function`.
  init(_ values: [Value?], function: String) {
    self.values = values
    self.function = function
  }

  /// The argument at `index`, or nil (undefined) when it was not passed.
  subscript(index: Int) -> Value? { index < values.count ? values[index] : nil }

  /// True when the argument at `index` was passed and is not undefined.
  func isPresent(_ index: Int) -> Bool { self[index] != nil }

  /// A string argument, or nil when undefined.
  func string(_ index: Int) throws -> String? {
    guard let value = self[index] else { return nil }
    guard case .string(let s) = value else { throw mismatch(index, value) }
    return s
  }

  /// A number argument, or nil when undefined.
  func number(_ index: Int) throws -> Double? {
    guard let value = self[index] else { return nil }
    guard case .number(let n) = value else { throw mismatch(index, value) }
    return n
  }

  /// A boolean argument, or nil when undefined.
  func bool(_ index: Int) throws -> Bool? {
    guard let value = self[index] else { return nil }
    guard case .bool(let b) = value else { throw mismatch(index, value) }
    return b
  }

  /// An object argument, or nil when undefined.
  func object(_ index: Int) throws -> ObjectValue? {
    guard let value = self[index] else { return nil }
    guard case .object(let o) = value else { throw mismatch(index, value) }
    return o
  }

  /// A function argument, or nil when undefined.
  func function(_ index: Int) throws -> FunctionValue? {
    guard let value = self[index] else { return nil }
    guard case .function(let f) = value else { throw mismatch(index, value) }
    return f
  }

  /// An array argument, or nil when undefined; a single value counts as an array of one, as the signature's `a`
  /// coerces it.
  func array(_ index: Int) -> ArrayValue? {
    guard let value = self[index] else { return nil }
    if case .array(let a) = value { return a }
    return ArrayValue([value])
  }

  /// The numbers of an `a<n>` argument, or nil when undefined.
  func numbers(_ index: Int) throws -> [Double]? {
    guard let array = array(index) else { return nil }
    return try array.items.map { item in
      guard case .number(let n) = item else { throw mismatch(index, item) }
      return n
    }
  }

  /// The strings of an `a<s>` argument, or nil when undefined.
  func strings(_ index: Int) throws -> [String]? {
    guard let array = array(index) else { return nil }
    return try array.items.map { item in
      guard case .string(let s) = item else { throw mismatch(index, item) }
      return s
    }
  }

  /// The error for an argument whose type the signature does not allow.
  func mismatch(_ index: Int, _ value: Value) -> JSONataError {
    var error = JSONataError.argument("T0410", index: index + 1, value: value)
    error.token = function
    error.refreshMessage()
    return error
  }
}

extension JSONataError {
  /// An error about the argument at 1-based `index`, which jsonata-js reports as the error's `index`.
  static func argument(_ code: String, index: Int, value: Value? = nil) -> JSONataError {
    var error = JSONataError(code: code, value: value)
    error.index = index
    error.refreshMessage()
    return error
  }
}

extension Builtin {
  /// A built-in whose body reads its arguments through `Arguments`.
  static func typed(_ name: String, _ signature: String?,
                    _ body: @escaping (Arguments, EvaluationContext) throws -> Value?) -> Builtin {
    Builtin(name, signature) { values, context in try body(Arguments(values, function: name), context) }
  }
}
