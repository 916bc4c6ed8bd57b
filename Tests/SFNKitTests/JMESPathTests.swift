import XCTest
@testable import SFNKit

/// Behaviour beyond the compliance suite: error reporting, number formatting, key order and jmespath.py quirks
/// that the AWS CLI's `--query` shows.
final class JMESPathTests: XCTestCase {
  private func search(_ expression: String, _ data: JSON) throws -> JSON {
    try JMESPathExpression(expression).evaluate(data)
  }

  private func syntaxError(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> JMESPathError? {
    do {
      _ = try JMESPathExpression(expression)
      XCTFail("\(expression) should not parse", file: file, line: line)
    } catch let error as JMESPathError {
      XCTAssertEqual(error.kind, .syntax, file: file, line: line)
      return error
    } catch {
      XCTFail("unexpected \(error)", file: file, line: line)
    }
    return nil
  }

  func testSyntaxErrorsPointAtTheColumn() {
    let error = syntaxError("foo[1")
    XCTAssertEqual(error?.column, 6)
    XCTAssertEqual(error?.description, "syntax error at column 6: expected ']' but the expression ended")
    XCTAssertEqual(error?.caretLine, "     ^")
    XCTAssertEqual(syntaxError("foo[?a==]")?.description, "syntax error at column 9: unexpected ']'")
    XCTAssertEqual(syntaxError("{a b}")?.description, "syntax error at column 4: expected ':', found 'b'")
    XCTAssertEqual(syntaxError("a = b")?.column, 3)
    XCTAssertEqual(syntaxError("'abc")?.message, "unterminated raw string literal (no closing quote)")
    XCTAssertEqual(syntaxError("")?.message, "empty expression")
    XCTAssertEqual(syntaxError("length(1)")?.message, "unexpected number '1' (write a number value as `1`)")
    // Columns count characters, not bytes.
    XCTAssertEqual(syntaxError("'é' ~")?.column, 5)
  }

  func testRuntimeErrorKinds() throws {
    let data: JSON = ["foo": [1, "x"]]
    let cases: [(String, JMESPathError.Kind)] = [
      ("abs(foo)", .invalidType), ("nope(foo)", .unknownFunction), ("length(foo, foo)", .invalidArity),
      ("foo[::0]", .invalidValue), ("sort(foo)", .invalidType), ("sort_by(foo, &@)", .invalidType),
      ("not_null()", .invalidArity), ("map(foo, &@)", .invalidType),
    ]
    for (expression, kind) in cases {
      let compiled = try JMESPathExpression(expression)
      XCTAssertThrowsError(try compiled.evaluate(data), expression) { error in
        XCTAssertEqual((error as? JMESPathError)?.kind, kind, expression)
        XCTAssertNil((error as? JMESPathError)?.column)
      }
    }
  }

  func testToStringFormatsLikePythonJSONDumps() throws {
    XCTAssertEqual(try search("to_string(@)", [1, 2.5, "é", ["k": nil]]), "[1,2.5,\"\\u00e9\",{\"k\":null}]")
    XCTAssertEqual(try search("to_string(`\"\u{1F680}\"`)", nil), "\u{1F680}")
    XCTAssertEqual(try search("to_string(`[\"\u{1F680}\"]`)", nil), "[\"\\ud83d\\ude80\"]")
    XCTAssertEqual(try search("to_number(' 12 ')", nil), 12)
    XCTAssertEqual(try search("to_number('1e3')", nil), 1000)
    XCTAssertEqual(try search("to_number('0x10')", nil), nil)
    XCTAssertEqual(try search("to_number('nan')", nil), nil)
  }

  func testObjectKeyOrderIsKept() throws {
    let data = try JSONParser.parse(#"{"z": 1, "a": 2, "m": {"y": 1, "b": 2}}"#)
    XCTAssertEqual(try search("keys(@)", data), ["z", "a", "m"])
    XCTAssertEqual(try search("{q: a, c: z}", data).objectValue?.keys, ["q", "c"])
    XCTAssertEqual(try search("merge(m, `{\"c\": 3, \"y\": 9}`)", data).objectValue?.keys, ["y", "b", "c"])
    XCTAssertEqual(try search("merge(m, `{\"c\": 3, \"y\": 9}`).y", data), 9)
  }

  func testSortByIsStableAndMaxByTakesTheFirst() throws {
    let data: JSON = [["n": "a", "k": 2], ["n": "b", "k": 1], ["n": "c", "k": 2], ["n": "d", "k": 1]]
    XCTAssertEqual(try search("sort_by(@, &k)[].n", data), ["b", "d", "a", "c"])
    XCTAssertEqual(try search("max_by(@, &k).n", data), "a")
    XCTAssertEqual(try search("min_by(@, &k).n", data), "b")
    XCTAssertEqual(try search("sort(`[\"b\", \"B\", \"é\", \"a\"]`)", nil), ["B", "a", "b", "é"])
  }

  func testJMESPathPyQuirksTheAWSCLIShows() throws {
    let data: JSON = ["a": [[1, 2, 3], [4, 5]], "b": "x"]
    // A slice after an index does not start a projection in jmespath.py.
    XCTAssertEqual(try search("a[0][1:].to_string(@)", data), "[2,3]")
    XCTAssertEqual(try search("a[1:].to_string(@)", data), ["[4,5]"])
    XCTAssertEqual(try search("a[1:][0]", data), [4])
    // Function arguments and hash entries without commas are accepted.
    XCTAssertEqual(try search("not_null(c b)", data), "x")
    // The deprecated `bare text` literal is a string.
    XCTAssertEqual(try search("`foo`", nil), "foo")
    XCTAssertEqual(try search(#"'it\'s \\'"#, nil), #"it's \\"#)
  }

  func testSlicesFollowPython() throws {
    let data: JSON = [0, 1, 2, 3, 4, 5]
    XCTAssertEqual(try search("[::-2]", data), [5, 3, 1])
    XCTAssertEqual(try search("[-2:]", data), [4, 5])
    XCTAssertEqual(try search("[10:-10:-3]", data), [5, 2])
    XCTAssertEqual(try search("[99999999999999999999:]", data), [])
    XCTAssertEqual(try search("[::9223372036854775807]", data), [0])
  }

  func testCompiledExpressionIsReusable() throws {
    let expression = try JMESPathExpression("items[?age > `30`].name | sort(@)")
    XCTAssertEqual(expression.text, "items[?age > `30`].name | sort(@)")
    XCTAssertEqual(try expression.evaluate(["items": [["name": "z", "age": 40], ["name": "y", "age": 50]]]), ["y", "z"])
    XCTAssertEqual(try expression.evaluate(["items": []]), [])
    XCTAssertThrowsError(try expression.evaluate("text"))
  }
}
