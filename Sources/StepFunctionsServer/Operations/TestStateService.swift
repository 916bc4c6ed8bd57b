import Foundation
import SFNJSON
import SFNKit
import StateMachineEngine

/// TestState: one state evaluated by the engine (`StateTest`), answered in AWS's shape: `status`, `output`,
/// `error`, `cause`, `nextState`, and `inspectionData` at DEBUG and TRACE.
struct TestStateService {
  let context: ServiceContext

  /// Adds this service's operation to `table`.
  func register(into table: inout OperationTable) {
    table.register(.testState) { input in try self.testState(input) }
  }

  func testState(_ input: JSON) throws -> JSON {
    let definitionText = input.required("definition")
    let stateName = input.string("stateName")
    let document = try Self.definition(definitionText, stateName: stateName)
    let mock = try Self.mock(input["mock"])
    let stateInput = try Self.json(input.string("input") ?? "{}") {
      APIError("InvalidExecutionInput", "Invalid State Machine Execution Input: '\($0)'")
    }
    let variables = try Self.jsonObject(input.string("variables"), field: "variables")
    let contextObject = try Self.jsonObject(input.string("context"), field: "context")
    if contextObject != nil && mock == nil {
      throw APIError("ValidationException", "A context can only be specified when a mock is specified.")
    }
    let configuration = input["stateConfiguration"]
    let test: StateTest
    do {
      test = try StateTest(definition: document, stateName: stateName)
      try test.check(mock: mock, revealSecrets: input["revealSecrets"]?.boolValue == true)
      // A Task that would call a service needs the role it calls it as.
      if mock == nil, test.state.type == .task, input.string("roleArn") == nil {
        throw APIError("ValidationException", "A roleArn must be specified when no mock is specified.")
      }
    } catch let refusal as StateTest.Refusal {
      throw APIError(refusal.kind == .validation ? "ValidationException" : "InvalidDefinition", refusal.message)
    }
    if let source = configuration?["errorCausedByState"]?.stringValue, !Self.holds(test, source) {
      throw APIError("ValidationException", "The errorCausedByState '\(source)' is not a state of the tested state.")
    }
    let scope = context.scope
    let name = context.random.uuid()
    var info = ExecutionInfo(name: name, stateMachineName: "TestStateMachine", input: stateInput,
                             startTime: Date(timeIntervalSince1970: context.clock.now()), region: scope.region,
                             account: scope.account)
    if let role = input.string("roleArn") { info.roleArn = role }
    let outcome = test.run(input: stateInput, variables: variables.map(Self.dictionary) ?? [:], mock: mock,
                           context: contextObject,
                           retrierRetryCount: configuration?["retrierRetryCount"]?.intValue ?? 0,
                           mapIterationFailureCount: configuration?["mapIterationFailureCount"]?.intValue ?? 0,
                           mapItemReaderData: configuration?["mapItemReaderData"]?.stringValue, info: info)
    let level = input.string("inspectionLevel") ?? "INFO"
    return Self.response(outcome, inspect: level != "INFO", given: variables)
  }

  /// The definition parsed and checked: a whole machine with `stateName`, else one state.
  static func definition(_ text: String, stateName: String?) throws -> JSON {
    let value = try json(text) { _ in
      APIError("InvalidDefinition", "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: The definition "
                 + "is not valid JSON at /'")
    }
    let machine: JSON
    if stateName != nil {
      machine = value
    } else {
      // A lone state is checked inside a machine whose other states are the ones it names.
      var states = JSONObject([("TestState", value)])
      for target in transitions(value) where target != "TestState" {
        states[target] = .object(JSONObject([("Type", .string("Succeed"))]))
      }
      var wrapper = JSONObject([("StartAt", .string("TestState")), ("States", .object(states))])
      if let language = value["QueryLanguage"] { wrapper["QueryLanguage"] = language }
      machine = .object(wrapper)
    }
    let check = DefinitionCheck(JSONWriter.compact.string(machine))
    guard check.isValid else { throw check.invalidDefinition }
    return value
  }

