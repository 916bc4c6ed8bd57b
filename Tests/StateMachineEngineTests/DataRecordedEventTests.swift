import XCTest
@testable import StateMachineEngine
import JSONata
import SFNKit

/// The data functions replayed against every recorded history: for each JSONPath Pass state AWS ran, the output
/// computed from the recorded input; for each JSONPath Task, the recorded TaskScheduled parameters.
final class DataRecordedEventTests: XCTestCase {
  private var random = CountingGenerator()
  private static let categories = ["arguments", "assign", "base", "comments", "context_object", "error_handling",
                                   "evaluate_jsonata", "intrinsic_functions", "local_mocking", "outputdecl",
                                   "query_language", "scenarios", "services", "states_variables"]

  /// Every state of the machine and its branches and item processors, by name, with its query language.
  private func states(of machine: JSON, language: String = "JSONPath") -> [String: (JSONObject, String)] {
    var out: [String: (JSONObject, String)] = [:]
    let machineLanguage = machine["QueryLanguage"]?.stringValue ?? language
    for (name, value) in machine["States"]?.objectValue ?? JSONObject() {
      guard let state = value.objectValue else { continue }
      let stateLanguage = state["QueryLanguage"]?.stringValue ?? machineLanguage
      out[name] = (state, stateLanguage)
      for branch in state["Branches"]?.arrayValue ?? [] {
        out.merge(states(of: branch, language: machineLanguage)) { a, _ in a }
      }
      for key in ["ItemProcessor", "Iterator"] {
        if let processor = state[key] { out.merge(states(of: processor, language: machineLanguage)) { a, _ in a } }
      }
    }
    return out
  }

  /// True when a template or path reads something a data-level replay cannot know (Map items, task tokens,
  /// randomness, the clock).
  private func readsRuntimeOnly(_ value: JSON) -> Bool {
    switch value {
    case .string(let s):
      return ["$$.Map", "$$.Task", "States.UUID", "MathRandom", "context.Map", "context.Task", "$random", "$uuid",
              "$now", "$millis"].contains { s.contains($0) }
    case .array(let items): return items.contains(where: readsRuntimeOnly)
    case .object(let o): return o.contains { readsRuntimeOnly(.string($0.key)) || readsRuntimeOnly($0.value) }
    default: return false
    }
  }

  /// The context object for `state`; AWS gives `State.RetryCount` only to states that can retry.
  private func context(_ c: RecordedCase, state: String, canRetry: Bool) -> JSON {
    var context = c.contextObject.objectValue!
    context["State"] = canRetry ? ["Name": .string(state), "EnteredTime": "date", "RetryCount": 0]
      : ["Name": .string(state), "EnteredTime": "date"]
    return .object(context)
  }

  private func path(_ state: JSONObject, _ key: String) throws -> JSONPathQuery? {
    switch state[key] {
    case nil: return try JSONPathQuery("$")
    case .null?: return nil
    case .string(let text)?: return try JSONPathQuery(text)
    default: throw StatesError.runtime("\(key) is not a path")
    }
  }

