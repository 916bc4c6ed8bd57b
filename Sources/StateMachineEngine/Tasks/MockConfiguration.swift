import SFNKit

/// A Step Functions Local mock configuration (`StateMachines.<name>.TestCases.<case>.<state>` naming a response in
/// `MockedResponses`), read and validated, so files written for Step Functions Local or LocalStack work unchanged.
public struct MockConfiguration: Sendable, Equatable {
  /// The state machines with their test cases, in file order.
  public var stateMachines: [MockStateMachine]
  /// The mocked responses by name.
  public var responses: [String: MockedResponse]

  /// A configuration with these parts (already validated).
  public init(stateMachines: [MockStateMachine], responses: [String: MockedResponse]) {
    self.stateMachines = stateMachines
    self.responses = responses
  }

  /// Reads and validates a configuration; `file` prefixes the `line:column` of each error.
  public static func parse(_ text: String, file: String = "mock configuration") throws -> MockConfiguration {
    try MockConfigurationReader(file: file).read(text)
  }

  /// The test case to run for a state machine named `stateMachine`: a configuration with one state machine applies
  /// whatever the name; `testCase` names the case, and may be omitted when the machine has exactly one.
  public func testCase(stateMachine: String, testCase: String?) throws -> MockTestCase {
    let machine: MockStateMachine
    if let named = stateMachines.first(where: { $0.name == stateMachine }) {
      machine = named
    } else if stateMachines.count == 1 {
      machine = stateMachines[0]
    } else {
      throw MockSelectionError.noStateMachine(name: stateMachine, names: stateMachines.map(\.name))
    }
    let cases = machine.testCases.map(\.name)
    guard let testCase else {
      guard machine.testCases.count == 1 else {
        throw MockSelectionError.testCaseNeeded(machine: machine.name, cases: cases)
      }
      return machine.testCases[0]
    }
    guard let found = machine.testCases.first(where: { $0.name == testCase }) else {
      throw MockSelectionError.noTestCase(machine: machine.name, testCase: testCase, cases: cases)
    }
    return found
  }

  /// The test case a StartExecution names as Step Functions Local reads it: `arn:...:stateMachine:NAME#CASE`
  /// runs NAME's test case CASE; an ARN without `#CASE` runs unmocked (nil). A version or alias suffix
  /// (`NAME:1`, `NAME:prod`) does not change the machine's name.
  public func testCase(forStateMachineArn arn: String) throws -> MockTestCase? {
    let (plain, testCase) = Self.splitTestCase(arn)
    guard let testCase else { return nil }
    return try self.testCase(stateMachine: Self.stateMachineName(plain), testCase: testCase)
  }

  /// The test case of a child execution (`states:startExecution`) of machine `stateMachine` whose parent runs test
  /// case `parentCase`. Step Functions Local documents nothing for children, so sfn's rule: the child's own machine
  /// must be in the configuration (no one-machine fallback), and runs its case of the parent's name, else its only
  /// case; a child of an unmocked parent runs unmocked.
  public func childTestCase(stateMachine: String, parentCase: String?) -> MockTestCase? {
    guard let parentCase, let machine = stateMachines.first(where: { $0.name == stateMachine }) else { return nil }
    return machine.testCases.first { $0.name == parentCase } ?? (machine.testCases.count == 1 ? machine.testCases[0] : nil)
  }

  /// The StateMachineArn a child execution is started with: `arn` with `#CASE` added for `childTestCase`, unchanged
  /// when it names a case itself (as with Step Functions Local, whose children go through its own StartExecution)
  /// or no case applies.
  public func childStateMachineArn(_ arn: String, parentCase: String?) -> String {
    guard Self.splitTestCase(arn).testCase == nil,
          let child = childTestCase(stateMachine: Self.stateMachineName(arn), parentCase: parentCase) else { return arn }
    return "\(arn)#\(child.name)"
  }

  /// The machine name in a state machine, version or alias ARN (or the text itself when it is not an ARN).
  public static func stateMachineName(_ arn: String) -> String {
    let resource = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last ?? ""
    let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
    return parts.count >= 2 && parts[0] == "stateMachine" ? String(parts[1]) : String(resource)
  }