  /// The states a state's Next, Default, Choices and Catch name.
  static func transitions(_ state: JSON) -> [String] {
    var names = [state["Next"], state["Default"]].compactMap { $0?.stringValue }
    names += (state["Choices"]?.arrayValue ?? []).compactMap { $0["Next"]?.stringValue }
    names += (state["Catch"]?.arrayValue ?? []).compactMap { $0["Next"]?.stringValue }
    return names
  }

  /// True when `name` is a state inside the tested Map or Parallel state (its branches or processor, nested ones
  /// included).
  static func holds(_ test: StateTest, _ name: String) -> Bool {
    var pending = test.state.branches + [test.state.processor].compactMap { $0 }
    while let index = pending.popLast() {
      let machine = test.definition.machines[index]
      if machine.states[name] != nil { return true }
      for inner in machine.states.values { pending += inner.branches + [inner.processor].compactMap { $0 } }
    }
    return false
  }

  /// The `mock` member as the engine takes it.
  static func mock(_ value: JSON?) throws -> StateTest.Mock? {
    guard let value, value != .null else { return nil }
    let result = value["result"]?.stringValue
    let errorOutput = value["errorOutput"]
    if result != nil && errorOutput != nil {
      throw APIError("ValidationException", "A test mock should have only one of the following fields: "
                       + "[result, errorOutput].")
    }
    if let result {
      return .result(try json(result) { _ in APIError("ValidationException", "Mocked result must be valid JSON.") })
    }
    guard let errorOutput else {
      throw APIError("ValidationException", "A test mock should have one of the following fields: "
                       + "[result, errorOutput].")
    }
    guard let error = errorOutput["error"]?.stringValue else {
      throw APIError("ValidationException", "The mock errorOutput must specify an error.")
    }
    return .error(StatesError(error, cause: errorOutput["cause"]?.stringValue))
  }

  /// Parses JSON text, throwing `failure`'s error when it is not JSON.
  static func json(_ text: String, _ failure: (String) -> APIError) throws -> JSON {
    do { return try JSONParser.parse(text) } catch { throw failure("\(error)") }
  }

  /// A member that must hold a JSON object literal, or nil when absent.
  static func jsonObject(_ text: String?, field: String) throws -> JSONObject? {
    guard let text else { return nil }
    let value = try json(text) { _ in APIError("ValidationException", "The \(field) must be a JSON object.") }
    guard let object = value.objectValue else {
      throw APIError("ValidationException", "The \(field) must be a JSON object.")
    }
    return object
  }

  static func dictionary(_ object: JSONObject) -> [String: JSON] {
    var out: [String: JSON] = [:]
    for (key, value) in object { out[key] = value }
    return out
  }

  static let numericSteps: Set<String> = ["maxConcurrency", "toleratedFailureCount", "toleratedFailurePercentage"]

  /// TestState's output members; payloads are JSON text as AWS sends them.
  static func response(_ outcome: StateTest.Outcome, inspect: Bool, given: JSONObject?) -> JSON {
    let text = { (value: JSON) in JSON.string(JSONWriter.compact.string(value)) }
    var pairs: [(String, JSON?)] = [
      ("output", outcome.output.map(text)), ("error", outcome.error.map(JSON.string)),
      ("cause", outcome.cause.map(JSON.string)), ("nextState", outcome.nextState.map(JSON.string)),
      ("status", .string(outcome.status.rawValue)),
    ]
    if inspect {
      var data = JSONObject()
      for (step, value) in outcome.inspection {
        // Counts and thresholds are numbers; payloads are JSON text.
        if case .number = value, Self.numericSteps.contains(step) { data[step] = value } else { data[step] = text(value) }
      }
      if given != nil || !outcome.variables.isEmpty {
        let names = outcome.variables.keys.sorted()
        data["variables"] = text(.object(JSONObject(names.map { ($0, outcome.variables[$0]!) })))
      }
      let details = StepFunctionsServer.object([
        ("catchIndex", outcome.catchIndex.map(JSON.integer)), ("retryIndex", outcome.retryIndex.map(JSON.integer)),
        ("retryBackoffIntervalSeconds", outcome.retryBackoffSeconds.map(JSON.integer)),
      ])
      if details.objectValue?.isEmpty == false { data["errorDetails"] = details }
      pairs.append(("inspectionData", .object(data)))
    }
    return StepFunctionsServer.object(pairs)
  }
}
