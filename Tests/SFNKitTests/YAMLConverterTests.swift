import Foundation
import XCTest

@testable import SFNKit

/// The YAML reader (libyaml's events composed by `YAMLComposer`, written by `YAMLConverter`) against
/// Fixtures/yaml/cases.json: the YAML 1.2 spec's chapter 2 examples, YAML 1.1's implicit types, anchors, merge
/// keys, duplicate keys, multi-document refusal and located syntax errors. Each case's expected JSON text, value
/// positions and error were recorded from the Yams-based reader this one replaced, so they pin today's behaviour.
final class YAMLConverterTests: XCTestCase {
  struct Case: Codable {
    var name: String
    var yaml: String
    var expected: Outcome?
  }

  struct Outcome: Codable, Equatable {
    var json: String?
    /// JSON path -> "line:column" in the YAML.
    var paths: [String: String]?
    /// "line:column" in the JSON text -> "line:column" in the YAML, sorted.
    var positions: [String]?
    /// "line:column: message".
    var error: String?
  }

  static var fixture: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/yaml/cases.json")
  }

  static func loadCases() throws -> [Case] {
    try JSONDecoder().decode([Case].self, from: Data(contentsOf: fixture))
  }

  static func outcome(_ convert: () throws -> YAMLConversion) -> Outcome {
    func text(_ p: TextPosition) -> String { "\(p.line):\(p.column)" }
    do {
      let c = try convert()
      return Outcome(json: c.json, paths: c.paths.mapValues(text),
                     positions: c.positions.map { "\(text($0.key))=\(text($0.value))" }.sorted(), error: nil)
    } catch let e as YAMLConversionError {
      return Outcome(json: nil, paths: nil, positions: nil, error: e.description)
    } catch {
      return Outcome(json: nil, paths: nil, positions: nil, error: "unexpected: \(error)")
    }
  }

  func testEveryCaseConvertsAsRecorded() throws {
    let cases = try Self.loadCases()
    XCTAssertGreaterThan(cases.count, 100)
    for c in cases {
      guard let expected = c.expected else { return XCTFail("\(c.name): no expected outcome recorded") }
      let actual = Self.outcome { try YAMLConverter.convert(c.yaml) }
      XCTAssertEqual(actual.error, expected.error, c.name)
      XCTAssertEqual(actual.json, expected.json, c.name)
      XCTAssertEqual(actual.paths, expected.paths, c.name)
      XCTAssertEqual(actual.positions, expected.positions, c.name)
    }
  }
}
