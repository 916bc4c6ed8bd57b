#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Built-in functions prepared once (signatures parsed, the outermost frame built) and shared, never changed, by
/// every expression parsed with them: preparing a table is most of the cost of parsing a short expression.
public final class FunctionLibrary: @unchecked Sendable {
  /// The outermost frame: the built-in functions by name (without `$`). Only read after creation.
  let frame: Frame
  private let signatures: [String: Signature]

  /// JSONata 2.0.6's standard functions.
  public static let standard = FunctionLibrary(Builtins.standard)

  /// A library of these functions, by name without `$`.
  public init(_ functions: [String: Builtin]) {
    var signatures: [String: Signature] = [:]
    var bindings: [String: Value?] = [:]
    for (name, builtin) in functions {
      var arity = 1
      if let text = builtin.signature, let signature = signatures[text] ?? (try? Signature(text)) {
        signatures[text] = signature
        arity = signature.requiredCount
      }
      bindings[name] = .function(FunctionValue(.builtin(builtin), arity: arity))
    }
    self.signatures = signatures
    frame = Frame(parent: nil, bindings: bindings)
  }

  /// The parsed signature of a built-in, or nil when it takes anything.
  func signature(of builtin: Builtin) -> Signature? {
    guard let text = builtin.signature else { return nil }
    return signatures[text] ?? (try? Signature(text))
  }
}

/// A parsed expression with its function library; shared, never changed, by every evaluation.
final class Program {
  let root: Node
  let library: FunctionLibrary
  /// The outermost frame: the built-in functions.
  var staticFrame: Frame { library.frame }

  init(root: Node, library: FunctionLibrary) {
    self.root = root
    self.library = library
  }

  /// The parsed signature of a built-in, or nil when it takes anything.
  func signature(of builtin: Builtin) -> Signature? { library.signature(of: builtin) }
}

/// A JSONata expression, parsed once and evaluated any number of times (also concurrently).
public final class JSONataExpression {
  private let program: Program
  /// Evaluation nesting allowed when the environment sets no limit; the evaluation thread's stack holds it.
  static let defaultMaxDepth = 10_000
  private static let stackSize = 1 << 28

  /// Parses `text` with a prepared function library; throws a `JSONataError` with jsonata-js's code (S0xxx) and
  /// position for a syntax error.
  public init(_ text: String, library: FunctionLibrary = .standard) throws {
    program = Program(root: try Parser.parse(text), library: library)
    needsLargeStack = JSONataExpression.mayRecurse(program.root)
  }

  /// Parses `text` with these functions, prepared for this expression alone (share a `FunctionLibrary` when
  /// parsing many expressions).
  public convenience init(_ text: String, functions: [String: Builtin]) throws {
    try self.init(text, library: FunctionLibrary(functions))
  }

  /// Evaluates the expression against `input` (nil is undefined) with extra variable `bindings` (names without
  /// `$`); returns nil for an undefined result. Throws `JSONataError`.
  public func evaluate(input: Value?, bindings: [String: Value] = [:],
                       environment: EvaluationEnvironment) throws -> Value? {
    let program = self.program
    let run = {
      let frame = Frame(parent: program.staticFrame)
      for (name, value) in bindings { frame.bind(name, value) }
      frame.bind("$", input)
      var context = input
      if case .array(let a)? = input, !a.isSequence {
        context = .array(ArrayValue([.array(a)], isSequence: true, outerWrapper: true))
      }
      let evaluator = Evaluator(program: program, environment: environment, frame: frame,
                                defaultMaxDepth: JSONataExpression.defaultMaxDepth)
      return try evaluator.evaluate(program.root, context, frame)
    }
    // Without lambdas or $eval the nesting is bounded by the expression itself, so the caller's stack suffices
    // and the thread start is saved.
    let boundFunction = bindings.values.contains { if case .function = $0 { return true } else { return false } }
    if !needsLargeStack && !boundFunction { return try run() }
    return try JSONataExpression.onLargeStack(run)
  }

  /// True when evaluation can nest without bound: lambdas, `$eval`, or a deeply nested expression.
  private let needsLargeStack: Bool

  private static func mayRecurse(_ root: Node) -> Bool {
    var recursive = false
    func visit(_ n: Node?, _ depth: Int) {
      guard let n, !recursive else { return }
      if depth > 40 || n.type == .lambda || (n.type == .variable && n.value == "eval") {
        recursive = true
        return
      }
      for child in [n.lhs, n.rhs, n.expression, n.procedure, n.body, n.condition, n.then, n.otherwise, n.pattern,
                    n.update, n.delete] {
        visit(child, depth + 1)
      }
      for child in n.expressions + n.steps + n.arguments { visit(child, depth + 1) }
      for pair in n.pairs + (n.group?.pairs ?? []) {
        visit(pair.key, depth + 1)
        visit(pair.value, depth + 1)
      }
      for term in n.terms { visit(term.expression, depth + 1) }
      for stage in (n.predicate ?? []) + (n.stages ?? []) {
        if case .filter(let p, _) = stage { visit(p, depth + 1) }
      }
    }
    visit(root, 0)
    return recursive
  }

