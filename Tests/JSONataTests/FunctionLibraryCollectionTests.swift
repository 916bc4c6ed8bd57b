import XCTest

@testable import JSONata

/// The array, object and higher-order functions, called directly.
final class FunctionLibraryCollectionTests: XCTestCase {
  let context = FunctionTestContext()

  /// The sequence flag of a result array.
  private func isSequence(_ v: Value?) -> Bool? {
    guard case .array(let a)? = v else { return nil }
    return a.isSequence
  }

  func testAppend() throws {
    assertResult(try context.call("append", value("[1, 2]"), value("[3, 4]")), "[1, 2, 3, 4]")
    assertResult(try context.call("append", .number(1), value("[3, 4]")), "[1, 3, 4]")
    assertResult(try context.call("append", .number(1), .number(2)), "[1, 2]")
    assertResult(try context.call("append", .number(1), nil), "1")
    assertResult(try context.call("append", nil, value("[2, 3]")), "[2, 3]")
    XCTAssertEqual(isSequence(try context.call("append", .array(.sequence([.number(1)])), .number(2))), false)
  }

  func testReverseShuffleDistinctZip() throws {
    assertResult(try context.call("reverse", value("[1, 2, 3]")), "[3, 2, 1]")
    assertResult(try context.call("reverse", value("[1]")), "[1]")
    assertResult(try context.call("reverse", nil), nil)
    let shuffled = try FunctionTestContext(randoms: [0.9, 0.1, 0.5]).call("shuffle", value("[1, 2, 3, 4]"))
    // Inside-out Fisher-Yates with j = floor(r × (i + 1)) for r = 0.9, 0.1, 0.5, 0.9: j = 0, 0, 1, 3.
    assertResult(shuffled, "[2, 3, 1, 4]")
    assertResult(try context.call("distinct", value(#"[1, 2, 1, {"a": [1]}, {"a": [1]}, "1"]"#)),
                 #"[1, 2, {"a": [1]}, "1"]"#)
    assertResult(try context.call("distinct", .string("hello")), "\"hello\"")
    assertResult(try context.call("distinct", nil), nil)
    XCTAssertEqual(isSequence(try context.call("distinct", .array(.sequence([.number(1), .number(1)])))), true)
    assertResult(try context.call("zip", value("[1, 2, 3]"), value("[4, 5]"), value("[7, 8, 9]")),
                 "[[1, 4, 7], [2, 5, 8]]")
    assertResult(try context.call("zip", value("[1, 2, 3]")), "[[1], [2], [3]]")
    assertResult(try context.call("zip", value("[1, 2, 3]"), nil), "[]")
  }

  func testSortWithoutComparator() throws {
    assertResult(try context.call("sort", value("[1, 3, 22, 11]")), "[1, 3, 11, 22]")
    assertResult(try context.call("sort", value(#"["b", "B", "a", "é", "z"]"#)), #"["B", "a", "b", "z", "é"]"#)
    assertResult(try context.call("sort", .number(1)), "[1]")
    assertResult(try context.call("sort", nil), nil)
    assertError("D3070") { try self.context.call("sort", value(#"[1, "a"]"#)) }
    assertError("D3070") { try self.context.call("sort", value(#"[{"a": 1}, {"a": 2}]"#)) }
  }

  func testSortWithComparatorIsStable() throws {
    let items = value(#"[{"k": 2, "n": "a"}, {"k": 1, "n": "b"}, {"k": 2, "n": "c"}, {"k": 1, "n": "d"}]"#)
    let byKey = lambda(arity: 2) { args in
      guard case .object(let a)? = args[0], case .object(let b)? = args[1],
        case .number(let x)? = a["k"], case .number(let y)? = b["k"]
      else { return nil }
      return .bool(x > y)
    }
    assertResult(try context.call("sort", items, byKey),
                 #"[{"k": 1, "n": "b"}, {"k": 1, "n": "d"}, {"k": 2, "n": "a"}, {"k": 2, "n": "c"}]"#)
  }

  func testKeysLookupSpreadMerge() throws {
    assertResult(try context.call("keys", value(#"{"b": 1, "a": 2}"#)), #"["b", "a"]"#)
    assertResult(try context.call("keys", value(#"[{"b": 1}, {"a": 2, "b": 3}, "x", [{"c": 1}]]"#)),
                 #"["b", "a", "c"]"#)
    assertResult(try context.call("keys", value("{}")), "[]")
    XCTAssertEqual(isSequence(try context.call("keys", value("{}"))), true)
    assertResult(try context.call("lookup", value(#"{"a": 1}"#), .string("a")), "1")
    assertResult(try context.call("lookup", value(#"[{"a": 1}, {"a": [2, 3]}, {"b": 4}, 5]"#), .string("a")),
                 "[1, 2, 3]")
    assertResult(try context.call("lookup", .string("x"), .string("a")), nil)
    assertResult(try context.call("spread", value(#"{"a": 1, "b": 2}"#)), #"[{"a": 1}, {"b": 2}]"#)
    assertResult(try context.call("spread", value(#"[{"a": 1}, {"b": 2, "c": 3}]"#)),
                 #"[{"a": 1}, {"b": 2}, {"c": 3}]"#)
    assertResult(try context.call("spread", .string("Hello")), "\"Hello\"")
    assertResult(try context.call("spread", nil), nil)
    assertResult(try context.call("merge", value(#"[{"a": 1}, {"b": 2, "a": 3}]"#)), #"{"a": 3, "b": 2}"#)
    assertResult(try context.call("merge", value(#"{"a": 1}"#)), #"{"a": 1}"#)
    assertResult(try context.call("merge", nil), nil)
  }

  func testType() throws {
    let cases: [(Value?, String?)] = [
      (nil, nil), (.null, "\"null\""), (.number(1), "\"number\""), (.string("1"), "\"string\""),
      (.bool(true), "\"boolean\""), (value("[]"), "\"array\""), (value("{}"), "\"object\""),
      (lambda(arity: 0) { _ in nil }, "\"function\""),
    ]
    for (v, expected) in cases { assertResult(try context.call("type", v), expected) }
  }

  func testEachAndSiftPassValueKeyAndObjectByArity() throws {
    let object = value(#"{"a": 1, "b": 0, "c": 3}"#)
    let describe = lambda(arity: 2) { args in
      guard case .string(let k)? = args[1], case .number(let v)? = args[0] else { return nil }
      return v == 0 ? nil : .string("\(k)=\(Int(v))")
    }
    assertResult(try context.call("each", object, describe), #"["a=1", "c=3"]"#)
    assertResult(try context.call("sift", object, lambda(arity: 1) { args in args[0] }), #"{"a": 1, "c": 3}"#)
    assertResult(try context.call("sift", object, lambda(arity: 1) { _ in .bool(false) }), nil)
    let counting = FunctionTestContext()
    _ = try counting.call("sift", object, lambda(arity: 3) { _ in .bool(true) })
    XCTAssertEqual(counting.calls.first?.count, 3)
  }

  func testMapAndFilter() throws {
    let square = lambda(arity: 1) { args in
      guard case .number(let n)? = args[0] else { return nil }
      return .number(n * n)
    }
    let mapped = try context.call("map", value("[1, 2, 3]"), square)
    assertResult(mapped, "[1, 4, 9]")
    XCTAssertEqual(isSequence(mapped), true)
    assertResult(try context.call("map", nil, square), nil)
    let indexed = lambda(arity: 3) { args in
      guard case .number(let i)? = args[1], case .array(let a)? = args[2] else { return nil }
      return .string("\(Int(i) + 1)/\(a.count)")
    }
    assertResult(try context.call("map", value(#"["x", "y"]"#), indexed), #"["1/2", "2/2"]"#)
    let dropOdd = lambda(arity: 1) { args in
      guard case .number(let n)? = args[0] else { return nil }
      return n.truncatingRemainder(dividingBy: 2) == 0 ? args[0] : nil
    }
    assertResult(try context.call("map", value("[1, 2, 3, 4]"), dropOdd), "[2, 4]")
    assertResult(try context.call("filter", value("[0, 1, 2]"), lambda(arity: 1) { args in args[0] }), "[1, 2]")
    assertResult(try context.call("filter", .number(5), lambda(arity: 1) { _ in .bool(true) }), "[5]")
  }

  func testSingle() throws {
    let isOne = lambda(arity: 2) { args in
      guard case .number(let i)? = args[1] else { return nil }
      return .bool(i == 1)
    }
    assertResult(try context.call("single", value(#"["zero", "one", "two"]"#), isOne), "\"one\"")
    assertResult(try context.call("single", value("[0]")), "0")
    assertResult(try context.call("single", nil, isOne), nil)
    assertError("D3138") { try self.context.call("single", value("[0, 1, 2]")) }
    assertError("D3139") { try self.context.call("single", value("[]")) }
    assertError("D3139") { try self.context.call("single", value("[0, 1]"), lambda(arity: 1) { _ in .bool(false) }) }
  }

  func testReduce() throws {
    let add = lambda(arity: 2) { args in
      guard case .number(let a)? = args[0], case .number(let b)? = args[1] else { return nil }
      return .number(a + b)
    }
    assertResult(try context.call("reduce", value("[1, 2, 3, 4, 5]"), add), "15")
    assertResult(try context.call("reduce", value("[1, 2, 3, 4, 5]"), add, .number(2)), "17")
    assertResult(try context.call("reduce", .number(1), add), "1")
    assertResult(try context.call("reduce", value("[]"), add), nil)
    assertResult(try context.call("reduce", nil, add), nil)
    let withIndex = lambda(arity: 4) { args in
      guard case .number(let a)? = args[0], case .number(let i)? = args[2], case .array(let all)? = args[3] else {
        return nil
      }
      return .number(a + i * Double(all.count))
    }
    assertResult(try context.call("reduce", value("[10, 20, 30]"), withIndex), "19")
    assertError("D3050") { try self.context.call("reduce", value("[1, 2]"), lambda(arity: 1) { args in args[0] }) }
  }
}

/// Inputs at the edges: large arrays, huge or odd numbers, and strings Unicode treats as equivalent.
final class FunctionLibraryEdgeTests: XCTestCase {
  let context = FunctionTestContext()

  func testDistinctOfALargeArrayKeepsFirstOccurrences() throws {
    let items = (0..<20_000).map { Value.number(Double($0 % 1000)) } + [.number(-0.0), .string("1"), .null, .null]
    guard case .array(let result)? = try context.call("distinct", .array(ArrayValue(items))) else {
      return XCTFail("expected an array")
    }
    XCTAssertEqual(result.count, 1002)
    assertResult(.array(ArrayValue(Array(result.items.suffix(2)))), #"["1", null]"#)
  }

  func testDistinctComparesStringsByCodeUnits() throws {
    // "é" precomposed and decomposed are canonically equivalent in Swift but different strings in JavaScript.
    let result = try context.call("distinct", .array(ArrayValue([.string("\u{E9}"), .string("e\u{301}")])))
    guard case .array(let a)? = result else { return XCTFail("expected an array") }
    XCTAssertEqual(a.count, 2)
  }

  func testDistinctKeepsEveryNaNAndMergesZeroes() throws {
    let numbers: [Value] = [.number(.nan), .number(.nan), .number(0), .number(-0.0)]
    let result = try context.call("distinct", .array(ArrayValue(numbers)))
    guard case .array(let a)? = result else { return XCTFail("expected an array") }
    XCTAssertEqual(a.count, 3)
  }

  func testPadToAnImpossibleWidthIsARangeError() {
    assertError("RangeError") { try self.context.call("pad", .string("x"), .number(1e300)) }
    assertError("RangeError") { try self.context.call("pad", .string("x"), .number(-.infinity)) }
  }

  func testSubstringWithInfiniteBounds() throws {
    assertResult(try context.call("substring", .string("hello"), .number(1), .number(.infinity)), "\"ello\"")
    assertResult(try context.call("substring", .string("hello"), .number(-.infinity)), "\"hello\"")
    assertResult(try context.call("substring", .string("hello"), .number(1e300), .number(2)), "\"\"")
  }

  func testShuffleToleratesARandomSourceOutOfRange() throws {
    let shuffled = try FunctionTestContext(randoms: [1.0, -3, .nan]).call("shuffle", value("[1, 2, 3]"))
    guard case .array(let a)? = shuffled else { return XCTFail("expected an array") }
    XCTAssertEqual(a.count, 3)
  }
}
