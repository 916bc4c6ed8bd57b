import SFNJSON
import XCTest

@testable import JSONata

/// An evaluation context for calling built-ins directly: it applies built-in functions (which tests also use to
/// stand in for lambdas), with a fixed random sequence.
final class FunctionTestContext: EvaluationContext {
  var environment: EvaluationEnvironment
  /// Every call made through `apply`, for checking what higher-order functions pass.
  private(set) var calls: [[Value?]] = []

  /// A context whose `random()` returns `randoms` in turn (cycling).
  init(randoms: [Double] = [0.5]) {
    var next = 0
    environment = EvaluationEnvironment(
      startMillis: 0,
      random: {
        defer { next += 1 }
        return randoms[next % randoms.count]
      }, clock: { 0 })
  }

  func apply(_ function: FunctionValue, _ arguments: [Value?]) throws -> Value? {
    calls.append(arguments)
    guard case .builtin(let builtin) = function.kind else {
      throw JSONataError(code: "T1006", message: "the test context applies only built-ins")
    }
    return try builtin.body(arguments, self)
  }

  /// Calls the standard built-in `name` with these arguments.
  func call(_ name: String, _ arguments: Value?...) throws -> Value? {
    guard let builtin = Builtins.standard[name] else { throw JSONataError(code: "T1006", token: name) }
    return try builtin.body(arguments, self)
  }
}

/// A regex matcher on Swift's `Regex`, standing in for the evaluator's regex literals.
final class TestRegex: RegexMatcher {
  let pattern: String
  private let regex: Regex<AnyRegexOutput>

  init(_ pattern: String) throws {
    self.pattern = pattern
    regex = try Regex(pattern)
  }

  func firstMatch(in text: String, from offset: Int) throws -> RegexMatch? {
    let utf16 = text.utf16
    let from = utf16.index(utf16.startIndex, offsetBy: offset)
    guard let found = try regex.firstMatch(in: text[from...]) else { return nil }
    let start = utf16.distance(from: utf16.startIndex, to: found.range.lowerBound)
    let end = utf16.distance(from: utf16.startIndex, to: found.range.upperBound)
    let groups = found.output.dropFirst().map { $0.substring.map(String.init) ?? "" }
    return RegexMatch(match: String(text[found.range]), start: start, end: end, groups: groups)
  }
}

/// A value from JSON text.
func value(_ json: String) -> Value { Value(try! JSONParser.parse(json)) }

/// A regex literal value.
func regex(_ pattern: String) -> Value {
  .function(FunctionValue(.regex(try! TestRegex(pattern)), arity: 1))
}

/// A function value with `arity` parameters, standing in for a lambda.
func lambda(arity: Int, _ body: @escaping ([Value?]) throws -> Value?) -> Value {
  .function(FunctionValue(.builtin(Builtin("lambda", nil) { arguments, _ in try body(arguments) }), arity: arity))
}

/// The JSON text of a result, or "undefined".
func text(_ v: Value?) -> String {
  guard let v else { return "undefined" }
  return JSONWriter.compact.string(v.json)
}

/// Asserts a result deep-equals the value written as JSON (or is undefined for nil).
func assertResult(_ actual: Value?, _ expected: String?, file: StaticString = #filePath, line: UInt = #line) {
  guard let expected else {
    XCTAssertNil(actual, "expected undefined, got \(text(actual))", file: file, line: line)
    return
  }
  XCTAssertTrue(Value.deepEqual(actual, value(expected)), "expected \(expected), got \(text(actual))",
                file: file, line: line)
}

/// Asserts that `body` throws a JSONata error with `code`.
func assertError(_ code: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Value?) {
  do {
    let result = try body()
    XCTFail("expected error \(code), got \(text(result))", file: file, line: line)
  } catch let error as JSONataError {
    XCTAssertEqual(error.code, code, error.message, file: file, line: line)
  } catch {
    XCTFail("expected error \(code), got \(error)", file: file, line: line)
  }
}
