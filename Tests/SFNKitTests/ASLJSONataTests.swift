import XCTest
@testable import SFNKit

/// JSONata expressions are parsed when a definition is validated: syntax errors at their character, the checks AWS
/// makes at creation time, and the variable-flow warning.
final class ASLJSONataTests: XCTestCase {
  private let top = #" "QueryLanguage": "JSONata","#

  private func pass(_ output: String) -> String {
    aslOneState(#"{"Type": "Pass", "Output": \#(output), "End": true}"#, top: top)
  }

  func testSyntaxErrorsPointAtTheOffendingCharacter() {
    // The state starts at column 10, so the string's quote is at column 37 and its body (after `{%`) at 40.
    assertASLFinding(pass(#""{% foo bar %}""#), "invalid-jsonata", at: "4:45", #"Syntax error: "bar" (S0201)"#)
    assertASLFinding(pass(#""{% 1 ! 2 %}""#), "invalid-jsonata", at: "4:43", "(S0204)")
    // Escapes in the JSON string shift the source column: \" is two characters for one.
    assertASLFinding(pass(#""{% \"a\" foo %}""#), "invalid-jsonata", at: "4:47", "(S0201)")
    assertASLFinding(pass(#""{% 'é' ! 1 %}""#), "invalid-jsonata", at: "4:45", "(S0204)")
  }

  func testFunctionsAreStepFunctionsDialect() {
    assertASLClean(pass(#""{% $hash('a', 'SHA-256') & $uuid() & $string($partition([1,2,3], 2)) %}""#))
    assertASLFinding(pass(#""{% $foo(1) %}""#), "unknown-function", at: "4:41", "Unknown JSONata function '$foo'")
    assertASLFinding(pass(#""{% $eval('1') %}""#), "jsonata-eval", at: "4:41", "$eval is not supported")
    // Functions the expression defines itself are not built-ins.
    assertASLClean(pass(#""{% ($inc := function($x) { $x + 1 }; $inc(1)) %}""#))
    assertASLClean(pass(#""{% (function($f) { $f(2) })(function($n) { $n }) %}""#))
  }

  func testStatesResultAndErrorOutputWhereTheyExist() {
    assertASLFinding(pass(#""{% $states.result %}""#), "states-result-unavailable", at: "4:41",
                     "$states.result is not available here")
    assertASLFinding(pass(#""{% $states.errorOutput %}""#), "states-error-output-unavailable", at: "4:41",
                     "$states.errorOutput is not available here")
    let task = #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Output": "{% $states.result %}", "#
      + #""Assign": {"r": "{% $states.result.x %}"}, "Catch": [{"ErrorEquals": ["States.ALL"], "#
      + #""Output": "{% $states.errorOutput %}", "Next": "A"}], "End": true}"#
    assertASLClean(aslOneState(task, top: top), allowing: ["catch-all-swallows-timeout"])
    assertASLFinding(pass(#""{% $states.bogus %}""#), "unknown-states-field", at: "4:41", "$states has no field 'bogus'",
                     severity: .warning)
  }

  func testVariablesReadBeforeAnyAssignmentAreWarned() {
    let text = """
    {"QueryLanguage": "JSONata", "StartAt": "Read", "States": {
      "Read": {"Type": "Pass", "Output": "{% $later %}", "Next": "Set"},
      "Set": {"Type": "Pass", "Assign": {"later": 1}, "Next": "Use"},
      "Use": {"Type": "Pass", "Output": "{% $later %}", "Next": "Dist"},
      "Dist": {"Type": "Map", "Items": [1], "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
        "ExecutionType": "STANDARD"}, "StartAt": "D", "States": {"D": {"Type": "Pass", "Output": "{% $later %}",
        "End": true}}}, "Next": "Loop"},
      "Loop": {"Type": "Choice", "Choices": [{"Condition": "{% $n > 3 %}", "Next": "Done"}], "Default": "Inc"},
      "Inc": {"Type": "Pass", "Assign": {"n": "{% $n + 1 %}"}, "Next": "Loop"},
      "Done": {"Type": "Succeed"}
    }}
    """
    let warnings = ASLLinter.lint(text).filter { $0.code == "unassigned-variable" }
    XCTAssertEqual(warnings.map { "\($0.line):\($0.column)" }, ["2:42", "6:98"])
    XCTAssertTrue(warnings[1].message.contains("Distributed Map's child workflow cannot read"), warnings[1].message)
    XCTAssertTrue(warnings.allSatisfy { $0.severity == .warning })
  }

  func testJSONPathVariablesAreFollowedToo() {
    XCTAssertEqual(ASLChecker.jsonPathVariables("$v.a"), ["v"])
    XCTAssertEqual(ASLChecker.jsonPathVariables("States.Format('{} $x', $a, $$.Execution.Id, $.b, $c)"), ["a", "c"])
    let text = aslTwoStates(#"{"Type": "Pass", "Parameters": {"a.$": "$v"}, "Assign": {"v": 1}, "Next": "B"}"#)
    XCTAssertEqual(ASLLinter.lint(text).filter { $0.code == "unassigned-variable" }.map(\.path),
                   ["$.States.A.Parameters['a.$']"])
  }

  /// Numeric fields written as JSONata expressions are valid in JSONata states (AWS accepts them).
  func testEveryNumericFieldAcceptsAnExpression() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/asl/rules/valid-jsonata-numeric-expressions.json")
    assertASLClean(try String(contentsOf: url, encoding: .utf8), allowing: ["catch-all-swallows-timeout"])
  }
}
