#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit
import StateMachineEngine

/// One test file: a state machine definition and the cases run against it.
public struct TestSuite: Sendable {
  /// The test file's path as given.
  public var file: String
  /// The definition file's path (resolved against the test file's directory).
  public var definitionFile: String
  /// The definition, parsed for the engine.
  public var definition: StateMachineDefinition
  /// The state machine's name (the context object's `StateMachine.Name`).
  public var stateMachineName: String
  /// The cases, in file order.
  public var cases: [TestCase]
  /// The definition as JSON text (what `--remote` sends to TestState).
  public var definitionJSON: String

  /// A suite with these parts.
  public init(file: String, definitionFile: String, definition: StateMachineDefinition, stateMachineName: String,
              cases: [TestCase], definitionJSON: String = "") {
    self.file = file
    self.definitionJSON = definitionJSON
    self.definitionFile = definitionFile
    self.definition = definition
    self.stateMachineName = stateMachineName
    self.cases = cases
  }
}

/// One case: the input, how Task states are answered, and what must hold after the run.
public struct TestCase: Sendable {
  /// The case's name, unique in its file.
  public var name: String
  /// Where the case starts in the test file.
  public var line: Int
  /// The execution input.
  public var input: JSON
  /// The mocked response of each Task state, by state name (mock configuration first, inline mocks over it).
  public var mocks: MockTestCase
  /// The execution's name in the context object.
  public var executionName: String
  /// When the execution starts on the virtual clock.
  public var startTime: Date
  /// The seed of `$random`, `States.UUID` and retry jitter.
  public var seed: UInt64
  /// What must hold.
  public var expectations: Expectations
  /// Variables assigned before the first state runs.
  public var variables: [String: JSON]

  /// A case with these parts.
  public init(name: String, line: Int, input: JSON, mocks: MockTestCase, executionName: String, startTime: Date,
              seed: UInt64, expectations: Expectations, variables: [String: JSON] = [:]) {
    self.name = name
    self.variables = variables
    self.line = line
    self.input = input
    self.mocks = mocks
    self.executionName = executionName
    self.startTime = startTime
    self.seed = seed
    self.expectations = expectations
  }
}

/// What a case expects; every field is optional and only the given ones are checked.
public struct Expectations: Sendable {
  /// `SUCCEEDED`, `FAILED`, `TIMED_OUT`.
  public var status: String?
  /// What the output is, or contains, or satisfies.
  public var output: ValueExpectation
  /// The execution's error and cause when it failed.
  public var error: String?
  public var cause: String?
  /// The states entered, exactly and in order (`states`) or as a subsequence (`statesInclude`).
  public var states: [String]?
  public var statesInclude: [String]?
  /// The output and variables after named states.
  public var after: [StateExpectation]
  /// How many times each named state was retried.
  public var retries: [(state: String, count: Int)]

  /// Expectations with these parts.
  public init(status: String? = nil, output: ValueExpectation = ValueExpectation(), error: String? = nil,
              cause: String? = nil, states: [String]? = nil, statesInclude: [String]? = nil,
              after: [StateExpectation] = [], retries: [(state: String, count: Int)] = []) {
    self.status = status
    self.output = output
    self.error = error
    self.cause = cause
    self.states = states
    self.statesInclude = statesInclude
    self.after = after
    self.retries = retries
  }
}

/// Checks of one JSON value: exact, a subset, JMESPath queries with their expected results, a JSONata condition.
public struct ValueExpectation: Sendable {
  /// The value exactly.
  public var equals: JSON?
  /// Objects must hold these members (recursively), arrays these items in order, scalars be equal.
  public var subset: JSON?
  /// A JMESPath expression and the value it must give, in file order.
  public var queries: [(expression: String, value: JSON)]
  /// A JSONata expression (`$` is the value) that must be `true`.
  public var assertion: String?

  /// A check with these parts (none: nothing is checked).
  public init(equals: JSON? = nil, subset: JSON? = nil, queries: [(expression: String, value: JSON)] = [],
              assertion: String? = nil) {
    self.equals = equals
    self.subset = subset
    self.queries = queries
    self.assertion = assertion
  }

  /// True when nothing is to be checked.
  public var isEmpty: Bool { equals == nil && subset == nil && queries.isEmpty && assertion == nil }
}

/// The output and variables expected when a named state exits (its last exit).
public struct StateExpectation: Sendable {
  /// The state's name.
  public var state: String
  /// Its output.
  public var output: ValueExpectation
  /// Variables assigned by the states exited up to then, compared as a subset.
  public var variables: JSON?

  /// An expectation about `state`.
  public init(state: String, output: ValueExpectation = ValueExpectation(), variables: JSON? = nil) {
    self.state = state
    self.output = output
    self.variables = variables
  }
}
