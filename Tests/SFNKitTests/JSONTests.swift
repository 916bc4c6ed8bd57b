import XCTest
@testable import SFNKit

final class JSONTests: XCTestCase {
  func testRoundTripKeepsKeyOrder() throws {
    let text = #"{"b":1,"a":[true,false,null],"c":{"x":"y\n\u00e9"},"d":1.5,"e":-2e-3}"#
    let value = try JSONParser.parse(text)
    XCTAssertEqual(JSONWriter.compact.string(value), #"{"b":1,"a":[true,false,null],"c":{"x":"y\né"},"d":1.5,"e":-0.002}"#)
  }

  func testPrettyMatchesPythonIndent() throws {
    let value: JSON = ["a": [1, 2], "b": [:], "c": []]
    XCTAssertEqual(JSONWriter.pretty.string(value), "{\n    \"a\": [\n        1,\n        2\n    ],\n    \"b\": {},\n    \"c\": []\n}")
  }

  func testErrorsCarryLineAndColumn() {
    XCTAssertThrowsError(try JSONParser.parse("{\n  \"a\": tru\n}")) { error in
      let e = error as! JSONParseError
      XCTAssertEqual(e.line, 2)
      XCTAssertEqual(e.column, 8)
    }
    XCTAssertThrowsError(try JSONParser.parse("{\"a\":1,}"))
    XCTAssertThrowsError(try JSONParser.parse("[1] x"))
    XCTAssertThrowsError(try JSONParser.parse("01"))
    XCTAssertThrowsError(try JSONParser.parse(bytes: [0x22, 0xFF, 0x22]))
  }

  func testSurrogatePairs() throws {
    XCTAssertEqual(try JSONParser.parse(#""\ud83d\ude00""#), .string("😀"))
    XCTAssertThrowsError(try JSONParser.parse(#""\ud83d""#))
  }
}
