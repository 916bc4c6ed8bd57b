import XCTest
@testable import StateMachineEngine
import JSONata
import SFNKit

final class DataJSONataTests: XCTestCase {
  /// A fixed clock and a constant random source, so evaluations are reproducible.
  private let environment = EvaluationEnvironment(startMillis: 1_700_000_000_000, random: { 0.25 },
                                                  clock: { 1_700_000_000_000 })

  private func evaluate(_ template: JSON, field: String = "Output", states: JSONataStates,
                        variables: [String: JSON] = [:]) throws -> JSON {
    try JSONataTemplate(template, field: field).evaluate(states, variables: variables, environment: environment)
  }

  private func failure(_ template: JSON, field: String = "Output", states: JSONataStates = JSONataStates(input: [:]),
                       variables: [String: JSON] = [:]) -> QueryEvaluationError? {
    do {
      _ = try evaluate(template, field: field, states: states, variables: variables)
      return nil
    } catch {
      return error as? QueryEvaluationError
    }
  }

  func testExpressionsAnywhereKeysLiteral() throws {
    let states = JSONataStates(input: ["a": 2, "list": [1, 2, 3]], result: ["r": true], context: ["Execution":
                                                                                                ["Name": "run"]])
    let template: JSON = [
      "sum": "{% $sum($states.input.list) %}", "{% not evaluated %}": "plain", "nested": ["x": ["{% $v * 2 %}", 7]],
      "name": "{%$states.context.Execution.Name%}", "result": "{% $states.result.r %}", "text": "no {% here",
    ]
    XCTAssertEqual(try evaluate(template, states: states, variables: ["v": 21]), [
      "sum": 6, "{% not evaluated %}": "plain", "nested": ["x": [42, 7]], "name": "run", "result": true,
      "text": "no {% here",
    ])
    XCTAssertEqual(try evaluate("{% $states.input.a / 4 %}", states: states), 0.5)
    XCTAssertEqual(try evaluate(true, states: states), true)
  }

  func testErrorOutputAndStepFunctionsFunctions() throws {
    let states = JSONataStates(input: [:], errorOutput: ["Error": "E", "Cause": "c"])
    XCTAssertEqual(try evaluate("{% $states.errorOutput.Error %}", states: states), "E")
    XCTAssertEqual(try evaluate("{% $partition([1,2,3], 2) %}", states: states), [[1, 2], [3]])
    XCTAssertEqual(try evaluate("{% $parse('{\"a\": 1}') %}", states: states), ["a": 1])
  }

  func testUndefinedResultsAreErrors() {
    XCTAssertEqual(failure("{% $doesNotExist %}", field: "Arguments"), QueryEvaluationError(
      location: "Arguments",
      cause: "The JSONata expression '$doesNotExist' specified for the field 'Arguments' returned nothing "
        + "(undefined)."))
    XCTAssertEqual(failure(["result": "{% $doesNotExist %}"])?.location, "Output/result")
    XCTAssertEqual(failure(["list": [1, "{% $states.input.none %}"]])?.location, "Output/list[1]")
    XCTAssertEqual(failure(["a": ["b": "{% $states.input.missing %}"]])?.cause, "The JSONata expression "
                     + "'$states.input.missing' specified for the field 'Output/a/b' returned nothing (undefined).")
  }

  func testEvaluationAndSyntaxErrors() {
    XCTAssertEqual(failure("{% $eval('1+1') %}")?.cause, "The JSONata expression '$eval('1+1')' specified for the "
                     + "field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function")
    XCTAssertEqual(failure("{% $partition([1], 0) %}")?.cause.hasPrefix("The JSONata expression '$partition([1], 0)' "
                     + "specified for the field 'Output' threw an error during evaluation: "), true)
    let error = failure("{% 1 + 'a' %}")
    XCTAssertEqual(error?.location, "Output")
    XCTAssertTrue(error?.cause.hasPrefix("The JSONata expression '1 + 'a'' specified for the field 'Output' threw an "
                                         + "error during evaluation. T2002: ") == true, error?.cause ?? "")
    XCTAssertThrowsError(try JSONataTemplate("{% 1 + %}", field: "Output")) { error in
      XCTAssertEqual((error as? QueryEvaluationError)?.statesError.error, "States.QueryEvaluationError")
    }
  }

  func testExpectedKind() throws {
    let template = try JSONataTemplate("{% $ItemsVar %}", field: "Items")
    XCTAssertThrowsError(try template.evaluate(JSONataStates(input: [:]), variables: ["ItemsVar": ["foo": "bar"]],
                                               environment: environment, expecting: .array)) { error in
      XCTAssertEqual((error as? QueryEvaluationError)?.cause, "The JSONata expression '$ItemsVar' specified for the "
                       + "field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for "
                       + "value: {\"foo\":\"bar\"}")
    }
    XCTAssertEqual(try template.evaluate(JSONataStates(input: [:]), variables: ["ItemsVar": [1]],
                                         environment: environment, expecting: .array), [1])
  }

  func testCondition() throws {
    let states = JSONataStates(input: ["n": 3])
    XCTAssertTrue(try JSONataCondition("{% $states.input.n > 2 %}").matches(states, variables: [:],
                                                                             environment: environment))
    XCTAssertFalse(try JSONataCondition(false).matches(states, variables: [:], environment: environment))
    XCTAssertThrowsError(try JSONataCondition("{% $states.input.n %}").matches(states, variables: [:],
                                                                                environment: environment))
  }

  /// The recorded one-state JSONata machines whose outcome is decided by one field: Pass Output, Map Items,
  /// Task Arguments that fail.
  func testRecordedSingleStateCases() throws {
    var checked = 0
    for category in ["intrinsic_functions", "evaluate_jsonata", "outputdecl", "assign", "scenarios"] {
      for c in try RecordedCase.all(in: category) {
        guard let state = c.singleState, state["QueryLanguage"] ?? c.definition["QueryLanguage"] == "JSONata"
        else { continue }
        let field: String
        var kind: JSONKind?
        switch state["Type"]?.stringValue {
        case "Pass" where state["Output"] != nil: field = "Output"
        case "Map" where state["Items"] != nil:
          field = "Items"
          kind = .array
        case "Task" where state["Arguments"] != nil && c.expected["status"] == "FAILED": field = "Arguments"
        default: continue
        }
        let template = try JSONataTemplate(state[field]!, field: field)
        let states = JSONataStates(input: c.input, context: c.contextObject)
        do {
          let value = try kind.map { try template.evaluate(states, variables: [:], environment: environment,
                                                           expecting: $0) }
            ?? template.evaluate(states, variables: [:], environment: environment)
          if field == "Output" {
            XCTAssertEqual(c.expected["status"], "SUCCEEDED", c.id)
            XCTAssertTrue(c.matches(value, c.expected["output"] ?? .null), "\(c.id): \(value)")
          }
        } catch let error as QueryEvaluationError {
          XCTAssertEqual(c.expected["error"], "States.QueryEvaluationError", c.id)
          let cause = c.expected["cause"]?.stringValue ?? ""
          XCTAssertTrue(cause.hasSuffix(". " + error.cause), "\(c.id): \(error.cause) vs \(cause)")
        }
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 20)
  }
}
