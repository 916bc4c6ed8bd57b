import SFNKit

/// A malformed mock configuration: where (file, line, column, JSON path) and what is wrong. A user error (exit 65).
public struct MockConfigurationError: UserFacingError, Equatable {
  /// The file name (or a description of where the text came from).
  public var file: String
  /// 1-based line of the offending value.
  public var line: Int
  /// 1-based column of the offending value.
  public var column: Int
  /// What is wrong, naming the JSON path.
  public var message: String

  /// Bad input data.
  public var kind: FailureKind { .badInput }
  /// `FILE:LINE:COLUMN: message`, as compilers and `sfn validate` write diagnostics.
  public var description: String { "\(file):\(line):\(column): \(message)" }

  /// An error at this place.
  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }
}

/// Reads the located JSON tree of a mock configuration and checks it against the format AWS documents: the two
/// top-level objects, test cases mapping state names to existing responses, invocation keys `"N"` or `"N-M"`
/// covering 0, 1, 2, ... with no gap or overlap, and each step exactly one `Return` or `Throw {Error, Cause}`.
struct MockConfigurationReader {
  let file: String

  func read(_ text: String) throws -> MockConfiguration {
    let document: ASLDocument
    do {
      document = try ASLReader.read(text)
    } catch let error as ASLSyntaxError {
      throw MockConfigurationError(file: file, line: error.line, column: error.column,
                                   message: "not valid JSON: \(error.message)")
    }
    if let duplicate = document.duplicateKeys.first {
      let (first, again) = (duplicate.first, duplicate.duplicate)
      throw fail(again.value, "\(again.path): duplicate key '\(duplicate.key)' (first at line \(first.line), "
                   + "column \(first.column))", at: again)
    }
    let root = document.root
    try expectObject(root, "the mock configuration")
    try rejectUnknownKeys(root, allowed: ["StateMachines", "MockedResponses"])
    let responsesNode = try required(root, "MockedResponses")
    try expectObject(responsesNode, "MockedResponses")
    var responses: [String: MockedResponse] = [:]
    for member in responsesNode.members {
      responses[member.key] = try mockedResponse(named: member.key, member.value)
    }
    let machinesNode = try required(root, "StateMachines")
    try expectObject(machinesNode, "StateMachines")
    var machines: [MockStateMachine] = []
    for machine in machinesNode.members {
      try expectObject(machine.value, "state machine '\(machine.key)'")
      try rejectUnknownKeys(machine.value, allowed: ["TestCases"])
      let casesNode = try required(machine.value, "TestCases")
      try expectObject(casesNode, "TestCases")
      var cases: [MockTestCase] = []
      for testCase in casesNode.members {
        try expectObject(testCase.value, "test case '\(testCase.key)'")
        var states: [String: MockedResponse] = [:]
        for state in testCase.value.members {
          guard let responseName = state.value.string else {
            throw fail(state.value, "\(state.value.path) must be the name of a mocked response (a string), not "
                         + state.value.typeName)
          }
          guard let response = responses[responseName] else {
            let known = responses.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw fail(state.value, "\(state.value.path) names '\(responseName)', which is not in MockedResponses "
                         + "(\(known.isEmpty ? "it is empty" : "it has " + known))")
          }
          states[state.key] = response
        }
        cases.append(MockTestCase(stateMachine: machine.key, name: testCase.key, states: states))
      }
      machines.append(MockStateMachine(name: machine.key, testCases: cases))
    }
    return MockConfiguration(stateMachines: machines, responses: responses)
  }

