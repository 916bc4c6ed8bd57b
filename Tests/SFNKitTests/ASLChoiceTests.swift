import XCTest
@testable import SFNKit

/// Choice rules in JSONPath (Variable + comparator, And/Or/Not) and JSONata (Condition).
final class ASLChoiceTests: XCTestCase {
  private func choice(_ rules: String, language: String = "") -> String {
    aslTwoStates(#"{"Type": "Choice", \#(language)"Choices": [\#(rules)], "Default": "B"}"#)
  }

  func testValidJSONPathRules() {
    assertASLClean(choice(#"""
    {"Variable": "$.a", "StringEquals": "x", "Next": "B"},
    {"Variable": "$$.Execution.Id", "IsPresent": true, "Next": "B", "Comment": "c"},
    {"Variable": "$v", "NumericLessThanPath": "$.limit", "Next": "B", "Assign": {"seen": true}},
    {"Variable": "$.t", "TimestampGreaterThan": "2024-01-01T00:00:00Z", "Next": "B"},
    {"And": [{"Variable": "$.a", "BooleanEquals": true}, {"Not": {"Variable": "$.b", "IsNull": true}}], "Next": "B"},
    {"Or": [{"Variable": "$.a", "StringMatches": "log-*.txt"}], "Next": "B"}
    """#), allowing: ["unassigned-variable"])
  }

  func testVariableAndComparatorAreRequired() {
    assertASLFinding(choice(#"{"StringEquals": "x", "Next": "B"}"#), "invalid-choice-rule", at: "4:41",
                     "Choice rule needs 'Variable' and a comparison operator")
    assertASLFinding(choice(#"{"Variable": "$.a", "Next": "B"}"#), "invalid-choice-rule", at: "4:41",
                     "Choice rule has 'Variable' but no comparison operator")
    assertASLFinding(choice(#"{"Variable": "$.a", "IsPresent": true, "IsNull": false, "Next": "B"}"#),
                     "invalid-choice-rule", at: "4:80", "only one comparison operator; found 'IsPresent' and 'IsNull'")
    assertASLFinding(choice(#"{"Variable": "$.a[*]", "IsPresent": true, "Next": "B"}"#), "invalid-path", at: "4:54",
                     "'Variable' is not a valid reference path")
  }

  func testComparatorOperandTypes() {
    assertASLFinding(choice(#"{"Variable": "$.a", "NumericEquals": "1", "Next": "B"}"#), "wrong-type", at: "4:78",
                     "'NumericEquals' must be a number, not a string")
    assertASLFinding(choice(#"{"Variable": "$.a", "IsPresent": "yes", "Next": "B"}"#), "wrong-type", at: "4:74",
                     "'IsPresent' must be a boolean, not a string")
    assertASLFinding(choice(#"{"Variable": "$.a", "TimestampEquals": "yesterday", "Next": "B"}"#), "invalid-timestamp",
                     at: "4:80", "'TimestampEquals' must be an RFC 3339 timestamp")
    assertASLFinding(choice(#"{"Variable": "$.a", "StringEqualsPath": "b", "Next": "B"}"#), "invalid-path", at: "4:81",
                     "'StringEqualsPath' is not a valid reference path: a path must start with '$'")
  }

  func testNextOnlyOnTopLevelRules() {
    assertASLFinding(choice(#"{"Variable": "$.a", "IsPresent": true}"#), "missing-field", at: "4:41",
                     "A top-level Choice rule is missing required field 'Next'")
    assertASLFinding(choice(#"{"Not": {"Variable": "$.a", "IsPresent": true, "Next": "B"}, "Next": "B"}"#),
                     "nested-next", at: "4:88", "Only top-level Choice rules may have 'Next'")
  }

  func testCombinators() {
    assertASLFinding(choice(#"{"And": [], "Next": "B"}"#), "empty-array", at: "4:49",
                     "'And' must contain at least one rule")
    assertASLFinding(choice(#"{"Or": {"Variable": "$.a", "IsPresent": true}, "Next": "B"}"#), "wrong-type",
                     at: "4:48", "'Or' must be an array of rules, not an object")
    assertASLFinding(choice(#"{"And": [{"Variable": "$.a", "IsPresent": true}], "Variable": "$.b", "Next": "B"}"#),
                     "invalid-choice-rule", at: "4:91", "'Variable' cannot be combined with 'And'")
    assertASLFinding(choice(#"{"Variable": "$.a", "IsPresent": true, "Condition": true, "Next": "B"}"#),
                     "field-not-allowed", at: "4:80", "Condition needs QueryLanguage JSONata")
  }

  func testJSONataRulesUseCondition() {
    let language = #""QueryLanguage": "JSONata", "#
    assertASLClean(choice(#"{"Condition": "{% $states.input.n > 1 %}", "Next": "B", "Output": {"n": 1}, "Assign": {"x": 1}}, {"Condition": true, "Next": "B"}"#, language: language))
    assertASLFinding(choice(#"{"Variable": "$.a", "IsPresent": true, "Next": "B"}"#, language: language),
                     "field-not-allowed", at: "4:70", "Field 'Variable' is not allowed in a JSONata Choice rule")
    assertASLFinding(choice(#"{"Next": "B"}"#, language: language), "missing-field", at: "4:69",
                     "A JSONata Choice rule is missing required field 'Condition'")
    assertASLFinding(choice(#"{"Condition": "$.a", "Next": "B"}"#, language: language), "invalid-condition",
                     at: "4:83", "'Condition' must be a JSONata expression ({% ... %}) or a boolean")
  }

  func testChoiceWithoutDefaultIsWarned() {
    let text = aslTwoStates(#"{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "B"}]}"#)
    assertASLFinding(text, "choice-without-default", at: "4:10", "Choice state has no Default", severity: .warning)
    XCTAssertTrue(ASLLinter.isValid(ASLLinter.lint(text)))
  }
}
