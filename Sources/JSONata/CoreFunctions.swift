extension Builtins {
  /// The functions jsonata-js defines in its evaluator rather than its function library: `$eval` and `$clone`.
  static let core: [Builtin] = [
    Builtin("eval", "<sx?:x>") { args, context in
      guard case .string(let text)? = args.first, let evaluator = context as? Evaluator else { return nil }
      var input = evaluator.currentInput
      if args.count > 1, let focus = args[1] {
        input = focus
        if case .array(let a) = focus, !a.isSequence {
          input = .array(ArrayValue([focus], isSequence: true, outerWrapper: true))
        }
      }
      let ast: Node
      do {
        ast = try Parser.parse(text)
      } catch let error as JSONataError {
        throw JSONataError(code: "D3120", value: .string(error.message))
      }
      do {
        return try evaluator.evaluateNested(ast, input: input)
      } catch let error as JSONataError where error.code.first != "U" {
        throw JSONataError(code: "D3121", value: .string(error.message))
      }
    },
    Builtin("clone", "<(oa)-:o>") { args, _ in
      args.first.flatMap { $0 }.map(Builtins.cloneValue)
    },
  ]

  /// A deep copy as `JSON.parse(JSON.stringify(v))` with jsonata-js's replacer: numbers to 15 significant digits,
  /// functions as "", sequence flags dropped.
  static func cloneValue(_ value: Value) -> Value {
    switch value {
    case .number(let n): return n.isFinite ? .number(Value.precision15(n)) : .null
    case .function: return .string("")
    case .array(let a): return .array(ArrayValue(a.items.map(cloneValue)))
    case .object(let o): return .object(ObjectValue(o.entries.map { ($0.key, cloneValue($0.value)) }))
    default: return value
    }
  }
}