  /// One `MockedResponses` entry: its invocation keys in order, with no gap from 0 and no overlap.
  private func mockedResponse(named name: String, _ node: ASLNode) throws -> MockedResponse {
    try expectObject(node, "mocked response '\(name)'")
    guard !node.members.isEmpty else {
      throw fail(node, "\(node.path) has no responses: give at least \"0\" with a Return or a Throw")
    }
    var ranges: [(range: ClosedRange<Int>, step: MockResponseStep, member: ASLMember)] = []
    for member in node.members {
      guard let range = Self.invocationRange(member.key) else {
        throw fail(member.value, "\(member.path): '\(member.key)' is not an invocation number (\"0\") or an "
                     + "inclusive range (\"1-2\")", at: member)
      }
      ranges.append((range, try step(member.value), member))
    }
    ranges.sort { $0.range.lowerBound < $1.range.lowerBound }
    var covered = 0
    for entry in ranges {
      guard entry.range.lowerBound == covered else {
        let gapEnd = entry.range.lowerBound - 1
        let message = entry.range.lowerBound < covered
          ? "'\(entry.member.key)' overlaps invocation \(entry.range.lowerBound), which an earlier key already covers"
          : "'\(entry.member.key)' leaves invocation\(covered == gapEnd ? " \(covered)" : "s \(covered)-\(gapEnd)") "
            + "without a response; keys must cover 0, 1, 2, ... in order"
        throw fail(entry.member.value, "\(node.path): \(message)", at: entry.member)
      }
      covered = entry.range.upperBound + 1
    }
    return MockedResponse(name: name, ranges: ranges.map { MockResponseRange(invocations: $0.range, step: $0.step) })
  }

  /// `{"Return": any}` or `{"Throw": {"Error": string, "Cause": string}}`.
  private func step(_ node: ASLNode) throws -> MockResponseStep {
    try expectObject(node, node.path)
    try rejectUnknownKeys(node, allowed: ["Return", "Throw"])
    switch (node["Return"], node["Throw"]) {
    case (let value?, nil):
      return .return(value.json)
    case (nil, let thrown?):
      try expectObject(thrown, thrown.path)
      try rejectUnknownKeys(thrown, allowed: ["Error", "Cause"])
      let errorNode = try required(thrown, "Error")
      guard let error = errorNode.string else {
        throw fail(errorNode, "\(errorNode.path) must be a string, not \(errorNode.typeName)")
      }
      var cause: String?
      if let causeNode = thrown["Cause"] {
        guard let text = causeNode.string else {
          throw fail(causeNode, "\(causeNode.path) must be a string, not \(causeNode.typeName)")
        }
        cause = text
      }
      return .throw(StatesError(error, cause: cause))
    case (.some, .some):
      throw fail(node, "\(node.path) has both Return and Throw: an invocation either returns or throws")
    case (nil, nil):
      throw fail(node, "\(node.path) needs a Return (the task's result) or a Throw ({\"Error\": ..., \"Cause\": ...})")
    }
  }

  /// `"3"` is 3...3, `"1-2"` is 1...2; nil for anything else (negative, reversed, not digits).
  static func invocationRange(_ key: String) -> ClosedRange<Int>? {
    let parts = key.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count),
          parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
          let low = Int(parts[0]), let high = Int(parts[parts.count - 1]), low <= high, high < Int.max else {
      return nil
    }
    return low...high
  }

  private func required(_ node: ASLNode, _ key: String) throws -> ASLNode {
    guard let value = node[key] else { throw fail(node, "\(node.path) is missing the required field '\(key)'") }
    return value
  }

  private func expectObject(_ node: ASLNode, _ what: String) throws {
    guard node.isObject else { throw fail(node, "\(what) must be a JSON object, not \(node.typeName)") }
  }

  private func rejectUnknownKeys(_ node: ASLNode, allowed: [String]) throws {
    for member in node.members where !allowed.contains(member.key) {
      let expected = allowed.map { "'\($0)'" }.joined(separator: " or ")
      throw fail(member.value, "\(member.path) is not a field of the mock configuration format here (expected "
                   + "\(expected))", at: member)
    }
  }

  /// An error at `member`'s key when given (that is where the mistake is), else at `node`.
  private func fail(_ node: ASLNode, _ message: String, at member: ASLMember? = nil) -> MockConfigurationError {
    MockConfigurationError(file: file, line: member?.line ?? node.line, column: member?.column ?? node.column,
                           message: message)
  }
}