  /// Every function call on a variable (`$name(...)`, `$name(?)`, `~> $name`): the name without `$` and the
  /// UTF-16 offset of its `$`.
  public var referencedFunctions: [(name: String, position: Int)] { references().functions }

  /// Every variable read other than a call's function: the name without `$` (empty for `$`, "$" for `$$`) and
  /// the UTF-16 offset of its `$`. Assignment targets and lambda parameters are not included.
  public var referencedVariables: [(name: String, position: Int)] { references().variables }

  /// A name referenced in the expression and the UTF-16 offset of its `$`.
  typealias Reference = (name: String, position: Int)

  private func references() -> (functions: [Reference], variables: [Reference]) {
    var functions: [(name: String, position: Int)] = []
    var variables: [(name: String, position: Int)] = []
    func start(_ n: Node) -> Int { n.position - n.value.utf16.count - 1 }
    func visit(_ n: Node?) {
      guard let n else { return }
      switch n.type {
      case .variable:
        variables.append((n.value, start(n)))
      case .function, .partial:
        if let p = n.procedure, p.type == .variable {
          functions.append((p.value, start(p)))
        } else {
          visit(n.procedure)
        }
        n.arguments.forEach(visit)
      case .lambda:
        visit(n.body)
      case .bind:
        visit(n.rhs)
      default:
        visit(n.lhs)
        visit(n.rhs)
        visit(n.expression)
        n.expressions.forEach(visit)
        n.steps.forEach(visit)
        n.arguments.forEach(visit)
        visit(n.procedure)
        visit(n.condition)
        visit(n.then)
        visit(n.otherwise)
        visit(n.pattern)
        visit(n.update)
        visit(n.delete)
        for pair in n.pairs {
          visit(pair.key)
          visit(pair.value)
        }
        n.terms.forEach { visit($0.expression) }
      }
      if n.type == .apply, let rhs = n.rhs, rhs.type == .variable {
        variables.removeAll { $0.position == start(rhs) && $0.name == rhs.value }
        functions.append((rhs.value, start(rhs)))
      }
      for stage in (n.predicate ?? []) + (n.stages ?? []) {
        if case .filter(let p, _) = stage { visit(p) }
      }
      if let group = n.group {
        for pair in group.pairs {
          visit(pair.key)
          visit(pair.value)
        }
      }
    }
    visit(program.root)
    return (functions, variables)
  }

  /// Runs `body` on a thread with a large stack, so deep (non-tail) recursion ends in U1001, not a crash.
  private static func onLargeStack<T>(_ body: () throws -> T) throws -> T {
    var outcome: Result<T, Error>?
    withoutActuallyEscaping(body) { body in
      let task = StackTask { outcome = Result { try body() } }
      var attributes = pthread_attr_t()
      pthread_attr_init(&attributes)
      pthread_attr_setstacksize(&attributes, stackSize)
      let context = Unmanaged.passRetained(task).toOpaque()
      #if canImport(Darwin)
      var thread: pthread_t?
      #else
      var thread = pthread_t()
      #endif
      let status = pthread_create(&thread, &attributes, { raw in
        #if canImport(Darwin)
        let task = Unmanaged<StackTask>.fromOpaque(raw).takeRetainedValue()
        #else
        let task = Unmanaged<StackTask>.fromOpaque(raw!).takeRetainedValue()
        #endif
        task.work()
        return nil
      }, context)
      pthread_attr_destroy(&attributes)
      if status != 0 {
        Unmanaged<StackTask>.fromOpaque(context).release()
        task.work()
        return
      }
      #if canImport(Darwin)
      pthread_join(thread!, nil)
      #else
      pthread_join(thread, nil)
      #endif
    }
    return try outcome!.get()
  }
}

/// The work handed to the evaluation thread.
private final class StackTask {
  let work: () -> Void
  init(_ work: @escaping () -> Void) { self.work = work }
}

extension EvaluationEnvironment {
  /// The real clock and the system's random number generator, no depth or time limit.
  public static var system: EvaluationEnvironment {
    func now() -> Double {
      var spec = timespec()
      clock_gettime(CLOCK_REALTIME, &spec)
      return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec / 1_000_000)
    }
    return EvaluationEnvironment(startMillis: now(), random: { Double.random(in: 0..<1) }, clock: now)
  }
}
