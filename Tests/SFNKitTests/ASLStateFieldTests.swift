import XCTest
@testable import SFNKit

/// Fields allowed and required per state type, and the type-specific rules of Wait, Fail and Parallel.
final class ASLStateFieldTests: XCTestCase {
  private let sqs = "arn:aws:states:::sqs:sendMessage"

  func testStatesMustBeObjectsWithAKnownType() {
    assertASLFinding(aslOneState(#""nope""#), "wrong-type", at: "4:10", "State 'A' must be an object, not a string")
    assertASLFinding(aslOneState(#"{"Comment": "no type"}"#), "missing-field", at: "4:10",
                     "State 'A' is missing required field 'Type'")
    assertASLFinding(aslOneState(#"{"Type": "Bogus"}"#), "invalid-state-type", at: "4:19", "'Type' must be one of Pass")
  }

  func testPassFields() {
    assertASLClean(aslOneState(#"{"Type": "Pass", "Result": {"a": 1}, "ResultPath": "$.r", "InputPath": "$", "End": true}"#))
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Resource": "x", "End": true}"#), "field-not-allowed", at: "4:27",
                     "Field 'Resource' is not allowed in a Pass state")
  }

  func testTaskRequiresResource() {
    assertASLClean(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "End": true}"#))
    assertASLFinding(aslOneState(#"{"Type": "Task", "End": true}"#), "missing-field", at: "4:10",
                     "Task state is missing required field 'Resource'")
  }

  func testChoiceCannotHaveNext() {
    let choice = #"{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "B"}], "Default": "B""#
    assertASLClean(aslTwoStates(choice + "}"))
    assertASLFinding(aslTwoStates(choice + #", "Next": "B"}"#), "field-not-allowed", at: "4:111",
                     "Field 'Next' is not allowed in a Choice state")
    assertASLFinding(aslOneState(#"{"Type": "Choice", "Default": "A"}"#), "missing-field", at: "4:10",
                     "Choice state is missing required field 'Choices'")
  }

  func testSucceedCannotHaveEnd() {
    assertASLClean(aslOneState(#"{"Type": "Succeed", "OutputPath": "$.x"}"#))
    assertASLFinding(aslOneState(#"{"Type": "Succeed", "End": true}"#), "field-not-allowed", at: "4:30",
                     "Field 'End' is not allowed in a Succeed state")
    assertASLFinding(aslOneState(#"{"Type": "Succeed", "Comment": 1}"#), "wrong-type", at: "4:41",
                     "'Comment' must be a string, not a number")
  }

  func testWaitNeedsExactlyOneDelay() {
    assertASLClean(aslOneState(#"{"Type": "Wait", "Seconds": 0, "End": true}"#))
    assertASLClean(aslOneState(#"{"Type": "Wait", "Timestamp": "2024-01-31T23:59:59.5+01:00", "End": true}"#))
    assertASLClean(aslOneState(#"{"Type": "Wait", "SecondsPath": "$$.Execution.Input.s", "End": true}"#))
    assertASLFinding(aslOneState(#"{"Type": "Wait", "End": true}"#), "missing-field", at: "4:10",
                     "Wait state needs exactly one of 'Seconds', 'Timestamp', 'SecondsPath' or 'TimestampPath'")
    assertASLFinding(aslOneState(#"{"Type": "Wait", "Seconds": 5, "Timestamp": "2024-01-01T00:00:00Z", "End": true}"#),
                     "mutually-exclusive", at: "4:41", "Only one of 'Seconds', 'Timestamp', 'SecondsPath'")
    assertASLFinding(aslOneState(#"{"Type": "Wait", "Timestamp": "2024-01-01 00:00:00", "End": true}"#),
                     "invalid-timestamp", at: "4:40", "'Timestamp' must be an RFC 3339 timestamp")
    assertASLFinding(aslOneState(#"{"Type": "Wait", "Seconds": -1, "End": true}"#), "out-of-range", at: "4:38",
                     "'Seconds' is -1 but must be at least 0")
    assertASLFinding(aslOneState(#"{"Type": "Wait", "SecondsPath": "$.a[*]", "End": true}"#), "invalid-path", at: "4:42",
                     "'SecondsPath' is not a valid reference path: '[*]' is not allowed in a reference path")
  }

  func testTimestampFormat() {
    XCTAssertTrue(ASLChecker.isTimestamp("2016-03-14T01:59:00Z"))
    XCTAssertTrue(ASLChecker.isTimestamp("2016-03-14T01:59:00.123-08:00"))
    XCTAssertFalse(ASLChecker.isTimestamp("2016-03-14t01:59:00z"))
    XCTAssertFalse(ASLChecker.isTimestamp("2016-13-14T01:59:00Z"))
    XCTAssertFalse(ASLChecker.isTimestamp("2016-03-14T01:59:00"))
  }

  func testFailErrorAndCauseFormsAreExclusive() {
    assertASLClean(aslOneState(#"{"Type": "Fail", "Error": "E", "CausePath": "States.Format('{}', $.c)"}"#))
    assertASLFinding(aslOneState(#"{"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}"#), "mutually-exclusive",
                     at: "4:41", "Only one of 'Error', 'ErrorPath' may be set")
    assertASLFinding(aslOneState(#"{"Type": "Fail", "CausePath": "$.c", "Cause": "C"}"#), "mutually-exclusive",
                     at: "4:47", "Only one of 'Cause', 'CausePath' may be set")
    assertASLFinding(aslOneState(#"{"Type": "Fail", "ErrorPath": "States.Format(1)"}"#), "invalid-intrinsic",
                     at: "4:40", "'ErrorPath': the first argument of States.Format must be a string")
  }

  func testParallelBranchesAreCheckedRecursively() {
    let branch = #"{"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#
    assertASLClean(aslOneState(#"{"Type": "Parallel", "End": true, "Branches": [\#(branch)]}"#))
    assertASLFinding(aslOneState(#"{"Type": "Parallel", "End": true, "Branches": []}"#), "empty-array", at: "4:56",
                     "'Branches' must contain at least one branch")
    assertASLFinding(aslOneState(#"{"Type": "Parallel", "End": true}"#), "missing-field", at: "4:10",
                     "Parallel state is missing required field 'Branches'")
    assertASLFinding(
      aslOneState(#"{"Type": "Parallel", "End": true, "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Pass"}}}]}"#),
      "missing-transition", at: "4:90", "Pass state needs either 'Next' or \"End\": true")
    assertASLFinding(
      aslOneState(#"{"Type": "Parallel", "End": true, "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Succeed"}}, "Next": "A"}]}"#),
      "field-not-allowed", at: "4:112", "Field 'Next' is not allowed in a Parallel branch")
  }

  // MARK: Query languages

  func testJSONataFieldsNeedJSONata() {
    let jsonataTop = #" "QueryLanguage": "JSONata","#
    assertASLClean(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "Arguments": {"a": "{% $states.input.a %}"}, "Output": "{% $states.result %}", "Assign": {"x": "{% 1 + 2 %}"}, "End": true}"#, top: jsonataTop))
    assertASLFinding(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "Arguments": {}, "End": true}"#),
                     "jsonata-field-in-jsonpath", at: "4:75", "Field 'Arguments' is only allowed when QueryLanguage is JSONata")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Output": {}, "End": true}"#), "jsonata-field-in-jsonpath", at: "4:27",
                     "Field 'Output' is only allowed when QueryLanguage is JSONata")
  }

  func testJSONPathFieldsAreRejectedInJSONata() {
    assertASLClean(aslOneState(#"{"Type": "Task", "QueryLanguage": "JSONata", "Resource": "\#(sqs)", "Arguments": {}, "End": true}"#))
    assertASLFinding(aslOneState(#"{"Type": "Task", "QueryLanguage": "JSONata", "Resource": "\#(sqs)", "Parameters": {}, "End": true}"#),
                     "jsonpath-field-in-jsonata", at: "4:103",
                     "Field 'Parameters' is not allowed when QueryLanguage is JSONata (use Arguments)")
    for field in ["InputPath", "ResultPath", "ResultSelector", "OutputPath"] {
      let d = ASLLinter.lint(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "\#(field)": "$", "End": true}"#,
                                      top: #" "QueryLanguage": "JSONata","#))
      XCTAssertTrue(d.contains { $0.code == "jsonpath-field-in-jsonata" && $0.path == "$.States.A.\(field)" }, field)
    }
  }

  func testStateQueryLanguage() {
    assertASLClean(aslOneState(#"{"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}"#))
    assertASLFinding(aslOneState(#"{"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}"#,
                           top: #" "QueryLanguage": "JSONata","#),
                  "jsonpath-in-jsonata-machine", at: "4:44", "cannot use JSONPath when the state machine's")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "QueryLanguage": "SQL", "End": true}"#), "invalid-value", at: "4:44",
                     "'QueryLanguage' is 'SQL' but must be one of 'JSONPath', 'JSONata'")
  }

  func testJSONataExpressionsOnlyInJSONata() {
    assertASLClean(aslOneState(#"{"Type": "Pass", "Output": {"a": "{% $states.input.x %}"}, "End": true}"#, top: #" "QueryLanguage": "JSONata","#))
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Parameters": {"a": "{% $x %}"}, "End": true}"#), "jsonata-in-jsonpath",
                     at: "4:47", "JSONata expressions ({% %}) are only allowed when QueryLanguage is JSONata")
  }

  /// AWS accepts `{% %}` text in a JSONPath state's Assign and assigns it unevaluated (recorded execution
  /// assign_base BASE_CONSTANT_LITERALS: `"constant_str_jsonata_expr": "{% $varname.varfield %}"` comes out as that
  /// very string); the linter only warns, and sfn local reports nothing, as AWS does.
  func testJSONataTextInAJSONPathAssignIsALiteral() {
    let warning = "'{% $x %}' is a literal string here: JSONata is evaluated only when QueryLanguage is JSONata"
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Assign": {"a": "{% $x %}"}, "End": true}"#),
                     "jsonata-literal-in-jsonpath", at: "4:43", warning, severity: .warning)
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Assign": {"a": {"b": ["{% $x %}"]}}, "End": true}"#),
                     "jsonata-literal-in-jsonpath", at: "4:50", warning, severity: .warning)
    assertASLClean(aslOneState(#"{"Type": "Pass", "Assign": {"a": "{% $x %}"}, "End": true}"#),
                   allowing: ["jsonata-literal-in-jsonpath"])
    // A catcher's and a Choice rule's Assign are Assign too.
    assertASLClean(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "#
                               + #""Assign": {"a": "{% $x %}"}, "Next": "A"}]}"#), allowing: ["jsonata-literal-in-jsonpath"])
    let choice = #"{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Assign": {"a": "{% $x %}"}, "#
      + #""Next": "B"}], "Default": "B"}, "B": {"Type": "Succeed"}"#
    assertASLClean(aslOneState(choice), allowing: ["jsonata-literal-in-jsonpath"])
    // Elsewhere in a JSONPath state (a catcher's ResultPath, a rule's Variable) it stays an error.
    assertASLFinding(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "#
                                 + #""ResultPath": "{% $x %}", "Next": "A"}]}"#), "jsonata-in-jsonpath", at: "4:144",
                     "JSONata expressions ({% %}) are only allowed when QueryLanguage is JSONata")
  }

  func testJSONataExpressionSyntax() {
    let top = #" "QueryLanguage": "JSONata","#
    assertASLClean(aslOneState(#"{"Type": "Pass", "Output": {"a": "{% $join(['a', ')'], \"}\") /* ( */ %}"}, "End": true}"#, top: top))
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Output": {"a": "{% ($x %}"}, "End": true}"#, top: top),
                     "invalid-jsonata", at: "4:51", #"Invalid JSONata expression: Expected ")" before end of expression (S0203)"#)
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Output": "{% $x", "End": true}"#, top: top),
                     "invalid-jsonata", at: "4:37", "A JSONata expression must end with '%}'")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Output": "{%  %}", "End": true}"#, top: top),
                     "invalid-jsonata", at: "4:37", "the expression is empty")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Output": {"k.$": "$.a"}, "End": true}"#, top: top),
                     "dollar-key-in-jsonata", at: "4:38", "have no special meaning in JSONata", severity: .warning)
  }

  func testJSONataNumbersMayBeExpressions() {
    let top = #" "QueryLanguage": "JSONata","#
    assertASLClean(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "TimeoutSeconds": "{% $t %}", "End": true}"#, top: top),
                   allowing: ["unassigned-variable"])
    assertASLFinding(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "TimeoutSeconds": "5", "End": true}"#, top: top),
                     "wrong-type", at: "4:93", "'TimeoutSeconds' must be an integer or a JSONata expression")
  }

  func testAssignVariableNames() {
    assertASLClean(aslOneState(#"{"Type": "Pass", "Assign": {"x_1": 1, "y.$": "$.y", "z.$": "States.UUID()"}, "End": true}"#))
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Assign": {"1x": 1}, "End": true}"#), "invalid-variable-name",
                     at: "4:38", "'1x' is not a valid variable name")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Assign": {"states": 1}, "End": true}"#), "invalid-variable-name",
                     at: "4:38", "'states' is a reserved variable name")
    assertASLFinding(aslOneState(#"{"Type": "Succeed", "Assign": {}}"#), "field-not-allowed", at: "4:30",
                     "Field 'Assign' is not allowed in a Succeed state")
  }
}
