import SFNJSON
import XCTest
@testable import JSONata

final class StepFunctionsDialectTests: XCTestCase {
  private let f = BuiltinCaller(table: StepFunctionsDialect.functions)

  private func numbers(_ items: Double...) -> Value { .array(ArrayValue(items.map { .number($0) })) }

  private func assertDialectError(_ name: String, _ arguments: Value?..., file: StaticString = #filePath,
                                  line: UInt = #line) {
    do {
      _ = try StepFunctionsDialect.functions[name]!.body(arguments, f.context)
      XCTFail("$\(name) raised no error", file: file, line: line)
    } catch let error as JSONataError {
      XCTAssertEqual(error.code, "States.QueryEvaluationError", file: file, line: line)
      XCTAssertTrue(error.message.hasPrefix("Invalid argument to $\(name): "), error.message, file: file, line: line)
    } catch {
      XCTFail("\(error)", file: file, line: line)
    }
  }

  func testTableIsTheStandardLibraryWithoutEvalPlusTheSixAdditions() {
    XCTAssertNil(StepFunctionsDialect.functions["eval"])
    for name in ["partition", "range", "hash", "random", "uuid", "parse"] {
      XCTAssertNotNil(StepFunctionsDialect.functions[name], name)
    }
    for name in Builtins.standard.keys where name != "eval" {
      XCTAssertNotNil(StepFunctionsDialect.functions[name], name)
    }
    // $random is in both: the dialect's takes an optional seed.
    let expected = Set(Builtins.standard.keys).subtracting(["eval"])
      .union(["partition", "range", "hash", "random", "uuid", "parse"])
    XCTAssertEqual(Set(StepFunctionsDialect.functions.keys), expected)
    XCTAssertEqual(StepFunctionsDialect.functions["random"]?.signature, "<n?:n>")
  }

  func testPartitionAsAWSRecordedIt() throws {
    XCTAssertEqual(try f.call("partition", numbers(0), .n(1))?.json, try parsed("[[0]]"))
    XCTAssertEqual(try f.call("partition", numbers(0, 1, 2), .n(2))?.json, try parsed("[[0,1],[2]]"))
    XCTAssertEqual(try f.call("partition", numbers(0, 1, 2, 3), .n(3))?.json, try parsed("[[0,1,2],[3]]"))
    XCTAssertEqual(try f.call("partition", numbers(0, 1), .n(3))?.json, try parsed("[[0,1]]"))
    XCTAssertEqual(try f.call("partition", numbers(), .n(3))?.json, try parsed("[]"))
    XCTAssertEqual(try f.call("partition", numbers(0, 1), .n(1e300))?.json, try parsed("[[0,1]]"))
    XCTAssertNil(try f.call("partition", nil, .n(3)))
  }

  func testPartitionRejectsSizesThatAreNotPositiveIntegers() {
    assertDialectError("partition", numbers(1, 2), .n(0))
    assertDialectError("partition", numbers(1, 2), .n(-1))
    assertDialectError("partition", numbers(1, 2), .n(1.5))
    assertDialectError("partition", numbers(1, 2), .n(.infinity))
  }

  func testRangeIsInclusiveAndStepsEitherWay() throws {
    XCTAssertEqual(try f.call("range", .n(0), .n(10), .n(3))?.json, try parsed("[0,3,6,9]"))
    XCTAssertEqual(try f.call("range", .n(1), .n(9), .n(2))?.json, try parsed("[1,3,5,7,9]"))
    XCTAssertEqual(try f.call("range", .n(10), .n(0), .n(-5))?.json, try parsed("[10,5,0]"))
    XCTAssertEqual(try f.call("range", .n(5), .n(1), .n(1))?.json, try parsed("[]"))
    XCTAssertEqual(try f.call("range", .n(1), .n(1000), .n(1)).map { value -> Int in
      guard case .array(let a) = value else { return -1 }
      return a.count
    }, 1000)
    XCTAssertNil(try f.call("range", nil, .n(1), .n(1)))
  }

  func testRangeErrors() {
    assertDialectError("range", .n(0), .n(10), .n(0))
    assertDialectError("range", .n(0.5), .n(10), .n(1))
    assertDialectError("range", .n(0), .n(10.5), .n(1))
    assertDialectError("range", .n(0), .n(10), .n(1.5))
    assertDialectError("range", .n(0), .n(1000), .n(1))
  }

