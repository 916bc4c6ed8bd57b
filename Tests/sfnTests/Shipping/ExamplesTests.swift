import Foundation
import XCTest
import SFNKit

/// Every state machine under examples/ passes the linter and, run on `sfn local` and on the moto peer with the
/// API-named commands, ends as its expected*.json says (status, output or error and cause, states visited);
/// docs/EXAMPLES.md's commands for `sfn local` run as written.
final class ExamplesTests: XCTestCase {
  private let examples = Shipping.root + "/examples"

  private func exampleNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: examples).filter {
      FileManager.default.fileExists(atPath: "\(examples)/\($0)/definition.asl.json")
    }.sorted()
  }

  private func json(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], path)
  }

  private func parsed(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
  }

  func testExamplesAreThereAndPassTheLinter() throws {
    let names = try exampleNames()
    XCTAssertEqual(names, ["callback-approval", "hello-world", "map-fan-out", "nested-workflow", "saga"])
    for name in names {
      let text = try String(contentsOfFile: "\(examples)/\(name)/definition.asl.json", encoding: .utf8)
      let diagnostics = ASLLinter.lint(text)
      XCTAssertTrue(ASLLinter.isValid(diagnostics), "\(name): \(diagnostics)")
      XCTAssertEqual(diagnostics.filter { $0.severity == .warning }, [], name)
    }
  }

  func testExamplesPassSfnValidate() throws {
    let files = try exampleNames().map { "examples/\($0)/definition.asl.json" }
    let result = try Shipping.run([Shipping.sfnBinary, "validate"] + files, environment: Shipping.environment())
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
  }

  func testEveryExampleHasATestFileThatPasses() throws {
    for name in try exampleNames() {
      let file = "examples/\(name)/\(name).test.yaml"
      XCTAssertTrue(FileManager.default.fileExists(atPath: Shipping.root + "/" + file), file)
      let result = try Shipping.run([Shipping.sfnBinary, "test", file], environment: Shipping.environment())
      XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }
  }

  func testHelloWorld() throws { try run("hello-world") }
  func testMapFanOut() throws { try run("map-fan-out") }
  func testSagaBooksOrCompensates() throws { try run("saga") }

  /// The callback waits for a person: read the task token from the SQS message and answer with sfn.
  func testCallbackApproval() throws {
    let env = try Shipping.peer()
    let python = Peer.python
    let queue = try Shipping.run([python, Shipping.fixtures + "/sqs.py", env["SFN_PEER_ENDPOINT"]!, "create",
                                  "sfn-approvals"])
    XCTAssertEqual(queue.status, 0, queue.stderr)
    try run("callback-approval", peer: env) { executionArn in
      let message = try Shipping.run([python, Shipping.fixtures + "/sqs.py", env["SFN_PEER_ENDPOINT"]!, "receive",
                                      "sfn-approvals"], timeout: 60)
      XCTAssertEqual(message.status, 0, message.stderr)
      let body = try XCTUnwrap(try self.parsed(message.stdout) as? [String: Any])
      let token = try XCTUnwrap(body["taskToken"] as? String)
      XCTAssertEqual(body["request"] as? NSDictionary,
                     try self.json("\(self.examples)/callback-approval/input.json") as NSDictionary)
      XCTAssertEqual(try Shipping.sfnText(["describe-execution", "--execution-arn", executionArn, "--query", "status"],
                                          environment: Shipping.environment(env)), "RUNNING")
      _ = try Shipping.sfnText(["send-task-success", "--task-token", token, "--task-output",
                                "file://examples/callback-approval/answer.json"], environment: Shipping.environment(env))
    }
  }

  /// The examples on `sfn local`, with the expectations they have on the peer. The callback is answered by the
  /// example's Step Functions Local mock configuration, its case chosen with `ARN#CASE`.
  func testExamplesOnSfnLocal() throws {
    let mocks = "\(examples)/callback-approval/mock-config.json"
    let server = try LocalServerProcess(["--in-memory", "--mock-config", mocks])
    let env = ["AWS_ENDPOINT_URL": server.endpoint, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "local",
               "AWS_SECRET_ACCESS_KEY": "local"]
    for name in ["hello-world", "map-fan-out", "saga"] { try run(name, peer: env) }
    try run("callback-approval", peer: env, machineName: "callback-approval", testCase: "Approved")
  }

  /// docs/EXAMPLES.md's section on `sfn local`, its blocks run in one shell as a reader would (on a free port).
  func testExamplesDocumentRunsOnSfnLocal() throws {
    let text = try String(contentsOfFile: Shipping.root + "/docs/EXAMPLES.md", encoding: .utf8)
    let start = try XCTUnwrap(text.range(of: "## Run one on `sfn local`"))
    let end = try XCTUnwrap(text.range(of: "\n## ", range: start.upperBound..<text.endIndex))
    let blocks = ReadmeTests.blocks(in: String(text[start.lowerBound..<end.lowerBound]))
    XCTAssertEqual(blocks.count, 3)
    XCTAssertTrue(blocks[0].script.hasPrefix("sfn local "), blocks[0].script)
    let port = try Self.freePort()
    let script = blocks.map(\.script).joined(separator: "\n").replacing("8093", with: String(port))
    // Whatever fails, the server the script started goes too.
    let result = try Shipping.bash("trap '[ -z \"${server:-}\" ] || kill \"$server\" 2>/dev/null || true' EXIT\n" + script,
                                   environment: Shipping.environment())
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.contains("Hello, Ada!"), result.stdout)
    XCTAssertTrue(result.stdout.contains("BookingFailed"), result.stdout)
    XCTAssertTrue(result.stdout.contains("CancelFlight"), result.stdout)
  }

  /// A TCP port nothing listens on now (the kernel's pick for port 0).
  private static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard fd >= 0, bound else { throw NSError(domain: "freePort", code: Int(errno)) }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Creates the example's machine, runs each input*.json and checks it against the matching expected*.json;
  /// `testCase` starts each execution as `ARN#CASE` (a mock configuration's test case on `sfn local`).
  private func run(_ name: String, peer: [String: String]? = nil, machineName: String? = nil, testCase: String? = nil,
                   whileRunning: ((String) throws -> Void)? = nil) throws {
    let env = Shipping.environment(try peer ?? Shipping.peer())
    let dir = "\(examples)/\(name)"
    let suffix = UUID().uuidString.prefix(8).lowercased()
    let created = try Shipping.sfnText(["create-state-machine", "--name", machineName ?? "example-\(name)-\(suffix)",
      "--definition", "file://examples/\(name)/definition.asl.json", "--role-arn", "arn:aws:iam::123456789012:role/sfn",
      "--query", "stateMachineArn"], environment: env)
    let machine = testCase.map { created + "#" + $0 } ?? created
    let inputs = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("input") }.sorted()
    XCTAssertFalse(inputs.isEmpty)
    for input in inputs {
      let expected = try json("\(dir)/" + input.replacingOccurrences(of: "input", with: "expected"))
      let execution = try Shipping.sfnText(["start-execution", "--state-machine-arn", machine, "--name",
        "run-\(UUID().uuidString.prefix(8))", "--input", "file://examples/\(name)/\(input)", "--query", "executionArn"],
        environment: env)
      try whileRunning?(execution)
      let result = try finished(execution, environment: env)
      let label = "\(name)/\(input)"
      XCTAssertEqual(result["status"] as? String, expected["status"] as? String, "\(label): \(result)")
      if let output = expected["output"] {
        let actual = try parsed(try XCTUnwrap(result["output"] as? String, label))
        XCTAssertEqual(actual as? NSObject, output as? NSObject, label)
      }
      for key in ["error", "cause"] where expected[key] != nil {
        XCTAssertEqual(result[key] as? String, expected[key] as? String, label)
      }
      if let visited = expected["visited"] as? [String] {
        let entered = try parsed(try Shipping.sfnText(["get-execution-history", "--execution-arn", execution, "--query",
          "events[].stateEnteredEventDetails.name", "--output", "json"], environment: env)) as? [String] ?? []
        var remaining = visited[...]
        for state in entered where state == remaining.first { remaining = remaining.dropFirst() }
        XCTAssertTrue(remaining.isEmpty, "\(label): states \(visited) not entered in order; entered \(entered)")
      }
    }
  }

  /// Polls describe-execution until the execution leaves RUNNING (at most 60 s).
  private func finished(_ execution: String, environment: [String: String]) throws -> [String: Any] {
    let deadline = Date().addingTimeInterval(60)
    while true {
      let r = try Shipping.run([Shipping.sfnBinary, "describe-execution", "--execution-arn", execution, "--output",
                                "json"], environment: environment)
      XCTAssertEqual(r.status, 0, r.stderr)
      let description = try XCTUnwrap(try parsed(r.stdout) as? [String: Any])
      if description["status"] as? String != "RUNNING" || Date() > deadline { return description }
      usleep(200_000)
    }
  }
}
