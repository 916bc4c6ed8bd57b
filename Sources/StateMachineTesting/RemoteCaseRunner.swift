#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit
import StateMachineEngine

/// Runs one case state by state through the TestState API (`sfn test --remote`): from StartAt with the case's
/// input, each call names the state within the whole definition and gives the case's mock for it; `nextState`
/// says where to go, until a state ends the execution. Map and Parallel states are mocked as a whole (TestState
/// runs neither): their iterations and branches run in the embedded engine with the case's mocks, and what they
/// produce is the mock. The service computes every state's data flow, choices, retries and catches.
public struct RemoteCaseRunner {
  /// Calls one operation (signed and retried by the caller's client).
  public typealias Call = (OperationName, JSON) throws -> JSON

  private let call: Call
  private let roleArn: String?
  /// More transitions than this end the case: a loop the mocks never leave.
  private let maxTransitions: Int

  /// A runner calling TestState through `call`; `roleArn` is sent for the states the service runs unmocked.
  public init(call: @escaping Call, roleArn: String? = nil, maxTransitions: Int = 1000) {
    self.call = call
    self.roleArn = roleArn
    self.maxTransitions = maxTransitions
  }

  /// Runs `testCase` of `suite`. An error the service answers ends the case (status `ERROR`); any other error
  /// (the endpoint unreachable, no credentials) ends the whole run.
  public func run(_ testCase: TestCase, of suite: TestSuite) throws -> CaseRun {
    var walk = Walk(suite: suite, testCase: testCase)
    if let reason = Self.uncheckable(testCase.expectations, suite.definition) {
      return CaseRun(status: "UNCHECKED", trace: ExecutionTrace(), unchecked: reason)
    }
    do {
      try walk.run(call: call, roleArn: roleArn, maxTransitions: maxTransitions)
    } catch let error as StatesError {
      walk.end("FAILED", error: error.error, cause: error.cause)
    } catch let error as ServiceError {
      walk.end("ERROR", error: error.code, cause: "TestState refused the state: \(error.message)")
    }
    var run = CaseRun(status: walk.status, output: walk.output, error: walk.error, cause: walk.cause,
                      trace: walk.trace)
    let blocks = walk.trace.visited.filter { [.map, .parallel].contains(suite.definition.root.states[$0]?.type) }
    if testCase.expectations.states != nil, let block = blocks.first {
      run.unchecked = "expect.states lists every state entered, and the states inside '\(block)' (mocked as a "
        + "whole) are not entered through TestState"
    }
    return run
  }

  /// Why `expected` cannot be checked state by state, or nil when it can.
  static func uncheckable(_ expected: Expectations, _ definition: StateMachineDefinition) -> String? {
    if let status = expected.status, status == "TIMED_OUT" || status == "ABORTED" {
      return "expect.status \(status) is an execution's outcome that no single state reports"
    }
    if let cause = expected.cause, cause.contains("(entered at the event id #") {
      return "expect.cause names an event of the execution's history, which TestState does not have"
    }
    let top = Set(definition.root.states.keys)
    let named = (expected.states ?? []) + (expected.statesInclude ?? []) + expected.after.map(\.state)
      + expected.retries.map(\.state)
    if let inner = named.first(where: { !top.contains($0) }) {
      return "the expectations name '\(inner)', a state inside a Map or Parallel state, which TestState does not "
        + "run one by one"
    }
    return nil
  }
}

/// One case's walk through the definition.
private struct Walk {
  let suite: TestSuite
  let testCase: TestCase
  let info: ExecutionInfo
  let tasks: MockTaskSource
  var trace = ExecutionTrace()
  var status = "RUNNING"
  var output: JSON?
  var error: String?
  var cause: String?

  init(suite: TestSuite, testCase: TestCase) {
    self.suite = suite
    self.testCase = testCase
    info = ExecutionInfo(name: testCase.executionName, stateMachineName: suite.stateMachineName,
                         input: testCase.input, startTime: testCase.startTime)
    tasks = MockTaskSource(testCase: testCase.mocks)
  }

  mutating func end(_ status: String, output: JSON? = nil, error: String? = nil, cause: String? = nil) {
    self.status = status
    self.output = output
    self.error = error
    self.cause = cause
  }

