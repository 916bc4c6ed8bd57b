import XCTest
@testable import SFNKit

/// Asserts that linting `text` yields a finding with `code` at `position` ("line:column") whose message contains
/// `message`.
func assertASLFinding(_ text: String, _ code: String, at position: String, _ message: String,
                      severity: ASLDiagnostic.Severity = .error, file: StaticString = #filePath, line: UInt = #line) {
  let all = ASLLinter.lint(text)
  guard let hit = all.first(where: { $0.code == code && "\($0.line):\($0.column)" == position }) else {
    XCTFail("no \(code) at \(position); got:\n" + all.map { "\($0) {\($0.code ?? "")}" }.joined(separator: "\n"),
            file: file, line: line)
    return
  }
  XCTAssertEqual(hit.severity, severity, hit.description, file: file, line: line)
  XCTAssertTrue(hit.message.contains(message), "message was: \(hit.message)", file: file, line: line)
}

/// Asserts that `text` has no errors and no warnings, except warnings whose codes are listed.
func assertASLClean(_ text: String, allowing allowed: Set<String> = [], file: StaticString = #filePath,
                    line: UInt = #line) {
  let unexpected = ASLLinter.lint(text).filter { $0.severity == .error || !allowed.contains($0.code ?? "") }
  XCTAssertTrue(unexpected.isEmpty, "unexpected findings:\n" + unexpected.map { "\($0) {\($0.code ?? "")}" }
    .joined(separator: "\n"), file: file, line: line)
}

/// A one-state machine whose state object starts on line 4, column 10, so columns are easy to count:
/// a character at offset i (0-based) of `state` is at column 10 + i.
func aslOneState(_ state: String, top: String = "") -> String {
  """
  {\(top)
    "StartAt": "A",
    "States": {
      "A": \(state)
    }
  }
  """
}

/// Like `aslOneState`, with a Succeed state "B" on line 5 for state "A" to transition to.
func aslTwoStates(_ state: String, top: String = "") -> String {
  """
  {\(top)
    "StartAt": "A",
    "States": {
      "A": \(state),
      "B": {"Type": "Succeed"}
    }
  }
  """
}

/// Linter-wide behaviour: the public entry point, ordering, and the size limit.
final class ASLRuleTests: XCTestCase {
  func testDiagnosticsAreSortedByPosition() {
    let text = """
    {
      "StartAt": "A",
      "States": {
        "A": {"Type": "Pass", "Next": "B", "Bogus": 1},
        "B": {"Type": "Wait", "End": true}
      }
    }
    """
    let d = ASLLinter.lint(text)
    XCTAssertEqual(d.map { "\($0.line):\($0.column)" }, ["4:40", "5:10"])
    XCTAssertEqual(d.map(\.path), ["$.States.A.Bogus", "$.States.B"])
    XCTAssertFalse(ASLLinter.isValid(d))
    XCTAssertEqual(d[0].description, "4:40: error: Field 'Bogus' is not allowed in a Pass state [$.States.A.Bogus]")
  }

  func testMinimalMachineIsClean() {
    assertASLClean(aslOneState(#"{"Type": "Succeed"}"#))
    XCTAssertTrue(ASLLinter.isValid(ASLLinter.lint(aslOneState(#"{"Type": "Succeed"}"#))))
  }

  func testDefinitionSizeIsMeasuredInUTF8Bytes() {
    // 524,289 "é" are 1,048,578 bytes but only 524,289 characters.
    let big = aslOneState(#"{"Type": "Succeed", "Comment": ""# + String(repeating: "é", count: 524_289) + #""}"#)
    assertASLFinding(big, "definition-too-large", at: "1:1", "maximum is 1048576 bytes")
    let small = aslOneState(#"{"Type": "Succeed", "Comment": ""# + String(repeating: "é", count: 500_000) + #""}"#)
    assertASLClean(small)
  }

  func testTopLevelFields() {
    assertASLClean(aslOneState(#"{"Type": "Succeed"}"#, top: #" "Comment": "c", "Version": "1.0", "TimeoutSeconds": 60,"#))
    assertASLFinding(aslOneState(#"{"Type": "Succeed"}"#, top: #" "Extra": 1,"#), "field-not-allowed", at: "1:3",
                     "Field 'Extra' is not allowed in the top level")
    assertASLFinding(aslOneState(#"{"Type": "Succeed"}"#, top: #" "Version": "2.0","#), "invalid-value", at: "1:14",
                     "'Version' is '2.0' but must be one of '1.0'")
    assertASLFinding(aslOneState(#"{"Type": "Succeed"}"#, top: #" "TimeoutSeconds": 0,"#), "out-of-range", at: "1:21",
                     "'TimeoutSeconds' is 0 but must be at least 1")
    assertASLFinding("[1]", "wrong-type", at: "1:1", "must be a JSON object")
  }
}
