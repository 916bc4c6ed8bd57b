import XCTest
@testable import SFNKit

final class UnifiedDiffTests: XCTestCase {
  func testEqualTextsHaveNoDiff() {
    XCTAssertEqual(UnifiedDiff.make(old: "a\nb\n", new: "a\nb\n", oldLabel: "x", newLabel: "y"), "")
  }

  func testOneChangeWithContext() {
    let old = (1...10).map(String.init).joined(separator: "\n") + "\n"
    let new = old.replacingOccurrences(of: "5\n", with: "five\n")
    XCTAssertEqual(UnifiedDiff.make(old: old, new: new, oldLabel: "a", newLabel: "b"), """
      --- a
      +++ b
      @@ -2,7 +2,7 @@
       2
       3
       4
      -5
      +five
       6
       7
       8

      """)
  }

  func testSeparateHunksAndInsertionsAtTheEdges() {
    let old = (1...20).map(String.init).joined(separator: "\n")
    let new = "0\n" + old.replacingOccurrences(of: "\n17\n", with: "\n") + "\n21"
    XCTAssertEqual(UnifiedDiff.make(old: old, new: new, oldLabel: "a", newLabel: "b"), """
      --- a
      +++ b
      @@ -1,3 +1,4 @@
      +0
       1
       2
       3
      @@ -14,7 +15,7 @@
       14
       15
       16
      -17
       18
       19
       20
      +21

      """)
  }

  func testFromNothing() {
    XCTAssertEqual(UnifiedDiff.make(old: "", new: "x\ny\n", oldLabel: "/dev/null", newLabel: "b"),
                   "--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n")
  }

  func testEditScriptIsMinimal() {
    let a = ["a", "b", "c", "a", "b", "b", "a"]
    let b = ["c", "b", "a", "b", "a", "c"]
    let changes = UnifiedDiff.edits(a, b).filter { if case .same = $0 { return false } else { return true } }
    XCTAssertEqual(changes.count, 5)  // Myers' paper: D = 5 for these sequences
  }
}

/// DeployPlanner and DeployExecutor over a scripted service (the moto peer covers the common paths end to end).
final class DeployPlanTests: XCTestCase {
  let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:m"
  let definition = #"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#

  /// A scripted service: answers by operation name and records every call.
  final class Script {
    var answers: [OperationName: (JSON) throws -> JSON] = [:]
    var calls: [(OperationName, JSON)] = []
    func call(_ operation: OperationName, _ input: JSON) throws -> JSON {
      calls.append((operation, input))
      guard let answer = answers[operation] else {
        throw ServiceError(code: "UnknownOperationException", message: operation.rawValue, status: 400)
      }
      return try answer(input)
    }
  }

  /// The machine `m` with `definition`, and published versions (same settings) with the given numbers.
  func existing(_ script: Script, definition: String, logging: JSON = ["level": "OFF"], versions: [Int] = []) {
    script.answers[.listStateMachines] = { _ in ["stateMachines": [["name": "m", "stateMachineArn": .string(self.arn)]]] }
    let known = Set([arn] + versions.map { "\(arn):\($0)" })
    script.answers[.describeStateMachine] = { input in
      guard let asked = input["stateMachineArn"]?.stringValue, known.contains(asked) else {
        throw ServiceError(code: "StateMachineDoesNotExist", message: "no such machine", status: 400)
      }
      return ["definition": .string(definition), "roleArn": "r", "type": "STANDARD", "loggingConfiguration": logging]
    }
  }

