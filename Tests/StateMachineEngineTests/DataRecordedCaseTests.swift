import Foundation
import XCTest
@testable import StateMachineEngine
import SFNKit

/// One recorded AWS execution (Fixtures/aws-recorded), read for the data-level checks.
struct RecordedCase {
  let id: String
  let definition: JSON
  let input: JSON
  let expected: JSON

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/aws-recorded/cases")

  /// Every case of `category`.
  static func all(in category: String) throws -> [RecordedCase] {
    let folder = root.appendingPathComponent(category)
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { id in
      let dir = folder.appendingPathComponent(id)
      func read(_ name: String) throws -> JSON {
        try JSONParser.parse(String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self))
      }
      return RecordedCase(id: id, definition: try read("definition.asl.json"), input: try read("input.json"),
                          expected: try read("expected.json"))
    }
  }

  /// The only state, when the machine has exactly one.
  var singleState: JSONObject? {
    guard let states = definition["States"]?.objectValue, states.count == 1 else { return nil }
    return states.values.first?.objectValue
  }

  /// Strings AWS redacted; each matches any text (and `date`, by the recorder's convention).
  var placeholders: [String] { (expected["placeholders"]?.arrayValue ?? []).compactMap(\.stringValue) + ["date"] }

  /// True when `actual` equals `expected` with placeholders in expected strings matching any text.
  func matches(_ actual: JSON, _ expected: JSON) -> Bool {
    switch (actual, expected) {
    case (.string(let a), .string(let e)): return a == e || Self.matches(a, pattern: e, placeholders: placeholders)
    case (.array(let a), .array(let e)): return a.count == e.count && zip(a, e).allSatisfy { matches($0, $1) }
    case (.object(let a), .object(let e)):
      return a.count == e.count && e.allSatisfy { key, value in a[key].map { matches($0, value) } ?? false }
    case (_, .string(let e)): return placeholders.contains(e)
    case (.string(let a), _) where a.hasPrefix("{"):
      // The recorder replaced strings that start with `{` and parse as JSON by their value.
      return (try? JSONParser.parse(a)).map { matches($0, expected) } ?? false
    default: return actual == expected
    }
  }

  private static func matches(_ text: String, pattern: String, placeholders: [String]) -> Bool {
    // Split the expected text at every placeholder; the literal pieces must appear in order.
    var pieces = [pattern]
    for placeholder in placeholders {
      pieces = pieces.flatMap { $0.components(separatedBy: placeholder) }
    }
    guard pieces.count > 1 else { return false }
    var rest = Substring(text)
    for (n, piece) in pieces.enumerated() {
      if n == 0 {
        guard rest.hasPrefix(piece) else { return false }
        rest = rest.dropFirst(piece.count)
      } else if n == pieces.count - 1 {
        return rest.hasSuffix(piece)
      } else if let range = rest.range(of: piece) {
        rest = rest[range.upperBound...]
      } else {
        return false
      }
    }
    return true
  }

  /// A context object shaped as AWS's, with the stand-in values the recordings redact.
  var contextObject: JSON {
    [
      "Execution": ["Id": "arn:aws:states:us-east-1:111111111111:execution:Machine:run", "Input": input,
                    "Name": "run", "RoleArn": "arn:aws:iam::111111111111:role/role",
                    "StartTime": "2024-01-01T00:00:00.000Z", "RedriveCount": 0],
      "StateMachine": ["Id": "arn:aws:states:us-east-1:111111111111:stateMachine:Machine", "Name": "Machine"],
      "State": ["Name": "State_0", "EnteredTime": "2024-01-01T00:00:00.000Z", "RetryCount": 0],
    ]
  }
}

/// The data functions against AWS's recorded answers, for the cases where one Pass state isolates them.
final class DataRecordedCaseTests: XCTestCase {
  private var random = CountingGenerator()

  /// A one-state JSONPath Pass machine: Parameters (templates, paths, intrinsics), then ResultPath/OutputPath.
  private func runJSONPathPass(_ c: RecordedCase, _ state: JSONObject) throws -> JSON {
    let scope = QueryScope(input: c.input, context: c.contextObject)
    let effective = try InputOutputPath.apply(state["InputPath"].flatMap(\.stringValue).map(JSONPathQuery.init)
                                                ?? JSONPathQuery("$"), to: scope)
    var result = effective
    if let parameters = state["Parameters"] {
      result = try PayloadTemplate(parameters).evaluate(scope.with(input: effective), random: &random)
    } else if let fixed = state["Result"] {
      result = fixed
    }
    let output = try ResultPath.apply(try state["ResultPath"].flatMap(\.stringValue).map(JSONPathQuery.init)
                                        ?? JSONPathQuery("$"), result: result, to: c.input)
    return try InputOutputPath.apply(state["OutputPath"].flatMap(\.stringValue).map(JSONPathQuery.init)
                                       ?? JSONPathQuery("$"), to: QueryScope(input: output))
  }

  func testSinglePassStateCasesInJSONPath() throws {
    var checked = 0
    for category in ["intrinsic_functions", "base"] {
      for c in try RecordedCase.all(in: category) {
        guard let state = c.singleState, state["Type"] == "Pass", state["QueryLanguage"] == nil,
              c.definition["QueryLanguage"] == nil else { continue }
        let expectedStatus = c.expected["status"]?.stringValue
        do {
          let output = try runJSONPathPass(c, state)
          XCTAssertEqual(expectedStatus, "SUCCEEDED", c.id)
          if let expected = c.expected["output"] {
            XCTAssertTrue(c.matches(output, expected), "\(c.id): \(output) != \(expected)")
          }
        } catch let error as StatesError {
          XCTAssertEqual(expectedStatus, "FAILED", "\(c.id): \(error)")
          XCTAssertEqual(error.error, c.expected["error"]?.stringValue, c.id)
        }
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 70)
  }
}
