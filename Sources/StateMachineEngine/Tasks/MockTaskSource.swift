import SFNKit

/// Answers Task states from a mock configuration's test case: each invocation of a mocked state (retries
/// included) takes the next response; Map iterations of the same state share its count, as in Step Functions
/// Local (which is why it asks for MaxConcurrency 1 where the order matters).
public final class MockTaskSource: TaskSource {
  /// Where one state's invocation count is kept: per execution, per state name.
  public struct CounterKey: Hashable, Sendable {
    /// The execution's ARN.
    public var executionArn: String
    /// The Task state's name.
    public var stateName: String

    /// A key for this execution and state.
    public init(executionArn: String, stateName: String) {
      self.executionArn = executionArn
      self.stateName = stateName
    }
  }

  /// The test case answering the tasks.
  public let testCase: MockTestCase
  /// How many invocations of each state have been answered: plain data a server saves and restores.
  public private(set) var invocationCounts: [CounterKey: Int]

  /// A source for `testCase`, optionally resuming from saved `invocationCounts`.
  public init(testCase: MockTestCase, invocationCounts: [CounterKey: Int] = [:]) {
    self.testCase = testCase
    self.invocationCounts = invocationCounts
  }

  /// The next mocked response of the task's state; nil when the test case does not mock the state.
  ///
  /// A mocked state invoked more times than it has responses is a `States.Runtime` error: AWS documents that a
  /// mocked Task needs a response for every invocation and that the execution fails otherwise.
  public func outcome(for task: TaskInvocation) throws -> TaskOutcome? {
    guard let response = testCase.states[task.stateName] else { return nil }
    let key = CounterKey(executionArn: task.executionArn, stateName: task.stateName)
    let index = invocationCounts[key, default: 0]
    guard let step = response.step(forInvocation: index) else {
      let count = response.invocationCount
      let defined = count == 1 ? "invocation 0" : "invocations 0-\(count - 1)"
      throw StatesError.runtime("The mock configuration has no response for invocation \(index) of state "
                                  + "'\(task.stateName)': mocked response '\(response.name)' (test case "
                                  + "'\(testCase.name)') defines \(defined) only")
    }
    invocationCounts[key] = index + 1
    switch step {
    case .return(let result): return .succeeded(result)
    case .throw(let error): return .failed(error)
    }
  }
}
