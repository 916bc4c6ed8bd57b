import Foundation
import XCTest

/// `sfn deploy` end to end against the moto peer (started on this suite's port; the tests fail without it).
final class DeployCommandTests: XCTestCase {
  let role = "arn:aws:iam::123456789012:role/deploy-test"
  let otherRole = "arn:aws:iam::123456789012:role/deploy-test-2"
  var endpoint = ""

  override func setUpWithError() throws {
    endpoint = try Authoring.peer()
  }

  func deploy(_ name: String, _ definition: String, _ extra: [String] = []) -> AuthoringRun {
    Authoring.sfn(["deploy", name, "--definition", Authoring.fixture(definition), "--role-arn", role] + extra,
                  endpoint: endpoint)
  }

  func object(_ run: AuthoringRun, file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
    XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
    return (run.json(file: file, line: line) as? [String: Any]) ?? [:]
  }

  /// The deployed definition, parsed, and the rest of DescribeStateMachine.
  func describe(_ arn: String) throws -> (definition: [String: Any], response: [String: Any]) {
    let r = Authoring.sfn(["describe-state-machine", "--state-machine-arn", arn, "--output", "json"], endpoint: endpoint)
    let response = try XCTUnwrap(r.json() as? [String: Any], r.stderr)
    let text = try XCTUnwrap(response["definition"] as? String)
    let definition = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    return (definition, response)
  }

  func machineNames() throws -> [String] {
    let r = Authoring.sfn(["list-state-machines", "--output", "json"], endpoint: endpoint)
    let list = try XCTUnwrap((r.json() as? [String: Any])?["stateMachines"] as? [[String: Any]], r.stderr)
    return list.compactMap { $0["name"] as? String }
  }

  func greeting(_ definition: [String: Any]) -> String? {
    (((definition["States"] as? [String: Any])?["Greet"] as? [String: Any])?["Result"] as? [String: Any])?["greeting"]
      as? String
  }

  func testCreateThenSameDeployChangesNothing() throws {
    let name = Authoring.unique("deploy-idem")
    let first = object(deploy(name, "hello.asl.json"))
    XCTAssertEqual(first["changed"] as? Bool, true)
    XCTAssertEqual(first["actions"] as? [String], ["create state machine \(name)"])
    let arn = try XCTUnwrap(first["stateMachineArn"] as? String)
    XCTAssertTrue(arn.hasSuffix(":stateMachine:\(name)"), arn)
    let deployed = try describe(arn)
    XCTAssertEqual(greeting(deployed.definition), "hello")
    XCTAssertEqual(deployed.response["roleArn"] as? String, role)
    XCTAssertEqual(deployed.response["type"] as? String, "STANDARD")

    let second = object(deploy(name, "hello.asl.json"))
    XCTAssertEqual(second["changed"] as? Bool, false)
    XCTAssertEqual(second["actions"] as? [String], [])
    XCTAssertEqual(second["stateMachineArn"] as? String, arn)

    // Same document with other key order and spacing, and the same machine written in YAML: still no change.
    XCTAssertEqual(object(deploy(name, "hello-reordered.json"))["changed"] as? Bool, false)
    XCTAssertEqual(object(deploy(name, "hello.yaml"))["changed"] as? Bool, false)

    // The terminal summary says so in words.
    let table = deploy(name, "hello.asl.json", ["--output", "table"])
    XCTAssertEqual(table.status, 0, table.stderr)
    XCTAssertTrue(table.stdout.hasPrefix("\(name) is up to date; nothing changed\n"), table.stdout)
    XCTAssertTrue(table.stdout.contains("state machine  \(arn)"), table.stdout)
  }

