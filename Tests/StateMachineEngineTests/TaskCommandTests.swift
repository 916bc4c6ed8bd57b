import XCTest
import SFNKit
@testable import StateMachineEngine

final class TaskCommandTests: XCTestCase {
  private func run(_ command: String, parameters: JSON = ["name": "Ada"], timeout: Int? = nil,
                   token: String? = nil, resource: String = "arn:aws:states:::sqs:sendMessage") throws -> TaskOutcome? {
    let source = try CommandTaskSource(options: [TaskCommandOption(stateName: "Work", command: command)],
                                       environment: ["PATH": "/usr/bin:/bin", "GREETING": "Hello"])
    let task = TaskInvocation(executionArn: "arn:aws:states:us-east-1:1:execution:m:e", stateName: "Work",
                              resource: resource, parameters: parameters, taskToken: token,
                              timeoutSeconds: timeout, attempt: 2)
    return try source.outcome(for: task)
  }

  func testParsesTheOption() throws {
    XCTAssertEqual(try TaskCommandOption(parsing: "Greet=jq -c '{a: (.x == 1)}'"),
                   TaskCommandOption(stateName: "Greet", command: "jq -c '{a: (.x == 1)}'"))
    for bad in ["Greet", "=cmd", "Greet=", "Greet=  "] {
      XCTAssertThrowsError(try TaskCommandOption(parsing: bad)) { error in
        XCTAssertEqual((error as? TaskOptionError)?.kind, .usage, bad)
      }
    }
    XCTAssertThrowsError(try CommandTaskSource(options: [TaskCommandOption(stateName: "A", command: "x"),
                                                         TaskCommandOption(stateName: "A", command: "y")],
                                               environment: [:])) { error in
      XCTAssertEqual("\(error)", "--task names state 'A' twice: give each state one command")
    }
  }

  func testStdinIsTheParametersAndStdoutTheResult() throws {
    XCTAssertEqual(try run("read line; printf '{\"got\": %s, \"env\": \"%s %s %s\"}' \"$line\" \"$GREETING\" "
                             + "\"$SFN_STATE_NAME\" \"$SFN_RETRY_COUNT\""),
                   .succeeded(["got": ["name": "Ada"], "env": "Hello Work 2"]))
    XCTAssertEqual(try run("cat >/dev/null; echo '[1, 2.5, \"x\"]'"), .succeeded([1, 2.5, "x"]))
    XCTAssertEqual(try run("cat >/dev/null; echo \"$SFN_TASK_TOKEN\" | sed 's/.*/\"&\"/'", token: "tok-1"),
                   .succeeded("tok-1"))
  }

  func testEmptyStdoutIsAnEmptyObject() throws {
    XCTAssertEqual(try run("cat >/dev/null; echo working >&2"), .succeeded([:]))
  }

  func testUnmappedStateIsDeclined() throws {
    let source = try CommandTaskSource(options: [], environment: [:])
    XCTAssertNil(try source.outcome(for: TaskInvocation(executionArn: "e", stateName: "Other", resource: "r",
                                                        parameters: [:])))
  }

  func testNonZeroExitIsTaskFailedNamingCommandAndStatus() throws {
    XCTAssertEqual(try run("echo 'no such order' >&2; exit 3"),
                   .failed(StatesError("States.TaskFailed", cause: "The command for state 'Work' "
                                         + "(echo 'no such order' >&2; exit 3) exited with status 3: no such order")))
    XCTAssertEqual(try run("exit 1"), .failed(StatesError("States.TaskFailed",
                                                          cause: "The command for state 'Work' (exit 1) exited "
                                                            + "with status 1")))
    XCTAssertEqual(try run("kill -9 $$"), .failed(StatesError("States.TaskFailed", cause: "The command for state "
                                                                + "'Work' (kill -9 $$) was killed by signal 9")))
  }

  func testPrintedErrorAndCauseAreTheFailure() throws {
    XCTAssertEqual(try run("echo '{\"error\": \"Order.NotFound\", \"cause\": \"order 7\"}'; exit 2"),
                   .failed(StatesError("Order.NotFound", cause: "order 7")))
    XCTAssertEqual(try run("echo '{\"Error\": \"Custom\"}'; exit 1"), .failed(StatesError("Custom")))
  }

  func testInvalidJSONIsAFailureWithAClearCause() throws {
    guard case .failed(let error)? = try run("echo 'hello world'") else { return XCTFail("expected a failure") }
    XCTAssertEqual(error.error, "States.TaskFailed")
    XCTAssertEqual(error.cause, "The command for state 'Work' (echo 'hello world') printed output that is not JSON "
                     + "(line 1, column 1: unexpected character 'h', expected a value): "
                     + "hello world")
  }

  func testTimeoutStopsTheCommand() throws {
    let started = Date()
    XCTAssertEqual(try run("sleep 20", timeout: 1), .failed(StatesError("States.Timeout")))
    XCTAssertLessThan(Date().timeIntervalSince(started), 10)
  }

  func testOutputOverTheLimitIsDataLimitExceeded() throws {
    let outcome = try run("cat >/dev/null; head -c 300000 /dev/zero | tr '\\0' 'a' | sed 's/.*/\"&\"/'")
    XCTAssertEqual(outcome, .failed(StatesError("States.DataLimitExceeded", cause: "The state/task "
                                                  + "'arn:aws:states:::sqs:sendMessage' returned a result with a size "
                                                  + "exceeding the maximum number of bytes service limit.")))
  }

  func testCommandPlaysTheFunctionOfALambdaInvokeTask() throws {
    let invoke = "arn:aws:states:::lambda:invoke"
    let function = "arn:aws:lambda:us-east-1:1:function:greet"
    let parameters: JSON = ["FunctionName": .string(function), "Payload": ["name": "Ada"]]
    XCTAssertEqual(try run("read event; printf '{\"event\": %s, \"fn\": \"%s\"}' \"$event\" \"$SFN_FUNCTION_NAME\"",
                           parameters: parameters, resource: invoke),
                   .succeeded(["ExecutedVersion": "$LATEST", "StatusCode": 200,
                               "Payload": ["event": ["name": "Ada"], "fn": .string(function)]]))
    XCTAssertEqual(try run("cat", parameters: ["FunctionName": "f"], resource: invoke),
                   .succeeded(["ExecutedVersion": "$LATEST", "StatusCode": 200, "Payload": [:]]))
    // A callback's result is what the callback sends: no Invoke envelope.
    XCTAssertEqual(try run("cat", parameters: parameters, token: "t", resource: invoke + ".waitForTaskToken"),
                   .succeeded(parameters))
  }

  func testLambdaStyleErrorsNameTheErrorAndAreTheCause() throws {
    let printed = "{\"errorMessage\":\"no stock\",\"errorType\":\"OutOfStock\"}"
    XCTAssertEqual(try run("echo '\(printed)'; exit 1", resource: "arn:aws:states:::lambda:invoke"),
                   .failed(StatesError("OutOfStock", cause: printed)))
  }
}
