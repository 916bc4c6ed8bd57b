import XCTest

@testable import JSONata

/// The string functions, called directly (cases from the jsonata-js 2.0.6 suite that need no parser, and more).
final class FunctionLibraryStringTests: XCTestCase {
  let context = FunctionTestContext()

  func testStringWritesNumbersAsJavaScriptWithFifteenDigits() throws {
    assertResult(try context.call("string", .number(5)), "\"5\"")
    assertResult(try context.call("string", .number(22.0 / 7)), "\"3.14285714285714\"")
    assertResult(try context.call("string", .number(1e100)), "\"1e+100\"")
    assertResult(try context.call("string", .number(1e-100)), "\"1e-100\"")
    assertResult(try context.call("string", .number(1e-6)), "\"0.000001\"")
    assertResult(try context.call("string", .number(1e-7)), "\"1e-7\"")
    assertResult(try context.call("string", .number(1e20)), "\"100000000000000000000\"")
    assertResult(try context.call("string", .number(1e21)), "\"1e+21\"")
    assertResult(try context.call("string", .number(0.1 + 0.2)), "\"0.3\"")
    assertResult(try context.call("string", .number(90.57000000000001)), "\"90.57\"")
    assertResult(try context.call("string", .number(123_456_789_012_345_680)), "\"123456789012346000\"")
  }

