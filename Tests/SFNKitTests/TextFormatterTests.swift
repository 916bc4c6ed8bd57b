import XCTest
@testable import SFNKit

/// Checks `TextFormatter` against golden output recorded from the AWS CLI's own text formatter
/// (Fixtures/text/cases.json, made by Fixtures/text/generate.py).
final class TextFormatterTests: XCTestCase {
  static let casesFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/text/cases.json")

  func testGoldenOutputFromAWSCLI() throws {
    let data = try Data(contentsOf: Self.casesFile)
    let cases = try XCTUnwrap(JSONParser.parse(bytes: Array(data)).arrayValue)
    XCTAssertGreaterThanOrEqual(cases.count, 30)
    for testCase in cases {
      let name = try XCTUnwrap(testCase["name"]?.stringValue)
      let input = try JSONParser.parse(try XCTUnwrap(testCase["input"]?.stringValue))
      let expected = try XCTUnwrap(testCase["output"]?.stringValue)
      var value = input
      if let query = testCase["query"]?.stringValue {
        value = try JMESPathExpression(query).evaluate(input)
      }
      XCTAssertEqual(TextFormatter.format(value), expected, name)
    }
  }

  func testScalarsPrintLikePython() {
    XCTAssertEqual(TextFormatter.format(nil), "None\n")
    XCTAssertEqual(TextFormatter.format(true), "True\n")
    XCTAssertEqual(TextFormatter.format("x"), "x\n")
    XCTAssertEqual(TextFormatter.format(7), "7\n")
    XCTAssertEqual(TextFormatter.format(0.1), "0.1\n")
    XCTAssertEqual(TextFormatter.format([:]), "")
    XCTAssertEqual(TextFormatter.format([]), "")
  }

  func testFloatRepr() {
    XCTAssertEqual(JSONNumber.pythonRepr(1e16), "1e+16")
    XCTAssertEqual(JSONNumber.pythonRepr(123456789012345.6), "123456789012345.6")
    XCTAssertEqual(JSONNumber.pythonRepr(0.0001), "0.0001")
    XCTAssertEqual(JSONNumber.pythonRepr(0.00001), "1e-05")
    XCTAssertEqual(JSONNumber.pythonRepr(-2.5e-300), "-2.5e-300")
    XCTAssertEqual(JSONNumber.pythonRepr(1.0), "1.0")
    XCTAssertEqual(JSONNumber.pythonRepr(-0.0), "-0.0")
  }

  func testPythonRepr() {
    XCTAssertEqual(PythonText.repr(["a", 1, nil, false, ["k": "it's"]]), "['a', 1, None, False, {'k': \"it's\"}]")
    XCTAssertEqual(PythonText.quoted("a\\b\u{7F}\u{85}é"), "'a\\\\b\\x7f\\x85é'")
  }

  func testMixedListOfObjectsAndScalarsDoesNotCrash() {
    // The AWS CLI raises on such lists; we print the scalar as its own row.
    XCTAssertEqual(TextFormatter.format([["a": 1], 2]), "1\n2\n")
  }
}
