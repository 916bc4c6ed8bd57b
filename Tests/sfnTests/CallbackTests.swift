import Foundation
import XCTest

/// A callback task (SQS waitForTaskToken) answered with send-task-success / send-task-failure.
final class CallbackTests: XCTestCase {
  var peer: Peer!

  override func setUpWithError() throws {
    peer = try Peer.start(port: 5601)
  }

  /// Creates an SQS queue in the peer and returns (url, arn-less name) via boto3 from the peer's venv.
  private func sqs(_ script: String) -> String {
    let code = """
      import boto3, sys
      sqs = boto3.client("sqs", endpoint_url="\(peer.endpoint)", region_name="us-east-1",
                         aws_access_key_id="testing", aws_secret_access_key="testing")
      \(script)
      """
    let r = SFNRunner.run(Peer.python, ["-c", code], env: ProcessInfo.processInfo.environment)
    XCTAssertEqual(r.status, 0, r.stderr)
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private func startCallbackExecution() -> (execution: String, token: String) {
    let queue = uniqueName("q")
    let url = sqs("print(sqs.create_queue(QueueName='\(queue)')['QueueUrl'])")
    let definition = """
      {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":"\(url)","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}
      """
    let machine = peer.sfn(["create-state-machine", "--name", uniqueName("cb"), "--definition", definition,
                            "--role-arn", "arn:aws:iam::123456789012:role/r"]).object()["stateMachineArn"] as? String ?? ""
    let execution = peer.sfn(["start-execution", "--state-machine-arn", machine, "--name", "cb"]).object()["executionArn"] as? String ?? ""
    var token = ""
    for _ in 0..<50 where token.isEmpty {
      token = sqs("""
        import json
        m = sqs.receive_message(QueueUrl='\(url)', WaitTimeSeconds=1).get('Messages', [])
        print(json.loads(m[0]['Body'])['token'] if m else '')
        """)
    }
    XCTAssertFalse(token.isEmpty, "no task token arrived on the queue")
    return (execution, token)
  }

  private func finalStatus(_ execution: String) -> [String: Any] {
    for _ in 0..<100 {
      let d = peer.sfn(["describe-execution", "--execution-arn", execution]).object()
      if d["status"] as? String != "RUNNING" { return d }
      usleep(100_000)
    }
    return [:]
  }

  func testSendTaskSuccessCompletesTheExecution() throws {
    let (execution, token) = startCallbackExecution()
    let r = peer.sfn(["send-task-success", "--task-token", token, "--task-output", #"{"approved":true}"#])
    XCTAssertEqual(r.status, 0, r.stderr)
    let done = finalStatus(execution)
    XCTAssertEqual(done["status"] as? String, "SUCCEEDED")
    let output = try JSONSerialization.jsonObject(with: Data((done["output"] as? String ?? "").utf8)) as? [String: Bool]
    XCTAssertEqual(output, ["approved": true])

    let again = peer.sfn(["send-task-success", "--task-token", token, "--task-output", "{}"])
    XCTAssertEqual(again.status, 4, "a used token is rejected: \(again.stderr)")
    XCTAssertTrue(again.stderr.contains("InvalidToken"), again.stderr)
  }

  func testSendTaskFailureFailsTheExecution() {
    let (execution, token) = startCallbackExecution()
    let r = peer.sfn(["send-task-failure", "--task-token", token, "--error", "Rejected", "--cause", "no"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(finalStatus(execution)["status"] as? String, "FAILED")
  }

  func testBadTaskOutputIsRefusedBeforeSending() {
    let r = peer.sfn(["send-task-success", "--task-token", "tok", "--task-output", "{nope", "--debug"])
    XCTAssertEqual(r.status, 65)
    XCTAssertFalse(r.stderr.contains("attempt 1"), "nothing may be sent: \(r.stderr)")
  }
}
