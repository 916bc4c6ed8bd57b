import Foundation
import SFNKit
import XCTest

@testable import sfn

/// What a command takes from the runtime rather than from the process: Ctrl-C, the activity worker's stop
/// signal, and the files the error format and `sfn test --init` read and write. In-process, so each test hands
/// the command a runtime no other test shares.
final class RuntimeInjectionTests: XCTestCase {
  private let activity = "arn:aws:states:us-east-1:123456789012:activity:jobs"

  private func environment() -> [String: String] {
    var env = InProcessSFN.environment()
    env["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
    env["AWS_SECRET_ACCESS_KEY"] = "secret"
    env["AWS_REGION"] = "us-east-1"
    return env
  }

  func testTheRuntimesInterruptCancelsTheRequestAndTheCommandExits130() {
    // libcurl's transport, as the real runtime builds it: the request is abandoned before it connects.
    let runtime = Runtime.test(environment: environment())
    runtime.interrupt.raise()
    let r = InProcessSFN.run(["list-activities", "--endpoint-url", "http://127.0.0.1:9"], in: runtime)
    XCTAssertEqual(r.status, 130, r.stderr)
    XCTAssertEqual(r.stderr, "sfn: interrupted\n")
    XCTAssertFalse(Interrupt.process.requested, "the process's flag is not the one raised")
  }

  func testAnotherRuntimesInterruptLeavesTheCommandAlone() {
    let transport = RecordingTransport()
    transport.on("ListActivities") { _ in .ok(["activities": []]) }
    Runtime.test(environment: environment(), transport: RecordingTransport()).interrupt.raise()
    let r = InProcessSFN.run(["list-activities", "--output", "json"],
                             in: .test(environment: environment(), transport: transport))
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(transport.operations, ["ListActivities"])
  }

  func testAWorkerWhoseStopWasRequestedPollsNoTask() {
    let stop = StopSignal()
    stop.raise()
    let transport = RecordingTransport()
    let r = InProcessSFN.run(["activity", "worker", activity, "--", "cat"],
                             in: .test(environment: environment(), transport: transport, stop: stop))
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(transport.operations, [], "a stopped worker takes no task")
  }

  func testAWorkerNotStoppedAnswersItsTask() throws {
    let transport = RecordingTransport()
    transport.queue("GetActivityTask", .ok(["taskToken": "token-1", "input": #"{"n": 1}"#]))
    transport.on("SendTaskSuccess") { _ in .ok([:]) }
    let r = InProcessSFN.run(["activity", "worker", activity, "--max-tasks", "1", "--", "cat"],
                             in: .test(environment: environment(), transport: transport, stop: StopSignal()))
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(transport.operations, ["GetActivityTask", "SendTaskSuccess"])
    let answer = try XCTUnwrap(transport.calls.last?.body)
    XCTAssertEqual(answer["taskToken"], "token-1")
    XCTAssertEqual(try JSONParser.parse(XCTUnwrap(answer["output"]?.stringValue)), ["n": 1])
  }

  func testTheProfilesErrorFormatIsReadThroughTheRuntimesFiles() throws {
    // A HOME that does not exist on disk: only the runtime's file system has its config file.
    let home = "/nonexistent-home-\(UUID().uuidString)"
    var runtime = Runtime.test(environment: InProcessSFN.environment(home: home), transport: RecordingTransport())
    runtime.files = InMemoryFileSystem([home + "/.aws/config": "[default]\nsfn_error_format = json\n"])
    let r = InProcessSFN.run(["describe-execution"], in: runtime)
    XCTAssertEqual(r.status, 64, r.stderr)
    let error = try JSONParser.parse(r.stderr.trimmingCharacters(in: .newlines))
    XCTAssertEqual(error["code"], "UsageError", r.stderr)
    XCTAssertEqual(error["exitCode"], 64)
  }

  func testTestInitReadsAndWritesThroughTheRuntimesFiles() throws {
    let files = InMemoryFileSystem([
      "flow.asl.json": #"{"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
    ])
    var runtime = Runtime.test(environment: environment(), transport: RecordingTransport())
    runtime.files = files
    let r = InProcessSFN.run(["test", "--init", "flow.asl.json"], in: runtime)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stderr, "wrote flow.test.yaml\n")
    let template = try XCTUnwrap(files.text("flow.test.yaml"), "\(files.files.keys)")
    XCTAssertTrue(template.contains("flow.asl.json"), template)
    XCTAssertEqual(files.modes["flow.test.yaml"], 0o644)

    var again = Runtime.test(environment: environment(), transport: RecordingTransport())
    again.files = files
    let second = InProcessSFN.run(["test", "--init", "flow.asl.json"], in: again)
    XCTAssertEqual(second.status, 64, second.stderr)
    XCTAssertEqual(second.stderr, "sfn: flow.test.yaml already exists: remove it or edit it\n")
  }

  func testTestFilesAreReadThroughTheRuntimesFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-files-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // On disk an empty file, which the directory listing finds; what is read comes from the runtime's files.
    XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/pass.test.yaml", contents: Data()))
    let files = InMemoryFileSystem([
      dir + "/pass.test.yaml": """
        definition: pass.asl.json
        cases:
          - name: passes its input on
            input: {a: 1}
            expect: {status: SUCCEEDED, output: {a: 1}}

        """,
      dir + "/pass.asl.json": #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    ])
    var runtime = Runtime.test(environment: environment(), transport: RecordingTransport())
    runtime.files = files
    let r = InProcessSFN.run(["test", dir], in: runtime)
    XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
    XCTAssertTrue(r.stdout.contains("passes its input on"), r.stdout)

    files.files[dir + "/pass.test.yaml"] = [0x63, 0x61, 0x73, 0x65, 0x73, 0x3a, 0xff, 0x0a]
    var again = Runtime.test(environment: environment(), transport: RecordingTransport())
    again.files = files
    let bad = InProcessSFN.run(["test", dir], in: again)
    XCTAssertEqual(bad.status, 65, bad.stderr)
    XCTAssertEqual(bad.stderr, "sfn: \(dir)/pass.test.yaml: not valid UTF-8 text\n")
  }
}