  func testDryRunShowsTheDiffAndSendsNothing() throws {
    let name = Authoring.unique("deploy-diff")
    let created = object(deploy(name, "hello.asl.json"))
    let arn = try XCTUnwrap(created["stateMachineArn"] as? String)

    let dry = object(deploy(name, "hello-v2.asl.json", ["--dry-run"]))
    XCTAssertEqual(dry["dryRun"] as? Bool, true)
    XCTAssertEqual(dry["changed"] as? Bool, true)
    XCTAssertEqual(dry["actions"] as? [String], ["update state machine \(name): definition"])
    let diff = try XCTUnwrap(dry["diff"] as? String)
    XCTAssertEqual(diff, """
      --- \(name) (deployed)
      +++ \(Authoring.fixture("hello-v2.asl.json"))
      @@ -5,7 +5,7 @@
           "Greet": {
             "Type": "Pass",
             "Result": {
      -        "greeting": "hello"
      +        "greeting": "hello, world"
             },
             "Next": "Done"
           },

      """)
    XCTAssertEqual(greeting(try describe(arn).definition), "hello", "a dry run must not change the machine")

    // The terminal form of a dry run: the actions in words, then the diff.
    let text = deploy(name, "hello-v2.asl.json", ["--dry-run", "--output", "table"])
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(text.stdout.hasPrefix("would update state machine \(name): definition\n--- \(name) (deployed)\n"),
                  text.stdout)

    let updated = object(deploy(name, "hello-v2.asl.json"))
    XCTAssertEqual(updated["changed"] as? Bool, true)
    XCTAssertEqual(updated["actions"] as? [String], ["update state machine \(name): definition"])
    XCTAssertEqual(greeting(try describe(arn).definition), "hello, world")
    XCTAssertEqual(object(deploy(name, "hello-v2.asl.json"))["changed"] as? Bool, false)
  }

  func testOnATerminalTheDiffGoesToStderrBeforeTheSummary() throws {
    let name = Authoring.unique("deploy-tty")
    _ = object(deploy(name, "hello.asl.json"))
    // script(1) (util-linux, part of every Debian system) gives sfn a terminal on stdout and stderr.
    let command = [Authoring.binary, "deploy", name, "--definition", Authoring.fixture("hello-v2.asl.json"),
                   "--role-arn", role, "--color", "never"].map { "'\($0)'" }.joined(separator: " ")
    let r = Authoring.run("/usr/bin/script", ["-qec", command, "/dev/null"], env: Authoring.environment(endpoint: endpoint))
    XCTAssertEqual(r.status, 0, r.stdout)
    let screen = r.stdout.replacingOccurrences(of: "\r\n", with: "\n")
    XCTAssertTrue(screen.hasPrefix("--- \(name) (deployed)\n+++ \(Authoring.fixture("hello-v2.asl.json"))\n@@ -5,7 +5,7 @@\n"),
                  screen)
    XCTAssertTrue(screen.contains("-        \"greeting\": \"hello\"\n+        \"greeting\": \"hello, world\"\n"), screen)
    XCTAssertTrue(screen.contains("\nupdate state machine \(name): definition\n  state machine  arn:"), screen)
  }

  func testDryRunOfANewMachineCreatesNothing() throws {
    let name = Authoring.unique("deploy-dry-new")
    let dry = object(deploy(name, "hello.yaml", ["--dry-run", "--alias", "live"]))
    XCTAssertEqual(dry["actions"] as? [String], ["create state machine \(name)", "publish a new version", "create alias live"])
    XCTAssertTrue((dry["diff"] as? String)?.hasPrefix("--- /dev/null\n+++ \(Authoring.fixture("hello.yaml"))\n@@ -0,0 +1,16 @@\n+{\n") == true,
                  dry["diff"] as? String ?? "")
    XCTAssertFalse(try machineNames().contains(name))
  }

  func testPublishAndAliasFollowTheNewVersion() throws {
    let name = Authoring.unique("deploy-alias")
    let first = object(deploy(name, "hello.asl.json", ["--alias", "live", "--version-description", "first"]))
    let arn = try XCTUnwrap(first["stateMachineArn"] as? String)
    XCTAssertEqual(first["actions"] as? [String], ["create state machine \(name)", "publish a new version", "create alias live"])
    XCTAssertEqual(first["stateMachineVersionArn"] as? String, "\(arn):1")
    XCTAssertEqual(first["stateMachineAliasArn"] as? String, "\(arn):live")
    XCTAssertEqual(aliasTarget("\(arn):live"), "\(arn):1")

    let again = object(deploy(name, "hello.asl.json", ["--alias", "live"]))
    XCTAssertEqual(again["changed"] as? Bool, false)
    XCTAssertEqual(again["stateMachineVersionArn"] as? String, "\(arn):1")
    XCTAssertEqual(again["stateMachineAliasArn"] as? String, "\(arn):live")

    let second = object(deploy(name, "hello-v2.asl.json", ["--alias", "live"]))
    XCTAssertEqual(second["actions"] as? [String],
                   ["update state machine \(name): definition", "publish a new version", "point alias live at the new version"])
    XCTAssertEqual(second["stateMachineVersionArn"] as? String, "\(arn):2")
    XCTAssertEqual(aliasTarget("\(arn):live"), "\(arn):2")
    XCTAssertEqual(greeting(try describe("\(arn):2").definition), "hello, world")
    XCTAssertEqual(greeting(try describe("\(arn):1").definition), "hello")
  }

