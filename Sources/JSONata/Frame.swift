/// A scope of variable bindings; lookups walk out to the enclosing frames.
final class Frame {
  // Most frames hold a few bindings, found faster by comparing names than by hashing them; the outermost frame
  // (the function table) uses a dictionary.
  private var names: [String] = []
  private var values: [Value?] = []
  private let table: [String: Value?]
  let parent: Frame?

  init(parent: Frame?) {
    self.parent = parent
    table = [:]
  }

  /// A frame binding `names` to `values` in order (missing values are undefined), as a function call makes.
  init(parent: Frame?, names: [String], values: [Value?]) {
    self.parent = parent
    table = [:]
    self.names = names
    self.values = values
    if values.count != names.count {
      self.values = (0..<names.count).map { $0 < values.count ? values[$0] : nil }
    }
  }

  init(parent: Frame?, bindings: [String: Value?]) {
    self.parent = parent
    table = bindings
  }

  func bind(_ name: String, _ value: Value?) {
    if let i = names.firstIndex(of: name) {
      values[i] = value
    } else {
      names.append(name)
      values.append(value)
    }
  }

  /// The bound value, or nil when unbound (or bound to undefined).
  func lookup(_ name: String) -> Value? {
    var frame: Frame? = self
    while let f = frame {
      if let i = f.names.firstIndex(of: name) { return f.values[i] }
      if !f.table.isEmpty, let value = f.table[name] { return value }
      frame = f.parent
    }
    return nil
  }
}

/// A function defined in the expression: a lambda, a partial application, or a composition from `~>`.
final class Lambda {
  enum Body {
    /// The lambda's body expression.
    case expression(Node)
    /// A built-in partially applied: its parameters are looked up by these names.
    case native(Builtin, [String])
    /// `f ~> g` between two functions: `g(f(x))`.
    case chain(FunctionValue, FunctionValue)
  }

  let body: Body
  let parameters: [String]
  let signature: Signature?
  let input: Value?
  let frame: Frame
  /// A tail call waiting to be made by the trampoline in `apply`.
  let isThunk: Bool
  /// No parameter name repeats, so arguments can be bound positionally (a repeated name binds its last argument).
  let hasDistinctParameters: Bool

  init(body: Body, parameters: [String], signature: Signature?, input: Value?, frame: Frame, isThunk: Bool = false) {
    self.body = body
    self.parameters = parameters
    self.signature = signature
    self.input = input
    self.frame = frame
    self.isThunk = isThunk
    hasDistinctParameters = parameters.count < 2 || Set(parameters).count == parameters.count
  }

  var functionValue: FunctionValue { FunctionValue(.evaluator(self), arity: parameters.count) }
}