  func testHashEveryAlgorithm() throws {
    XCTAssertEqual(try f.string("hash", .s("abc"), .s("MD5")), "900150983cd24fb0d6963f7d28e17f72")
    XCTAssertEqual(try f.string("hash", .s("abc"), .s("SHA-1")), "a9993e364706816aba3e25717850c26c9cd0d89d")
    XCTAssertEqual(try f.string("hash", .s("abc"), .s("SHA-256")),
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    XCTAssertEqual(try f.string("hash", .s("abc"), .s("SHA-384")),
                   "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                   + "8086072ba1e7cc2358baeca134c825a7")
    XCTAssertEqual(try f.string("hash", .s("abc"), .s("SHA-512")),
                   "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                   + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    XCTAssertEqual(try f.string("hash", .s(""), .s("MD5")), "d41d8cd98f00b204e9800998ecf8427e")
    // The UTF-8 bytes are hashed.
    XCTAssertEqual(try f.string("hash", .s("\u{E9}"), .s("MD5")), "66ddcd97cfdeabb2f6fb8a999b4bc76f")
    XCTAssertNil(try f.call("hash", nil, .s("MD5")))
  }

  func testHashRejectsUnknownAlgorithms() {
    assertDialectError("hash", .s("abc"), .s("SHA-224"))
    assertDialectError("hash", .s("abc"), .s("sha-256"))
  }

  func testRandomWithoutSeedUsesTheEnvironment() throws {
    let caller = BuiltinCaller(table: StepFunctionsDialect.functions, context: FormattingTestContext(randoms: [0.25]))
    XCTAssertEqual(try caller.number("random"), 0.25)
    XCTAssertEqual(caller.context.randomCalls, 1)
  }

  func testRandomWithSeedIsRepeatableAndInRange() throws {
    let first = try XCTUnwrap(f.number("random", .n(42)))
    XCTAssertEqual(try f.number("random", .n(42)), first)
    XCTAssertNotEqual(try f.number("random", .n(43)), first)
    XCTAssertEqual(f.context.randomCalls, 0)
    for seed in [-5.0, 0, 1, 123_456_789, 9e18] {
      let value = try XCTUnwrap(f.number("random", .n(seed)))
      XCTAssertTrue(value >= 0 && value < 1, "\(seed): \(value)")
    }
    // java.util.Random(42).nextDouble()
    XCTAssertEqual(first, 0.7275636800328681)
  }

  func testRandomRejectsNonFiniteSeeds() {
    assertDialectError("random", .n(.infinity))
  }

  func testUUIDIsVersion4FromTheEnvironment() throws {
    let caller = BuiltinCaller(table: StepFunctionsDialect.functions,
                               context: FormattingTestContext(randoms: [0, 0.999, 0.5]))
    let uuid = try XCTUnwrap(caller.string("uuid"))
    XCTAssertEqual(uuid, "00ff8000-ff80-40ff-8000-ff8000ff8000")
    XCTAssertEqual(caller.context.randomCalls, 16)
    let other = try XCTUnwrap(f.string("uuid"))
    let shape = try Regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
    XCTAssertNotNil(try shape.wholeMatch(in: other))
  }

  func testParseReadsEveryKindOfJSONAsAWSRecordedIt() throws {
    XCTAssertEqual(try f.call("parse", .s("-0"))?.json, try parsed("0"))
    XCTAssertEqual(try f.call("parse", .s("1"))?.json, try parsed("1"))
    XCTAssertEqual(try f.call("parse", .s("true"))?.json, try parsed("true"))
    XCTAssertEqual(try f.call("parse", .s("\"HelloWorld\""))?.json, try parsed("\"HelloWorld\""))
    XCTAssertEqual(try f.call("parse", .s("[1, 2, \"HelloWorld\"]"))?.json, try parsed("[1,2,\"HelloWorld\"]"))
    XCTAssertEqual(try f.call("parse", .s("{\"Arg1\": 1, \"Arg2\": []}"))?.json, try parsed("{\"Arg1\":1,\"Arg2\":[]}"))
    XCTAssertEqual(try f.call("parse", .s("null"))?.json, try parsed("null"))
    XCTAssertNil(try f.call("parse", nil))
  }

  func testParseRejectsInvalidJSON() {
    assertDialectError("parse", .s("{\"a\": }"))
    assertDialectError("parse", .s("HelloWorld"))
    assertDialectError("parse", .s(""))
  }

  private func parsed(_ text: String) throws -> JSON { try JSONParser.parse(text) }
}

/// The dialect through whole expressions: signatures, undefined arguments, and what the engine will see.
final class StepFunctionsDialectExpressionTests: XCTestCase {
  private func evaluate(_ text: String, input: String? = nil, randoms: [Double] = [0.5]) throws -> JSON? {
    var index = 0
    let environment = EvaluationEnvironment(startMillis: 1_521_801_216_617, random: {
      defer { index += 1 }
      return randoms[index % randoms.count]
    }, clock: { 0 })
    let expression = try JSONataExpression(text, functions: StepFunctionsDialect.functions)
    return try expression.evaluate(input: try input.map { Value(try JSONParser.parse($0)) },
                                   environment: environment)?.json
  }

  private func errorCode(_ text: String, input: String? = nil) -> String? {
    do {
      _ = try evaluate(text, input: input)
      return nil
    } catch let error as JSONataError {
      return error.code
    } catch {
      return "\(error)"
    }
  }

  func testFunctionsInExpressions() throws {
    XCTAssertEqual(try evaluate("$partition(items, 2)", input: #"{"items": [1, 2, 3]}"#),
                   try JSONParser.parse("[[1,2],[3]]"))
    XCTAssertEqual(try evaluate("$range(0, 10, 3)[-1]"), try JSONParser.parse("9"))
    XCTAssertEqual(try evaluate("$hash('abc', 'MD5')"), try JSONParser.parse(#""900150983cd24fb0d6963f7d28e17f72""#))
    XCTAssertEqual(try evaluate("$parse(text).a[1]", input: #"{"text": "{\"a\": [5, 6]}"}"#),
                   try JSONParser.parse("6"))
    XCTAssertEqual(try evaluate("$random(42) = $random(42)"), try JSONParser.parse("true"))
    XCTAssertEqual(try evaluate("$random()", randoms: [0.125]), try JSONParser.parse("0.125"))
    XCTAssertEqual(try evaluate("$length($uuid())"), try JSONParser.parse("36"))
    XCTAssertEqual(try evaluate("$now() = $fromMillis($millis())"), try JSONParser.parse("true"))
  }

  func testASingleValueIsAnArrayOfOneForPartition() throws {
    XCTAssertEqual(try evaluate("$partition(item, 2)", input: #"{"item": 7}"#), try JSONParser.parse("[[7]]"))
  }

  func testUndefinedArgumentsGiveUndefined() throws {
    XCTAssertNil(try evaluate("$partition(missing, 2)", input: "{}"))
    XCTAssertNil(try evaluate("$hash(missing, 'MD5')", input: "{}"))
    XCTAssertNil(try evaluate("$parse(missing)", input: "{}"))
  }

  func testEvalIsNotAFunctionInStepFunctions() throws {
    XCTAssertEqual(errorCode("$eval('1 + 1')"), "T1006")
    XCTAssertEqual(try JSONataExpression("$eval('1 + 1')").evaluate(input: nil, environment: .system)?.json,
                   try JSONParser.parse("2"))
  }

  func testWrongArgumentTypesFailSignatureValidation() {
    XCTAssertEqual(errorCode("$hash(1, 'MD5')"), "T0410")
    XCTAssertEqual(errorCode("$range('a', 2, 1)"), "T0410")
    XCTAssertEqual(errorCode("$partition([1], '2')"), "T0410")
    XCTAssertEqual(errorCode("$parse(1)"), "T0410")
    XCTAssertEqual(errorCode("$uuid(1)"), "T0410")
  }

  func testRejectedValuesRaiseTheDialectError() {
    XCTAssertEqual(errorCode("$partition([1, 2], 0)"), "States.QueryEvaluationError")
    XCTAssertEqual(errorCode("$range(0, 5, 0)"), "States.QueryEvaluationError")
    XCTAssertEqual(errorCode("$hash('a', 'SHA-3')"), "States.QueryEvaluationError")
    XCTAssertEqual(errorCode("$parse('{')"), "States.QueryEvaluationError")
  }
}
