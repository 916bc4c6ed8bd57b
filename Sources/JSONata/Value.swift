import SFNJSON

/// A JSONata value. Undefined (no value) is `nil` wherever a `Value?` appears; `null` is JSON's null.
public enum Value {
  case null
  case bool(Bool)
  /// An IEEE double, as in JavaScript.
  case number(Double)
  case string(String)
  case array(ArrayValue)
  case object(ObjectValue)
  case function(FunctionValue)
}

/// An array, or a sequence: JSONata's result of a path, which collapses to its only item when it has one.
public struct ArrayValue {
  /// The items in order.
  public var items: [Value]
  /// A result sequence (flattened and collapsed by path evaluation), not an array written by the user.
  public var isSequence: Bool
  /// A sequence that stays an array when it has one item (the `[]` path suffix).
  public var keepSingleton: Bool
  /// Built by an array constructor `[...]`: not flattened into an enclosing path result.
  public var isConstructed: Bool
  /// A stream of binding tuples (objects with `@` and variable keys) inside a path with `@`, `#` or `%`.
  public var isTupleStream = false
  /// The sequence wraps the whole result of a path whose first step was an array constructor.
  public var outerWrapper: Bool

  /// An array (or sequence) of these items.
  public init(_ items: [Value] = [], isSequence: Bool = false, keepSingleton: Bool = false,
              isConstructed: Bool = false, outerWrapper: Bool = false) {
    self.items = items
    self.isSequence = isSequence
    self.keepSingleton = keepSingleton
    self.isConstructed = isConstructed
    self.outerWrapper = outerWrapper
  }

  /// A sequence of these items.
  public static func sequence(_ items: [Value] = []) -> ArrayValue { ArrayValue(items, isSequence: true) }

  /// Number of items.
  public var count: Int { items.count }
}

/// A JSON object with keys in insertion order, as JavaScript keeps them.
public struct ObjectValue {
  private var pairs: [(key: String, value: Value)] = []
  /// Key positions, kept only for objects above `ObjectValue.indexThreshold` keys; smaller ones are scanned,
  /// which is faster than hashing and saves building a dictionary for every small object.
  private var index: [String: Int]?
  /// Identifies the object inside a transform (`| pattern | update |`) while its matches are updated; 0 elsewhere.
  var transformID = 0

  private static let indexThreshold = 12

  /// An empty object.
  public init() {}

  /// An object with these pairs; a repeated key keeps its first position and last value.
  public init(_ pairs: [(String, Value)]) {
    self.pairs.reserveCapacity(pairs.count)
    for (k, v) in pairs { self[k] = v }
  }

  private func position(of key: String) -> Int? {
    if let index { return index[key] }
    return pairs.firstIndex { $0.key == key }
  }

  private mutating func rebuildIndex() {
    guard pairs.count > ObjectValue.indexThreshold else {
      index = nil
      return
    }
    var positions: [String: Int] = [:]
    positions.reserveCapacity(pairs.count)
    for (n, p) in pairs.enumerated() { positions[p.key] = n }
    index = positions
  }

  /// Reads, sets, or (with nil) removes a key.
  public subscript(key: String) -> Value? {
    get { position(of: key).map { pairs[$0].value } }
    set {
      switch (position(of: key), newValue) {
      case (let i?, let v?): pairs[i].value = v
      case (nil, let v?):
        pairs.append((key, v))
        if index != nil {
          index![key] = pairs.count - 1
        } else if pairs.count > ObjectValue.indexThreshold {
          rebuildIndex()
        }
      case (let i?, nil):
        pairs.remove(at: i)
        rebuildIndex()
      case (nil, nil): break
      }
    }
  }

  /// The keys in order.
  public var keys: [String] { pairs.map(\.key) }
  /// The values in key order.
  public var values: [Value] { pairs.map(\.value) }
  /// (key, value) pairs in key order.
  public var entries: [(key: String, value: Value)] { pairs }
  /// Number of keys.
  public var count: Int { pairs.count }
  /// True when there are no keys.
  public var isEmpty: Bool { pairs.isEmpty }
}

/// What a function call needs from the evaluation it happens in.
public protocol EvaluationContext: AnyObject {
  /// Calls a function value (lambda, built-in, partial application, regex matcher) with these arguments.
  func apply(_ function: FunctionValue, _ arguments: [Value?]) throws -> Value?
  /// The evaluation's environment: clock, randomness, limits.
  var environment: EvaluationEnvironment { get }
}

/// A built-in function's body: the arguments after signature validation, and the calling evaluation.
public typealias BuiltinBody = (_ arguments: [Value?], _ context: EvaluationContext) throws -> Value?

