import XCTest
@testable import SFNKit
@testable import SFNJSON

/// Numbers keep their kind and digits through parse -> write, and are written as Python (the AWS CLI) writes them;
/// the cases in Fixtures/numbers/python-numbers.json come from Python itself (generate.py).
final class JSONNumberTests: XCTestCase {
  static let fixture: JSON = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/numbers/python-numbers.json")
    let data = try! Data(contentsOf: url)
    return try! JSONParser.parse(bytes: Array(data))
  }()

  private func cases(_ key: String) -> [JSON] {
    let items = Self.fixture[key]?.arrayValue ?? []
    XCTAssertFalse(items.isEmpty, "fixture has no \(key) cases")
    return items
  }

  private func roundTrip(_ text: String) throws -> String {
    JSONWriter.compact.string(try JSONParser.parse(text))
  }

  func testFloatReprMatchesPython() {
    var mismatches: [String] = []
    for item in cases("repr") {
      let bits = UInt64(item["bits"]!.stringValue!, radix: 16)!
      let expected = item["repr"]!.stringValue!
      let got = JSONNumber.pythonRepr(Double(bitPattern: bits))
      if got != expected { mismatches.append("\(expected): got \(got)") }
      // Read back from Python's text, a float is written exactly as Python wrote it.
      if (try? roundTrip(expected)) != expected { mismatches.append("\(expected): round trip gave \((try? roundTrip(expected)) ?? "an error")") }
    }
    XCTAssertEqual(mismatches, [], "\(mismatches.count) of \(cases("repr").count) differ")
  }

  func testParseWriteMatchesPythonJSONRoundTrip() throws {
    for item in cases("roundTrip") {
      let input = item["input"]!.stringValue!
      // Python's json.dumps puts a space after ',' and ':'; compare with the same layout.
      let pythonLayout = JSONWriter(indent: nil)
      let expected = item["output"]!.stringValue!
      let got = pythonLayout.string(try JSONParser.parse(input))
        .replacingOccurrences(of: ",", with: ", ").replacingOccurrences(of: "\":", with: "\": ")
      XCTAssertEqual(got, expected, input)
    }
  }

  func testJMESPathResultsMatchJMESPathPy() throws {
    for item in cases("jmespath") {
      let expression = item["expression"]!.stringValue!
      let data = try JSONParser.parse(item["data"]!.stringValue!)
      let got = JSONWriter.compact.string(try JMESPathExpression(expression).evaluate(data))
      let expected = JSONWriter.compact.string(try JSONParser.parse(item["result"]!.stringValue!))
      XCTAssertEqual(got, expected, "\(expression) on \(item["data"]!.stringValue!)")
    }
  }

  func testRoundTrips() throws {
    XCTAssertEqual(try roundTrip("12345678901234567890"), "12345678901234567890")
    XCTAssertEqual(try roundTrip("-98765432109876543210987654321"), "-98765432109876543210987654321")
    XCTAssertEqual(try roundTrip("[1.0,-1,0.1,1e-7,1.5e300,-0.0,-0]"), "[1.0,-1,0.1,1e-07,1.5e+300,-0.0,0]")
    XCTAssertEqual(try JSONWriter.pretty.string(JSONParser.parse(#"{"f": 1.0}"#)), "{\n    \"f\": 1.0\n}")
  }

  func testOutOfRangeFloatsBehaveAsBefore() throws {
    // 1e400 reads as infinity, which JSON cannot hold: written as null (the AWS CLI would print Infinity).
    XCTAssertEqual(try roundTrip("[1e400,-1e400]"), "[null,null]")
    XCTAssertEqual(try JSONParser.parse("1e400").doubleValue, .infinity)
    XCTAssertThrowsError(try JSONParser.parse("1e"))
    XCTAssertThrowsError(try JSONParser.parse("-"))
  }

  func testEqualityAndOrderByValue() throws {
    XCTAssertEqual(JSON.integer(1), JSON.float(1.0))
    XCTAssertEqual(JSONNumber(1).hashValue, JSONNumber(1.0).hashValue)
    let a = try JSONParser.parse("12345678901234567890")
    let b = try JSONParser.parse("12345678901234567891")
    XCTAssertNotEqual(a, b, "integers compare exactly, though their doubles are equal")
    XCTAssertLessThan(a.numberValue!, b.numberValue!)
    XCTAssertLessThan(JSONNumber(Int.max), b.numberValue!)
    XCTAssertLessThan(try JSONParser.parse("-12345678901234567890").numberValue!, JSONNumber(Int.min))
    XCTAssertLessThan(JSONNumber(1), JSONNumber(1.5))
    XCTAssertEqual(a.intValue, nil)
    XCTAssertEqual(JSON.float(3.0).intValue, 3)
    XCTAssertEqual(a.doubleValue, 12345678901234567890.0)
  }

  func testKindsOfConstructedNumbers() {
    XCTAssertEqual(JSONWriter.compact.string([1, 1.0, .integer(2), .float(2)]), "[1,1.0,2,2.0]")
    XCTAssertEqual(JSONNumber(parameter: "5", integral: true)?.text, "5")
    XCTAssertEqual(JSONNumber(parameter: "5.0", integral: true)?.text, "5")
    XCTAssertEqual(JSONNumber(parameter: "5.5", integral: true)?.text, "5.5")
    XCTAssertEqual(JSONNumber(parameter: "5", integral: false)?.text, "5.0")
    XCTAssertEqual(JSONNumber(parameter: "12345678901234567890", integral: true)?.text, "12345678901234567890")
    XCTAssertNil(JSONNumber(parameter: "five", integral: true))
    XCTAssertEqual(DecimalInteger.text(ofIntegral: 1e20), "100000000000000000000")
    XCTAssertEqual(DecimalInteger.text(ofIntegral: -0x1p70), "-1180591620717411303424")
  }

  func testTextOutputWritesNumbersAsPython() throws {
    let value = try JSONParser.parse(#"{"big": 12345678901234567890, "f": 1.0, "x": 0.5, "l": [1, 2.0]}"#)
    XCTAssertEqual(TextFormatter.format(value), "12345678901234567890\t1.0\t0.5\nL\t1\nL\t2.0\n")
  }
}
