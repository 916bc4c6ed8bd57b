import XCTest
@testable import JSONata

/// Syntax errors: jsonata-js's code, position (UTF-16 offset as jsonata-js reports it) and token.
final class JSONataParserTests: XCTestCase {
  private func assertSyntaxError(_ text: String, _ code: String, position: Int?, token: String? = nil,
                                 file: StaticString = #filePath, line: UInt = #line) {
    do {
      _ = try JSONataExpression(text)
      XCTFail("\(text) parsed", file: file, line: line)
    } catch let error as JSONataError {
      XCTAssertEqual(error.code, code, text, file: file, line: line)
      XCTAssertEqual(error.position, position, text, file: file, line: line)
      if let token { XCTAssertEqual(error.token, token, text, file: file, line: line) }
      XCTAssertFalse(error.message.isEmpty, file: file, line: line)
    } catch {
      XCTFail("\(text): unexpected \(error)", file: file, line: line)
    }
  }

  func testLexicalErrors() {
    assertSyntaxError("\"abc", "S0101", position: 4)
    assertSyntaxError("12e999", "S0102", position: 0, token: "12e999")
    assertSyntaxError("\"\\q\"", "S0103", position: 2, token: "q")
    assertSyntaxError("\"\\u12\"", "S0104", position: 2)
    assertSyntaxError("`abc", "S0105", position: 4)
    assertSyntaxError("/* abc", "S0106", position: 0)
    assertSyntaxError("1 ! 2", "S0204", position: 3, token: "!")
    assertSyntaxError("/(/", "S0302", position: 3)
    assertSyntaxError("$match(\"a\", //)", "S0301", position: 13)
  }

  func testGrammarErrors() {
    assertSyntaxError("Account.Order[0", "S0203", position: 15, token: "(end)")
    assertSyntaxError("1 +", "S0207", position: 3)
    assertSyntaxError("foo bar", "S0201", position: 7, token: "bar")
    assertSyntaxError("{\"a\" 1}", "S0202", position: 6, token: "1")
    assertSyntaxError("foo.1", "S0213", position: 5)
    assertSyntaxError("function(x){1}", "S0208", position: 10, token: "x")
    assertSyntaxError("1 := 2", "S0212", position: 1, token: "1")
    assertSyntaxError("foo@bar", "S0214", position: 7, token: "@")
    assertSyntaxError("%", "S0217", position: 1, token: "parent")
    assertSyntaxError("[1,2,3]{\"num\": $}{\"num\": $}", "S0210", position: 18)
    assertSyntaxError("[1,2,3]{\"num\": $}[true]", "S0209", position: 18)
    assertSyntaxError("foo@$x[0]@$y", "S0215", position: 10)
    assertSyntaxError("foo^(bar)@$x", "S0216", position: 10)
    assertSyntaxError("function($x)<a<s>b<n>:n>{$x}", "S0401", position: 19)
    assertSyntaxError("function($x)<(sa<n>):n>{$x}", "S0402", position: 14)
    assertSyntaxError("*)", "S0201", position: 2, token: ")")
    assertSyntaxError(")", "S0211", position: 1, token: ")")
  }

  func testDeepNestingIsRefusedNotACrash() {
    let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
    XCTAssertThrowsError(try JSONataExpression(deep)) { XCTAssertEqual(($0 as? JSONataError)?.code, "S0201") }
    let fine = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
    XCTAssertNoThrow(try JSONataExpression(fine))
  }

  func testPositionsCountUTF16Units() {
    // "😀" is two UTF-16 code units, as in JavaScript
    assertSyntaxError("\"😀\" bar", "S0201", position: 8, token: "bar")
  }

  func testParsesEverySyntacticForm() throws {
    let forms = [
      "a.b[0].c[]", "a[b > 1]#$i.c@$x", "**.x", "a.b.%.c", "a.*", "[1..3]", "a & b", "$x ~> $f()", "a ? b : c",
      "($x := 1; $x + 1)", "function($x){$x}", "λ($x)<n:n>{$x * 2}", "$f(?, 1)", "/ab+c/i", "a{b: c}",
      "a^(<b, >c)", "| a | {'x': 1}, ['y'] |", "/* note */ 1", "`a b`.c", "\"\\u00e9\\n\"", "1.5e3", "a in [1]",
      "a and b or c", "a != b", "$$.a", "-a",
    ]
    for form in forms {
      XCTAssertNoThrow(try JSONataExpression(form), form)
    }
  }
}
