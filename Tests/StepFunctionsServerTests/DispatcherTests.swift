import SFNJSON
import StateMachineEngine
import XCTest

@testable import StepFunctionsServer

/// A fixed clock for repeatable timestamps.
struct FixedClock: ServerClock {
  var time: Double = 1_700_000_000.5
  func now() -> Double { time }
}

/// Counting identifiers instead of random ones, and a fixed routing draw.
final class CountingRandom: RandomSource, @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  func uuid() -> String {
    lock.lock()
    defer { lock.unlock() }
    next += 1
    return String(format: "00000000-0000-0000-0000-%012d", next)
  }
  func number(below upperBound: Int) -> Int { 0 }
}

/// Calls operations on an in-memory server through the protocol layer (no sockets).
struct TestServer {
  let server: LocalServer

  init(keys: [String: String]? = nil, mocks: MockConfiguration? = nil, location: Store.Location = .memory,
       waitScale: Double = 1) throws {
    var configuration = ServerConfiguration(location: location, signingKeys: keys)
    configuration.mocks = mocks
    configuration.waitScale = waitScale
    configuration.activityPollSeconds = 0.2
    server = try LocalServer(configuration: configuration, clock: FixedClock(), random: CountingRandom())
  }

  /// The raw response to `body` sent as `operation`.
  func raw(_ operation: String, body: String, contentType: String = "application/x-amz-json-1.0",
           method: String = "POST") async -> (status: Int, json: JSON) {
    let request = APIRequest(method: method, path: "/", headers: [
      "x-amz-target": "AWSStepFunctions.\(operation)", "content-type": contentType,
    ], body: Array(body.utf8))
    let response = await server.dispatcher.respond(to: request)
    return (response.status, (try? JSONParser.parse(bytes: response.body)) ?? .null)
  }

  /// DescribeExecution of `arn` once it leaves RUNNING (polled for at most 10 s).
  func finished(_ arn: JSON) async -> JSON {
    for _ in 0..<1000 {
      let described = await call("DescribeExecution", ["executionArn": arn])
      if described["status"] != "RUNNING" { return described }
      try? await Task.sleep(nanoseconds: 10_000_000)
    }
    return await call("DescribeExecution", ["executionArn": arn])
  }

  /// The output of `operation`, failing the test on an error.
  func call(_ operation: String, _ input: JSON, file: StaticString = #filePath, line: UInt = #line) async -> JSON {
    let (status, json) = await raw(operation, body: JSONWriter.compact.string(input))
    XCTAssertEqual(status, 200, "\(operation): \(json)", file: file, line: line)
    return json
  }

  /// The (code, message) of the error `operation` answers.
  func error(_ operation: String, _ input: JSON) async -> (type: String, message: String?) {
    let (_, json) = await raw(operation, body: JSONWriter.compact.string(input))
    return (json["__type"]?.stringValue ?? "(none)", json["message"]?.stringValue)
  }
}

let passDefinition = #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#
let role = "arn:aws:iam::123456789012:role/test"
let machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:"

final class DispatcherTests: XCTestCase {
  func testValidationMessagesListEveryViolationAsAWSDoes() async throws {
    let server = try TestServer()
    let long = String(repeating: "a", count: 81)
    let error = await server.error("CreateActivity", ["name": .string(long), "tags": [["key": ""]]])
    XCTAssertEqual(error.type, "com.amazon.coral.validate#ValidationException")
    XCTAssertEqual(error.message, "2 validation errors detected: Value '\(long)' at 'name' failed to satisfy "
      + "constraint: Member must have length less than or equal to 80; Value '' at 'tags.1.member.key' failed to "
      + "satisfy constraint: Member must have length greater than or equal to 1")
    let missing = await server.error("CreateStateMachine", ["name": "x"])
    XCTAssertEqual(missing.message, "2 validation errors detected: Value null at 'definition' failed to satisfy "
      + "constraint: Member must not be null; Value null at 'roleArn' failed to satisfy constraint: Member must "
      + "not be null")
    let enumError = await server.error("ListExecutions", ["stateMachineArn": .string(machineArn + "m"),
                                                          "statusFilter": "DONE"])
    XCTAssertEqual(enumError.message, "1 validation error detected: Value 'DONE' at 'statusFilter' failed to "
      + "satisfy constraint: Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, "
      + "PENDING_REDRIVE]")
  }

