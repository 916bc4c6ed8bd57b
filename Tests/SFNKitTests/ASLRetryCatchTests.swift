import XCTest
@testable import SFNKit

/// Retriers and catchers: ErrorEquals, States.ALL placement, numeric limits, JitterStrategy, Catch Next.
final class ASLRetryCatchTests: XCTestCase {
  private let sqs = "arn:aws:states:::sqs:sendMessage"

  private func task(retry: String = "", catchers: String = "", extra: String = "") -> String {
    var fields = #"{"Type": "Task", "Resource": "\#(sqs)", "Next": "B""#
    if !retry.isEmpty { fields += #", "Retry": [\#(retry)]"# }
    if !catchers.isEmpty { fields += #", "Catch": [\#(catchers)]"# }
    return aslTwoStates(fields + extra + "}")
  }

  func testValidRetriersAndCatchers() {
    assertASLClean(task(
      retry: #"{"ErrorEquals": ["States.Timeout", "Custom.Error"], "IntervalSeconds": 1, "MaxAttempts": 0, "BackoffRate": 1.0, "MaxDelaySeconds": 10, "JitterStrategy": "NONE", "Comment": "c"}, {"ErrorEquals": ["States.ALL"]}"#,
      catchers: #"{"ErrorEquals": ["States.ALL"], "Next": "B", "ResultPath": "$.error", "Assign": {"failed": true}}"#))
  }

  func testErrorEqualsIsANonEmptyArray() {
    assertASLFinding(task(retry: #"{"ErrorEquals": []}"#), "empty-error-equals", at: "4:114", "'ErrorEquals' must not be empty")
    assertASLFinding(task(retry: #"{"MaxAttempts": 1}"#), "missing-field", at: "4:98",
                     "A Retrier is missing required field 'ErrorEquals'")
    assertASLFinding(task(catchers: #"{"ErrorEquals": "States.ALL", "Next": "B"}"#), "wrong-type", at: "4:114",
                     "'ErrorEquals' must be an array, not a string")
  }

  func testStatesAllIsAloneAndLast() {
    assertASLFinding(task(retry: #"{"ErrorEquals": ["States.ALL", "X"]}"#), "states-all-not-alone", at: "4:115",
                     "'States.ALL' must appear alone in ErrorEquals")
    assertASLFinding(task(retry: #"{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}"#), "states-all-not-last",
                     at: "4:115", "A Retrier with 'States.ALL' must be the last one")
    assertASLFinding(task(catchers: #"{"ErrorEquals": ["States.ALL"], "Next": "B"}, {"ErrorEquals": ["X"], "Next": "B"}"#),
                     "states-all-not-last", at: "4:115", "A Catcher with 'States.ALL' must be the last one")
  }

  func testRetrierNumbers() {
    assertASLFinding(task(retry: #"{"ErrorEquals": ["X"], "BackoffRate": 0.5}"#), "out-of-range", at: "4:136",
                     "'BackoffRate' is 0.5 but must be at least 1.0")
    // AWS accepts an integer BackoffRate (the CDK writes `"BackoffRate": 2`); statelint does not, and AWS wins.
    assertASLClean(task(retry: #"{"ErrorEquals": ["X"], "BackoffRate": 2}"#))
    assertASLFinding(task(retry: #"{"ErrorEquals": ["X"], "BackoffRate": -2}"#), "out-of-range", at: "4:136",
                     "'BackoffRate' is -2 but must be at least 1.0")
    assertASLFinding(task(retry: #"{"ErrorEquals": ["X"], "MaxAttempts": -1}"#), "out-of-range", at: "4:136",
                     "'MaxAttempts' is -1 but must be at least 0")
    assertASLFinding(task(retry: #"{"ErrorEquals": ["X"], "IntervalSeconds": 0}"#), "out-of-range", at: "4:140",
                     "'IntervalSeconds' is 0 but must be at least 1")
    assertASLFinding(task(retry: #"{"ErrorEquals": ["X"], "IntervalSeconds": 1.5}"#), "not-integer", at: "4:140",
                     "'IntervalSeconds' must be an integer")
    assertASLFinding(task(retry: #"{"ErrorEquals": ["X"], "MaxDelaySeconds": 0}"#), "out-of-range", at: "4:140",
                     "'MaxDelaySeconds' is 0 but must be between 1 and 31622400")
    assertASLFinding(task(retry: #"{"ErrorEquals": ["X"], "JitterStrategy": "PARTIAL"}"#), "invalid-value", at: "4:139",
                     "'JitterStrategy' is 'PARTIAL' but must be one of 'FULL', 'NONE'")
    assertASLFinding(task(retry: #"{"ErrorEquals": ["X"], "Next": "B"}"#), "field-not-allowed", at: "4:121",
                     "Field 'Next' is not allowed in a Retrier")
  }

  func testCatchersNeedNext() {
    assertASLFinding(task(catchers: #"{"ErrorEquals": ["X"]}"#), "missing-field", at: "4:98",
                     "A Catcher is missing required field 'Next'")
    assertASLFinding(task(catchers: #"{"ErrorEquals": ["X"], "Next": "Nowhere"}"#), "unknown-state", at: "4:129",
                     "Next 'Nowhere' does not name a state in this scope")
    assertASLFinding(task(catchers: #"{"ErrorEquals": ["X"], "Next": "B", "ResultPath": "$$.x"}"#), "invalid-path",
                     at: "4:148", "'ResultPath' is not a valid reference path")
  }

  func testJSONataCatchersUseOutput() {
    let top = #" "QueryLanguage": "JSONata","#
    let valid = #"{"Type": "Task", "Resource": "\#(sqs)", "Next": "B", "Catch": [{"ErrorEquals": ["X"], "Next": "B", "Output": "{% $states.errorOutput %}"}]}"#
    assertASLClean(aslTwoStates(valid, top: top))
    let invalid = #"{"Type": "Task", "Resource": "\#(sqs)", "Next": "B", "Catch": [{"ErrorEquals": ["X"], "Next": "B", "ResultPath": "$.e"}]}"#
    assertASLFinding(aslTwoStates(invalid, top: top), "field-not-allowed", at: "4:134",
                     "Field 'ResultPath' is not allowed in a Catcher when QueryLanguage is JSONata")
  }

  func testUnknownStatesErrorIsWarned() {
    assertASLClean(task(retry: #"{"ErrorEquals": ["States.TaskFailed", "States.HeartbeatTimeout"]}"#))
    assertASLFinding(task(retry: #"{"ErrorEquals": ["States.Timout"]}"#), "unknown-states-error", at: "4:115",
                     "'States.Timout' is not an error Step Functions raises", severity: .warning)
  }

  func testCatchAllWithTimeoutIsWarned() {
    let handled = #"{"ErrorEquals": ["States.Timeout"], "Next": "B"}, {"ErrorEquals": ["States.ALL"], "Next": "B"}"#
    assertASLClean(task(catchers: handled, extra: #", "TimeoutSeconds": 30"#))
    assertASLClean(task(catchers: #"{"ErrorEquals": ["States.ALL"], "Next": "B"}"#))
    assertASLFinding(task(catchers: #"{"ErrorEquals": ["States.ALL"], "Next": "B"}"#, extra: #", "HeartbeatSeconds": 30"#),
                     "catch-all-swallows-timeout", at: "4:115", "Catch on States.ALL also catches States.Timeout",
                     severity: .warning)
  }
}
