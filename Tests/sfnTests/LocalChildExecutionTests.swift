import Foundation
import XCTest

/// `sfn local` running `states:startExecution` tasks as real executions, driven by boto3.
final class LocalChildExecutionTests: XCTestCase {
  func testBoto3SeesChildExecutionsAsExecutions() throws {
    let scratch = try ScratchDirectory("sfn-local-child")
    defer { scratch.remove() }
    let cli = try AWSCLI.locate()
    let server = try LocalServerProcess(["--in-memory", "--wait-scale", "0.01"])
    let script = SFNRunner.packageRoot.appendingPathComponent("Tests/sfnTests/Fixtures/local/boto3_child_executions.py")
    let result = SFNRunner.run(cli.python, [script.path, server.endpoint], env: server.environment(scratch: scratch.url),
                               timeout: 300)
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.hasSuffix("done\n"), result.stdout + result.stderr)
  }
}
