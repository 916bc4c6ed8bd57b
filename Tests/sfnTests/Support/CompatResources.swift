import Foundation
import XCTest

/// Resources in the peer for the compatibility command lines: shared ones made once, fresh ones per use.
final class CompatResources {
  static let role = "arn:aws:iam::123456789012:role/sfn-compat"
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/compat")

  let peer: Peer
  let scratch: URL
  /// Placeholder -> value for the shared resources.
  private(set) var shared: [String: String] = [:]
  private var queueURL = ""

  init(peer: Peer, scratch: URL) throws {
    self.peer = peer
    self.scratch = scratch
    let pass = try String(contentsOf: Self.fixtures.appendingPathComponent("pass.json"), encoding: .utf8)
    let sm = try sfnValue(["create-state-machine", "--name", uniqueName("cxs"), "--definition", pass,
                           "--role-arn", Self.role, "--publish", "--tags", "key=team,value=core", "key=tier,value=1"],
                          "stateMachineArn")
    let version = try sfnValue(["describe-state-machine", "--state-machine-arn", sm + ":1"], "stateMachineArn")
    let alias = try sfnValue(["create-state-machine-alias", "--name", uniqueName("cx"), "--routing-configuration",
                              "stateMachineVersionArn=\(version),weight=100"], "stateMachineAliasArn")
    var executions: [String] = []
    for _ in 0..<3 {
      executions.append(try sfnValue(["start-execution", "--state-machine-arn", sm, "--name", uniqueName("cx")],
                                     "executionArn"))
    }
    for execution in executions { try waitUntilDone(execution) }
    let waitSM = try machine(#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#)
    let running = try sfnValue(["start-execution", "--state-machine-arn", waitSM, "--name", uniqueName("cx")], "executionArn")
    let actName = uniqueName("cx")
    let act = try sfnValue(["create-activity", "--name", actName, "--tags", "key=k,value=v"], "activityArn")
    let describeInput = scratch.appendingPathComponent("describe-input.json")
    try #"{"stateMachineArn": "\#(sm)"}"#.write(to: describeInput, atomically: true, encoding: .utf8)
    shared = ["{SM}": sm, "{SM_V1}": version, "{ALIAS}": alias, "{EXEC}": executions[0], "{WAIT_SM}": waitSM,
              "{RUNNING}": running, "{ACT}": act, "{ACT_NAME}": actName, "{ROLE}": Self.role,
              "{DIR}": Self.fixtures.path, "{TMP}": scratch.path]
  }

  /// `line` with every placeholder filled in; fresh resources are made for this use.
  func expand(_ line: String) throws -> String {
    var text = line
    for (key, value) in shared { text = text.replacingOccurrences(of: key, with: value) }
    let fresh: [(String, () throws -> String)] = [
      ("{NAME}", { uniqueName("cx") }),
      ("{NEW_SM}", { try self.machine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#) }),
      ("{NEW_ACT}", { try self.sfnValue(["create-activity", "--name", uniqueName("cx")], "activityArn") }),
      ("{NEW_RUNNING}", {
        try self.sfnValue(["start-execution", "--state-machine-arn", self.shared["{WAIT_SM}"]!, "--name", uniqueName("cx")],
                          "executionArn")
      }),
      ("{NEW_ALIAS}", {
        try self.sfnValue(["create-state-machine-alias", "--name", uniqueName("cx"), "--routing-configuration",
                           "stateMachineVersionArn=\(self.shared["{SM_V1}"]!),weight=100"], "stateMachineAliasArn")
      }),
      ("{NEW_TOKEN}", { try self.callbackToken() }),
    ]
    for (key, make) in fresh where text.contains(key) { text = text.replacingOccurrences(of: key, with: try make()) }
    return text
  }

  /// Whether `line` uses a resource made for it (its output then holds fresh names and times).
  static func usesFresh(_ line: String) -> Bool {
    ["{NAME}", "{NEW_"].contains { line.contains($0) }
  }

  private func machine(_ definition: String) throws -> String {
    try sfnValue(["create-state-machine", "--name", uniqueName("cx"), "--definition", definition, "--role-arn", Self.role],
                 "stateMachineArn")
  }

  /// The string `key` of sfn's JSON result for `args` (fails the test when the command fails).
  func sfnValue(_ args: [String], _ key: String) throws -> String {
    let r = peer.sfn(args + ["--output", "json"])
    guard r.status == 0, let value = r.object()[key] as? String else {
      XCTFail("setup `sfn \(args.joined(separator: " "))` failed: \(r.stderr)")
      throw Peer.PeerError.notStarted
    }
    return value
  }

  /// Waits until the execution has left RUNNING.
  func waitUntilDone(_ execution: String) throws {
    for _ in 0..<100 {
      if try sfnValue(["describe-execution", "--execution-arn", execution], "status") != "RUNNING" { return }
      usleep(100_000)
    }
    XCTFail("\(execution) did not finish")
  }

  /// A task token of a new execution waiting in an SQS callback Task (with a heartbeat, so heartbeats work).
  private func callbackToken() throws -> String {
    if queueURL.isEmpty { queueURL = sqs("print(sqs.create_queue(QueueName='\(uniqueName("cxq"))')['QueueUrl'])") }
    let definition = """
      {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "HeartbeatSeconds":3600,"Parameters":{"QueueUrl":"\(queueURL)","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}
      """
    let sm = try machine(definition)
    _ = try sfnValue(["start-execution", "--state-machine-arn", sm, "--name", uniqueName("cx")], "executionArn")
    for _ in 0..<30 {
      let token = sqs("""
        import json
        m = sqs.receive_message(QueueUrl='\(queueURL)', WaitTimeSeconds=1).get('Messages', [])
        if m: sqs.delete_message(QueueUrl='\(queueURL)', ReceiptHandle=m[0]['ReceiptHandle'])
        print(json.loads(m[0]['Body'])['token'] if m else '')
        """)
      if !token.isEmpty { return token }
    }
    XCTFail("no task token arrived on the queue")
    throw Peer.PeerError.notStarted
  }

  private func sqs(_ script: String) -> String {
    let code = """
      import boto3
      sqs = boto3.client("sqs", endpoint_url="\(peer.endpoint)", region_name="us-east-1",
                         aws_access_key_id="testing", aws_secret_access_key="testing")
      \(script)
      """
    let r = SFNRunner.run(Peer.python, ["-c", code], env: ProcessInfo.processInfo.environment)
    XCTAssertEqual(r.status, 0, r.stderr)
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
