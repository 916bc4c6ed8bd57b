import Foundation
import StateMachineEngine
import StateMachineTesting
import XCTest

@testable import SFNKit
@testable import StepFunctionsServer

/// The recorded corpus as test files, run state by state through TestState on the `sfn local` server (its
/// protocol layer, in process): every case whose expectations can be checked that way gets its offline verdict.
final class RemoteCorpusTests: XCTestCase {
  /// Calls the server's protocol layer as a client would, from a thread that may block.
  private static func caller(_ server: LocalServer) -> RemoteCaseRunner.Call {
    { operation, input in
      let request = APIRequest(method: "POST", path: "/", headers: [
        "x-amz-target": "AWSStepFunctions.\(operation.rawValue)", "content-type": "application/x-amz-json-1.0",
      ], body: Array(JSONWriter.compact.string(input).utf8))
      let box = ResponseBox()
      let done = DispatchSemaphore(value: 0)
      Task {
        box.response = await server.dispatcher.respond(to: request)
        done.signal()
      }
      done.wait()
      let body = try JSONParser.parse(bytes: box.response!.body)
      guard box.response!.status == 200 else {
        throw ServiceError(code: body["__type"]?.stringValue?.components(separatedBy: "#").last ?? "",
                           message: body["message"]?.stringValue ?? "", status: box.response!.status)
      }
      return body
    }
  }

  /// Definitions AWS ran but sfn's definition check refuses (JSONata-looking string literals in a JSONPath state's
  /// Assign), so sfn local's TestState answers InvalidDefinition as its CreateStateMachine does.
  static let refused = ["assign.assign_base.base_cases.BASE_CONSTANT_LITERALS.test.json",
                        "assign.assign_base.base_cases.BASE_VAR.test.json"]

  func testCorpusGetsItsOfflineVerdictsThroughTestState() throws {
    let files = try CorpusTestFiles.write(from: RecordedCorpusTests.cases, excluding: RecordedCorpusTests.exceptions)
    let suites = try files.map { try TestFileReader().read($0) }
    let server = try LocalServer(configuration: ServerConfiguration(location: .memory))
    let offline = TestReport(suites: try TestSession().run(suites)).cases
    let runner = RemoteCaseRunner(call: Self.caller(server), roleArn: "arn:aws:iam::123456789012:role/test")
    let remote = TestReport(suites: try TestSession(remote: runner).run(suites)).cases
    XCTAssertEqual(remote.count, offline.count)
    var differing: [String] = []
    for (o, r) in zip(offline, remote) where !r.unchecked && r.passed != o.passed && !Self.refused.contains(where: o.file.hasSuffix) {
      differing.append("\(o.file): offline \(o.passed ? "passes" : "fails"), remote \(r.failures) "
                         + "\(r.run.error ?? "") \(r.run.cause ?? "")")
    }
    let checked = remote.filter { !$0.unchecked }.count
    XCTAssertGreaterThan(checked, 450, "cases checked remotely")
    XCTAssertTrue(differing.isEmpty, "\(differing.count) differ:\n" + differing.prefix(25).joined(separator: "\n"))
  }
}

/// The response handed from the server's task to the waiting caller.
private final class ResponseBox: @unchecked Sendable {
  var response: APIResponse?
}
