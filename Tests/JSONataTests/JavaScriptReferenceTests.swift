import Foundation
import SFNJSON
import XCTest

@testable import JSONata

/// The JavaScript primitives under the function library checked against what Node gives
/// (`Fixtures/javascript-reference/generate.js` wrote the expectations).
final class JavaScriptReferenceTests: XCTestCase {
  /// The fixture's table `name`: pairs of an input and Node's result (nil for a thrown error).
  private func table(_ name: String) throws -> [(String, String?)] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/javascript-reference/javascript-reference.json")
    guard case .object(let root) = try JSONParser.parse(String(contentsOf: url, encoding: .utf8)),
      case .array(let rows)? = root[name]
    else { throw JSONataError(code: "fixture", message: "no table \(name)") }
    return rows.compactMap { row in
      guard case .array(let pair) = row, pair.count == 2, case .string(let input) = pair[0] else { return nil }
      if case .string(let output) = pair[1] { return (input, output) }
      return (input, nil)
    }
  }

  func testToPrecision15RoundsTheExactBinaryValue() throws {
    let rows = try table("toPrecision15")
    XCTAssertGreaterThan(rows.count, 1000)
    for (bits, expected) in rows {
      let x = Double(bitPattern: UInt64(bits, radix: 16)!)
      XCTAssertEqual(Value.javaScriptString(JavaScriptNumber.roundedTo15Digits(x)), expected, "\(x)")
    }
  }

  func testNumberParsing() throws {
    for (text, expected) in try table("number") {
      XCTAssertEqual(Value.javaScriptString(JavaScriptNumber.parse(text)), expected, text)
    }
  }

  func testURIFunctions() throws {
    for (s, expected) in try table("decodeURI") {
      XCTAssertEqual(URIEncoding.decode(s, keeping: URIEncoding.uriReserved), expected, s)
    }
    for (s, expected) in try table("decodeURIComponent") {
      XCTAssertEqual(URIEncoding.decode(s, keeping: []), expected, s)
    }
    for (s, expected) in try table("encodeURI") {
      XCTAssertEqual(URIEncoding.encode(s, keeping: URIEncoding.uriUnescaped), expected, s)
    }
    for (s, expected) in try table("encodeURIComponent") {
      XCTAssertEqual(URIEncoding.encode(s, keeping: URIEncoding.componentUnescaped), expected, s)
    }
  }

  func testBase64WithBinaryStrings() throws {
    for (s, expected) in try table("base64ToBinary") { XCTAssertEqual(Base64.decode(toBinary: s), expected, s) }
    for (s, expected) in try table("binaryToBase64") { XCTAssertEqual(Base64.encode(binary: s), expected, s) }
  }
}
