import XCTest
@testable import StateMachineEngine
import SFNKit

final class DataChoiceTests: XCTestCase {
  private func matches(_ rule: JSON, _ input: JSON, variables: [String: JSON] = [:]) throws -> Bool {
    try ChoiceRule(rule.objectValue!).matches(QueryScope(input: input, variables: variables))
  }

  func testComparisons() throws {
    let input: JSON = ["n": 5, "f": 2.5, "s": "abc", "b": true, "t": "2016-03-14T01:59:00Z", "other": 5]
    XCTAssertTrue(try matches(["Variable": "$.n", "NumericEquals": 5.0], input))
    XCTAssertTrue(try matches(["Variable": "$.f", "NumericLessThan": 3], input))
    XCTAssertTrue(try matches(["Variable": "$.n", "NumericGreaterThanEqualsPath": "$.other"], input))
    XCTAssertTrue(try matches(["Variable": "$.s", "StringGreaterThan": "abb"], input))
    XCTAssertTrue(try matches(["Variable": "$.s", "StringLessThanEquals": "abc"], input))
    XCTAssertTrue(try matches(["Variable": "$.b", "BooleanEquals": true], input))
    XCTAssertTrue(try matches(["Variable": "$.t", "TimestampEquals": "2016-03-14T02:59:00+01:00"], input))
    XCTAssertTrue(try matches(["Variable": "$.t", "TimestampLessThan": "2016-03-14T01:59:00.5Z"], input))
    XCTAssertFalse(try matches(["Variable": "$.s", "NumericEquals": 5], input))
    XCTAssertFalse(try matches(["Variable": "$.n", "StringEquals": "5"], input))
    XCTAssertFalse(try matches(["Variable": "$.s", "TimestampEquals": "2016-03-14T01:59:00Z"], input))
    XCTAssertTrue(try matches(["Variable": "$v", "NumericEquals": 1], [:], variables: ["v": 1]))
  }

  func testTypeTestsAndPresence() throws {
    let input: JSON = ["n": .null, "x": 1, "s": "2016-03-14T01:59:00Z"]
    XCTAssertTrue(try matches(["Variable": "$.n", "IsNull": true], input))
    XCTAssertTrue(try matches(["Variable": "$.x", "IsNumeric": true], input))
    XCTAssertTrue(try matches(["Variable": "$.x", "IsString": false], input))
    XCTAssertTrue(try matches(["Variable": "$.s", "IsTimestamp": true], input))
    XCTAssertTrue(try matches(["Variable": "$.missing", "IsPresent": false], input))
    XCTAssertFalse(try matches(["Variable": "$.missing", "IsPresent": true], input))
    XCTAssertThrowsError(try matches(["Variable": "$.missing", "NumericEquals": 1], input)) { error in
      XCTAssertEqual(error as? StatesError, .runtime(
        "Invalid path '$.missing': The choice state's condition path references an invalid value."))
    }
  }

  func testBooleanCombinations() throws {
    let input: JSON = ["a": 1, "b": "x"]
    XCTAssertTrue(try matches(["And": [["Variable": "$.a", "NumericEquals": 1],
                                       ["Not": ["Variable": "$.b", "StringEquals": "y"]]]], input))
    XCTAssertTrue(try matches(["Or": [["Variable": "$.a", "NumericEquals": 2],
                                      ["Variable": "$.b", "StringEquals": "x"]]], input))
    XCTAssertFalse(try matches(["Or": [["Variable": "$.a", "NumericEquals": 2]]], input))
  }

  func testMalformedRulesAreRuntimeErrors() {
    for rule: JSON in [["And": []], ["Not": "x"], ["Variable": "$.a"], ["Variable": "a", "IsNull": true],
                       ["Variable": "$.a", "NumericEqualsPath": 1]] {
      XCTAssertThrowsError(try ChoiceRule(rule.objectValue!), "\(rule)") { error in
        XCTAssertEqual((error as? StatesError)?.error, "States.Runtime", "\(rule)")
      }
    }
  }

  func testStringMatches() {
    XCTAssertTrue(Wildcard.matches("log-2020.txt", pattern: "log-*.txt"))
    XCTAssertTrue(Wildcard.matches("abc", pattern: "*"))
    XCTAssertTrue(Wildcard.matches("a*c", pattern: "a\\*c"))
    XCTAssertFalse(Wildcard.matches("abc", pattern: "a\\*c"))
    XCTAssertTrue(Wildcard.matches("a\\b", pattern: "a\\\\b"))
    XCTAssertTrue(Wildcard.matches("aXbXc", pattern: "*b*c"))
    XCTAssertFalse(Wildcard.matches("abcd", pattern: "*b*c"))
  }

  func testTimestamps() {
    XCTAssertNotNil(StatesTimestamp("2016-12-05T21:29:29Z"))
    XCTAssertNotNil(StatesTimestamp("2016-12-05T21:29:29.123456789-07:30"))
    XCTAssertNotNil(StatesTimestamp("2016-02-29T00:00Z"))
    for bad in ["2016-13-05T21:29:29Z", "2016-12-05T25:29:29Z", "2016-12-05T21:29:29", "2016-12-05 21:29:29Z",
                "05-12-2016T21:29:29Z", "2015-02-29T00:00:00Z", "2023-02-24 12:15:56.832957", ""] {
      XCTAssertNil(StatesTimestamp(bad), bad)
    }
    XCTAssertEqual(StatesTimestamp("1970-01-01T00:00:00Z")?.epochSeconds, 0)
    XCTAssertEqual(StatesTimestamp("2016-03-14T01:59:00Z")?.epochSeconds, 1_457_920_740)
  }

  /// Every recorded choice_operators case: the branch AWS took is the branch the rules choose.
  func testRecordedChoiceOperatorCases() throws {
    let cases = try RecordedCase.all(in: "choice_operators")
    XCTAssertGreaterThan(cases.count, 280)
    for c in cases {
      guard let start = c.definition["StartAt"]?.stringValue,
            let choice = c.definition["States"]?[start]?.objectValue,
            let rules = choice["Choices"]?.arrayValue else {
        XCTFail("\(c.id): not a Choice machine")
        continue
      }
      let scope = QueryScope(input: c.input, context: c.contextObject)
      var next = choice["Default"]?.stringValue
      for rule in rules where try ChoiceRule(rule.objectValue!).matches(scope) {
        next = rule["Next"]?.stringValue
        break
      }
      let reached = next.flatMap { c.definition["States"]?[$0]?["Result"] }
      XCTAssertEqual(reached, c.expected["output"], "\(c.id): took \(next ?? "nothing")")
    }
  }
}
