import SFNJSON

/// JSONata as AWS Step Functions evaluates it: the JSONata 2.0.6 library without `$eval`, plus `$partition`,
/// `$range`, `$hash`, `$random` (with an optional seed), `$uuid` and `$parse`.
///
/// Errors: argument types outside a function's signature raise jsonata's T0410 (from signature validation);
/// argument values the dialect rejects raise a `JSONataError` whose `code` is `States.QueryEvaluationError`
/// (`StepFunctionsDialect.errorCode`) and whose message names the function and the rule. A Step Functions engine
/// reports any error of an expression, jsonata's own codes included, as the state error
/// `States.QueryEvaluationError` with the message in its cause. Randomness (`$random()` without a seed, `$uuid`)
/// comes from `EvaluationEnvironment.random`, so evaluations are reproducible under test.
public enum StepFunctionsDialect {
  /// The code of the errors the dialect's own functions raise: the Step Functions error they become.
  public static let errorCode = "States.QueryEvaluationError"

  /// The most items `$range` returns, as for `States.ArrayRange`.
  public static let maxRangeItems = 1000

  /// Every function a Step Functions JSONata expression can call, by name without `$`.
  public static let functions: [String: Builtin] = {
    var table = Builtins.standard
    table["eval"] = nil
    for f in additions { table[f.name] = f }
    return table
  }()

  /// `functions`, prepared once for every expression that uses them.
  public static let library = FunctionLibrary(functions)

  /// The six functions Step Functions adds.
  static let additions: [Builtin] = [
    Builtin("partition", "<an:a<a>>") { args, _ in
      guard case .array(let array)? = args.first ?? nil, let size = DialectArguments.number(args, 1) else {
        return nil
      }
      guard size >= 1, size == size.rounded(), size.isFinite else {
        throw DialectArguments.error("$partition", "the chunk size must be a positive integer, got "
          + Value.javaScriptString(size))
      }
      let chunk = size >= Double(array.items.count) ? max(array.items.count, 1) : Int(size)
      let chunks = stride(from: 0, to: array.items.count, by: chunk).map { start in
        Value.array(ArrayValue(Array(array.items[start..<min(start + chunk, array.items.count)])))
      }
      return .array(ArrayValue(chunks))
    },
    Builtin("range", "<nnn:a<n>>") { args, _ in
      guard let start = DialectArguments.number(args, 0), let end = DialectArguments.number(args, 1),
        let step = DialectArguments.number(args, 2)
      else { return nil }
      for (name, value) in [("start", start), ("end", end), ("step", step)]
      where value != value.rounded() || !value.isFinite {
        throw DialectArguments.error("$range", "the \(name) must be an integer, got " + Value.javaScriptString(value))
      }
      guard step != 0 else { throw DialectArguments.error("$range", "the step must not be zero") }
      let count = (end - start) / step < 0 ? 0 : ((end - start) / step).rounded(.down) + 1
      guard count <= Double(maxRangeItems) else {
        throw DialectArguments.error("$range", "the range would have \(Value.javaScriptString(count)) items; "
          + "the most is \(maxRangeItems)")
      }
      let items = (0..<Int(count)).map { Value.number(start + Double($0) * step) }
      return .array(ArrayValue(items))
    },
    Builtin("hash", "<ss:s>") { args, _ in
      guard let text = DialectArguments.string(args, 0), let algorithm = DialectArguments.string(args, 1) else {
        return nil
      }
      guard let digest = Digest.Algorithm(rawValue: algorithm) else {
        throw DialectArguments.error("$hash", "the algorithm must be one of "
          + Digest.Algorithm.allCases.map(\.rawValue).joined(separator: ", ") + ", got '\(algorithm)'")
      }
      return .string(try Digest.hex(Array(text.utf8), digest))
    },
    Builtin("random", "<n?:n>") { args, context in
      guard let seed = DialectArguments.number(args, 0) else { return .number(context.environment.random()) }
      guard seed.isFinite else {
        throw DialectArguments.error("$random", "the seed must be a finite number, got " + Value.javaScriptString(seed))
      }
      var generator = SeededRandom(seed: seed)
      return .number(generator.nextDouble())
    },
    Builtin("uuid", "<:s>") { _, context in
      .string(UUIDv4(random: context.environment.random).string)
    },
    Builtin("parse", "<s:x>") { args, _ in
      guard let text = DialectArguments.string(args, 0) else { return nil }
      do {
        return Value(try JSONParser.parse(text))
      } catch let error as JSONParseError {
        throw DialectArguments.error("$parse", "the argument is not a JSON document (\(error.description))")
      }
    },
  ]
}

/// Reads the validated arguments of the dialect's functions and words their errors.
enum DialectArguments {
  /// The number at `index`, or nil when undefined.
  static func number(_ args: [Value?], _ index: Int) -> Double? {
    guard index < args.count, case .number(let d)? = args[index] else { return nil }
    return d
  }

  /// The string at `index`, or nil when undefined.
  static func string(_ args: [Value?], _ index: Int) -> String? {
    guard index < args.count, case .string(let s)? = args[index] else { return nil }
    return s
  }

  /// The dialect's error for a rejected argument of `function`.
  static func error(_ function: String, _ reason: String) -> JSONataError {
    JSONataError(code: StepFunctionsDialect.errorCode, token: function,
                 message: "Invalid argument to \(function): \(reason)")
  }
}
