import Foundation
import XCTest

/// `validate --remote` and the local check of create-/update-state-machine, against a scripted AWS JSON 1.0
/// endpoint (moto lacks ValidateStateMachineDefinition) and against the moto peer.
final class DefinitionCheckTests: XCTestCase {
  let role = "arn:aws:iam::123456789012:role/check-test"

  func testRemoteFindingsAreMergedAndPlaced() throws {
    let fake = try AuthoringFakeService(responses: [
      "ValidateStateMachineDefinition": [
        "result": "FAIL",
        "diagnostics": [
          // Same severity and path as a local finding: dropped in favour of the local one.
          ["severity": "ERROR", "code": "MISSING_TRANSITION_TARGET", "message": "Missing 'Next' target: Nowhere",
           "location": "/States/First/Next"],
          ["severity": "WARNING", "code": "UNREACHABLE_STATE", "message": "Orphan is never entered",
           "location": "/States/Orphan"],
          ["severity": "ERROR", "code": "SCHEMA_VALIDATION_FAILED", "message": "Type is not allowed here",
           "location": "/States/First/Type"],
        ],
      ] as [String: Any],
    ])
    defer { fake.stop() }
    let file = Authoring.fixture("broken.yml")
    let r = Authoring.sfn(["validate", "--remote", file], endpoint: fake.endpoint)
    XCTAssertEqual(r.status, 65, r.stderr)
    XCTAssertEqual(r.stdout, """
      \(file):4:5: error: Type is not allowed here ($.States.First.Type)
      \(file):5:11: error: Next 'Nowhere' does not name a state in this scope ($.States.First.Next)
      \(file):6:3: error: State 'Orphan' is not reachable from StartAt ($.States.Orphan)
      \(file):6:3: warning: Orphan is never entered ($.States.Orphan)

      """)
    // The service got the YAML as JSON, and was asked for warnings too.
    let request = try XCTUnwrap(fake.requests.first { $0.operation == "ValidateStateMachineDefinition" })
    XCTAssertEqual(request.input["severity"] as? String, "WARNING")
    let sent = try XCTUnwrap(request.input["definition"] as? String)
    let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sent.utf8)) as? [String: Any])
    XCTAssertEqual(parsed["StartAt"] as? String, "First")

    let json = Authoring.sfn(["validate", "--remote", "--output", "json", file], endpoint: fake.endpoint)
    let list = try XCTUnwrap(json.json() as? [[String: Any]])
    XCTAssertEqual(list.map { $0["source"] as? String }, ["service", "local", "local", "service"])
    XCTAssertEqual(list[0]["code"] as? String, "SCHEMA_VALIDATION_FAILED")
  }

  func testRemoteOKKeepsLocalWarningsAndExitsZero() throws {
    let fake = try AuthoringFakeService(responses: ["ValidateStateMachineDefinition": ["result": "OK", "diagnostics": []]])
    defer { fake.stop() }
    let file = Authoring.fixture("choice-no-default.json")
    let r = Authoring.sfn(["validate", "--remote", file, Authoring.fixture("hello.yaml")], endpoint: fake.endpoint)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.hasPrefix("\(file):4:13: warning: Choice state has no Default"), r.stdout)
    XCTAssertEqual(fake.requests.filter { $0.operation == "ValidateStateMachineDefinition" }.count, 2)
  }

  func testEndpointWithoutTheOperationIsReportedClearly() throws {
    // AWS's answer for an operation an endpoint does not know: HTTP 400 UnknownOperationException.
    let fake = try AuthoringFakeService(responses: [:])
    defer { fake.stop() }
    let file = Authoring.fixture("broken.asl.json")
    let r = Authoring.sfn(["validate", "--remote", file], endpoint: fake.endpoint)
    XCTAssertEqual(r.status, 6)
    XCTAssertTrue(r.stderr.contains("--remote: the endpoint does not implement ValidateStateMachineDefinition"), r.stderr)
    XCTAssertTrue(r.stdout.hasPrefix("\(file):6:15: error:"), "local findings are still shown: \(r.stdout)")
  }

  func testMotoWithoutValidateIsReportedClearly() throws {
    let endpoint = try Authoring.peer()
    let file = Authoring.fixture("hello.asl.json")
    let r = Authoring.sfn(["validate", "--remote", "--max-attempts", "1", file], endpoint: endpoint)
    XCTAssertEqual(r.status, 6)
    XCTAssertTrue(r.stderr.contains("--remote: the endpoint does not implement ValidateStateMachineDefinition (HTTP 500)"),
                  r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  func testCreateAndUpdateRefuseAnInvalidDefinitionAndSendNothing() throws {
    let fake = try AuthoringFakeService(responses: [
      "CreateStateMachine": ["stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:x",
                             "creationDate": 1_700_000_000],
      "UpdateStateMachine": ["updateDate": 1_700_000_000],
    ])
    defer { fake.stop() }
    let file = Authoring.fixture("broken.asl.json")
    let create = Authoring.sfn(["create-state-machine", "--name", "x", "--definition", "file://\(file)", "--role-arn", role],
                               endpoint: fake.endpoint)
    XCTAssertEqual(create.status, 65)
    XCTAssertEqual(create.stdout, "")
    XCTAssertTrue(create.stderr.contains("\(file):6:15: error: Next 'Nowhere' does not name a state"), create.stderr)
    XCTAssertTrue(create.stderr.contains("--no-validate"), create.stderr)

    let inline = try String(contentsOfFile: file, encoding: .utf8)
    let update = Authoring.sfn(["update-state-machine", "--state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:x",
                                "--definition", inline], endpoint: fake.endpoint)
    XCTAssertEqual(update.status, 65)
    XCTAssertTrue(update.stderr.contains("--definition:6:15: error:"), update.stderr)
    XCTAssertEqual(fake.requests.count, 0, "nothing may be sent for an invalid definition")

    // --no-validate sends it as is.
    let forced = Authoring.sfn(["create-state-machine", "--name", "x", "--definition", "file://\(file)", "--role-arn", role,
                                "--no-validate"], endpoint: fake.endpoint)
    XCTAssertEqual(forced.status, 0, forced.stderr)
    XCTAssertEqual(fake.requests.map(\.operation), ["CreateStateMachine"])
    XCTAssertEqual(fake.requests.first?.input["definition"] as? String, inline)
  }

  func testCreateStateMachineAgainstThePeer() throws {
    let endpoint = try Authoring.peer()
    let name = Authoring.unique("check-create")
    let bad = Authoring.sfn(["create-state-machine", "--name", name, "--definition",
                             "file://\(Authoring.fixture("broken.asl.json"))", "--role-arn", role], endpoint: endpoint)
    XCTAssertEqual(bad.status, 65)
    let list = Authoring.sfn(["list-state-machines", "--output", "json"], endpoint: endpoint)
    XCTAssertFalse(list.stdout.contains("\"\(name)\""), "the invalid machine must not exist")

    let good = Authoring.sfn(["create-state-machine", "--name", name, "--definition",
                              "file://\(Authoring.fixture("hello.asl.json"))", "--role-arn", role, "--output", "json"],
                             endpoint: endpoint)
    XCTAssertEqual(good.status, 0, good.stderr)
    let arn = try XCTUnwrap((good.json() as? [String: Any])?["stateMachineArn"] as? String)
    let update = Authoring.sfn(["update-state-machine", "--state-machine-arn", arn, "--definition",
                                "file://\(Authoring.fixture("broken.asl.json"))"], endpoint: endpoint)
    XCTAssertEqual(update.status, 65)
    let described = Authoring.sfn(["describe-state-machine", "--state-machine-arn", arn, "--output", "json"],
                                  endpoint: endpoint)
    XCTAssertTrue(described.stdout.contains("Greet"), "the definition must be unchanged: \(described.stdout)")
  }
}
