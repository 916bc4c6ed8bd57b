import Foundation
import XCTest
@testable import StateMachineEngine
import SFNKit

/// Replays the executions recorded against AWS (Fixtures/aws-recorded, see its README) on a virtual clock and
/// compares outcome and history, after the README's normalisation, with what AWS did.
final class RecordedExecutionTests: XCTestCase {
  /// Cases AWS's record cannot be reproduced offline for, with the reason.
  static let exceptions: [String: String] = [
    "base/wait.wait_timestamppath.Z": "the recording redacted the input's timestamp (<timestamp>), which the Wait reads",
    "local_mocking/base_scenarios.map_state_lambda": childLambdas,
    "scenarios/base_scenarios.map_state_config_distributed_reentrant_lambda": childLambdas,
    "scenarios/base_scenarios.lambda_invoke_with_retry_extended_input":
      "recorded before AWS added $$.Execution.RedriveCount to the context object",
    "scenarios/base_scenarios.map_state_config_distributed_item_selector_parameters": distributedTiming,
    "scenarios/base_scenarios.map_state_nested_config_distributed": distributedTiming,
    "assign/assign_reference_variables.reference_in_map_state.MAP_STATE_REFERENCE_IN_ITEM_SELECTOR": distributedTiming,
  ]

  /// Why distributed Map cases calling Lambda cannot be replayed.
  static let childLambdas = "its Lambda calls ran in distributed Map child executions, whose results the recording "
    + "does not hold (no mock can be made for them)"

  /// Why some distributed Map cases differ in one link.
  static let distributedTiming = "AWS links MapStateExited to MapRunStarted or to MapRunSucceeded depending on when "
    + "the map run's completion is recorded; the engine follows the majority (10 of 15 recordings: MapRunSucceeded)"

  static var casesDirectory: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/aws-recorded/cases")
  }

  func testAllRecordedExecutions() throws {
    let fm = FileManager.default
    var failures: [(String, String)] = []
    var passed = 0
    var total = 0
    let only = ProcessInfo.processInfo.environment["RECORDED_CASE"]
    for category in try fm.contentsOfDirectory(atPath: Self.casesDirectory.path).sorted() {
      let dir = Self.casesDirectory.appendingPathComponent(category)
      for name in try fm.contentsOfDirectory(atPath: dir.path).sorted() {
        let id = "\(category)/\(name)"
        if let only, !id.contains(only) { continue }
        if Self.exceptions[id] != nil { continue }
        total += 1
        if let problem = RecordedReplay(directory: dir.appendingPathComponent(name)).check() {
          failures.append((id, problem))
        } else {
          passed += 1
        }
      }
    }
    let report = failures.map { "--- \($0.0)\n\($0.1)" }.joined(separator: "\n")
    if let path = ProcessInfo.processInfo.environment["RECORDED_REPORT"] {
      try? "\(passed)/\(total) passed\n\(report)\n".write(toFile: path, atomically: true, encoding: .utf8)
    }
    print("recorded executions: \(passed)/\(total) passed, \(Self.exceptions.count) excepted")
    XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(total) recorded executions differ:\n\(report)")
  }

  /// AWS created and ran every recorded definition, so the linter must find no error in any of them.
  func testTheLinterAcceptsEveryDefinitionAWSRan() throws {
    let fm = FileManager.default
    var refused: [String] = []
    var total = 0
    for category in try fm.contentsOfDirectory(atPath: Self.casesDirectory.path).sorted() {
      let dir = Self.casesDirectory.appendingPathComponent(category)
      for name in try fm.contentsOfDirectory(atPath: dir.path).sorted() {
        let file = dir.appendingPathComponent(name).appendingPathComponent("definition.asl.json")
        let errors = ASLLinter.lint(try String(contentsOf: file, encoding: .utf8)).filter { $0.severity == .error }
        total += 1
        if !errors.isEmpty { refused.append("\(category)/\(name): \(errors.map(\.description))") }
      }
    }
    XCTAssertGreaterThan(total, 500)
    XCTAssertTrue(refused.isEmpty, "\(refused.count) definitions AWS ran are refused:\n" + refused.joined(separator: "\n"))
  }
}

/// One recorded case: runs it and describes the first differences from the record, or nil when it matches.
struct RecordedReplay {
  let directory: URL

  func check() -> String? {
    do {
      return try compare()
    } catch {
      return "could not run: \(error)"
    }
  }

  private func read(_ name: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
  }

