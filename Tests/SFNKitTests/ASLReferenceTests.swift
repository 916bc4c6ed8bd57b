import XCTest
@testable import SFNKit

/// Checks the linter against the verdicts statelint 3.1.0 gives for the awslabs/statelint test definitions.
final class ASLReferenceTests: XCTestCase {
  private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/asl")

  /// Files where AWS's verdict differs from statelint's; AWS is the reference, so these override the verdict file.
  static let awsVerdicts: [String: (valid: Bool, reason: String)] = [
    "backoff-with-backoffrate-integer.json": (true, "AWS accepts an integer BackoffRate (the CDK writes 2 for every "
      + "retry); statelint types the field as a float"),
  ]

  func testEveryReferenceVerdictMatches() throws {
    let verdictData = try Data(contentsOf: fixtures.appendingPathComponent("awslabs-statelint-verdicts.json"))
    guard case .object(let verdicts) = try JSONParser.parse(String(decoding: verdictData, as: UTF8.self)) else {
      return XCTFail("verdict file is not an object")
    }
    XCTAssertEqual(verdicts.count, 72)
    var mismatches: [String] = []
    for (file, verdict) in verdicts {
      let url = fixtures.appendingPathComponent("awslabs-statelint").appendingPathComponent(file)
      let text = try String(contentsOf: url, encoding: .utf8)
      let diagnostics = ASLLinter.lint(text)
      let expectedValid = Self.awsVerdicts[file]?.valid ?? verdict["valid"]?.boolValue ?? false
      let errors = diagnostics.filter { $0.severity == .error }
      if errors.isEmpty != expectedValid {
        let reference = (verdict["problems"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "; ")
        let ours = errors.map(\.description).joined(separator: "; ")
        mismatches.append("\(file): expected \(expectedValid ? "valid" : "invalid") (\(reference)), got [\(ours)]")
      }
    }
    XCTAssertTrue(mismatches.isEmpty, "verdict mismatches:\n" + mismatches.joined(separator: "\n"))
  }

  /// Each invalid reference file is rejected for the reason statelint gives, at the right place.
  func testInvalidFilesFailForTheReferenceReason() throws {
    let expectations: [(String, String, Int, Int)] = [
      ("backoff-with-backoffrate-between-0-and-1.json", "out-of-range", 11, 26),
      ("empty-error-equals-on-catch.json", "empty-error-equals", 10, 19),
      ("has-dupes.json", "duplicate-state-name", 30, 5),
      ("invalid-function-invocation.json", "invalid-intrinsic", 8, 20),
      ("map-with-null-itemspath.json", "null-not-allowed", 6, 20),
      ("no-terminal.json", "no-terminal-state", 3, 13),
      ("task-with-invalid-credentials.json", "wrong-type", 7, 22),
      ("fail-with-static-and-dynamic-cause.json", "mutually-exclusive", 7, 7),
      ("map-with-itemprocessor-and-iterator.json", "mutually-exclusive", 18, 7),
      ("states-array-invocation-leftpad.json", "invalid-path", 8, 20),
    ]
    for (file, codePrefix, line, column) in expectations {
      let text = try String(contentsOf: fixtures.appendingPathComponent("awslabs-statelint/\(file)"), encoding: .utf8)
      let hits = ASLLinter.lint(text).filter { $0.severity == .error && ($0.code ?? "").hasPrefix(codePrefix) }
      XCTAssertFalse(hits.isEmpty, "\(file): no \(codePrefix) error")
      if let hit = hits.first {
        XCTAssertEqual("\(hit.line):\(hit.column)", "\(line):\(column)", file)
      }
    }
  }
}