  /// Splits `ARN#CASE` (how Step Functions Local names a test case on StartExecution) into the ARN and the case.
  public static func splitTestCase(_ stateMachineArn: String) -> (arn: String, testCase: String?) {
    guard let hash = stateMachineArn.lastIndex(of: "#") else { return (stateMachineArn, nil) }
    return (String(stateMachineArn[..<hash]), String(stateMachineArn[stateMachineArn.index(after: hash)...]))
  }
}

/// A state machine's entry in a mock configuration.
public struct MockStateMachine: Sendable, Equatable {
  /// The state machine's name.
  public var name: String
  /// Its test cases, in file order.
  public var testCases: [MockTestCase]

  /// An entry with these parts.
  public init(name: String, testCases: [MockTestCase]) {
    self.name = name
    self.testCases = testCases
  }
}

/// One test case: which mocked response each Task state uses.
public struct MockTestCase: Sendable, Equatable {
  /// The state machine the case belongs to.
  public var stateMachine: String
  /// The test case's name.
  public var name: String
  /// The mocked response for each mocked state, by state name.
  public var states: [String: MockedResponse]

  /// A test case with these parts.
  public init(stateMachine: String, name: String, states: [String: MockedResponse]) {
    self.stateMachine = stateMachine
    self.name = name
    self.states = states
  }

  /// Why this case cannot be meant for a definition whose mockable states (its Task states, at any depth, and Map
  /// states with an ItemReader) are `taskStates`: it mocks a state the definition has no such state of that name
  /// for (a typo, or a case written for another machine). Step Functions Local ignores such entries; a caller can
  /// warn or refuse. Nil when every mocked state is known.
  public func mismatch(taskStates: Set<String>) -> String? {
    let unknown = states.keys.filter { !taskStates.contains($0) }.sorted()
    guard !unknown.isEmpty else { return nil }
    let names = unknown.map { "'\($0)'" }.joined(separator: ", ")
    let known = taskStates.sorted().map { "'\($0)'" }.joined(separator: ", ")
    return "test case '\(name)' of state machine '\(stateMachine)' mocks \(names), which "
      + (unknown.count == 1 ? "is not a Task state" : "are not Task states") + " of the definition "
      + (known.isEmpty ? "(it has none)" : "(its Task states: \(known))")
  }
}

/// A named mocked response: what each consecutive invocation of a state returns or throws.
public struct MockedResponse: Sendable, Equatable {
  /// The name under `MockedResponses`.
  public var name: String
  /// The invocation ranges in order, covering 0, 1, 2, ... without a gap (`"1-2"` is kept as one range, so a
  /// key like `"0-100000000"` costs nothing).
  public var ranges: [MockResponseRange]

  /// A response with these ranges (consecutive from 0).
  public init(name: String, ranges: [MockResponseRange]) {
    self.name = name
    self.ranges = ranges
  }

  /// A response with one step per invocation, index 0 first.
  public init(name: String, steps: [MockResponseStep]) {
    self.init(name: name, ranges: steps.enumerated().map { MockResponseRange(invocations: $0...$0, step: $1) })
  }

  /// How many invocations the response answers.
  public var invocationCount: Int { ranges.last.map { $0.invocations.upperBound + 1 } ?? 0 }

  /// What invocation `index` (0 the first time the state runs, retries included) gets, nil past the last one.
  public func step(forInvocation index: Int) -> MockResponseStep? {
    ranges.first { $0.invocations.contains(index) }?.step
  }
}

/// One key of a mocked response: the invocations it answers and what they do.
public struct MockResponseRange: Sendable, Equatable {
  /// `"3"` is 3...3, `"1-2"` is 1...2.
  public var invocations: ClosedRange<Int>
  /// What each of those invocations does.
  public var step: MockResponseStep

  /// A range answering `invocations` with `step`.
  public init(invocations: ClosedRange<Int>, step: MockResponseStep) {
    self.invocations = invocations
    self.step = step
  }
}

/// What one mocked invocation does.
public enum MockResponseStep: Sendable, Equatable {
  /// `Return`: the task succeeds with this result.
  case `return`(JSON)
  /// `Throw`: the task fails with this error and cause.
  case `throw`(StatesError)
}
