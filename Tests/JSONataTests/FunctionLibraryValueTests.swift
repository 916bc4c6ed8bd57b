import XCTest

@testable import JSONata

/// The numeric, aggregation, boolean, encoding and error functions, called directly.
final class FunctionLibraryValueTests: XCTestCase {
  let context = FunctionTestContext(randoms: [0.25])

  func testNumberParsesAsJSONata206() throws {
    assertResult(try context.call("number", .number(10)), "10")
    assertResult(try context.call("number", .string("-0.05")), "-0.05")
    assertResult(try context.call("number", .string("1.0e-2")), "0.01")
    assertResult(try context.call("number", .string("1e2")), "100")
    assertResult(try context.call("number", .string("0123")), "123")
    assertResult(try context.call("number", .string("-007")), "-7")
    assertResult(try context.call("number", .string("000.00123000")), "0.00123")
    assertResult(try context.call("number", .string("0x12")), "18")
    assertResult(try context.call("number", .string("0B101")), "5")
    assertResult(try context.call("number", .string("0O12")), "10")
    assertResult(try context.call("number", .bool(true)), "1")
    assertResult(try context.call("number", .bool(false)), "0")
    assertResult(try context.call("number", nil), nil)
    for bad in ["10e500", "Hello world", "1/2", "1234 hello", "", "[1]", " 1", "-0x1", "1.", ".5", "+1"] {
      assertError("D3030") { try self.context.call("number", .string(bad)) }
    }
  }

  func testNumberConvertsMalformedPrefixedIntegersToNaN() throws {
    // jsonata-js accepts these by its loosely anchored pattern, then JavaScript's Number() gives NaN.
    guard case .number(let n)? = try context.call("number", .string("0x1g")) else { return XCTFail("no number") }
    XCTAssertTrue(n.isNaN)
  }

  func testRoundHalfToEven() throws {
    let cases: [(Double, Double?, String)] = [
      (4, nil, "4"), (2.3, nil, "2"), (2.7, nil, "3"), (2.5, nil, "2"), (3.5, nil, "4"), (-0.5, nil, "0"),
      (-0.3, nil, "0"), (0.5, nil, "0"), (-7.5, nil, "-8"), (-8.5, nil, "-8"), (4.49, 1, "4.5"), (4.525, 2, "4.52"),
      (4.515, 2, "4.52"), (12345, -2, "12300"), (12450, -2, "12400"), (12350, -2, "12400"), (6.022e-23, 24, "6e-23"),
    ]
    for (x, precision, expected) in cases {
      assertResult(try context.call("round", .number(x), precision.map { .number($0) }), expected)
    }
    guard case .number(let zero)? = try context.call("round", .number(-0.3)) else { return XCTFail("no number") }
    XCTAssertEqual(zero.sign, .plus)
  }

  func testMathFunctions() throws {
    assertResult(try context.call("abs", .number(-3.5)), "3.5")
    assertResult(try context.call("floor", .number(-3.5)), "-4")
    assertResult(try context.call("ceil", .number(3.2)), "4")
    assertResult(try context.call("sqrt", .number(4)), "2")
    assertResult(try context.call("sqrt", .number(2)), "1.4142135623730951")
    assertResult(try context.call("power", .number(4), .number(0.5)), "2")
    assertResult(try context.call("power", .number(10), .number(-2)), "0.01")
    assertResult(try context.call("power", .number(-2), .number(3)), "-8")
    assertResult(try context.call("power", nil, .number(3)), nil)
    assertResult(try context.call("random"), "0.25")
    assertError("D3060") { try self.context.call("sqrt", .number(-2)) }
    assertError("D3061") { try self.context.call("power", .number(-2), .number(1.0 / 3)) }
    assertError("D3061") { try self.context.call("power", .number(100), .number(1000)) }
  }

  func testAggregation() throws {
    assertResult(try context.call("sum", value("[1, 2, 3.5]")), "6.5")
    assertResult(try context.call("sum", value("[]")), "0")
    assertResult(try context.call("sum", .number(5)), "5")
    assertResult(try context.call("sum", nil), nil)
    assertResult(try context.call("count", value("[1, 2, 3]")), "3")
    assertResult(try context.call("count", nil), "0")
    assertResult(try context.call("count", .string("x")), "1")
    assertResult(try context.call("max", value("[1, 3, -2]")), "3")
    assertResult(try context.call("max", value("[]")), nil)
    assertResult(try context.call("min", value("[1, 3, -2]")), "-2")
    assertResult(try context.call("average", value("[1, 2, 3, 4]")), "2.5")
    assertResult(try context.call("average", value("[]")), nil)
  }