  mutating func run(call: RemoteCaseRunner.Call, roleArn: String?, maxTransitions: Int) throws {
    let root = suite.definition.root
    var current = root.startAt
    var input = testCase.input
    var variables = JSONObject(testCase.variables.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    var previous: (state: String, error: String?)?
    var retried: [Int: Int] = [:]
    var lastRetrier: Int?
    trace.enter(current, after: nil)
    for _ in 0..<maxTransitions {
      guard let state = root.states[current] else { throw StatesError.runtime("no state named '\(current)'") }
      let mock = try self.mock(state, input: input, variables: variables, retried: retried, lastRetrier: lastRetrier)
      var request = JSONObject([
        ("definition", .string(suite.definitionJSON)), ("stateName", .string(current)),
        ("input", .string(JSONWriter.compact.string(input))), ("inspectionLevel", .string("DEBUG")),
      ])
      if !variables.isEmpty { request["variables"] = .string(JSONWriter.compact.string(.object(variables))) }
      if let roleArn { request["roleArn"] = .string(roleArn) }
      if let mock {
        request["mock"] = Self.mockJSON(mock)
        request["context"] = .string(JSONWriter.compact.string(Self.context(info, state: current)))
        let index = Self.retrierIndex(state, mock) ?? lastRetrier
        if let index, let count = retried[index], count > 0 {
          request["stateConfiguration"] = .object(JSONObject([("retrierRetryCount", .integer(count))]))
        }
      }
      let response = try call(.testState, .object(request))
      let result = response["status"]?.stringValue ?? ""
      let stateOutput = Self.parsed(response["output"])
      if let text = response["inspectionData"]?["variables"]?.stringValue,
         let assigned = (try? JSONParser.parse(text))?.objectValue {
        variables = assigned
      }
      let next = response["nextState"]?.stringValue
      switch result {
      case "RETRIABLE":
        let index = response["inspectionData"]?["errorDetails"]?["retryIndex"]?.intValue ?? 0
        retried[index, default: 0] += 1
        lastRetrier = index
        trace.retry(current, after: response["error"]?.stringValue ?? "")
        continue
      case "SUCCEEDED":
        trace.exit(current, output: stateOutput ?? .null, variables: variables)
        guard let next, state.type != .succeed else { return end("SUCCEEDED", output: stateOutput) }
        previous = (current, nil)
        current = next
      case "CAUGHT_ERROR":
        guard let next else { throw StatesError.runtime("TestState caught an error but named no next state") }
        previous = (current, response["error"]?.stringValue ?? "")
        current = next
      default:
        return end("FAILED", error: response["error"]?.stringValue, cause: response["cause"]?.stringValue)
      }
      input = stateOutput ?? .object(JSONObject())
      retried = [:]
      lastRetrier = nil
      trace.enter(current, after: previous)
    }
    throw StatesError.runtime("more than \(maxTransitions) transitions: the case's mocks never end the execution")
  }

  /// The mock TestState gets for `state`: the case's next response for a Task, the outcome of the block run in
  /// the engine for a Map or Parallel state, nil for the rest (and for a Task the case does not mock).
  func mock(_ state: StateDefinition, input: JSON, variables: JSONObject, retried: [Int: Int],
            lastRetrier: Int?) throws -> StateTest.Mock? {
    switch state.type {
    case .task:
      let invocation = TaskInvocation(executionArn: info.executionArn, stateName: state.name,
                                      resource: state["Resource"]?.stringValue ?? "", parameters: .null)
      switch try tasks.outcome(for: invocation) {
      case .succeeded(let value)?: return .result(value)
      case .failed(let error)?: return .error(error)
      default: return nil
      }
    case .map, .parallel:
      let definition = try JSONParser.parse(suite.definitionJSON)
      let local = try StateTest(definition: definition, stateName: state.name)
      var names: [String: JSON] = [:]
      for (key, value) in variables { names[key] = value }
      let outcome = local.run(input: input, variables: names, mock: nil,
                              retrierRetryCount: lastRetrier.flatMap { retried[$0] } ?? 0, info: info,
                              tasks: CompositeTaskHandler([tasks]),
                              data: DataLayerProcessor(seed: testCase.seed))
      if let result = outcome.inspection.first(where: { $0.0 == "result" })?.1 { return .result(result) }
      return .error(StatesError(outcome.error ?? "States.Runtime", cause: outcome.cause))
    default:
      return nil
    }
  }

  /// The index of the retrier that takes a mocked error.
  static func retrierIndex(_ state: StateDefinition, _ mock: StateTest.Mock) -> Int? {
    guard case .error(let error) = mock else { return nil }
    return Coverage.firstMatch(state.retriers, error.error)
  }

  static func mockJSON(_ mock: StateTest.Mock) -> JSON {
    switch mock {
    case .result(let value):
      return .object(JSONObject([("result", .string(JSONWriter.compact.string(value))),
                                 ("fieldValidationMode", .string("NONE"))]))
    case .error(let error):
      var output = JSONObject([("error", .string(error.error))])
      if let cause = error.cause { output["cause"] = .string(cause) }
      return .object(JSONObject([("errorOutput", .object(output))]))
    }
  }

  /// The context object members the case fixes (TestState takes a context only with a mock).
  static func context(_ info: ExecutionInfo, state: String) -> JSON {
    .object(JSONObject([
      ("Execution", .object(JSONObject([("Id", .string(info.executionArn)), ("Name", .string(info.name)),
                                        ("StartTime", .string(ISOTimestamp.format(info.startTime))),
                                        ("Input", info.input)]))),
      ("StateMachine", .object(JSONObject([("Id", .string(info.stateMachineArn)),
                                           ("Name", .string(info.stateMachineName))]))),
    ]))
  }

  static func parsed(_ value: JSON?) -> JSON? {
    guard let text = value?.stringValue else { return nil }
    return try? JSONParser.parse(text)
  }
}