  func testSemanticallyEqualDefinitionIsNoChange() throws {
    let script = Script()
    existing(script, definition: #"{"States":{"A":{"Type":"Succeed"}},"StartAt":"A"}"#)
    let spec = DeploySpec(name: "m", definition: definition, definitionLabel: "f", roleArn: "r",
                          logging: DeploySpec.loggingConfiguration(level: "OFF", logGroupArn: nil, includeExecutionData: false))
    let plan = try DeployPlanner(call: script.call).plan(spec)
    XCTAssertFalse(plan.hasChanges)
    XCTAssertEqual(plan.diff, "")
    let result = try DeployExecutor(call: script.call).apply(plan)
    XCTAssertFalse(result.changed)
    XCTAssertEqual(script.calls.map(\.0), [.listStateMachines, .describeStateMachine], "nothing written")
  }

  func testPublishWithoutChangesReusesTheLatestMatchingVersion() throws {
    let script = Script()
    existing(script, definition: definition, versions: [7])
    script.answers[.listStateMachineVersions] = { _ in
      ["stateMachineVersions": [["stateMachineVersionArn": .string(self.arn + ":7")]]]
    }
    let spec = DeploySpec(name: "m", definition: definition, definitionLabel: "f", roleArn: "r", publish: true)
    let plan = try DeployPlanner(call: script.call).plan(spec)
    XCTAssertEqual(plan.reusedVersionArn, arn + ":7")
    XCTAssertFalse(plan.hasChanges)
    XCTAssertEqual(try DeployExecutor(call: script.call).apply(plan).versionArn, arn + ":7")
  }

  func testPublishFallsBackToUpdateWhenThePublishOperationIsMissing() throws {
    let script = Script()
    existing(script, definition: definition)
    script.answers[.updateStateMachine] = { input in
      XCTAssertEqual(input["publish"], true)
      return ["stateMachineVersionArn": .string(self.arn + ":1")]
    }
    let spec = DeploySpec(name: "m", definition: definition, definitionLabel: "f", roleArn: "r", publish: true)
    let plan = try DeployPlanner(call: script.call).plan(spec)
    XCTAssertTrue(plan.publishes)
    XCTAssertEqual(plan.actions, ["publish a new version"])
    XCTAssertEqual(try DeployExecutor(call: script.call).apply(plan).versionArn, arn + ":1")
    XCTAssertEqual(script.calls.map(\.0).suffix(2), [.publishStateMachineVersion, .updateStateMachine])
  }

  func testWithoutListVersionsTheNewestVersionIsFoundByNumber() throws {
    let script = Script()
    existing(script, definition: definition, versions: [1, 2, 3])
    let spec = DeploySpec(name: "m", definition: definition, definitionLabel: "f", roleArn: "r", publish: true)
    let plan = try DeployPlanner(call: script.call).plan(spec)
    XCTAssertEqual(plan.reusedVersionArn, arn + ":3")
    XCTAssertFalse(plan.hasChanges)
  }

  func testLoggingChangeIsDetectedAndSentAlone() throws {
    let script = Script()
    existing(script, definition: definition, logging: ["level": "OFF", "includeExecutionData": false, "destinations": []])
    var sent: JSON?
    script.answers[.updateStateMachine] = { input in
      sent = input
      return ["updateDate": 1]
    }
    let logging = DeploySpec.loggingConfiguration(level: "ERROR", logGroupArn: "arn:aws:logs:us-east-1:1:log-group:g:*",
                                                  includeExecutionData: true)
    let spec = DeploySpec(name: "m", definition: definition, definitionLabel: "f", roleArn: "r", logging: logging)
    let plan = try DeployPlanner(call: script.call).plan(spec)
    XCTAssertEqual(plan.updates, [.logging])
    _ = try DeployExecutor(call: script.call).apply(plan)
    XCTAssertEqual(sent, ["stateMachineArn": .string(arn), "loggingConfiguration": logging])
  }

  func testTagsParse() throws {
    XCTAssertEqual(try DeploySpec.parseTags(["a=1", "b=x=y", "c="]).map { "\($0.key)|\($0.value)" }, ["a|1", "b|x=y", "c|"])
    XCTAssertThrowsError(try DeploySpec.parseTags(["novalue"]))
  }
}
