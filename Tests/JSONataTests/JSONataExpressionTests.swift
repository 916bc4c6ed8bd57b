import XCTest
import SFNJSON
@testable import JSONata

/// The public API: evaluation with bindings and environments, limits, references for `sfn validate`.
final class JSONataExpressionTests: XCTestCase {
  private func fixed(maxDepth: Int? = nil, timeLimit: Double? = nil, clock: @escaping () -> Double = { 0 })
    -> EvaluationEnvironment {
    EvaluationEnvironment(startMillis: 1_000, random: { 0.5 }, maxDepth: maxDepth, timeLimitMillis: timeLimit,
                          clock: clock)
  }

  private func evaluate(_ text: String, _ input: JSON? = nil, bindings: [String: Value] = [:]) throws -> JSON? {
    try JSONataExpression(text).evaluate(input: input.map(Value.init), bindings: bindings, environment: fixed())?.json
  }

  func testEvaluatesPathsAgainstInput() throws {
    let input: JSON = ["a": [["b": 1], ["b": 2]], "c": "x"]
    XCTAssertEqual(try evaluate("a.b", input), [1, 2])
    XCTAssertEqual(try evaluate("a[0].b", input), 1)
    XCTAssertEqual(try evaluate("a[b > 1].b[]", input), [2])
    XCTAssertNil(try evaluate("nothing", input))
    XCTAssertEqual(try evaluate("c & '!'", input), "x!")
  }

  func testBindingsAreVariables() throws {
    XCTAssertEqual(try evaluate("$x + $y", bindings: ["x": .number(2), "y": .number(3)]), 5)
  }

  func testOneExpressionEvaluatesManyTimesIndependently() throws {
    let expression = try JSONataExpression("($n := $; $n * 2)")
    for i in 0..<20 {
      XCTAssertEqual(try expression.evaluate(input: .number(Double(i)), environment: fixed())?.json,
                     .integer(i * 2))
    }
  }

  func testDeepNonTailRecursionFailsWithU1001() throws {
    let text = "($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))"
    XCTAssertThrowsError(try evaluate(text)) { XCTAssertEqual(($0 as? JSONataError)?.code, "U1001") }
    // recursion through a built-in's callback and through $eval nests more frames per level
    let throughMap = "($f := function($n){ $n = 0 ? 0 : $sum($map([1], function($x){ $f($n - 1) })) }; $f(100000))"
    XCTAssertThrowsError(try evaluate(throughMap)) { XCTAssertEqual(($0 as? JSONataError)?.code, "U1001") }
    let throughEval = "($f := function($n){ $n = 0 ? 0 : $eval('$f($n - 1) + 1') }; $f(100000))"
    XCTAssertThrowsError(try evaluate(throughEval)) { XCTAssertEqual(($0 as? JSONataError)?.code, "U1001") }
    XCTAssertThrowsError(
      try JSONataExpression(text).evaluate(input: nil, environment: fixed(maxDepth: 50))
    ) { XCTAssertEqual(($0 as? JSONataError)?.code, "U1001") }
  }

  func testTailRecursionRunsInConstantStack() throws {
    let text = "($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(20000, 0))"
    XCTAssertEqual(try JSONataExpression(text).evaluate(input: nil, environment: fixed(maxDepth: 200))?.json,
                   20000)
  }

  func testTimeLimitUsesTheInjectedClock() throws {
    var now = 0.0
    let environment = fixed(timeLimit: 100) {
      now += 1
      return now
    }
    let text = "($f := function($n){ $f($n + 1) }; $f(0))"
    XCTAssertThrowsError(try JSONataExpression(text).evaluate(input: nil, environment: environment)) {
      XCTAssertEqual(($0 as? JSONataError)?.code, "U1001")
    }
  }

  func testRuntimeErrorsCarryPositionAndToken() throws {
    XCTAssertThrowsError(try evaluate("1 + 'a'")) { error in
      let e = error as? JSONataError
      XCTAssertEqual(e?.code, "T2002")
      XCTAssertEqual(e?.token, "+")
      XCTAssertEqual(e?.position, 3)
      XCTAssertEqual(e?.message, "The right side of the \"+\" operator must evaluate to a number")
    }
    XCTAssertThrowsError(try evaluate("$uppercase(1)")) { error in
      let e = error as? JSONataError
      XCTAssertEqual(e?.code, "T0410")
      XCTAssertEqual(e?.index, 1)
      XCTAssertEqual(e?.message, "Argument 1 of function \"uppercase\" does not match function signature")
    }
  }

  func testFunctionTableIsReplaceable() throws {
    let double = Builtin("double", "<n:n>") { args, _ in
      guard case .number(let n)? = args[0] else { return nil }
      return .number(n * 2)
    }
    let expression = try JSONataExpression("$double(21)", functions: ["double": double])
    XCTAssertEqual(try expression.evaluate(input: nil, environment: fixed())?.json, 42)
    XCTAssertThrowsError(try JSONataExpression("$string(1)", functions: [:]).evaluate(input: nil, environment: fixed()))
  }

  func testReferencesForValidation() throws {
    let expression = try JSONataExpression("($a := $states.input; $f := function($x){ $x + $b }; $f($a) ~> $g)")
    XCTAssertEqual(expression.referencedFunctions.map(\.name), ["f", "g"])
    XCTAssertEqual(expression.referencedFunctions.map(\.position), [53, 63])
    XCTAssertEqual(expression.referencedVariables.map(\.name), ["states", "x", "b", "a"])
    XCTAssertEqual(expression.referencedVariables.map(\.position), [7, 42, 47, 56])
  }

  func testRegexAnchorsSeeTheWholeString() throws {
    XCTAssertEqual(try evaluate("$replace('abab', /^ab/, 'x')"), "xab")
    XCTAssertEqual(try evaluate("$match('foo bar', /\\b\\w/).match"), ["f", "b"])
    XCTAssertEqual(try evaluate("$match('line1\\nline2', /^line\\d$/m).match"), ["line1", "line2"])
    XCTAssertEqual(try evaluate("/a/('xa').start"), 1)
    XCTAssertEqual(try evaluate("$match('😀a', /a/).index"), 2)
  }

  func testSystemEnvironmentReadsTheClock() {
    let environment = EvaluationEnvironment.system
    XCTAssertGreaterThan(environment.startMillis, 1_600_000_000_000)
    XCTAssertLessThanOrEqual(environment.startMillis, environment.clock())
    let r = environment.random()
    XCTAssertTrue(r >= 0 && r < 1)
  }

  func testLargeInputsEvaluateQuickly() throws {
    let items = (0..<10_000).map { JSON.object(JSONObject([("id", .integer($0)), ("name", .string("n\($0)"))])) }
    let input = Value(JSON.object(JSONObject([("items", .array(items))])))
    let start = Date()
    let filtered = try JSONataExpression("items[id % 2 = 0].name").evaluate(input: input, environment: fixed())
    let mapped = try JSONataExpression("$map(items, function($v){ $v.id * 2 })")
      .evaluate(input: input, environment: fixed())
    let grouped = try JSONataExpression("items{'all': $count(id), name: id}")
      .evaluate(input: input, environment: fixed())
    XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    guard case .object(let groups)? = grouped else { return XCTFail() }
    XCTAssertEqual(groups["all"]?.json, 10_000)
    XCTAssertEqual(groups.count, 10_001)
    guard case .array(let names)? = filtered, case .array(let doubled)? = mapped else { return XCTFail() }
    XCTAssertEqual(names.count, 5_000)
    XCTAssertEqual(doubled.count, 10_000)
  }
}
