import SFNKit
import StateMachineEngine
import StateMachineTesting
import XCTest

/// Test files are validated with errors at FILE:LINE:COL of the text as written (YAML or JSON).
final class TestFileReaderTests: XCTestCase {
  static let definition = """
    {"StartAt": "Charge", "States": {
      "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                 "Retry": [{"ErrorEquals": ["Card.Declined"], "MaxAttempts": 2}]}}}
    """

  /// A reader over in-memory files.
  func reader(_ files: [String: String]) -> TestFileReader {
    TestFileReader { path in
      guard let text = files[path] else { throw TestFilesError.noSuchPath(path) }
      return text
    }
  }

  func parse(_ yaml: String, file: String = "t/a.test.yaml") throws -> TestSuite {
    try reader(["t/m.asl.json": Self.definition]).parse(yaml, file: file)
  }

  func assertError(_ yaml: String, _ expected: String, file: String = "t/a.test.yaml",
                   line: UInt = #line) {
    XCTAssertThrowsError(try parse(yaml, file: file), line: line) { error in
      XCTAssertEqual((error as? TestFileError)?.description, expected, line: line)
      XCTAssertEqual((error as? UserFacingError)?.kind, .badInput, line: line)
    }
  }

  func testReadsAYAMLFileWithMocksAndExpectations() throws {
    let suite = try parse("""
      definition: m.asl.json
      cases:
        - name: retried once
          input: {amount: 3}
          mocks:
            Charge:
              - {throw: {error: Card.Declined, cause: nope}}
              - {return: {ok: true}}
          execution: {name: run-1, seed: 9}
          expect:
            status: SUCCEEDED
            outputQuery: {ok: true}
            retries: {Charge: 1}
      """)
    XCTAssertEqual(suite.stateMachineName, "a")
    XCTAssertEqual(suite.definitionFile, "t/m.asl.json")
    let c = suite.cases[0]
    XCTAssertEqual(c.line, 3)
    XCTAssertEqual(c.input, ["amount": 3])
    XCTAssertEqual(c.executionName, "run-1")
    XCTAssertEqual(c.seed, 9)
    let charge = c.mocks.states["Charge"]
    XCTAssertEqual(charge?.step(forInvocation: 0), .throw(StatesError("Card.Declined", cause: "nope")))
    XCTAssertEqual(charge?.step(forInvocation: 1), .return(["ok": true]))
    XCTAssertNil(charge?.step(forInvocation: 2))
    XCTAssertEqual(c.expectations.retries.map(\.count), [1])

    let report = TestReport(suites: try TestSession().run([suite]))
    XCTAssertTrue(report.passed, report.text())
  }

  func testUnknownKeyIsLocatedInTheYAML() {
    assertError("""
      definition: m.asl.json
      cases:
        - name: x
          expect: {stauts: FAILED}
      """, "t/a.test.yaml:4:22: unknown key 'stauts' in expect (allowed: after, cause, error, output, outputAssert, "
        + "outputContains, outputQuery, retries, states, statesInclude, status)")
  }

  func testJSONFilesAreLocatedToo() {
    assertError("""
      {"definition": "m.asl.json",
       "cases": [{"name": "x", "expect": {"status": "DONE"}}]}
      """, "t/a.test.json:2:47: expect.status must be one of ABORTED, FAILED, SUCCEEDED, TIMED_OUT",
                file: "t/a.test.json")
  }

  func testStatesAndMocksMustExistInTheDefinition() {
    assertError("""
      definition: m.asl.json
      cases:
        - name: x
          mocks: {Pay: {return: 1}}
      """, "t/a.test.yaml:4:18: mocks: the definition has no Task state 'Pay'")
    assertError("""
      definition: m.asl.json
      cases:
        - name: x
          expect: {states: [Charge, Refund]}
      """, "t/a.test.yaml:4:31: the definition has no state 'Refund'")
  }

  func testMalformedValuesAndDuplicates() {
    assertError("""
      definition: m.asl.json
      cases:
        - name: x
          mocks: {Charge: {reply: 1}}
      """, "t/a.test.yaml:4:21: a mocked response is {return: VALUE} or {throw: {error: NAME, cause: TEXT}}, "
        + "not 'reply'")
    assertError("""
      definition: m.asl.json
      cases:
        - name: x
        - name: x
      """, "t/a.test.yaml:4:5: duplicate case name 'x'")
    assertError("""
      definition: m.asl.json
      cases:
        - name: x
          expect: {outputQuery: {"a[": 1}}
      """, "t/a.test.yaml:4:34: outputQuery: 'a[' is not a JMESPath expression: "
        + "syntax error at column 3: expected '*' but the expression ended")
    assertError("definition: m.asl.json\ncases: []\n",
                "t/a.test.yaml:2:8: 'cases' must be a non-empty list of test cases")
    assertError("cases: [{name: x}]\n", "t/a.test.yaml:1:1: missing 'definition'")
    assertError("definition: gone.json\ncases: [{name: x}]\n",
                "t/a.test.yaml:1:13: cannot read the definition t/gone.json")
    assertError("definition: m.asl.json\ncases:\n  - name: [x\n",
                "t/a.test.yaml:4:1: invalid YAML: while parsing a flow sequence "
                  + "(line 3, column 11): did not find expected ',' or ']'")
  }

  func testACaseStartsWithItsVariables() throws {
    let definition = """
      {"StartAt": "Limit", "QueryLanguage": "JSONata", "States": {
        "Limit": {"Type": "Pass", "Output": "{% $limit * 2 %}", "Assign": {"seen": "{% $region %}"}, "End": true}}}
      """
    let yaml = """
      definition: v.asl.json
      cases:
        - name: starts with variables
          variables: {limit: 21, region: eu-west-1}
          expect: {output: 42, after: {Limit: {variables: {seen: eu-west-1}}}}
        - name: a variable it lacks fails
          expect: {status: FAILED, error: States.QueryEvaluationError}
      """
    let suite = try reader(["t/v.asl.json": definition]).parse(yaml, file: "t/v.test.yaml")
    XCTAssertEqual(suite.cases[0].variables["limit"], .integer(21))
    let report = TestReport(suites: try TestSession().run([suite]))
    XCTAssertTrue(report.passed, report.text())
    assertError("definition: m.asl.json\ncases:\n  - name: x\n    variables: [1]\n",
                "t/a.test.yaml:4:16: 'variables' maps variable names to values")
  }
}
