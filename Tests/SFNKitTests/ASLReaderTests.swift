import XCTest
@testable import SFNKit

/// The positioned JSON reader: positions, paths, duplicates and syntax errors.
final class ASLReaderTests: XCTestCase {
  private let text = """
  {
    "StartAt": "A",
    "States": {
      "My State": {"Type": "Pass", "End": true}
    },
    "n": [1, 2.5, "é", {"k": null}]
  }
  """

  func testValuesAndKeysKnowTheirPositionAndPath() throws {
    let root = try ASLReader.read(text).root
    XCTAssertEqual([root.line, root.column], [1, 1])
    XCTAssertEqual(root.path, "$")
    let startAt = try XCTUnwrap(root.member("StartAt"))
    XCTAssertEqual([startAt.line, startAt.column, startAt.value.line, startAt.value.column], [2, 3, 2, 14])
    XCTAssertEqual(startAt.path, "$.StartAt")
    let state = try XCTUnwrap(root["States"]?.member("My State"))
    XCTAssertEqual([state.line, state.column, state.value.column], [4, 5, 17])
    XCTAssertEqual(state.path, "$.States['My State']")
    let type = try XCTUnwrap(state.value["Type"])
    XCTAssertEqual([type.line, type.column], [4, 26])
    XCTAssertEqual(type.path, "$.States['My State'].Type")
    XCTAssertEqual(type.string, "Pass")
  }

  func testColumnsCountCharactersNotBytes() throws {
    let n = try XCTUnwrap(try ASLReader.read(text).root["n"]?.elements)
    XCTAssertEqual(n.map(\.column), [9, 12, 17, 22])
    XCTAssertEqual(n.map(\.path), ["$.n[0]", "$.n[1]", "$.n[2]", "$.n[3]"])
    let k = try XCTUnwrap(n[3].member("k"))
    XCTAssertEqual([k.line, k.column, k.value.column], [6, 23, 28])
    XCTAssertEqual(k.path, "$.n[3].k")
    XCTAssertTrue(k.value.isNull)
  }

  func testNumbersKeepTheirLiteral() throws {
    let n = try XCTUnwrap(try ASLReader.read(text).root["n"]?.elements)
    XCTAssertTrue(n[0].isIntegerLiteral)
    XCTAssertFalse(n[1].isIntegerLiteral)
    XCTAssertEqual(n[1].number, 2.5)
    XCTAssertEqual(n[0].integer, 1)
  }

  func testPathsQuoteKeysThatAreNotIdentifiers() {
    XCTAssertEqual(ASLNode.childPath("$", key: "a_1"), "$.a_1")
    XCTAssertEqual(ASLNode.childPath("$", key: "1a"), "$['1a']")
    XCTAssertEqual(ASLNode.childPath("$.P", key: "x.$"), "$.P['x.$']")
    XCTAssertEqual(ASLNode.childPath("$", key: "it's"), "$['it\\'s']")
  }

  func testConvertsToPlainJSON() throws {
    let root = try ASLReader.read(#"{"a": [1, true, null, "s"], "b": {"c": 2}}"#).root
    XCTAssertEqual(root.json, ["a": [1, true, .null, "s"], "b": ["c": 2]])
  }

  func testDuplicateKeysAreRecordedWithBothPositions() throws {
    let doc = try ASLReader.read("{\n  \"a\": 1,\n  \"b\": {\"x\": 1, \"x\": 2},\n  \"a\": 3\n}")
    XCTAssertEqual(doc.duplicateKeys.map(\.key), ["x", "a"])
    XCTAssertEqual([doc.duplicateKeys[0].first.column, doc.duplicateKeys[0].duplicate.column], [9, 17])
    XCTAssertEqual([doc.duplicateKeys[1].first.line, doc.duplicateKeys[1].duplicate.line], [2, 4])
  }

  func testDuplicateKeysAreLintErrors() {
    let text = """
    {
      "StartAt": "A",
      "States": {
        "A": {"Type": "Pass", "End": true, "End": false}
      }
    }
    """
    assertASLFinding(text, "duplicate-key", at: "4:40", "Duplicate key 'End' (first defined at line 4, column 27)")
    assertASLClean(aslOneState(#"{"Type": "Pass", "End": true}"#))
  }

  func testDuplicateStateKeysAreReportedOnce() {
    let text = """
    {
      "StartAt": "A",
      "States": {
        "A": {"Type": "Succeed"},
        "A": {"Type": "Succeed"}
      }
    }
    """
    let d = ASLLinter.lint(text)
    XCTAssertEqual(d.map { $0.code ?? "" }, ["duplicate-key"])
    XCTAssertEqual(d.map { "\($0.line):\($0.column)" }, ["5:5"])
  }

  func testSyntaxErrorsHavePositions() {
    XCTAssertThrowsError(try ASLReader.read("{\n  \"a\": tru\n}")) { error in
      XCTAssertEqual(error as? ASLSyntaxError, ASLSyntaxError(message: "invalid literal, expected 'true'", line: 2,
                                                              column: 8))
    }
    assertASLFinding("{\n  \"a\": tru\n}", "json-syntax", at: "2:8", "Invalid JSON: invalid literal")
    assertASLFinding(#"{"a": 1,}"#, "json-syntax", at: "1:9", "expected a string key")
    assertASLFinding("{\"é\": \"x\" \"b\"}", "json-syntax", at: "1:11", "expected ',' or '}'")
    assertASLFinding("{\"a\": \"open", "json-syntax", at: "1:7", "unterminated string")
    assertASLFinding("", "json-syntax", at: "1:1", "unexpected end of input")
    assertASLFinding("{} {}", "json-syntax", at: "1:4", "unexpected text after the JSON value")
  }
}
