import XCTest
@testable import SFNKit

/// StartAt and transitions resolve in their own scope, every state is reachable, something terminates.
final class ASLScopeTests: XCTestCase {
  func testStartAtMustNameAState() {
    assertASLClean(aslOneState(#"{"Type": "Succeed"}"#))
    let text = """
    {
      "StartAt": "Nope",
      "States": {
        "A": {"Type": "Succeed"}
      }
    }
    """
    assertASLFinding(text, "unknown-state", at: "2:14", "StartAt 'Nope' does not name a state in this scope")
  }

  func testStartAtAndStatesAreRequired() {
    assertASLFinding(#"{"States": {"A": {"Type": "Succeed"}}}"#, "missing-field", at: "1:1",
                     "The state machine is missing required field 'StartAt'")
    assertASLFinding(#"{"StartAt": "A"}"#, "missing-field", at: "1:1",
                     "The state machine is missing required field 'States'")
    assertASLFinding(#"{"StartAt": "A", "States": {}}"#, "no-states", at: "1:28", "at least one state")
  }

  func testNextAndDefaultMustNameAStateInTheSameScope() {
    let valid = """
    {
      "StartAt": "A",
      "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Succeed"}
      }
    }
    """
    assertASLClean(valid)
    let text = """
    {
      "StartAt": "A",
      "States": {
        "A": {"Type": "Pass", "Next": "C"},
        "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Z"}], "Default": "Y"}
      }
    }
    """
    assertASLFinding(text, "unknown-state", at: "4:35", "Next 'C' does not name a state in this scope")
    assertASLFinding(text, "unknown-state", at: "5:88", "Next 'Z' does not name a state")
    assertASLFinding(text, "unknown-state", at: "5:106", "Default 'Y' does not name a state")
  }

  func testBranchStatesCannotJumpToOuterStates() {
    let text = """
    {
      "StartAt": "P",
      "States": {
        "P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "Done"}, "B2": {"Type": "Succeed"}}}
        ]},
        "Done": {"Type": "Succeed"}
      }
    }
    """
    assertASLFinding(text, "unknown-state", at: "5:67", "Next 'Done' does not name a state in this scope")
    assertASLFinding(text, "unreachable-state", at: "5:76", "State 'B2' is not reachable from StartAt")
    assertASLFinding(text, "unreachable-state", at: "7:5", "State 'Done' is not reachable from StartAt")
  }

  func testEveryStateMustBeReachable() {
    let text = """
    {
      "StartAt": "A",
      "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true,
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]},
        "Handler": {"Type": "Fail"},
        "Orphan": {"Type": "Succeed"}
      }
    }
    """
    assertASLFinding(text, "unreachable-state", at: "7:5", "State 'Orphan' is not reachable from StartAt")
    XCTAssertFalse(ASLLinter.lint(text).contains { $0.path == "$.States.Handler" })
  }

  func testAScopeNeedsATerminalState() {
    let text = """
    {
      "StartAt": "A",
      "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Wait", "Seconds": 1, "Next": "A"}
      }
    }
    """
    assertASLFinding(text, "no-terminal-state", at: "3:13", "No terminal state")
    assertASLClean(aslOneState(#"{"Type": "Fail", "Error": "E"}"#))
  }

  func testStateNamesAreUniqueAcrossTheWholeMachine() {
    let text = """
    {
      "StartAt": "P",
      "States": {
        "P": {"Type": "Parallel", "Next": "X", "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}]},
        "X": {"Type": "Succeed"}
      }
    }
    """
    assertASLFinding(text, "duplicate-state-name", at: "5:5", "State name 'X' is already used at line 4, column 85")
  }

  func testStateNamesAreAtMost80Characters() {
    let ok = String(repeating: "n", count: 80)
    assertASLClean(#"{"StartAt": "\#(ok)", "States": {"\#(ok)": {"Type": "Succeed"}}}"#)
    let long = String(repeating: "n", count: 81)
    assertASLFinding(#"{"StartAt": "\#(long)", "States": {"\#(long)": {"Type": "Succeed"}}}"#, "state-name-too-long",
                     at: "1:109", "State name is 81 characters long; the maximum is 80")
  }

  func testNextAndEndAreExclusiveAndOneIsRequired() {
    assertASLClean(aslOneState(#"{"Type": "Pass", "End": true}"#))
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Next": "A", "End": true}"#), "next-and-end", at: "4:27",
                     "cannot have both 'Next' and \"End\": true")
    assertASLFinding(aslOneState(#"{"Type": "Pass"}"#), "missing-transition", at: "4:10",
                     "Pass state needs either 'Next' or \"End\": true")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "End": false}"#), "missing-transition", at: "4:10",
                     "Pass state needs either 'Next' or \"End\": true")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "End": "yes"}"#), "wrong-type", at: "4:34",
                     "'End' must be a boolean, not a string")
  }
}
