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

  func testASyncChildAndItsParentSurviveKillNine() throws {
    let scratch = try ScratchDirectory("sfn-local-child-restart")
    defer { scratch.remove() }
    let cli = try AWSCLI.locate()
    // The child's 3000 s Wait takes 15 s of real time: the server is killed inside it.
    let options = ["--data", scratch.url.appendingPathComponent("data").path, "--wait-scale", "0.005"]
    let script = SFNRunner.packageRoot.appendingPathComponent("Tests/sfnTests/Fixtures/local/boto3_child_restart.py")
    let server = try LocalServerProcess(options)
    let started = SFNRunner.run(cli.python, [script.path, server.endpoint, "start"],
                                env: server.environment(scratch: scratch.url), timeout: 120)
    XCTAssertEqual(started.status, 0, started.stdout + started.stderr)
    server.kill9()
    let again = try LocalServerProcess(options)
    let finished = SFNRunner.run(cli.python, [script.path, again.endpoint, "finish"],
                                 env: again.environment(scratch: scratch.url), timeout: 180)
    XCTAssertEqual(finished.status, 0, finished.stdout + finished.stderr)
    XCTAssertTrue(finished.stdout.hasSuffix("done\n"), finished.stdout + finished.stderr)
  }
}
