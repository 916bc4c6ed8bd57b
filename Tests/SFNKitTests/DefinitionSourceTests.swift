import XCTest
@testable import SFNKit

final class DefinitionSourceTests: XCTestCase {
  func testFormatByNameThenContent() {
    XCTAssertEqual(DefinitionFormat.detect(name: "a.asl.json", text: "x: 1"), .json)
    XCTAssertEqual(DefinitionFormat.detect(name: "a.YAML", text: "{}"), .yaml)
    XCTAssertEqual(DefinitionFormat.detect(name: "a.yml", text: "{}"), .yaml)
    XCTAssertEqual(DefinitionFormat.detect(name: "definition", text: "\u{FEFF}\n  {\"StartAt\": 1}"), .json)
    XCTAssertEqual(DefinitionFormat.detect(name: nil, text: "# comment\nStartAt: A"), .yaml)
  }

  func testYAMLScalarsBecomeJSONValues() throws {
    let yaml = """
      a: 1
      b: 1.5
      c: true
      d: ~
      e: "1"
      f: 0x10
      g: hello world
      h: 2024-01-01
      i: [1, "two"]
      j: {}
      """
    let json = try JSONParser.parse(YAMLConverter.convert(yaml).json)
    XCTAssertEqual(json, [
      "a": 1, "b": 1.5, "c": true, "d": nil, "e": "1", "f": 16, "g": "hello world", "h": "2024-01-01",
      "i": [1, "two"], "j": [:],
    ])
  }

  func testYAMLAnchorsAliasesAndMergeKeys() throws {
    let yaml = """
      base: &retry
        MaxAttempts: 3
        IntervalSeconds: 1
      copy: *retry
      merged:
        <<: *retry
        MaxAttempts: 5
      """
    let json = try JSONParser.parse(YAMLConverter.convert(yaml).json)
    XCTAssertEqual(json["copy"], ["MaxAttempts": 3, "IntervalSeconds": 1])
    XCTAssertEqual(json["merged"], ["MaxAttempts": 5, "IntervalSeconds": 1])
  }

  func testYAMLWithoutAJSONFormIsAPositionedError() {
    XCTAssertThrowsError(try YAMLConverter.convert("a: 1\nb: .inf\n")) { error in
      XCTAssertEqual((error as? YAMLConversionError)?.position, TextPosition(line: 2, column: 4))
    }
    XCTAssertThrowsError(try YAMLConverter.convert("a: 1\na: 2\n")) { error in
      XCTAssertEqual((error as? YAMLConversionError)?.message.hasPrefix("Duplicate key 'a'"), true)
    }
    let source = DefinitionSource(name: "x.yaml", text: "StartAt: [\n")
    XCTAssertNil(source.json)
    XCTAssertEqual(source.lint().map(\.code), ["yaml-syntax"])
  }

  func testYAMLFindingsMapToKeysAndValuesInTheYAML() {
    let yaml = """
      StartAt: Go
      States:
        'My State':
          Type: Pass
          End: true
        Go:
          Type: Wait
          Seconds: -1
          Next: My State
      """
    let findings = DefinitionSource(name: "m.yaml", text: yaml).lint()
    let seconds = findings.first { $0.path == "$.States.Go.Seconds" }
    XCTAssertEqual(seconds.map { [$0.line, $0.column] }, [8, 14], "\(findings)")
    XCTAssertTrue(findings.allSatisfy { $0.line <= 9 }, "\(findings)")
  }

  func testPositionOfPathPrefersMemberKeysAndFallsBackToParents() {
    let json = "{\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true}\n  },\n  \"L\": [1, 2]\n}\n"
    let source = DefinitionSource(name: "m.json", text: json)
    XCTAssertEqual(source.position(ofPath: "$.States.A"), TextPosition(line: 3, column: 5))
    XCTAssertEqual(source.position(ofPath: "$.States.A.Missing"), TextPosition(line: 3, column: 5))
    XCTAssertEqual(source.position(ofPath: "$.L[1]"), TextPosition(line: 5, column: 12))
  }

  func testServiceLocationsBecomeJSONPaths() {
    let source = DefinitionSource(name: "m.json", text: #"{"States": {"a/b": {"Branches": [{"x": 1}]}}}"#)
    XCTAssertEqual(ServiceValidation.jsonPath(fromLocation: "/States/a~1b/Branches/0/x", in: source),
                   "$.States['a/b'].Branches[0].x")
    XCTAssertEqual(ServiceValidation.jsonPath(fromLocation: "$.States", in: source), "$.States")
    XCTAssertEqual(ServiceValidation.jsonPath(fromLocation: "", in: source), "$")
  }

  func testUnsupportedOperationAnswers() {
    XCTAssertTrue(ServiceValidation.isUnsupported(ServiceError(code: "HTTP 500", message: "", status: 500)))
    XCTAssertTrue(ServiceValidation.isUnsupported(ServiceError(code: "UnknownOperationException", message: "", status: 400)))
    XCTAssertFalse(ServiceValidation.isUnsupported(ServiceError(code: "ServiceUnavailable", message: "", status: 503)))
    XCTAssertFalse(ServiceValidation.isUnsupported(ServiceError(code: "ValidationException", message: "", status: 400)))
  }
}
