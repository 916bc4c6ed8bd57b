import Foundation
import XCTest

/// The API-named commands end to end against the moto peer: the lifecycle of a state machine and an execution.
final class APILifecycleTests: XCTestCase {
  static let passDefinition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}}"#
  static let waitDefinition = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}"#
  static let role = "arn:aws:iam::123456789012:role/sfn-test"

  var peer: Peer!

  override func setUpWithError() throws {
    peer = try Peer.start(port: 5601)
  }

  private func createMachine(_ definition: String, name: String = uniqueName("sm")) -> String {
    let r = peer.sfn(["create-state-machine", "--name", name, "--definition", definition, "--role-arn", Self.role])
    XCTAssertEqual(r.status, 0, r.stderr)
    return r.object()["stateMachineArn"] as? String ?? ""
  }

  private func waitForStatus(_ arn: String, not status: String = "RUNNING") -> [String: Any] {
    for _ in 0..<100 {
      let d = peer.sfn(["describe-execution", "--execution-arn", arn]).object()
      if d["status"] as? String != status { return d }
      usleep(100_000)
    }
    XCTFail("execution \(arn) stayed \(status)")
    return [:]
  }

  func testCreateStartDescribeHistoryListStopDelete() throws {
    let machine = createMachine(Self.passDefinition)
    XCTAssertTrue(machine.hasPrefix("arn:aws:states:us-east-1:"), machine)

    let described = peer.sfn(["describe-state-machine", "--state-machine-arn", machine]).object()
    XCTAssertEqual(described["status"] as? String, "ACTIVE")
    XCTAssertTrue((described["creationDate"] as? String)?.hasSuffix("+00:00") == true, "\(described)")

    let started = peer.sfn(["start-execution", "--state-machine-arn", machine, "--name", "run1", "--input", #"{"n":1}"#])
    XCTAssertEqual(started.status, 0, started.stderr)
    let execution = started.object()["executionArn"] as? String ?? ""
    XCTAssertTrue(execution.hasSuffix(":run1"), execution)

    let finished = waitForStatus(execution)
    XCTAssertEqual(finished["status"] as? String, "SUCCEEDED")
    let output = try JSONSerialization.jsonObject(with: Data((finished["output"] as? String ?? "").utf8)) as? [String: Bool]
    XCTAssertEqual(output, ["ok": true])

    let history = peer.sfn(["get-execution-history", "--execution-arn", execution]).object()
    let types = (history["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
    XCTAssertEqual(types.first, "ExecutionStarted")
    XCTAssertEqual(types.last, "ExecutionSucceeded")

    let listed = peer.sfn(["list-executions", "--state-machine-arn", machine, "--status-filter", "SUCCEEDED"]).object()
    XCTAssertEqual((listed["executions"] as? [[String: Any]])?.compactMap { $0["name"] as? String }, ["run1"])

    let waiting = createMachine(Self.waitDefinition)
    let run = peer.sfn(["start-execution", "--state-machine-arn", waiting, "--name", "long"]).object()["executionArn"] as? String ?? ""
    let stop = peer.sfn(["stop-execution", "--execution-arn", run, "--error", "Manual", "--cause", "test"])
    XCTAssertEqual(stop.status, 0, stop.stderr)
    XCTAssertEqual(waitForStatus(run)["status"] as? String, "ABORTED")

    for arn in [machine, waiting] {
      let deleted = peer.sfn(["delete-state-machine", "--state-machine-arn", arn])
      XCTAssertEqual(deleted.status, 0, deleted.stderr)
      XCTAssertEqual(deleted.stdout, "", "an empty response prints nothing, as the AWS CLI")
    }
    let gone = peer.sfn(["describe-state-machine", "--state-machine-arn", machine])
    XCTAssertEqual(gone.status, 4, gone.stderr)
    XCTAssertTrue(gone.stderr.hasPrefix("sfn: StateMachineDoesNotExist"), gone.stderr)
    XCTAssertTrue(gone.stderr.contains("(request "), "the request id is part of the message: \(gone.stderr)")
    XCTAssertEqual(gone.stderr.split(separator: "\n").count, 1)
  }

  func testStartWithoutNameGeneratesOne() {
    let machine = createMachine(Self.passDefinition)
    let r = peer.sfn(["start-execution", "--state-machine-arn", machine])
    XCTAssertEqual(r.status, 0, r.stderr)
    let arn = r.object()["executionArn"] as? String ?? ""
    XCTAssertFalse(arn.hasSuffix(":None"), "a name is generated before sending: \(arn)")
    XCTAssertEqual(arn.split(separator: ":").last?.count, 36)
  }

  func testTagsRoundTrip() {
    let machine = createMachine(Self.passDefinition)
    XCTAssertEqual(peer.sfn(["tag-resource", "--resource-arn", machine, "--tags", "key=team,value=core", "key=env,value=dev"]).status, 0)
    XCTAssertEqual(peer.sfn(["tag-resource", "--resource-arn", machine, "--tags", #"[{"key":"tier","value":"1"}]"#]).status, 0)
    var tags = peer.sfn(["list-tags-for-resource", "--resource-arn", machine]).object()["tags"] as? [[String: String]] ?? []
    XCTAssertEqual(Set(tags.map { $0["key"]! + "=" + $0["value"]! }), ["team=core", "env=dev", "tier=1"])
    XCTAssertEqual(peer.sfn(["untag-resource", "--resource-arn", machine, "--tag-keys", "env", "tier"]).status, 0)
    tags = peer.sfn(["list-tags-for-resource", "--resource-arn", machine]).object()["tags"] as? [[String: String]] ?? []
    XCTAssertEqual(tags.map { $0["key"]! }, ["team"])
  }

  func testActivitiesVersionsAndAliases() {
    let name = uniqueName("act")
    let activity = peer.sfn(["create-activity", "--name", name]).object()["activityArn"] as? String ?? ""
    XCTAssertEqual(peer.sfn(["describe-activity", "--activity-arn", activity]).object()["name"] as? String, name)
    let names = (peer.sfn(["list-activities"]).object()["activities"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    XCTAssertTrue(names.contains(name))
    XCTAssertEqual(peer.sfn(["delete-activity", "--activity-arn", activity]).status, 0)

    let machineName = uniqueName("ver")
    let created = peer.sfn(["create-state-machine", "--name", machineName, "--definition", Self.passDefinition,
                            "--role-arn", Self.role, "--publish"]).object()
    let version = created["stateMachineVersionArn"] as? String ?? ""
    XCTAssertTrue(version.hasSuffix(":\(machineName):1"), "\(created)")
    XCTAssertEqual(peer.sfn(["describe-state-machine", "--state-machine-arn", version]).status, 0)
    let alias = peer.sfn(["create-state-machine-alias", "--name", "prod",
                          "--routing-configuration", "stateMachineVersionArn=\(version),weight=100"])
    XCTAssertEqual(alias.status, 0, alias.stderr)
    let aliasArn = alias.object()["stateMachineAliasArn"] as? String ?? ""
    XCTAssertEqual(peer.sfn(["describe-state-machine-alias", "--state-machine-alias-arn", aliasArn]).object()["name"] as? String, "prod")
    let aliases = peer.sfn(["list-state-machine-aliases", "--state-machine-arn", created["stateMachineArn"] as? String ?? ""]).object()
    XCTAssertEqual((aliases["stateMachineAliases"] as? [[String: Any]])?.count, 1)
  }

  func testUpdateAndDescribeForExecution() {
    let machine = createMachine(Self.passDefinition)
    let update = peer.sfn(["update-state-machine", "--state-machine-arn", machine, "--definition", Self.waitDefinition])
    XCTAssertEqual(update.status, 0, update.stderr)
    XCTAssertNotNil(update.object()["updateDate"] as? String)
    let run = peer.sfn(["start-execution", "--state-machine-arn", machine, "--name", "x"]).object()["executionArn"] as? String ?? ""
    let forExecution = peer.sfn(["describe-state-machine-for-execution", "--execution-arn", run]).object()
    XCTAssertEqual(forExecution["stateMachineArn"] as? String, machine)
    _ = peer.sfn(["stop-execution", "--execution-arn", run])
  }

  func testDefinitionFromFileAndQueryText() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("defs"))
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("sm.json")
    try Self.passDefinition.write(to: file, atomically: true, encoding: .utf8)
    let r = peer.sfn(["create-state-machine", "--name", uniqueName("file"), "--definition", "file://\(file.path)",
                      "--role-arn", Self.role, "--query", "stateMachineArn", "--output", "text"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.hasPrefix("arn:aws:states:") && r.stdout.hasSuffix("\n") && !r.stdout.contains("\""), r.stdout)
    let missing = peer.sfn(["create-state-machine", "--name", "m", "--definition", "file:///nonexistent/sm.json", "--role-arn", Self.role])
    XCTAssertEqual(missing.status, 66, missing.stderr)
  }
}