  func testSensitiveValuesAreLeftOutOfMessages() async throws {
    let server = try TestServer()
    let error = await server.error("CreateStateMachine", ["name": "m", "definition": "", "roleArn": .string(role)])
    XCTAssertEqual(error.message, "1 validation error detected: Value at 'definition' failed to satisfy constraint: "
      + "Member must have length greater than or equal to 1")
  }

  func testPatternConstraint() async throws {
    let server = try TestServer()
    _ = await server.call("CreateStateMachine", ["name": "m", "definition": .string(passDefinition),
                                                 "roleArn": .string(role), "publish": true])
    let error = await server.error("CreateStateMachineAlias", [
      "name": "123", "routingConfiguration": [["stateMachineVersionArn": .string(machineArn + "m:1"), "weight": 100]],
    ])
    XCTAssertEqual(error.message, #"1 validation error detected: Value '123' at 'name' failed to satisfy constraint: "#
      + #"Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$"#)
  }

  func testProtocolErrorsNeverFailTheServer() async throws {
    let server = try TestServer()
    let unknown = await server.raw("Frobnicate", body: "{}")
    XCTAssertEqual(unknown.status, 400)
    XCTAssertEqual(unknown.json["__type"], "com.amazon.coral.service#UnknownOperationException")
    let malformed = await server.raw("ListActivities", body: "{\"maxResults\":")
    XCTAssertEqual(malformed.json["__type"], "com.amazon.coral.service#SerializationException")
    let notObject = await server.raw("ListActivities", body: "[1]")
    XCTAssertEqual(notObject.json["__type"], "com.amazon.coral.service#SerializationException")
    let wrongType = await server.raw("ListActivities", body: #"{"maxResults":"ten"}"#)
    XCTAssertEqual(wrongType.json["__type"], "com.amazon.coral.service#SerializationException")
    let contentType = await server.raw("ListActivities", body: "{}", contentType: "text/plain")
    XCTAssertEqual(contentType.json["__type"], "com.amazon.coral.service#UnknownOperationException")
    let get = await server.raw("ListActivities", body: "", method: "GET")
    XCTAssertEqual(get.status, 400)
    let empty = await server.raw("ListActivities", body: "")
    XCTAssertEqual(empty.status, 200)
    let big = await server.raw("ListActivities", body: "{\"x\":\"" + String(repeating: "a", count: 5 << 20) + "\"}")
    XCTAssertEqual(big.status, 413)
  }

  func testStateMachineLifecycle() async throws {
    let server = try TestServer()
    let created = await server.call("CreateStateMachine", [
      "name": "hello", "definition": .string(passDefinition), "roleArn": .string(role),
      "tags": [["key": "team", "value": "a"]],
    ])
    XCTAssertEqual(created["stateMachineArn"], .string(machineArn + "hello"))
    XCTAssertEqual(created["creationDate"], .float(1_700_000_000.5))
    // The same create again answers the same machine; a different one is StateMachineAlreadyExists.
    let again = await server.call("CreateStateMachine", ["name": "hello", "definition": .string(passDefinition),
                                                         "roleArn": .string(role)])
    XCTAssertEqual(again["stateMachineArn"], created["stateMachineArn"])
    let other = await server.error("CreateStateMachine", ["name": "hello", "definition": .string(passDefinition),
                                                          "roleArn": .string(role + "2")])
    XCTAssertEqual(other.type, "com.amazonaws.swf.service.v2.model#StateMachineAlreadyExists")
    let described = await server.call("DescribeStateMachine", ["stateMachineArn": .string(machineArn + "hello")])
    XCTAssertEqual(described["status"], "ACTIVE")
    XCTAssertEqual(described["type"], "STANDARD")
    XCTAssertEqual(described["loggingConfiguration"]?["level"], "OFF")
    let updated = await server.call("UpdateStateMachine", ["stateMachineArn": .string(machineArn + "hello"),
                                                           "roleArn": .string(role + "2"), "publish": true])
    XCTAssertEqual(updated["stateMachineVersionArn"], .string(machineArn + "hello:1"))
    let version = await server.call("DescribeStateMachine", ["stateMachineArn": .string(machineArn + "hello:1")])
    XCTAssertEqual(version["roleArn"], .string(role + "2"))
    let tags = await server.call("ListTagsForResource", ["resourceArn": .string(machineArn + "hello")])
    XCTAssertEqual(tags["tags"], [["key": "team", "value": "a"]])
    _ = await server.call("DeleteStateMachine", ["stateMachineArn": .string(machineArn + "hello")])
    let gone = await server.error("DescribeStateMachine", ["stateMachineArn": .string(machineArn + "hello:1")])
    XCTAssertEqual(gone.type, "com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist")
    XCTAssertEqual(gone.message, "State Machine Does Not Exist: '\(machineArn)hello:1'")
  }

  func testNamesARNsAndDefinitionsAreCheckedAsAWSDoes() async throws {
    let server = try TestServer()
    let name = await server.error("CreateStateMachine", ["name": "a b", "definition": .string(passDefinition),
                                                         "roleArn": .string(role)])
    XCTAssertEqual(name.type, "com.amazonaws.swf.service.v2.model#InvalidName")
    XCTAssertEqual(name.message, "Invalid Name: 'a b'")
    let arn = await server.error("DescribeStateMachine", ["stateMachineArn": "arn:aws:states:us-east-1:1:activity:x"])
    XCTAssertEqual(arn.type, "com.amazonaws.swf.service.v2.model#InvalidArn")
    let definition = await server.error("CreateStateMachine", [
      "name": "m", "definition": #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}"#,
      "roleArn": .string(role),
    ])
    XCTAssertEqual(definition.type, "com.amazonaws.swf.service.v2.model#InvalidDefinition")
    XCTAssertTrue(definition.message?.contains("MISSING_TRANSITION_TARGET") == true, definition.message ?? "")
    XCTAssertTrue(definition.message?.contains("at /States/A/Next") == true, definition.message ?? "")
  }

  func testPaginationTokensAreOpaqueAndChecked() async throws {
    let server = try TestServer()
    for i in 0..<5 { _ = await server.call("CreateActivity", ["name": .string("act\(i)")]) }
    var names: [String] = []
    var token: JSON?
    repeat {
      var input = JSONObject([("maxResults", 2)])
      if let token { input["nextToken"] = token }
      let page = await server.call("ListActivities", .object(input))
      names += page["activities"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
      token = page["nextToken"]
    } while token != nil
    XCTAssertEqual(names, ["act0", "act1", "act2", "act3", "act4"])
    let first = await server.call("ListActivities", ["maxResults": 2])
    let foreign = await server.error("ListStateMachines", ["nextToken": first["nextToken"] ?? .null])
    XCTAssertEqual(foreign.type, "com.amazonaws.swf.service.v2.model#InvalidToken")
    let garbage = await server.error("ListActivities", ["nextToken": "not-a-token"])
    XCTAssertEqual(garbage.message, "Invalid Token: 'not-a-token'")
  }

  func testVersionsAndAliases() async throws {
    let server = try TestServer()
    _ = await server.call("CreateStateMachine", ["name": "m", "definition": .string(passDefinition),
                                                 "roleArn": .string(role)])
    let v1 = await server.call("PublishStateMachineVersion", ["stateMachineArn": .string(machineArn + "m")])
    XCTAssertEqual(v1["stateMachineVersionArn"], .string(machineArn + "m:1"))
    // Publishing an unchanged revision answers the latest version.
    let same = await server.call("PublishStateMachineVersion", ["stateMachineArn": .string(machineArn + "m")])
    XCTAssertEqual(same["stateMachineVersionArn"], .string(machineArn + "m:1"))
    let stale = await server.error("PublishStateMachineVersion", ["stateMachineArn": .string(machineArn + "m"),
                                                                  "revisionId": "old"])
    XCTAssertEqual(stale.type, "com.amazonaws.swf.service.v2.model#ConflictException")
    _ = await server.call("UpdateStateMachine", ["stateMachineArn": .string(machineArn + "m"),
                                                 "roleArn": .string(role + "2"), "publish": true])
    let versions = await server.call("ListStateMachineVersions", ["stateMachineArn": .string(machineArn + "m")])
    XCTAssertEqual(versions["stateMachineVersions"]?.arrayValue?.compactMap { $0["stateMachineVersionArn"] },
                   [.string(machineArn + "m:2"), .string(machineArn + "m:1")])
    let badWeights = await server.error("CreateStateMachineAlias", ["name": "live", "routingConfiguration": [
      ["stateMachineVersionArn": .string(machineArn + "m:1"), "weight": 50],
    ]])
    XCTAssertEqual(badWeights.type, "com.amazon.coral.validate#ValidationException")
    let alias = await server.call("CreateStateMachineAlias", ["name": "live", "routingConfiguration": [
      ["stateMachineVersionArn": .string(machineArn + "m:1"), "weight": 60],
      ["stateMachineVersionArn": .string(machineArn + "m:2"), "weight": 40],
    ]])
    XCTAssertEqual(alias["stateMachineAliasArn"], .string(machineArn + "m:live"))
    let inUse = await server.error("DeleteStateMachineVersion", ["stateMachineVersionArn": .string(machineArn + "m:1")])
    XCTAssertEqual(inUse.type, "com.amazonaws.swf.service.v2.model#ConflictException")
    _ = await server.call("UpdateStateMachineAlias", ["stateMachineAliasArn": .string(machineArn + "m:live"),
                                                      "routingConfiguration": [
                                                        ["stateMachineVersionArn": .string(machineArn + "m:2"),
                                                         "weight": 100],
                                                      ]])
    _ = await server.call("DeleteStateMachineVersion", ["stateMachineVersionArn": .string(machineArn + "m:1")])
    let described = await server.call("DescribeStateMachineAlias",
                                      ["stateMachineAliasArn": .string(machineArn + "m:live")])
    XCTAssertEqual(described["routingConfiguration"]?.arrayValue?.count, 1)
    let aliases = await server.call("ListStateMachineAliases", ["stateMachineArn": .string(machineArn + "m")])
    XCTAssertEqual(aliases["stateMachineAliases"]?.arrayValue?.count, 1)
  }

  func testValidateStateMachineDefinitionUsesAWSCodesAndPointers() async throws {
    let server = try TestServer()
    let ok = await server.call("ValidateStateMachineDefinition", ["definition": .string(passDefinition)])
    XCTAssertEqual(ok["result"], "OK")
    XCTAssertEqual(ok["diagnostics"], [])
    let bad = await server.call("ValidateStateMachineDefinition", ["definition": "{\"StartAt\":"])
    XCTAssertEqual(bad["result"], "FAIL")
    XCTAssertEqual(bad["diagnostics"]?.arrayValue?.first?["code"], "INVALID_JSON_DESCRIPTION")
    XCTAssertEqual(DefinitionCheck.pointer("$.States['a b'].Next"), "/States/a b/Next")
    XCTAssertEqual(DefinitionCheck.pointer("$.States.M.ItemProcessor.States['x/y'].Catch[0]"),
                   "/States/M/ItemProcessor/States/x~1y/Catch/0")
  }
}