  func testPassOutputsAndTaskParametersOfEveryRecordedHistory() throws {
    var checked = 0
    for category in Self.categories {
      for c in try RecordedCase.all(in: category) {
        guard let events = c.expected["events"]?.arrayValue else { continue }
        let definitions = states(of: c.definition)
        // Variables as the recorded StateExited events assigned them (exact outside Parallel and Map).
        var variables: [String: JSON] = [:]
        for (n, event) in events.enumerated() {
          for (_, details) in event.objectValue ?? JSONObject() {
            for (name, value) in details["assignedVariables"]?.objectValue ?? JSONObject() { variables[name] = value }
          }
          guard let type = event["type"]?.stringValue, type == "PassStateEntered" || type == "TaskStateEntered",
                let details = event["stateEnteredEventDetails"], let name = details["name"]?.stringValue,
                let input = details["input"], let (state, language) = definitions[name],
                !readsRuntimeOnly(.object(state)) else { continue }
          // Event details had JSON-looking strings parsed when recorded; the first state's real input is the file's.
          let realInput = n == 1 ? c.input : input
          let stateContext = context(c, state: name, canRetry: type == "TaskStateEntered")
          let scope = QueryScope(input: realInput, context: stateContext, variables: variables)
          if language == "JSONata" {
            try checkJSONata(c, type, state, events, after: n, JSONataStates(input: realInput, context: stateContext),
                             variables)
            checked += 1
            continue
          }
          let id = "\(c.id) state \(name) (event \(n + 1))"
          if type == "PassStateEntered" {
            guard let exited = events[(n + 1)...].first(where: {
              $0["type"] == "PassStateExited" && $0["stateExitedEventDetails"]?["name"] == .string(name)
            }), let expected = exited["stateExitedEventDetails"]?["output"] else { continue }
            let effective = try InputOutputPath.apply(path(state, "InputPath"), to: scope)
            var result = effective
            if let parameters = state["Parameters"] {
              result = try PayloadTemplate(parameters).evaluate(scope.with(input: effective), random: &random)
            } else if let fixed = state["Result"] {
              result = fixed
            }
            let merged = try ResultPath.apply(path(state, "ResultPath"), result: result, to: realInput)
            let output = try InputOutputPath.apply(path(state, "OutputPath"), to: scope.with(input: merged))
            XCTAssertTrue(c.matches(output, expected), "\(id): \(output) != \(expected)")
          } else {
            guard let parameters = state["Parameters"],
                  let scheduled = events[(n + 1)...].first(where: { $0["type"] == "TaskScheduled" }),
                  let expected = scheduled["taskScheduledEventDetails"]?["parameters"] else { continue }
            let effective = try InputOutputPath.apply(path(state, "InputPath"), to: scope)
            let actual = try PayloadTemplate(parameters).evaluate(scope.with(input: effective), random: &random)
            XCTAssertTrue(c.matches(actual, expected), "\(id): \(actual) != \(expected)")
          }
          checked += 1
        }
      }
    }
    XCTAssertGreaterThan(checked, 300)
  }

  private let environment = EvaluationEnvironment(startMillis: 0, random: { 0.5 }, clock: { 0 })

  /// A JSONata Pass state's Output (when it reads no result) or a Task's Arguments, against the recording.
  private func checkJSONata(_ c: RecordedCase, _ type: String, _ state: JSONObject, _ events: [JSON], after n: Int,
                            _ states: JSONataStates, _ variables: [String: JSON]) throws {
    let name = state.keys.isEmpty ? "" : (events[n]["stateEnteredEventDetails"]?["name"]?.stringValue ?? "")
    let id = "\(c.id) state \(name) (event \(n + 1))"
    if type == "PassStateEntered" {
      guard let exited = events[(n + 1)...].first(where: {
        $0["type"] == "PassStateExited" && $0["stateExitedEventDetails"]?["name"] == .string(name)
      }), let expected = exited["stateExitedEventDetails"]?["output"] else { return }
      let output = try state["Output"].map {
        try JSONataTemplate($0, field: "Output").evaluate(states, variables: variables, environment: environment)
      } ?? states.input
      XCTAssertTrue(c.matches(output, expected), "\(id): \(output) != \(expected)")
    } else if let arguments = state["Arguments"],
              let scheduled = events[(n + 1)...].first(where: { $0["type"] == "TaskScheduled" }),
              let expected = scheduled["taskScheduledEventDetails"]?["parameters"] {
      let actual = try JSONataTemplate(arguments, field: "Arguments").evaluate(states, variables: variables,
                                                                                environment: environment)
      XCTAssertTrue(c.matches(actual, expected), "\(id): \(actual) != \(expected)")
    }
  }
}
