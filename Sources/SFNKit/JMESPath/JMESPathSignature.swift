/// Argument types in built-in function signatures.
enum JMESPathType: Sendable, Equatable {
  case number, string, boolean, array, object, null, expref, arrayNumber, arrayString

  /// The spec's name for the type, used in error messages.
  var name: String {
    switch self {
    case .number: return "number"
    case .string: return "string"
    case .boolean: return "boolean"
    case .array: return "array"
    case .object: return "object"
    case .null: return "null"
    case .expref: return "expression"
    case .arrayNumber: return "array of numbers"
    case .arrayString: return "array of strings"
    }
  }

  /// The type of a JSON value.
  static func of(_ value: JSON) -> JMESPathType {
    switch value {
    case .null: return .null
    case .bool: return .boolean
    case .number: return .number
    case .string: return .string
    case .array: return .array
    case .object: return .object
    }
  }

  /// The container type for `array-*` types, else the type itself.
  var base: JMESPathType {
    switch self {
    case .arrayNumber, .arrayString: return .array
    default: return self
    }
  }

  /// The required element type for `array-*` types.
  var elementType: JMESPathType? {
    switch self {
    case .arrayNumber: return .number
    case .arrayString: return .string
    default: return nil
    }
  }
}

/// A built-in function's parameter list; each parameter lists its accepted types (empty: any value).
struct JMESPathSignature: Sendable {
  var parameters: [[JMESPathType]]
  /// The last parameter may repeat (at least once).
  var variadic = false

  init(_ parameters: [JMESPathType]..., variadic: Bool = false) {
    self.parameters = parameters
    self.variadic = variadic
  }

  /// Throws invalid-arity or invalid-type the way jmespath.py checks calls.
  func validate(_ name: String, _ args: [JMESPathArgument]) throws {
    if variadic {
      if args.count < parameters.count {
        throw JMESPathError(
          kind: .invalidArity,
          message: "\(name)() takes at least \(Self.plural(parameters.count)) but \(args.count) given")
      }
    } else if args.count != parameters.count {
      throw JMESPathError(
        kind: .invalidArity,
        message: "\(name)() takes \(Self.plural(parameters.count)) but \(args.count) given")
    }
    for (i, arg) in args.enumerated() {
      try check(name, i, arg, parameters[min(i, parameters.count - 1)])
    }
  }

  private static func plural(_ n: Int) -> String { n == 1 ? "1 argument" : "\(n) arguments" }

  private func check(_ name: String, _ i: Int, _ arg: JMESPathArgument, _ allowed: [JMESPathType]) throws {
    func mismatch(_ actual: String) -> JMESPathError {
      let expected = allowed.isEmpty ? "a value" : allowed.map(\.name).joined(separator: " or ")
      return JMESPathError(
        kind: .invalidType,
        message: "\(name)() argument \(i + 1) must be \(expected), not \(actual)")
    }
    let value: JSON
    switch arg {
    case .expref:
      if allowed.contains(.expref) { return }
      throw mismatch("an expression")
    case .value(let v):
      if allowed.contains(.expref) { throw mismatch(JMESPathType.of(v).name) }
      value = v
    }
    if allowed.isEmpty { return }
    let actual = JMESPathType.of(value)
    guard allowed.contains(where: { $0.base == actual }) else { throw mismatch(actual.name) }
    let elementTypes = allowed.compactMap(\.elementType)
    guard case .array(let items) = value, !elementTypes.isEmpty, let first = items.first else { return }
    // With several array types the first element decides which one applies; all elements must then agree.
    let required = elementTypes.count == 1 ? elementTypes[0] : JMESPathType.of(first)
    guard elementTypes.contains(required) else { throw mismatch("an array containing \(required.name)") }
    if let bad = items.first(where: { JMESPathType.of($0) != required }) {
      throw mismatch("an array containing \(JMESPathType.of(bad).name)")
    }
  }
}
