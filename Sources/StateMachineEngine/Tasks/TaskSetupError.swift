import SFNKit

/// A `--task STATE=COMMAND` option that cannot be used; a usage error.
public enum TaskOptionError: UserFacingError, Equatable {
  /// No `=` in the value.
  case notStateEqualsCommand(value: String)
  /// Nothing before the `=`.
  case emptyStateName(value: String)
  /// Nothing (or only blanks) after the `=`.
  case emptyCommand(value: String)
  /// Two options for one state.
  case stateTwice(state: String)

  /// A usage error.
  public var kind: FailureKind { .usage }

  /// The one-line message.
  public var description: String {
    switch self {
    case .notStateEqualsCommand(let value):
      return "--task '\(value)': expected STATE=COMMAND, e.g. --task 'Greet=jq \"{greeting: .name}\"'"
    case .emptyStateName(let value): return "--task '\(value)': the state name before '=' is empty"
    case .emptyCommand(let value): return "--task '\(value)': the command after '=' is empty"
    case .stateTwice(let state): return "--task names state '\(state)' twice: give each state one command"
    }
  }
}

/// A mock configuration test case that cannot be chosen for a run; a usage error.
public enum MockSelectionError: UserFacingError, Equatable {
  /// Several state machines, none named `name` (`names` are the configuration's).
  case noStateMachine(name: String, names: [String])
  /// The machine has several test cases and none was chosen.
  case testCaseNeeded(machine: String, cases: [String])
  /// The machine has no test case `testCase`.
  case noTestCase(machine: String, testCase: String, cases: [String])

  /// A usage error.
  public var kind: FailureKind { .usage }

  /// The one-line message.
  public var description: String {
    switch self {
    case .noStateMachine(let name, let names):
      return "the mock configuration has no state machine named '\(name)' (it has \(Self.list(names))): "
        + "name the run with --name"
    case .testCaseNeeded(let machine, let cases):
      return "state machine '\(machine)' has \(cases.count) test cases in the mock configuration "
        + "(\(cases.map { "'\($0)'" }.joined(separator: ", "))): choose one with --test-case"
    case .noTestCase(let machine, let testCase, let cases):
      return "state machine '\(machine)' has no test case '\(testCase)' in the mock configuration "
        + "(it has \(Self.list(cases)))"
    }
  }

  /// `'a', 'b'`, or `none`.
  private static func list(_ names: [String]) -> String {
    names.isEmpty ? "none" : names.map { "'\($0)'" }.joined(separator: ", ")
  }
}