  func testPublishAloneIsIdempotent() throws {
    let name = Authoring.unique("deploy-publish")
    let first = object(deploy(name, "hello.asl.json", ["--publish", "--max-attempts", "1"]))
    let arn = try XCTUnwrap(first["stateMachineArn"] as? String)
    XCTAssertEqual(first["stateMachineVersionArn"] as? String, "\(arn):1")
    // moto cannot list versions; the planner finds the newest one by describing them.
    let again = object(deploy(name, "hello.asl.json", ["--publish", "--max-attempts", "1"]))
    XCTAssertEqual(again["changed"] as? Bool, false)
    XCTAssertEqual(again["stateMachineVersionArn"] as? String, "\(arn):1")
    let changed = object(deploy(name, "hello-v2.asl.json", ["--publish", "--max-attempts", "1"]))
    XCTAssertEqual(changed["stateMachineVersionArn"] as? String, "\(arn):2")
    XCTAssertEqual(object(deploy(name, "hello-v2.asl.json", ["--publish", "--max-attempts", "1"]))["changed"] as? Bool, false)
  }

  func aliasTarget(_ aliasArn: String) -> String? {
    let r = Authoring.sfn(["describe-state-machine-alias", "--state-machine-alias-arn", aliasArn, "--output", "json"],
                          endpoint: endpoint)
    let routes = (r.json() as? [String: Any])?["routingConfiguration"] as? [[String: Any]]
    XCTAssertEqual(routes?.count, 1, r.stdout + r.stderr)
    XCTAssertEqual(routes?.first?["weight"] as? Int, 100)
    return routes?.first?["stateMachineVersionArn"] as? String
  }

  func testRoleTracingAndTagsAreUpdatedOnce() throws {
    let name = Authoring.unique("deploy-settings")
    let created = object(deploy(name, "hello.asl.json", ["--tags", "env=dev", "team=data"]))
    let arn = try XCTUnwrap(created["stateMachineArn"] as? String)
    XCTAssertEqual(tags(arn), ["env": "dev", "team": "data"])

    let changes = ["--tracing", "--tags", "env=prod"]
    let args = ["deploy", name, "--definition", Authoring.fixture("hello.asl.json"), "--role-arn", otherRole] + changes
    let updated = object(Authoring.sfn(args, endpoint: endpoint))
    XCTAssertEqual(updated["actions"] as? [String], ["update state machine \(name): role, tracing", "tag env=prod"])
    let described = try describe(arn).response
    XCTAssertEqual(described["roleArn"] as? String, otherRole)
    XCTAssertEqual((described["tracingConfiguration"] as? [String: Any])?["enabled"] as? Bool, true)
    XCTAssertEqual(tags(arn), ["env": "prod", "team": "data"])

    XCTAssertEqual(object(Authoring.sfn(args, endpoint: endpoint))["changed"] as? Bool, false)
  }

  func tags(_ arn: String) -> [String: String] {
    let r = Authoring.sfn(["list-tags-for-resource", "--resource-arn", arn, "--output", "json"], endpoint: endpoint)
    let list = (r.json() as? [String: Any])?["tags"] as? [[String: String]] ?? []
    return Dictionary(list.map { ($0["key"] ?? "", $0["value"] ?? "") }, uniquingKeysWith: { $1 })
  }

  func testInvalidDefinitionIsRefusedAndNothingIsSent() throws {
    let name = Authoring.unique("deploy-invalid")
    let file = Authoring.fixture("broken.yml")
    let r = deploy(name, "broken.yml")
    XCTAssertEqual(r.status, 65)
    XCTAssertEqual(r.stdout, "")
    XCTAssertTrue(r.stderr.contains("\(file):5:11: error: Next 'Nowhere' does not name a state in this scope"), r.stderr)
    XCTAssertTrue(r.stderr.contains("nothing was sent"), r.stderr)
    XCTAssertFalse(try machineNames().contains(name))
  }

  func testTypeCannotChange() throws {
    let name = Authoring.unique("deploy-type")
    _ = object(deploy(name, "hello.asl.json"))
    let r = deploy(name, "hello.asl.json", ["--type", "EXPRESS"])
    XCTAssertEqual(r.status, 4)
    XCTAssertTrue(r.stderr.contains("is STANDARD; its type cannot change to EXPRESS"), r.stderr)
  }
}
