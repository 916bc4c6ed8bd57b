import XCTest
@testable import JSONata

/// An evaluation context with a fixed clock and a scripted random source, for calling built-in bodies directly.
final class FormattingTestContext: EvaluationContext {
  var environment: EvaluationEnvironment
  private(set) var randomCalls = 0

  /// A context whose evaluation started at `startMillis` and whose random source returns `randoms` in turn.
  init(startMillis: Double = 1_521_801_216_617, randoms: [Double] = [0.5]) {
    environment = EvaluationEnvironment(startMillis: startMillis, random: { 0 }, clock: { startMillis })
    var index = 0
    environment.random = { [unowned self] in
      self.randomCalls += 1
      defer { index += 1 }
      return randoms[index % randoms.count]
    }
  }

  func apply(_ function: FunctionValue, _ arguments: [Value?]) throws -> Value? {
    XCTFail("no built-in under test calls back into the evaluator")
    return nil
  }
}

/// Calls built-ins by name from a table, with a `FormattingTestContext`.
struct BuiltinCaller {
  let table: [String: Builtin]
  var context = FormattingTestContext()

  /// The result of `$name(arguments...)`.
  func call(_ name: String, _ arguments: Value?...) throws -> Value? {
    guard let function = table[name] else { throw JSONataError(code: "T1005", token: name) }
    return try function.body(arguments, context)
  }

  /// The string result of `$name(arguments...)`, or nil when it is not a string.
  func string(_ name: String, _ arguments: Value?...) throws -> String? {
    guard let function = table[name] else { throw JSONataError(code: "T1005", token: name) }
    guard case .string(let s)? = try function.body(arguments, context) else { return nil }
    return s
  }

  /// The number result of `$name(arguments...)`, or nil when it is not a number.
  func number(_ name: String, _ arguments: Value?...) throws -> Double? {
    guard let function = table[name] else { throw JSONataError(code: "T1005", token: name) }
    guard case .number(let d)? = try function.body(arguments, context) else { return nil }
    return d
  }

  /// The code of the error `$name(arguments...)` raises, or nil when it raises none.
  func errorCode(_ name: String, _ arguments: Value?...) -> String? {
    do {
      _ = try table[name]!.body(arguments, context)
      return nil
    } catch let error as JSONataError {
      return error.code
    } catch {
      return "\(error)"
    }
  }
}

extension Value {
  /// A string value (shorter to write in tests).
  static func s(_ text: String) -> Value { .string(text) }
  /// A number value.
  static func n(_ number: Double) -> Value { .number(number) }
}