/// A function written in Swift, with its JSONata signature (e.g. `<s-nn?:s>`).
public struct Builtin {
  /// The name without `$`.
  public let name: String
  /// The signature string as jsonata-js declares it, or nil for a function that takes anything.
  public let signature: String?
  /// The implementation.
  public let body: BuiltinBody

  /// A built-in named `name` (without `$`).
  public init(_ name: String, _ signature: String?, _ body: @escaping BuiltinBody) {
    self.name = name
    self.signature = signature
    self.body = body
  }
}

/// A function value: a lambda, a built-in, a partial application, or a regex matcher.
public final class FunctionValue {
  /// What the function is; the evaluator owns the cases it creates (lambdas and partial applications).
  public enum Kind {
    case builtin(Builtin)
    case regex(RegexMatcher)
    /// A lambda or partial application; its body is the evaluator's own type.
    case evaluator(AnyObject)
  }

  /// What the function is.
  public let kind: Kind
  /// The number of declared parameters; higher-order built-ins pass this many arguments (value, index, array).
  public let arity: Int

  /// A function of this kind and arity.
  public init(_ kind: Kind, arity: Int) {
    self.kind = kind
    self.arity = arity
  }
}

/// One match of a regex: jsonata-js's `{match, start, end, groups}`.
public struct RegexMatch {
  /// The matched text.
  public var match: String
  /// Start offset in the input, in the units JavaScript uses (UTF-16 code units).
  public var start: Int
  /// End offset (exclusive), in UTF-16 code units.
  public var end: Int
  /// Capture groups in order; an unmatched group is "".
  public var groups: [String]

  /// A match with these parts.
  public init(match: String, start: Int, end: Int, groups: [String]) {
    self.match = match
    self.start = start
    self.end = end
    self.groups = groups
  }
}

/// A compiled regular expression from a `/pattern/flags` literal; the evaluator makes these.
public protocol RegexMatcher: AnyObject {
  /// The pattern as written.
  var pattern: String { get }
  /// The first match at or after `offset` (UTF-16 code units), or nil.
  func firstMatch(in text: String, from offset: Int) throws -> RegexMatch?
}

/// Clock, randomness and limits for one evaluation, injected so tests are deterministic.
public struct EvaluationEnvironment {
  /// Milliseconds since the epoch when the evaluation started: `$now()` and `$millis()` return this throughout.
  public var startMillis: Double
  /// A random double in [0, 1); `$random()` and `$shuffle` use it.
  public var random: () -> Double
  /// The deepest nesting of evaluation before error U1001 (stack overflow), or nil for the default.
  public var maxDepth: Int?
  /// Milliseconds the evaluation may take before error U1001 (timeout), or nil for no limit.
  public var timeLimitMillis: Double?
  /// Current time in milliseconds since the epoch, for the time limit.
  public var clock: () -> Double

  /// An environment from these parts.
  public init(startMillis: Double, random: @escaping () -> Double, maxDepth: Int? = nil,
              timeLimitMillis: Double? = nil, clock: @escaping () -> Double) {
    self.startMillis = startMillis
    self.random = random
    self.maxDepth = maxDepth
    self.timeLimitMillis = timeLimitMillis
    self.clock = clock
  }
}

/// An error raised by parsing or evaluating an expression, with jsonata-js's code (S0201, T2001, D3001, ...).
public struct JSONataError: Error, CustomStringConvertible {
  /// jsonata-js's error code.
  public var code: String
  /// Character offset in the expression where it was raised (jsonata-js's `position`), if known.
  public var position: Int?
  /// The offending token, if any.
  public var token: String?
  /// A value the message refers to (jsonata-js's `value`), if any.
  public var value: Value?
  /// A second value some messages refer to (jsonata-js's `value2`).
  public var value2: Value?
  /// The message as jsonata-js words it, with the token and value filled in.
  public var message: String
  /// The argument number a signature error refers to (jsonata-js's `index`).
  public var index: Int?
  /// The expected array item type of a T0412 error (jsonata-js's `type`).
  public var expectedType: String?
  /// True when `message` was given explicitly rather than made from the code's template.
  public private(set) var hasCustomMessage = false

  /// An error with this code; the message defaults to the standard text for the code.
  public init(code: String, position: Int? = nil, token: String? = nil, value: Value? = nil,
              value2: Value? = nil, message: String? = nil) {
    self.code = code
    self.position = position
    self.token = token
    self.value = value
    self.value2 = value2
    self.message = message ?? ""
    hasCustomMessage = message != nil
    if message == nil { refreshMessage() }
  }

  /// Rebuilds a template message after the token, value or index were filled in.
  public mutating func refreshMessage() {
    if !hasCustomMessage { message = JSONataError.standardMessage(for: self) }
  }

  public var description: String { message }
}