  func testBoolean() throws {
    let cases: [(String, Bool)] = [
      ("\"Hello\"", true), ("\"\"", false), ("0", false), ("-0.5", true), ("null", false), ("[]", false),
      ("[0]", false), ("[1, 2]", true), ("[0, 0]", false), ("[[]]", false), ("[[null]]", false),
      ("[[[true]]]", true), ("{}", false), ("{\"a\": 1}", true),
    ]
    for (json, expected) in cases {
      assertResult(try context.call("boolean", value(json)), String(expected))
      assertResult(try context.call("not", value(json)), String(!expected))
    }
    assertResult(try context.call("boolean", lambda(arity: 0) { _ in .bool(true) }), "false")
    assertResult(try context.call("boolean", nil), nil)
    assertResult(try context.call("not", nil), nil)
    assertResult(try context.call("exists", nil), "false")
    assertResult(try context.call("exists", .null), "true")
  }

  func testBase64AsBinaryStrings() throws {
    assertResult(try context.call("base64encode", .string("hello:world")), "\"aGVsbG86d29ybGQ=\"")
    assertResult(try context.call("base64decode", .string("aGVsbG86d29ybGQ=")), "\"hello:world\"")
    assertResult(try context.call("base64encode", .string("é")), "\"6Q==\"")
    assertResult(try context.call("base64decode", .string("w6k=")), "\"\u{C3}\u{A9}\"")
    assertResult(try context.call("base64decode", .string("aGV sbG8")), "\"hello\"")
    assertResult(try context.call("base64encode", .string("")), "\"\"")
    assertResult(try context.call("base64encode", nil), nil)
  }

  func testURLEncoding() throws {
    assertResult(try context.call("encodeUrlComponent", .string("?x=test")), "\"%3Fx%3Dtest\"")
    assertResult(try context.call("encodeUrl", .string("https://mozilla.org/?x=шеллы")),
                 "\"https://mozilla.org/?x=%D1%88%D0%B5%D0%BB%D0%BB%D1%8B\"")
    assertResult(try context.call("encodeUrlComponent", .string("a b!~*'()#")), "\"a%20b!~*'()%23\"")
    assertResult(try context.call("encodeUrl", .string("a b#c")), "\"a%20b#c\"")
    assertResult(try context.call("decodeUrlComponent", .string("%3Fx%3Dtest")), "\"?x=test\"")
    assertResult(try context.call("decodeUrl", .string("https://mozilla.org/?x=%D1%88%D0%B5%D0%BB%D0%BB%D1%8B")),
                 "\"https://mozilla.org/?x=шеллы\"")
    assertResult(try context.call("decodeUrl", .string("%3F%41%23")), "\"%3FA%23\"")
    assertResult(try context.call("decodeUrlComponent", nil), nil)
  }

  func testMalformedURLsAreD3140() {
    for name in ["decodeUrl", "decodeUrlComponent"] {
      for bad in ["%E0%A4%A", "%", "%zz", "%C0%80", "%ED%A0%80", "%80"] {
        assertError("D3140") { try self.context.call(name, .string(bad)) }
      }
    }
    do {
      _ = try context.call("decodeUrl", .string("%E0%A4%A"))
    } catch let error as JSONataError {
      XCTAssertEqual(error.message, #"Malformed URL passed to $decodeUrl(): "%E0%A4%A""#)
    } catch {
      XCTFail("\(error)")
    }
  }

  func testErrorAndAssert() {
    assertError("D3137") { try self.context.call("error", .string("boom")) }
    assertError("D3141") { try self.context.call("assert", .bool(false)) }
    XCTAssertNoThrow(try context.call("assert", .bool(true)))
    do {
      _ = try context.call("error", .string("boom"))
    } catch let error as JSONataError {
      XCTAssertEqual(error.message, "boom")
    } catch {
      XCTFail("\(error)")
    }
    do {
      _ = try context.call("assert", .bool(false))
    } catch let error as JSONataError {
      XCTAssertEqual(error.message, "$assert() statement failed")
    } catch {
      XCTFail("\(error)")
    }
  }

  func testErrorsCarryTheArgumentIndexAndTemplateMessage() {
    do {
      _ = try context.call("number", .string("abc"))
      XCTFail("expected D3030")
    } catch let error as JSONataError {
      XCTAssertEqual(error.index, 1)
      XCTAssertEqual(error.message, #"Unable to cast value to a number: "abc""#)
    } catch {
      XCTFail("\(error)")
    }
    do {
      _ = try Arguments([.number(1)], function: "uppercase").string(0)
      XCTFail("expected T0410")
    } catch let error as JSONataError {
      XCTAssertEqual(error.code, "T0410")
      XCTAssertEqual(error.message, #"Argument 1 of function "uppercase" does not match function signature"#)
    } catch {
      XCTFail("\(error)")
    }
  }
}
