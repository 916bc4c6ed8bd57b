import XCTest
@testable import SFNKit

/// Runs the JMESPath project's compliance suite (Fixtures/jmespath, 892 cases) against `JMESPathExpression`.
final class JMESPathComplianceTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/jmespath")

  static let files = [
    "basic", "boolean", "current", "escape", "filters", "functions", "identifiers", "indices", "literal",
    "multiselect", "pipe", "slice", "syntax", "unicode", "wildcard",
  ]

  /// Each suite of a compliance file: the input document and its cases.
  static func suites(_ name: String) throws -> [(given: JSON, cases: [JSONObject])] {
    let data = try Data(contentsOf: fixtures.appendingPathComponent(name + ".json"))
    guard case .array(let suites) = try JSONParser.parse(bytes: Array(data)) else {
      // A fixture that is not a list of suites is a broken test, never a reason to skip.
      throw FixtureError(message: "fixture \(name).json is not a JSON array of suites")
    }
    return suites.map { suite in
      (suite["given"] ?? .null, (suite["cases"]?.arrayValue ?? []).compactMap(\.objectValue))
    }
  }

  /// What running `expression` on `given` produced: a value or an error kind.
  static func run(_ expression: String, _ given: JSON) -> Result<JSON, JMESPathError> {
    do {
      return .success(try JMESPathExpression(expression).evaluate(given))
    } catch let error as JMESPathError {
      return .failure(error)
    } catch {
      return .failure(JMESPathError(kind: .invalidValue, message: "unexpected error \(error)"))
    }
  }

  func testComplianceSuite() throws {
    var failures: [String] = []
    var total = 0
    for file in Self.files {
      for suite in try Self.suites(file) {
        for testCase in suite.cases {
          guard let expression = testCase["expression"]?.stringValue else { continue }
          total += 1
          let got = Self.run(expression, suite.given)
          if let expectedKind = testCase["error"]?.stringValue {
            if case .failure(let error) = got, error.kind.rawValue == expectedKind { continue }
            failures.append("\(file).json: \(expression)\n  expected error \(expectedKind)\n  got \(Self.show(got))")
          } else {
            let expected = testCase["result"] ?? .null
            if case .success(let value) = got, value == expected { continue }
            failures.append("\(file).json: \(expression)\n  expected \(expected)\n  got \(Self.show(got))")
          }
        }
      }
    }
    XCTAssertEqual(total, 892, "the compliance files should hold 892 cases")
    XCTAssert(failures.isEmpty, "\(failures.count) of \(total) cases failed:\n" + failures.joined(separator: "\n"))
  }

  /// Syntax errors must be found when compiling, before any data is seen.
  func testSyntaxErrorsAreReportedAtCompileTime() throws {
    var count = 0
    for file in Self.files {
      for suite in try Self.suites(file) {
        for testCase in suite.cases where testCase["error"]?.stringValue == "syntax" {
          let expression = try XCTUnwrap(testCase["expression"]?.stringValue)
          XCTAssertThrowsError(try JMESPathExpression(expression), expression) { error in
            XCTAssertEqual((error as? JMESPathError)?.kind, .syntax, expression)
            XCTAssertNotNil((error as? JMESPathError)?.column, expression)
          }
          count += 1
        }
      }
    }
    XCTAssertGreaterThan(count, 100)
  }

  /// The benchmark expressions parse and evaluate (their `bench` field carries no expected result).
  func testBenchmarkExpressionsEvaluate() throws {
    var count = 0
    for suite in try Self.suites("benchmarks") {
      for testCase in suite.cases {
        let expression = try XCTUnwrap(testCase["expression"]?.stringValue)
        let compiled = try JMESPathExpression(expression)
        XCTAssertNoThrow(try compiled.evaluate(suite.given), expression)
        count += 1
      }
    }
    XCTAssertEqual(count, 16)
  }

  private static func show(_ result: Result<JSON, JMESPathError>) -> String {
    switch result {
    case .success(let value): return value.description
    case .failure(let error): return "error \(error.kind.rawValue) (\(error))"
    }
  }
}

/// A compliance fixture that is not what the runner reads.
private struct FixtureError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
