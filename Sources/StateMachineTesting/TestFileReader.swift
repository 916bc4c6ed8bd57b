#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SFNKit
import StateMachineEngine
import JSONata

/// Reads a test file (JSON or YAML) and checks it against the format of docs/TESTING.md; every problem is a
/// `TestFileError` at the offending key or value. The definition and mock configuration it names are read relative
/// to the test file's directory.
public struct TestFileReader {
  /// Reads a file's text; injected so tests need no disk.
  public typealias ReadFile = (String) throws -> String

  private let readFile: ReadFile

  /// A reader using `readFile` for the test file and the files it names.
  public init(readFile: @escaping ReadFile = TestFileReader.readLocalFile) {
    self.readFile = readFile
  }

  static let topKeys: Set<String> = ["definition", "stateMachine", "mockConfig", "cases"]
  static let caseKeys: Set<String> = ["name", "input", "variables", "mocks", "mockTestCase", "execution", "expect"]
  static let expectKeys: Set<String> = ["status", "output", "outputContains", "outputQuery", "outputAssert",
                                        "error", "cause", "states", "statesInclude", "after", "retries"]
  static let afterKeys: Set<String> = ["output", "outputContains", "outputQuery", "outputAssert", "variables"]
  static let statuses: Set<String> = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]

  /// The file at `path` as UTF-8 text, read from this machine's file system.
  public static func readLocalFile(_ path: String) throws -> String {
    guard let bytes = try LocalFileSystem().contents(atPath: path) else { throw MissingFile() }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Reads and validates the test file at `path`.
  public func read(_ path: String) throws -> TestSuite {
    let text: String
    do {
      text = try readFile(path)
    } catch let e as UserFacingError {
      throw e  // a file system's own error names the file and says why
    } catch {
      throw TestFilesError.unreadable(path: path, reason: (error as? FileSystemError)?.reason ?? "\(error)")
    }
    return try parse(text, file: path)
  }

  /// Validates the test file text `text` read from `file`.
  public func parse(_ text: String, file: String) throws -> TestSuite {
    let doc = try LocatedDocument(file: file, text: text)
    let root = doc.root
    guard root.isObject else { throw doc.error(root, "a test file is an object with 'definition' and 'cases'") }
    try rejectUnknown(root, Self.topKeys, doc, "test file")
    let definitionNode = try required(root, "definition", doc)
    let definitionName = try string(definitionNode, doc, "definition")
    let definitionPath = resolve(definitionName, against: file)
    let definitionText: String
    do {
      definitionText = try readFile(definitionPath)
    } catch {
      throw doc.error(definitionNode, "cannot read the definition \(definitionPath)")
    }
    let definition: StateMachineDefinition
    let definitionJSON: String
    do {
      definitionJSON = try Self.definitionJSON(definitionText, file: definitionPath)
      definition = try StateMachineDefinition(text: definitionJSON)
    } catch let e as TestFileError {
      throw e
    } catch {
      throw doc.error(definitionNode, "the definition \(definitionPath) cannot run: \(error)")
    }
    let machineName = try root["stateMachine"].map { try string($0, doc, "stateMachine") }
      ?? Self.machineName(testFile: file)
    let config = try root["mockConfig"].map { try mockConfig($0, file: file, doc) }
    let casesNode = try required(root, "cases", doc)
    guard let caseNodes = casesNode.elements, !caseNodes.isEmpty else {
      throw doc.error(casesNode, "'cases' must be a non-empty list of test cases")
    }
    var names = Set<String>()
    var cases: [TestCase] = []
    for node in caseNodes {
      let c = try testCase(node, config: config, machineName: machineName, definition: definition, doc)
      guard names.insert(c.name).inserted else { throw doc.error(node, "duplicate case name '\(c.name)'") }
      cases.append(c)
    }
    return TestSuite(file: file, definitionFile: definitionPath, definition: definition,
                     stateMachineName: machineName, cases: cases, definitionJSON: definitionJSON)
  }

  /// The definition as JSON text (YAML definitions are converted as `sfn validate` does).
  public static func definitionJSON(_ text: String, file: String) throws -> String {
    let first = text.drop { $0.isWhitespace }.first
    guard file.hasSuffix(".yaml") || file.hasSuffix(".yml") || first != "{" else { return text }
    do {
      return try YAMLConverter.convert(text).json
    } catch let e as YAMLConversionError {
      throw TestFileError(file: file, line: e.position.line, column: e.position.column, message: e.message)
    }
  }

  /// The default state machine name: the test file's name without `.test.yaml` (or its other extensions).
  public static func machineName(testFile path: String) -> String {
    var name = PathText.lastComponent(path)
    for suffix in [".test.json", ".test.yaml", ".test.yml", ".json", ".yaml", ".yml"] where name.hasSuffix(suffix) {
      name.removeLast(suffix.count)
      break
    }
    return name
  }

  private func resolve(_ path: String, against file: String) -> String {
    if path.hasPrefix("/") { return path }
    let dir = PathText.deletingLastComponent(file)
    return dir.isEmpty ? path : PathText.appending(dir, path)
  }

  private func mockConfig(_ node: ASLNode, file: String, _ doc: LocatedDocument) throws -> MockConfiguration {
    let path = resolve(try string(node, doc, "mockConfig"), against: file)
    let text: String
    do {
      text = try readFile(path)
    } catch {
      throw doc.error(node, "cannot read the mock configuration \(path)")
    }
    return try MockConfiguration.parse(text, file: path)
  }

  // MARK: - Cases

  private func testCase(_ node: ASLNode, config: MockConfiguration?, machineName: String,
                        definition: StateMachineDefinition, _ doc: LocatedDocument) throws -> TestCase {
    guard node.isObject else { throw doc.error(node, "a test case is an object with at least 'name'") }
    try rejectUnknown(node, Self.caseKeys, doc, "test case")
    let name = try string(try required(node, "name", doc), doc, "name")
    var states: [String: MockedResponse] = [:]
    if let caseNode = node["mockTestCase"] {
      guard let config else { throw doc.error(caseNode, "'mockTestCase' needs a 'mockConfig' in the file") }
      do {
        states = try config.testCase(stateMachine: machineName, testCase: try string(caseNode, doc, "mockTestCase"))
          .states
      } catch let e as MockSelectionError {
        throw doc.error(caseNode, e.description)
      }
    }
    if let mocks = node["mocks"] {
      guard mocks.isObject else { throw doc.error(mocks, "'mocks' maps Task state names to responses") }
      let taskStates = Set(definition.machines.flatMap { $0.states.values.filter { $0.type == .task }.map(\.name) })
      for member in mocks.members {
        guard taskStates.contains(member.key) else {
          throw doc.error(member.value, "mocks: the definition has no Task state '\(member.key)'")
        }
        let steps = try (member.value.elements ?? [member.value]).map { try mockStep($0, doc) }
        guard !steps.isEmpty else { throw doc.error(member.value, "mocks.\(member.key): give at least one response") }
        states[member.key] = MockedResponse(name: "\(name)/\(member.key)", steps: steps)
      }
    }
    var executionName = "test"
    var startTime = Date(timeIntervalSince1970: 1_767_225_600)
    var seed: UInt64 = 0
    if let execution = node["execution"] {
      guard execution.isObject else { throw doc.error(execution, "'execution' is an object") }
      try rejectUnknown(execution, ["name", "startTime", "seed"], doc, "execution")
      if let n = execution["name"] { executionName = try string(n, doc, "execution.name") }
      if let t = execution["startTime"] {
        guard let date = Self.date(try string(t, doc, "execution.startTime")) else {
          throw doc.error(t, "execution.startTime must be an ISO 8601 time such as 2026-01-01T00:00:00Z")
        }
        startTime = date
      }
      if let s = execution["seed"] {
        guard let value = s.integer, value >= 0 else { throw doc.error(s, "execution.seed must be an integer >= 0") }
        seed = UInt64(value)
      }
    }
    var variables: [String: JSON] = [:]
    if let v = node["variables"] {
      guard v.isObject else { throw doc.error(v, "'variables' maps variable names to values") }
      for member in v.members { variables[member.key] = member.value.json }
    }
    let expect = try node["expect"].map { try expectations($0, definition: definition, doc) } ?? Expectations()
    return TestCase(name: name, line: doc.line(of: node), input: node["input"]?.json ?? .object(JSONObject()),
                    mocks: MockTestCase(stateMachine: machineName, name: name, states: states),
                    executionName: executionName, startTime: startTime, seed: seed, expectations: expect,
                    variables: variables)
  }

  static func date(_ text: String) -> Date? {
    if let d = try? Date.ISO8601FormatStyle().parse(text) { return d }
    return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
  }

  /// `{return: VALUE}` or `{throw: {error, cause}}`; the Step Functions Local spellings `Return`/`Throw` too.
  private func mockStep(_ node: ASLNode, _ doc: LocatedDocument) throws -> MockResponseStep {
    guard node.isObject, node.members.count == 1, let member = node.members.first else {
      throw doc.error(node, "a mocked response is {return: VALUE} or {throw: {error: NAME, cause: TEXT}}")
    }
    switch member.key {
    case "return", "Return":
      return .return(member.value.json)
    case "throw", "Throw":
      let t = member.value
      guard t.isObject, let error = (t["error"] ?? t["Error"])?.string else {
        throw doc.error(t, "throw needs 'error' (a string) and optionally 'cause'")
      }
      return .throw(StatesError(error, cause: (t["cause"] ?? t["Cause"])?.string))
    default:
      throw doc.error(node, "a mocked response is {return: VALUE} or {throw: {error: NAME, cause: TEXT}}, "
                        + "not '\(member.key)'")
    }
  }

  private func expectations(_ node: ASLNode, definition: StateMachineDefinition,
                            _ doc: LocatedDocument) throws -> Expectations {
    guard node.isObject else { throw doc.error(node, "'expect' is an object") }
    try rejectUnknown(node, Self.expectKeys, doc, "expect")
    let stateNames = Set(definition.machines.flatMap { $0.states.keys })
    func states(_ key: String) throws -> [String]? {
      guard let list = node[key] else { return nil }
      guard let items = list.elements else { throw doc.error(list, "expect.\(key) is a list of state names") }
      return try items.map { item in
        let s = try string(item, doc, "expect.\(key)")
        guard stateNames.contains(s) else { throw doc.error(item, "the definition has no state '\(s)'") }
        return s
      }
    }
    var e = Expectations()
    if let s = node["status"] {
      let status = try string(s, doc, "expect.status")
      guard Self.statuses.contains(status) else {
        throw doc.error(s, "expect.status must be one of \(Self.statuses.sorted().joined(separator: ", "))")
      }
      e.status = status
    }
    e.output = try valueExpectation(node, prefix: "output", doc)
    e.error = try node["error"].map { try string($0, doc, "expect.error") }
    e.cause = try node["cause"].map { try string($0, doc, "expect.cause") }
    e.states = try states("states")
    e.statesInclude = try states("statesInclude")
    if let after = node["after"] {
      guard after.isObject else { throw doc.error(after, "expect.after maps state names to expectations") }
      for member in after.members {
        guard stateNames.contains(member.key) else {
          throw doc.error(member.value, "expect.after: the definition has no state '\(member.key)'")
        }
        guard member.value.isObject else { throw doc.error(member.value, "expect.after.\(member.key) is an object") }
        try rejectUnknown(member.value, Self.afterKeys, doc, "expect.after.\(member.key)")
        e.after.append(StateExpectation(state: member.key,
                                        output: try valueExpectation(member.value, prefix: "output", doc),
                                        variables: member.value["variables"]?.json))
      }
    }
    if let retries = node["retries"] {
      guard retries.isObject else { throw doc.error(retries, "expect.retries maps state names to counts") }
      for member in retries.members {
        guard stateNames.contains(member.key) else {
          throw doc.error(member.value, "expect.retries: the definition has no state '\(member.key)'")
        }
        guard let n = member.value.integer, n >= 0 else {
          throw doc.error(member.value, "expect.retries.\(member.key) must be an integer >= 0")
        }
        e.retries.append((member.key, n))
      }
    }
    return e
  }

  /// `output`, `outputContains`, `outputQuery` (JMESPath -> value) and `outputAssert` (JSONata) of `node`.
  private func valueExpectation(_ node: ASLNode, prefix: String, _ doc: LocatedDocument) throws -> ValueExpectation {
    var v = ValueExpectation(equals: node[prefix]?.json, subset: node[prefix + "Contains"]?.json)
    if let queries = node[prefix + "Query"] {
      guard queries.isObject else { throw doc.error(queries, "\(prefix)Query maps JMESPath expressions to values") }
      for member in queries.members {
        do {
          _ = try JMESPathExpression(member.key)
        } catch {
          throw doc.error(member.value, "\(prefix)Query: '\(member.key)' is not a JMESPath expression: \(error)")
        }
        v.queries.append((member.key, member.value.json))
      }
    }
    if let assertion = node[prefix + "Assert"] {
      let text = try string(assertion, doc, prefix + "Assert")
      do {
        _ = try JSONataExpression(text)
      } catch {
        throw doc.error(assertion, "\(prefix)Assert is not a JSONata expression: \(error)")
      }
      v.assertion = text
    }
    return v
  }

  // MARK: - Helpers

  private func required(_ node: ASLNode, _ key: String, _ doc: LocatedDocument) throws -> ASLNode {
    guard let value = node[key] else { throw doc.error(node, "missing '\(key)'") }
    return value
  }

  private func string(_ node: ASLNode, _ doc: LocatedDocument, _ what: String) throws -> String {
    guard let s = node.string else { throw doc.error(node, "\(what) must be a string, not \(node.typeName)") }
    return s
  }

  private func rejectUnknown(_ node: ASLNode, _ allowed: Set<String>, _ doc: LocatedDocument,
                             _ what: String) throws {
    for member in node.members where !allowed.contains(member.key) {
      throw doc.error(member.value, "unknown key '\(member.key)' in \(what) (allowed: "
                        + allowed.sorted().joined(separator: ", ") + ")")
    }
  }
}

/// A file that is not there, described as the C library says it.
private struct MissingFile: Error, CustomStringConvertible {
  var description: String { String(cString: strerror(ENOENT)) }
}