  private func compare() throws -> String? {
    let expected = try JSONParser.parse(try read("expected.json"))
    let definition = try StateMachineDefinition(text: try read("definition.asl.json"))
    let input = try JSONParser.parse(try read("input.json"))
    var sources: [TaskSource] = []
    if FileManager.default.fileExists(atPath: directory.appendingPathComponent("mock-config.json").path) {
      let config = try MockConfiguration.parse(try read("mock-config.json"))
      sources.append(MockTaskSource(testCase: try config.testCase(stateMachine: "Machine", testCase: "Case")))
    }
    let clock = VirtualClock()
    let info = ExecutionInfo(name: "recorded", stateMachineName: "Machine", input: input, startTime: clock.now)
    var tokens = 0
    var generator = SplitMix(seed: 7)
    let execution = Execution(definition: definition, info: info, data: DataLayerProcessor(seed: 7, now: { clock.now.timeIntervalSince1970 }),
                              tasks: CompositeTaskHandler(sources), clock: clock,
                              random: { Double(generator.next() >> 11) / Double(1 << 53) },
                              newToken: {
                                tokens += 1
                                return "token-\(tokens)"
                              })
    ExecutionDriver(clock: clock).run(execution)
    let placeholders = Placeholders(expected["placeholders"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    var problems: [String] = []
    let status = execution.state.status.rawValue
    if status != expected["status"]?.stringValue {
      problems.append("status \(status), AWS \(expected["status"]?.stringValue ?? "?")"
                        + (execution.state.error.map { " (\($0.error): \($0.cause ?? ""))" } ?? ""))
    }
    // Strings holding JSON objects compare parsed: mocked causes cannot reproduce the recorder's spacing.
    if let output = expected["output"], let actual = execution.state.output,
       let d = placeholders.difference(Normaliser.deepParsed(output), Normaliser.deepParsed(actual), at: "output") {
      problems.append(d)
    }
    if expected["status"]?.stringValue == "FAILED", status == "FAILED" {
      let error = execution.state.error
      if let e = expected["error"], let d = placeholders.difference(e, error.map { .string($0.error) } ?? .null,
                                                                    at: "error") {
        problems.append(d)
      }
      if let c = expected["cause"] {
        let actual = error?.cause.map { Normaliser.parsedIfJSON(.string($0)) } ?? .null
        if let d = placeholders.difference(c, actual, at: "cause") { problems.append(d) }
      }
    }
    if let events = expected["events"]?.arrayValue {
      let actual = execution.events.map(Normaliser.normalise)
      if let d = EventComparison(placeholders: placeholders).difference(expected: events.map(Normaliser.deepParsed),
                                                                        actual: actual) {
        problems.append(d)
      }
    }
    return problems.isEmpty ? nil : problems.joined(separator: "\n")
  }
}

/// A small deterministic generator for jitter in replays.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The README's event normalisation.
enum Normaliser {
  static let droppedDetails: Set<String> = ["roleArn", "stateMachineAliasArn", "stateMachineVersionArn", "mapRunArn",
                                            "taskCredentials"]
  static let jsonTextFields: Set<String> = ["input", "output", "parameters"]

  static func normalise(_ event: HistoryEvent) -> JSON {
    var o = JSONObject([("type", .string(event.type)), ("id", .integer(event.id)),
                        ("previousEventId", .integer(event.previousEventId))])
    if let key = event.detailsKey {
      var details = JSONObject()
      for (k, v) in event.details ?? JSONObject() where !droppedDetails.contains(k) {
        if jsonTextFields.contains(k), let text = v.stringValue, let parsed = try? JSONParser.parse(text) {
          details[k] = parsed
        } else if k == "assignedVariables", let vars = v.objectValue {
          details[k] = .object(JSONObject(vars.map { ($0.key, $0.value.stringValue.flatMap { try? JSONParser.parse($0) }
                                                        ?? $0.value) }))
        } else {
          details[k] = v
        }
      }
      o[key] = deepParsed(.object(details))
    }
    return .object(o)
  }

  /// `parsedIfJSON` applied to every string inside `value`.
  static func deepParsed(_ value: JSON) -> JSON {
    switch value {
    case .string: return parsedIfJSON(value)
    case .array(let items): return .array(items.map(deepParsed))
    case .object(let o): return .object(JSONObject(o.map { ($0.key, deepParsed($0.value)) }))
    default: return value
    }
  }

  /// A string starting with `{` that parses as JSON becomes the parsed value.
  static func parsedIfJSON(_ value: JSON) -> JSON {
    if let text = value.stringValue, text.hasPrefix("{"), let parsed = try? JSONParser.parse(text) { return parsed }
    return value
  }
}

/// Expected strings with redacted parts: each placeholder (and the word `date`) matches any text.
struct Placeholders {
  let words: [String]

  init(_ words: [String]) { self.words = (words + ["date"]).sorted { $0.count > $1.count } }

  /// True when `actual` is `expected` with its placeholders standing for any text.
  func matches(_ expected: String, _ actual: String) -> Bool {
    if expected == actual { return true }
    // Split the expected text at placeholders; the literal pieces must appear in order.
    var pieces = [Substring(expected)]
    for word in words where !word.isEmpty {
      pieces = pieces.flatMap { $0.components(separatedBy: word).map { Substring($0) } }
    }
    guard pieces.count > 1 else { return false }
    var rest = Substring(actual)
    for (i, piece) in pieces.enumerated() {
      if i == 0 {
        guard rest.hasPrefix(piece) else { return false }
        rest = rest.dropFirst(piece.count)
      } else if i == pieces.count - 1 {
        return piece.isEmpty || rest.hasSuffix(piece)
      } else if !piece.isEmpty {
        guard let r = rest.range(of: piece) else { return false }
        rest = rest[r.upperBound...]
      }
    }
    return true
  }

  /// The first difference between an expected and an actual value, or nil when they match.
  func difference(_ expected: JSON, _ actual: JSON, at path: String) -> String? {
    switch (expected, actual) {
    case (.string(let e), .string(let a)):
      return matches(e, a) ? nil : "\(path): expected \(quoted(expected)), got \(quoted(actual))"
    case (.string(let e), _) where words.contains(e):
      return nil
    case (.object(let e), .object(let a)):
      for (k, v) in e {
        guard let av = a[k] else { return "\(path).\(k): missing (expected \(quoted(v)))" }
        if let d = difference(v, av, at: "\(path).\(k)") { return d }
      }
      for k in a.keys where e[k] == nil { return "\(path).\(k): unexpected \(quoted(a[k]!))" }
      return nil
    case (.array(let e), .array(let a)):
      guard e.count == a.count else { return "\(path): expected \(e.count) items \(quoted(expected)), got \(a.count) \(quoted(actual))" }
      for (i, (x, y)) in zip(e, a).enumerated() {
        if let d = difference(x, y, at: "\(path)[\(i)]") { return d }
      }
      return nil
    default:
      return expected == actual ? nil : "\(path): expected \(quoted(expected)), got \(quoted(actual))"
    }
  }

  private func quoted(_ value: JSON) -> String {
    let text = JSONWriter.compact.string(value)
    return text.count > 400 ? String(text.prefix(400)) + "..." : text
  }
}

/// Compares event lists, with the recorded Parallel blocks (ids zeroed) compared as sets.
struct EventComparison {
  let placeholders: Placeholders

  func difference(expected: [JSON], actual: [JSON]) -> String? {
    var e = 0
    var a = 0
    while e < expected.count {
      if expected[e]["id"]?.intValue == nil || expected[e]["id"]?.arrayValue != nil {
        // An unordered block: the expected events up to the next numbered one, against the actual events up to it.
        var end = e
        while end < expected.count, expected[end]["id"]?.intValue == nil { end += 1 }
        let nextId = end < expected.count ? expected[end]["id"]!.intValue! : Int.max
        var block: [JSON] = []
        while a < actual.count, actual[a]["id"]!.intValue! < nextId {
          if !["ParallelStateSucceeded"].contains(actual[a]["type"]?.stringValue ?? "") { block.append(actual[a]) }
          a += 1
        }
        if let d = unorderedDifference(Array(expected[e..<end]), block) { return d }
        e = end
        continue
      }
      guard a < actual.count else {
        return "events: expected \(expected.count - e) more from #\(e + 1): \(brief(expected[e]))\n" + listing(actual)
      }
      if let d = placeholders.difference(expected[e], actual[a], at: "event[\(e + 1)]") {
        return d + "\n" + listing(actual)
      }
      e += 1
      a += 1
    }
    if a < actual.count { return "events: \(actual.count - a) more than AWS from \(brief(actual[a]))\n" + listing(actual) }
    return nil
  }

  private func unorderedDifference(_ expected: [JSON], _ actual: [JSON]) -> String? {
    var remaining = actual.map { strip($0) }
    for event in expected.map(strip) {
      guard let i = remaining.firstIndex(where: { placeholders.difference(event, $0, at: "") == nil }) else {
        return "parallel events: no match for \(brief(event))"
      }
      remaining.remove(at: i)
    }
    return remaining.isEmpty ? nil : "parallel events: unexpected \(remaining.map(brief))"
  }

  private func strip(_ event: JSON) -> JSON {
    guard var o = event.objectValue else { return event }
    o["id"] = nil
    o["previousEventId"] = nil
    return .object(o)
  }

  private func brief(_ event: JSON) -> String {
    let text = JSONWriter.compact.string(event)
    return text.count > 300 ? String(text.prefix(300)) + "..." : text
  }

  private func listing(_ actual: [JSON]) -> String {
    "  actual: " + actual.map {
      "\($0["id"]?.intValue ?? 0)<\($0["previousEventId"]?.intValue ?? 0) \($0["type"]?.stringValue ?? "")"
    }.joined(separator: ", ")
  }
}
