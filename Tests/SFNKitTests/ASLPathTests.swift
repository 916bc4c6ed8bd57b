import XCTest
@testable import SFNKit

/// Paths, reference paths, `.$` payload templates and intrinsic function calls.
final class ASLPathTests: XCTestCase {
  func testPathSyntax() {
    for ok in ["$", "$.a.b", "$['a b'].c", "$[0]", "$.a[12].b", "$$", "$$.Execution.Id", "$var", "$var.a[0]",
               "$.a[*]", "$..a", "$.a[0:2]", "$.a[?(@.x > 1)]", "$.a[0,1]", "$.a-b", "$.*"] {
      XCTAssertNil(ASLPath.problem(ok, .path), ok)
    }
    for (bad, reason) in [("a.b", "must start with '$'"), ("$$23", "unexpected '2'"), ("$.", "expected a field name"),
                          ("$.a[", "unclosed '['"), ("$.a[]", "empty '[]'"), ("$ .a", "unexpected ' '"),
                          ("$.a[x]", "invalid subscript")] {
      XCTAssertEqual(ASLPath.problem(bad, .path).map { $0.contains(reason) }, true, "\(bad): \(String(describing: ASLPath.problem(bad, .path)))")
    }
  }

  func testReferencePathsSelectOneNode() {
    for ok in ["$", "$.a.b", "$['a']", "$.a[3]", "$$.Map.Item.Value", "$v.x"] {
      XCTAssertNil(ASLPath.problem(ok, .reference), ok)
    }
    for bad in ["$..a", "$.a[*]", "$.*", "$.a[0:1]", "$.a[?(@.b)]", "$.a[-1]", "$.a[0,1]"] {
      XCTAssertNotNil(ASLPath.problem(bad, .reference), bad)
    }
    XCTAssertEqual(ASLPath.problem("$$.a", .destination), "the context object ($$) cannot be used here")
    XCTAssertEqual(ASLPath.problem("$v", .destination), "variables cannot be used here")
  }

  func testIntrinsicCalls() {
    for ok in ["States.Format('{} and {}', $.a, States.UUID())", "States.Array()", "States.Array(1, -2.5, true, null)",
               "States.StringSplit('a\\'b\\\\c\\{\\}', ',')", "States.MathRandom(1, 9)", "States.MathRandom(1, 9, 42)",
               "States.Hash($.d, 'SHA-256')", "States.JsonMerge($.a, $.b, false)", "States.ArrayGetItem($$.a, $i)",
               "States.Format('x {}', $.a[0])", "States.JsonToString( $.x )"] {
      XCTAssertEqual(ASLIntrinsics.problems(ok).map(\.message), [], ok)
    }
    let cases: [(String, String)] = [
      ("States.Xyz($.a)", "unknown intrinsic function 'States.Xyz'"),
      ("States.ArrayRange(1, 2)", "States.ArrayRange takes 3 arguments, got 2"),
      ("States.UUID(1)", "States.UUID takes 0 arguments, got 1"),
      ("States.MathRandom(1)", "States.MathRandom takes 2 to 3 arguments, got 1"),
      ("States.Format()", "States.Format takes at least 1 argument, got 0"),
      ("States.Array(States.ArrayLength())", "States.ArrayLength takes 1 argument, got 0"),
      ("States.Format('abc", "unterminated string literal"),
      ("States.Format('a\\n')", "invalid escape '\\n'"),
      ("States.Format(\"x\")", "strings use single quotes"),
      ("States.Array(1", "missing ')'"),
      ("States.Array(1) x", "unexpected text after the closing ')'"),
      ("States.Array($.a b)", "expected ',' or ')'"),
      ("States.Hash($.d, 'SHA-999')", "States.Hash algorithm 'SHA-999' is not one of"),
      ("States.JsonMerge($.a, $.b, true)", "does not support deep merge"),
      ("States.Array($..[)", "invalid path argument"),
    ]
    for (call, message) in cases {
      let problems = ASLIntrinsics.problems(call)
      XCTAssertTrue(problems.contains { $0.message.contains(message) && !$0.isWarning }, "\(call): \(problems.map(\.message))")
    }
    let format = ASLIntrinsics.problems("States.Format('{} {}', $.a)")
    XCTAssertEqual(format.map(\.isWarning), [true])
    XCTAssertEqual(ASLIntrinsics.problems("States.Format('\\{} {}', $.a)").map(\.message), [])
  }

  func testDollarKeysNeedPathsOrIntrinsics() {
    assertASLClean(aslOneState(#"{"Type": "Pass", "Parameters": {"a.$": "$.a", "b": {"c.$": "$$.Execution.Id"}, "d": [{"e.$": "$v"}]}, "End": true}"#),
                   allowing: ["unassigned-variable"])
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Parameters": {"a": [{"b.$": 23}]}, "End": true}"#), "invalid-path",
                     at: "4:56", "'b.$' in Parameters must be a path or intrinsic function call string, not a number")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Parameters": {"a.$": "x"}, "End": true}"#), "invalid-path",
                     at: "4:49", "'a.$' is not a valid path or intrinsic function call: a path must start with '$'")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Parameters": {"a.$": "States.ArrayRange(1)"}, "End": true}"#),
                     "invalid-intrinsic", at: "4:49", "'a.$': States.ArrayRange takes 3 arguments, got 1")
  }

  func testResultSelectorAndItemSelectorTemplates() {
    let sqs = "arn:aws:states:::sqs:sendMessage"
    assertASLClean(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "ResultSelector": {"x.$": "$.Body"}, "End": true}"#))
    assertASLFinding(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "ResultSelector": {"x.$": " $.Body"}, "End": true}"#),
                     "invalid-path", at: "4:101", "'x.$' is not a valid path")
    assertASLFinding(aslOneState(#"{"Type": "Task", "Resource": "\#(sqs)", "ResultSelector": "$.Body", "End": true}"#),
                     "wrong-type", at: "4:93", "'ResultSelector' must be an object, not a string")
  }

  func testLiteralValuesThatLookLikePathsAreWarned() {
    assertASLFinding(aslOneState(#"{"Type": "Pass", "Parameters": {"a": "$.a"}, "End": true}"#), "path-without-dollar-key",
                     at: "4:47", "'a' in Parameters looks like a path but its key does not end in '.$'",
                     severity: .warning)
  }

  func testInputOutputAndResultPaths() {
    assertASLClean(aslOneState(#"{"Type": "Pass", "InputPath": "$.a", "OutputPath": null, "ResultPath": "$.r['x']", "End": true}"#))
    assertASLFinding(aslOneState(#"{"Type": "Pass", "InputPath": "a", "End": true}"#), "invalid-path", at: "4:40",
                     "'InputPath' is not a valid path or intrinsic function call")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "ResultPath": "$$.a", "End": true}"#), "invalid-path", at: "4:41",
                     "'ResultPath' is not a valid reference path: the context object ($$) cannot be used here")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "ResultPath": "$v", "End": true}"#), "invalid-path", at: "4:41",
                     "variables cannot be used here")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "ResultPath": "$.a[*]", "End": true}"#), "invalid-path", at: "4:41",
                     "'[*]' is not allowed in a reference path")
    assertASLFinding(aslOneState(#"{"Type": "Pass", "OutputPath": 5, "End": true}"#), "wrong-type", at: "4:41",
                     "'OutputPath' must be a path string or null, not a number")
  }
}