  func testStringOfOtherValues() throws {
    assertResult(try context.call("string", .bool(true)), "\"true\"")
    assertResult(try context.call("string", .null), "\"null\"")
    assertResult(try context.call("string", nil), nil)
    assertResult(try context.call("string", .string("x")), "\"x\"")
    assertResult(try context.call("string", lambda(arity: 0) { _ in nil }), "\"\"")
    assertResult(try context.call("string", value(#"{"string": "hello"}"#)), #""{\"string\":\"hello\"}""#)
    assertResult(try context.call("string", value(#"["string", 5]"#)), #""[\"string\",5]""#)
    let nested = Value.object(ObjectValue([
      ("number", .number(78.8 / 2)), ("function", lambda(arity: 0) { _ in nil }),
      ("list", value("[1, 2.5, \"a\\nb\\u0001\"]")),
    ]))
    assertResult(try context.call("string", nested),
                 #""{\"number\":39.4,\"function\":\"\",\"list\":[1,2.5,\"a\\nb\\u0001\"]}""#)
  }

  func testStringPrettifiesWithTwoSpaces() throws {
    assertResult(try context.call("string", value(#"{"string": "hello"}"#), .bool(true)),
                 #""{\n  \"string\": \"hello\"\n}""#)
    assertResult(try context.call("string", value(#"["string", 5]"#), .bool(true)), #""[\n  \"string\",\n  5\n]""#)
    assertResult(try context.call("string", value(#"{"a": [], "b": {}, "c": [{"d": 1}]}"#), .bool(true)),
                 #""{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    {\n      \"d\": 1\n    }\n  ]\n}""#)
  }

  func testStringListsIntegerKeysFirstAsJavaScriptDoes() throws {
    assertResult(try context.call("string", value(#"{"b": 1, "10": 2, "2": 3}"#)), #""{\"2\":3,\"10\":2,\"b\":1}""#)
  }

  func testStringErrors() {
    assertError("D3001") { try self.context.call("string", .number(.infinity)) }
    assertError("D1001") { try self.context.call("string", .object(ObjectValue([("inf", .number(.infinity))]))) }
  }

  func testStringOfOuterWrapperIsItsItem() throws {
    let wrapped = Value.array(ArrayValue([value("[4, true]")], isSequence: true, outerWrapper: true))
    assertResult(try context.call("string", wrapped), #""[4,true]""#)
  }

  func testSubstringCountsCodePoints() throws {
    assertResult(try context.call("substring", .string("hello world"), .number(0), .number(5)), "\"hello\"")
    assertResult(try context.call("substring", .string("hello world"), .number(-5), .number(5)), "\"world\"")
    assertResult(try context.call("substring", .string("hello world"), .number(-5)), "\"world\"")
    assertResult(try context.call("substring", .string("hello world"), .number(6), .number(-5)), "\"\"")
    assertResult(try context.call("substring", .string("hello world"), .number(-100), .number(4)), "\"hell\"")
    assertResult(try context.call("substring", .string("hello world"), .number(1.5), .number(2)), "\"el\"")
    assertResult(try context.call("substring", .string("😂🙂x"), .number(1), .number(1)), "\"🙂\"")
    assertResult(try context.call("substring", nil, .number(1)), nil)
  }

  func testSubstringBeforeAndAfter() throws {
    assertResult(try context.call("substringBefore", .string("Hello World"), .string("r")), "\"Hello Wo\"")
    assertResult(try context.call("substringBefore", .string("Hello World"), .string("xyz")), "\"Hello World\"")
    assertResult(try context.call("substringBefore", .string("Hello World"), .string("")), "\"\"")
    assertResult(try context.call("substringAfter", .string("Hello World"), .string("l")), "\"lo World\"")
    assertResult(try context.call("substringAfter", .string("Hello World"), .string("xyz")), "\"Hello World\"")
    assertResult(try context.call("substringAfter", .string("Hello World"), .string("")), "\"Hello World\"")
  }

  func testCaseLengthAndTrim() throws {
    assertResult(try context.call("uppercase", .string("Hello World")), "\"HELLO WORLD\"")
    assertResult(try context.call("lowercase", .string("Hello World")), "\"hello world\"")
    assertResult(try context.call("length", .string("😂 x")), "3")
    // Node's toLowerCase: a word-final capital sigma becomes "ς", past case-ignorable marks and apostrophes.
    let sigmas = [
      ("ΑΣ", "ας"), ("ΑΣ Α", "ας α"), ("Σ", "σ"), ("ΑΣ.", "ας."), ("ΑΣΑ", "ασα"), ("Α'Σ'", "α'ς'"),
      ("ΑΣ\u{301}Α", "ασ\u{301}α"), ("ΑΣ\u{301}", "ας\u{301}"), ("ΌΣΟΣ ΣΟΦΟΣ", "όσος σοφος"), ("İ", "i\u{307}"),
    ]
    for (upper, lower) in sigmas {
      XCTAssertEqual(try context.call("lowercase", .string(upper)).map(text), text(.string(lower)), upper)
    }
    assertResult(try context.call("length", .string("")), "0")
    assertResult(try context.call("trim", .string(" \t Hello \n\r  World \t ")), "\"Hello World\"")
    assertResult(try context.call("trim", .string("")), "\"\"")
  }

  func testPad() throws {
    assertResult(try context.call("pad", .string("foo"), .number(5)), "\"foo  \"")
    assertResult(try context.call("pad", .string("foo"), .number(-5), .string("#")), "\"##foo\"")
    assertResult(try context.call("pad", .string("foo"), .number(5), .string("")), "\"foo  \"")
    assertResult(try context.call("pad", .string("foo"), .number(1)), "\"foo\"")
    assertResult(try context.call("pad", .string("foo"), .number(8), .string("-+")), "\"foo-+-+-\"")
    assertResult(try context.call("pad", .string("a𝄞💩"), .number(6), .string("💩")), "\"a𝄞💩💩💩💩\"")
  }

  func testContains() throws {
    assertResult(try context.call("contains", .string("Hello World"), .string("lo")), "true")
    assertResult(try context.call("contains", .string("Hello World"), .string("lox")), "false")
    assertResult(try context.call("contains", .string("Hello World"), regex("W.r")), "true")
    assertResult(try context.call("contains", .string("Hello World"), regex("w.r")), "false")
    assertResult(try context.call("contains", nil, .string("x")), nil)
  }

  func testSplitByString() throws {
    assertResult(try context.call("split", .string("Hello  World"), .string(" ")), #"["Hello", "", "World"]"#)
    assertResult(try context.call("split", .string("Hello"), .string("")), #"["H", "e", "l", "l", "o"]"#)
    assertResult(try context.call("split", .string("a, b, c, d"), .string(", "), .number(2)), #"["a", "b"]"#)
    assertResult(try context.call("split", .string("a, b, c, d"), .string(", "), .number(2.5)), #"["a", "b"]"#)
    assertResult(try context.call("split", .string("a, b, c, d"), .string(", "), .number(0)), "[]")
    assertResult(try context.call("split", .string("12💩345💩6"), .string("💩")), #"["12", "345", "6"]"#)
    assertError("D3020") { try self.context.call("split", .string("a"), .string(","), .number(-3)) }
  }

  func testSplitByRegex() throws {
    assertResult(try context.call("split", .string("a1b22c"), regex("[0-9]+")), #"["a", "b", "c"]"#)
    assertResult(try context.call("split", .string("a1b22c"), regex("[0-9]+"), .number(2)), #"["a", "b"]"#)
    assertResult(try context.call("split", .string("abc"), regex("x")), #"["abc"]"#)
    assertResult(try context.call("split", .string("a1"), regex("[0-9]")), #"["a", ""]"#)
  }

  func testJoin() throws {
    assertResult(try context.call("join", value(#"["a", "b", "c"]"#)), "\"abc\"")
    assertResult(try context.call("join", value(#"["a", "b", "c"]"#), .string(", ")), "\"a, b, c\"")
    assertResult(try context.call("join", .string("a"), .string(", ")), "\"a\"")
    assertResult(try context.call("join", nil), nil)
  }

  func testMatch() throws {
    assertResult(try context.call("match", .string("ababbabbcc"), regex("a(b+)")),
                 #"[{"match": "ab", "index": 0, "groups": ["b"]}, {"match": "abb", "index": 2, "groups": ["bb"]},"#
                   + #" {"match": "abb", "index": 5, "groups": ["bb"]}]"#)
    assertResult(try context.call("match", .string("ababbabbcc"), regex("a(b+)"), .number(1)),
                 #"[{"match": "ab", "index": 0, "groups": ["b"]}]"#)
    assertResult(try context.call("match", .string("ababbabbcc"), regex("a(b+)"), .number(0)), "[]")
    assertResult(try context.call("match", .string("abc"), regex("x")), "[]")
    assertError("D3040") { try self.context.call("match", .string("a"), regex("a"), .number(-1)) }
  }

  func testMatchResultIsASequence() throws {
    guard case .array(let a)? = try context.call("match", .string("abc"), regex("b")) else {
      return XCTFail("expected an array")
    }
    XCTAssertTrue(a.isSequence)
  }

  func testEmptyMatchAfterTheFirstIsD1004() {
    assertError("D1004") { try self.context.call("match", .string("abc"), regex("x*")) }
  }

  func testCustomMatcherFunction() throws {
    // A matcher for "a" written as a function, as the suite's `matchers` group does.
    func matcher(_ text: String, offset: Int) -> Value? {
      let units = Array(text.utf16)
      guard let i = units.firstIndex(of: UInt16(UInt8(ascii: "a"))) else { return nil }
      let rest = String(decoding: units[(i + 1)...], as: UTF16.self)
      return .object(ObjectValue([
        ("match", .string("a")), ("start", .number(Double(offset + i))), ("end", .number(Double(offset + i + 1))),
        ("groups", .array(ArrayValue())),
        ("next", lambda(arity: 0) { _ in matcher(rest, offset: offset + i + 1) }),
      ]))
    }
    let custom = lambda(arity: 1) { args in
      guard case .string(let s)? = args.first ?? nil else { return nil }
      return matcher(s, offset: 0)
    }
    assertResult(try context.call("match", .string("abracadabra"), custom),
                 #"[{"match": "a", "index": 0, "groups": []}, {"match": "a", "index": 3, "groups": []},"#
                   + #" {"match": "a", "index": 5, "groups": []}, {"match": "a", "index": 7, "groups": []},"#
                   + #" {"match": "a", "index": 10, "groups": []}]"#)
    assertResult(try context.call("replace", .string("banana"), custom, .string("o")), "\"bonono\"")
  }

  func testMatcherReturningTheWrongShapeIsT1010() {
    let uppercase = lambda(arity: 1) { args in
      guard case .string(let s)? = args.first ?? nil else { return nil }
      return .string(s.uppercased())
    }
    assertError("T1010") { try self.context.call("split", .string("some text"), uppercase) }
  }

  func testReplaceWithStrings() throws {
    assertResult(try context.call("replace", .string("Hello World"), .string("World"), .string("Everyone")),
                 "\"Hello Everyone\"")
    assertResult(try context.call("replace", .string("the cat sat on the mat"), .string("at"), .string("it")),
                 "\"the cit sit on the mit\"")
    assertResult(try context.call("replace", .string("the cat sat"), .string("at"), .string("it"), .number(1)),
                 "\"the cit sat\"")
    assertResult(try context.call("replace", .string("the cat"), .string("at"), .string("$0"), .number(0)),
                 "\"the cat\"")
    assertResult(try context.call("replace", .string("a.b"), .string("."), .string("$1$$")), "\"a$1$$b\"")
    assertError("D3010") { try self.context.call("replace", .string("abc"), .string(""), .string("x")) }
    assertError("D3011") {
      try self.context.call("replace", .string("abc"), .string("a"), .string("x"), .number(-2))
    }
  }

  func testReplaceWithRegexAndTemplate() throws {
    assertResult(try context.call("replace", .string("abcd"), regex("(b)(c)"), .string("[$2$1$0$$]")),
                 "\"a[cbbc$]d\"")
    assertResult(try context.call("replace", .string("abcd"), regex("(b)"), .string("$2|$|$x")), "\"a|$|$xcd\"")
    assertResult(try context.call("replace", .string("abcd"), regex("b"), .string("$1$")), "\"a$cd\"")
    assertResult(try context.call("replace", .string("abcd"), regex("(b)"), .string("$10")), "\"ab0cd\"")
    assertResult(try context.call("replace", .string("265USD"), regex("([0-9]+)USD"), .string("$$$1")),
                 "\"$265\"")
    assertResult(try context.call("replace", .string("aaa"), regex("a"), .string("b"), .number(2)), "\"bba\"")
    assertResult(try context.call("replace", .string("abc"), regex("x"), .string("y")), "\"abc\"")
  }

  func testReplaceGroupNumbersUseTheGroupCount() throws {
    let pattern = regex("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)")
    assertResult(try context.call("replace", .string("abcdefghijk"), pattern, .string("$11-$12-$1")), "\"k-a2-a\"")
  }

  func testReplaceWithFunction() throws {
    let double = lambda(arity: 1) { args in
      guard case .object(let m)? = args.first ?? nil, case .string(let s)? = m["match"] else { return nil }
      return .string(s + s)
    }
    assertResult(try context.call("replace", .string("abc"), regex("[ac]"), double), "\"aabcc\"")
    assertError("D3012") {
      try self.context.call("replace", .string("abc"), regex("b"), lambda(arity: 1) { _ in .number(1) })
    }
  }
}
