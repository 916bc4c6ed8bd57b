import XCTest
@testable import StateMachineEngine
import SFNKit

/// A fixed-sequence generator, so random results are reproducible.
struct CountingGenerator: RandomNumberGenerator {
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  mutating func next() -> UInt64 {
    // SplitMix64.
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

final class DataIntrinsicTests: XCTestCase {
  private var random = CountingGenerator()

  private func run(_ call: String, input: JSON = [:], variables: [String: JSON] = [:]) throws -> JSON {
    try IntrinsicCall(call).evaluate(QueryScope(input: input, context: ["StateMachine": ["Name": "a-b-c"]],
                                                variables: variables), field: "r.$", random: &random)
  }

  private func failure(_ call: String, input: JSON = [:]) -> StatesError? {
    do {
      _ = try run(call, input: input)
      return nil
    } catch {
      return error as? StatesError
    }
  }

  func testFormat() throws {
    XCTAssertEqual(try run("States.Format('Hello, {}!', $.name)", input: ["name": "Ada"]), "Hello, Ada!")
    XCTAssertEqual(try run("States.Format('{} {} {} {}', 1, 1.5, true, null)"), "1 1.5 true null")
    XCTAssertEqual(try run("States.Format('o={}', $.o)", input: ["o": ["Arg1": 1, "Arg2": [], "s": "x"]]),
                   "o={Arg1=1, Arg2=[], s=x}")
    XCTAssertEqual(try run(#"States.Format('\{\} {} \\ \'', 'x')"#), #"{} x \ '"#)
    XCTAssertEqual(try run("States.Format($.t, 2)", input: ["t": "n={}"]), "n=2")
    XCTAssertEqual(failure("States.Format('{} {}', 1)")?.error, "States.IntrinsicFailure")
    XCTAssertEqual(failure("States.Format('{}', 1, 2)")?.error, "States.IntrinsicFailure")
  }

  func testJsonConversions() throws {
    XCTAssertEqual(try run("States.StringToJson($.s)", input: ["s": "{\"a\": [1, 2.5]}"]), ["a": [1, 2.5]])
    XCTAssertEqual(try run("States.JsonToString($.o)", input: ["o": ["Arg1": 1, "Arg2": []]]),
                   "{\"Arg1\":1,\"Arg2\":[]}")
    XCTAssertEqual(try run("States.JsonToString('HelloWorld')"), "\"HelloWorld\"")
    XCTAssertEqual(try run("States.JsonToString($.n)", input: ["n": [1.5, 1e10, 2, "a\n"]]), "[1.5,1.0E10,2,\"a\\n\"]")
    XCTAssertEqual(failure("States.StringToJson('{nope')")?.error, "States.IntrinsicFailure")
    XCTAssertEqual(try run("States.JsonMerge($.a, $.b, false)",
                           input: ["a": ["x": ["p": 1], "y": 2], "b": ["x": ["q": 1], "z": 3]]),
                   ["x": ["q": 1], "y": 2, "z": 3])
    XCTAssertEqual(failure("States.JsonMerge($.a, $.a, true)", input: ["a": [:]])?.error, "States.IntrinsicFailure")
  }

  func testArrays() throws {
    XCTAssertEqual(try run("States.Array(1, 'a', $.x, States.Array())", input: ["x": ["k": true]]),
                   [1, "a", ["k": true], []])
    XCTAssertEqual(try run("States.ArrayPartition(States.Array(1, 2, 3, 4, 5), 2)"), [[1, 2], [3, 4], [5]])
    XCTAssertEqual(try run("States.ArrayContains(States.Array(1, 2), 2)"), true)
    XCTAssertEqual(try run("States.ArrayContains($.a, $.v)", input: ["a": [["1": 2]], "v": ["1": 2]]), true)
    XCTAssertEqual(try run("States.ArrayRange(1, 9, 2)"), [1, 3, 5, 7, 9])
    XCTAssertEqual(try run("States.ArrayRange(5, 1, -2)"), [5, 3, 1])
    XCTAssertEqual(try run("States.ArrayGetItem(States.Array(1, 2, 3), 1)"), 2)
    XCTAssertEqual(try run("States.ArrayLength(States.Array(1, 2, 3))"), 3)
    XCTAssertEqual(try run("States.ArrayUnique($.a)", input: ["a": [1, 1.0, "1", [:], [:], true, true]]),
                   [1, "1", [:], true])
    XCTAssertEqual(failure("States.ArrayGetItem(States.Array(1), 5)")?.error, "States.IntrinsicFailure")
    XCTAssertEqual(failure("States.ArrayPartition(States.Array(1), 0)")?.error, "States.IntrinsicFailure")
    XCTAssertEqual(failure("States.ArrayRange(0, 1000, 1)")?.error, "States.IntrinsicFailure")
    XCTAssertEqual(failure("States.ArrayRange(0, 1, 0)")?.error, "States.IntrinsicFailure")
    XCTAssertEqual(try run("States.ArrayRange(0, 999, 1)").arrayValue?.count, 1000)
    XCTAssertEqual(try run("States.ArrayRange(9223372036854775806, 9223372036854775807, 2)"),
                   [9_223_372_036_854_775_806])
    XCTAssertEqual(try run("States.ArrayRange(1, 0, 1)"), [])
    XCTAssertEqual(try run("States.ArrayPartition(States.Array(1, 2), 9223372036854775807)"), [[1, 2]])
    XCTAssertEqual(failure("States.ArrayLength('x')")?.error, "States.IntrinsicFailure")
  }

  func testEncodingAndHashing() throws {
    XCTAssertEqual(try run("States.Base64Encode('Data to encode')"), "RGF0YSB0byBlbmNvZGU=")
    XCTAssertEqual(try run("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"), "Data to encode")
    XCTAssertEqual(try run("States.Base64Decode('')"), "")
    XCTAssertEqual(failure("States.Base64Decode('@@')")?.error, "States.IntrinsicFailure")
    XCTAssertEqual(try run("States.Hash('input data', 'MD5')"), "812f45842bc6d66ee14572ce20db8e86")
    XCTAssertEqual(try run("States.Hash('input data', 'SHA-256')"),
                   "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")
    XCTAssertEqual(try run("States.Hash('', 'SHA-1')"), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    XCTAssertEqual(failure("States.Hash('x', 'SHA-3')")?.error, "States.IntrinsicFailure")
  }

  func testMath() throws {
    XCTAssertEqual(try run("States.MathAdd(1.49, 1.5)"), 3)
    XCTAssertEqual(try run("States.MathAdd(-3.5, 0)"), -3)
    XCTAssertEqual(try run("States.MathAdd(-1.5, -1.51)"), -3)
    XCTAssertEqual(try run("States.MathAdd(111, -1)"), 110)
    XCTAssertEqual(failure("States.MathAdd('1', 2)")?.error, "States.IntrinsicFailure")
    for _ in 0..<20 {
      let n = try run("States.MathRandom(1, 5)").intValue
      XCTAssertNotNil(n)
      XCTAssertTrue((1..<5).contains(n!))
    }
    // A seed gives the same number every time.
    XCTAssertEqual(try run("States.MathRandom(0, 999, 3)"), try run("States.MathRandom(0, 999, 3)"))
    XCTAssertEqual(failure("States.MathRandom(5, 1)")?.error, "States.IntrinsicFailure")
  }

  func testJavaRandomMatchesJava() {
    // new Random(0).nextInt() is -1155484576: its top 31 bits scaled to 16 give 11.
    var generator = JavaRandom(seed: 0)
    XCTAssertEqual(generator.nextInt(bound: 16), 11)
    // AWS's seeded $random(42) is 0.7275636800328681 (java.util.Random's first nextDouble): its top 26 bits are
    // the generator's first 26-bit draw.
    var seeded = JavaRandom(seed: 42)
    XCTAssertEqual(seeded.nextInt(bound: 1 << 26), 48_825_972)
  }

  func testStringSplitAndUUID() throws {
    XCTAssertEqual(try run("States.StringSplit(', , ,', ',')"), [" ", " "])
    XCTAssertEqual(try run("States.StringSplit($.s, $.d)", input: ["s": "split on T and \nnew line", "d": "T\n"]),
                   ["split on ", " and ", "new line"])
    XCTAssertEqual(try run("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), "
                           + "States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))"),
                   "c")
    let uuid = try run("States.UUID()").stringValue ?? ""
    XCTAssertEqual(uuid.count, 36)
    XCTAssertEqual(Array(uuid)[14], "4")
    XCTAssertNotEqual(try run("States.UUID()").stringValue, uuid)
  }

  func testMissingPathInAnArgument() {
    XCTAssertEqual(failure("States.Array($.nope)", input: ["a": 1]), .runtime(
      "The JSONPath '$.nope' specified for the field 'r.$' could not be found in the input '{\"a\":1}'"))
  }

  func testPayloadTemplate() throws {
    let template: JSON = [
      "literal": "x", "path.$": "$.a", "ctx.$": "$$.StateMachine.Name", "var.$": "$v",
      "call.$": "States.Format('{}-{}', $.a, $v)", "nested": ["list": [["deep.$": "$.a"], 1]],
    ]
    let result = try PayloadTemplate(template).evaluate(
      QueryScope(input: ["a": 1], context: ["StateMachine": ["Name": "m"]], variables: ["v": "w"]), random: &random)
    XCTAssertEqual(result, ["literal": "x", "path": 1, "ctx": "m", "var": "w", "call": "1-w",
                            "nested": ["list": [["deep": 1], 1]]])
    XCTAssertThrowsError(try PayloadTemplate(["address.$": "$.application.address"])
      .evaluate(QueryScope(input: ["flagged": false]), random: &random)) { error in
      XCTAssertEqual(error as? StatesError, .runtime(
        "The JSONPath '$.application.address' specified for the field 'address.$' could not be found in the input "
          + "'{\"flagged\":false}'"))
    }
  }

  func testMalformedTemplatesFailWhenCompiled() {
    XCTAssertEqual((try? PayloadTemplate(["a.$": 1])) == nil, true)
    XCTAssertThrowsError(try PayloadTemplate(["a.$": "States.Nope(1)"])) { error in
      XCTAssertEqual((error as? StatesError)?.error, "States.IntrinsicFailure")
    }
    XCTAssertThrowsError(try PayloadTemplate(["a.$": "$.x["])) { error in
      XCTAssertEqual((error as? StatesError)?.error, "States.Runtime")
    }
    // A key that is only ".$" is a literal name, as is a value under a key without the suffix.
    XCTAssertEqual(try PayloadTemplate([".$": "$.a", "b": "$.a"]).evaluate(QueryScope(input: ["a": 1]),
                                                                            random: &random),
                   [".$": "$.a", "b": "$.a"])
  }

  func testJavaNumberText() {
    XCTAssertEqual(JavaText.number(1.0), "1.0")
    XCTAssertEqual(JavaText.number(1.1), "1.1")
    XCTAssertEqual(JavaText.number(1e7), "1.0E7")
    XCTAssertEqual(JavaText.number(1.5e-5), "1.5E-5")
    XCTAssertEqual(JavaText.number(0.0005), "5.0E-4")
    XCTAssertEqual(JavaText.number(-123456789.5), "-1.234567895E8")
    XCTAssertEqual(JavaText.number(42), "42")
  }
}
