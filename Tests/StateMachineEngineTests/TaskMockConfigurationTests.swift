import XCTest
import SFNKit
@testable import StateMachineEngine

final class TaskMockConfigurationTests: XCTestCase {
  private let documented = """
    {
      "StateMachines": {
        "LambdaSQSIntegration": {
          "TestCases": {
            "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"},
            "RetryPath": {"LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess"}
          }
        }
      },
      "MockedResponses": {
        "MockedLambdaSuccess": {"0": {"Return": {"StatusCode": 200, "Payload": {"body": "Hello"}}}},
        "MockedSQSSuccess": {"0": {"Return": {"MessageId": "m-1"}}},
        "MockedLambdaRetry": {
          "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}},
          "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
          "3": {"Return": {"StatusCode": 200}}
        }
      }
    }
    """

  private func invocation(_ state: String, execution: String = "arn:exec:1", attempt: Int = 0) -> TaskInvocation {
    TaskInvocation(executionArn: execution, stateName: state, resource: "arn:aws:states:::lambda:invoke",
                   parameters: ["x": 1], attempt: attempt)
  }

  private func parseError(_ text: String, file: String = "mock.json") -> MockConfigurationError? {
    do {
      _ = try MockConfiguration.parse(text, file: file)
      return nil
    } catch let error as MockConfigurationError {
      return error
    } catch {
      XCTFail("unexpected error \(error)")
      return nil
    }
  }

  func testParsesTheDocumentedExample() throws {
    let config = try MockConfiguration.parse(documented)
    XCTAssertEqual(config.stateMachines.map(\.name), ["LambdaSQSIntegration"])
    XCTAssertEqual(config.stateMachines[0].testCases.map(\.name), ["HappyPath", "RetryPath"])
    let retry = try XCTUnwrap(config.responses["MockedLambdaRetry"])
    XCTAssertEqual(retry.invocationCount, 4)
    XCTAssertEqual(retry.ranges.map(\.invocations), [0...0, 1...2, 3...3])
    XCTAssertEqual(retry.step(forInvocation: 2), .throw(StatesError("Lambda.TimeoutException",
                                                                      cause: "Lambda timed out.")))
    XCTAssertEqual(retry.step(forInvocation: 3), .return(["StatusCode": 200]))
    XCTAssertNil(retry.step(forInvocation: 4))
  }

  func testRetriesConsumeConsecutiveResponsesPerState() throws {
    let testCase = try MockConfiguration.parse(documented).testCase(stateMachine: "LambdaSQSIntegration",
                                                                    testCase: "RetryPath")
    let handler = CompositeTaskHandler([MockTaskSource(testCase: testCase)])
    XCTAssertEqual(try handler.start(invocation("LambdaState")),
                   .failed(StatesError("Lambda.ResourceNotReadyException", cause: "Lambda resource is not ready.")))
    XCTAssertEqual(try handler.start(invocation("SQSState")), .succeeded(["MessageId": "m-1"]))
    XCTAssertEqual(try handler.start(invocation("LambdaState", attempt: 1)),
                   .failed(StatesError("Lambda.TimeoutException", cause: "Lambda timed out.")))
    XCTAssertEqual(try handler.start(invocation("LambdaState", attempt: 2)),
                   .failed(StatesError("Lambda.TimeoutException", cause: "Lambda timed out.")))
    XCTAssertEqual(try handler.start(invocation("LambdaState", attempt: 3)), .succeeded(["StatusCode": 200]))
    XCTAssertThrowsError(try handler.start(invocation("LambdaState", attempt: 4))) { error in
      XCTAssertEqual(error as? StatesError, .runtime(
        "The mock configuration has no response for invocation 4 of state 'LambdaState': mocked response "
          + "'MockedLambdaRetry' (test case 'RetryPath') defines invocations 0-3 only"))
    }
  }

  func testCountsAreKeptPerExecutionAndCanBeRestored() throws {
    let testCase = try MockConfiguration.parse(documented).testCase(stateMachine: "LambdaSQSIntegration",
                                                                    testCase: "RetryPath")
    let source = MockTaskSource(testCase: testCase)
    _ = try source.outcome(for: invocation("LambdaState", execution: "a"))
    XCTAssertEqual(try source.outcome(for: invocation("LambdaState", execution: "b")),
                   .failed(StatesError("Lambda.ResourceNotReadyException", cause: "Lambda resource is not ready.")))
    let restored = MockTaskSource(testCase: testCase, invocationCounts: source.invocationCounts)
    XCTAssertEqual(try restored.outcome(for: invocation("LambdaState", execution: "a")),
                   .failed(StatesError("Lambda.TimeoutException", cause: "Lambda timed out.")))
  }

  func testUnmockedStateFallsThroughAndNothingAnsweringIsARuntimeError() throws {
    let testCase = try MockConfiguration.parse(documented).testCase(stateMachine: "LambdaSQSIntegration",
                                                                    testCase: "HappyPath")
    let source = MockTaskSource(testCase: testCase)
    XCTAssertNil(try source.outcome(for: invocation("Other")))
    XCTAssertThrowsError(try CompositeTaskHandler([source]).start(invocation("Other"))) { error in
      let statesError = error as? StatesError
      XCTAssertEqual(statesError?.error, "States.Runtime")
      XCTAssertEqual(statesError?.cause, "Nothing runs Task state 'Other' (resource arn:aws:states:::lambda:invoke) "
                       + "offline: give it a mocked response in the mock configuration's test case, or a command "
                       + "with --task 'Other=COMMAND'")
    }
  }

  func testSelectionRules() throws {
    let single = try MockConfiguration.parse(documented)
    XCTAssertEqual(try single.testCase(stateMachine: "any-name", testCase: "HappyPath").name, "HappyPath")
    XCTAssertThrowsError(try single.testCase(stateMachine: "x", testCase: nil)) { error in
      XCTAssertEqual((error as? MockSelectionError)?.kind, .usage)
      XCTAssertEqual("\(error)", "state machine 'LambdaSQSIntegration' has 2 test cases in the mock configuration "
                       + "('HappyPath', 'RetryPath'): choose one with --test-case")
    }
    XCTAssertThrowsError(try single.testCase(stateMachine: "x", testCase: "Nope")) { error in
      XCTAssertEqual("\(error)", "state machine 'LambdaSQSIntegration' has no test case 'Nope' in the mock "
                       + "configuration (it has 'HappyPath', 'RetryPath')")
    }
    let two = try MockConfiguration.parse("""
      {"StateMachines": {"A": {"TestCases": {"Only": {}}}, "B": {"TestCases": {"Only": {}}}}, "MockedResponses": {}}
      """)
    XCTAssertEqual(try two.testCase(stateMachine: "B", testCase: nil).stateMachine, "B")
    XCTAssertThrowsError(try two.testCase(stateMachine: "C", testCase: nil)) { error in
      XCTAssertEqual("\(error)", "the mock configuration has no state machine named 'C' (it has 'A', 'B'): "
                       + "name the run with --name")
    }
    XCTAssertEqual(MockConfiguration.splitTestCase("arn:aws:states:us-east-1:1:stateMachine:M#Happy").testCase,
                   "Happy")
    XCTAssertEqual(MockConfiguration.splitTestCase("arn:aws:states:us-east-1:1:stateMachine:M").testCase, nil)
  }

  func testTestCaseFromAStateMachineArnAsStepFunctionsLocalReadsIt() throws {
    let config = try MockConfiguration.parse("""
      {"StateMachines": {"A": {"TestCases": {"One": {}, "Two": {}}}, "B": {"TestCases": {"One": {}}}},
       "MockedResponses": {}}
      """)
    let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:"
    XCTAssertNil(try config.testCase(forStateMachineArn: arn + "A"))
    XCTAssertEqual(try config.testCase(forStateMachineArn: arn + "A#Two").map { [$0.stateMachine, $0.name] },
                   ["A", "Two"])
    XCTAssertEqual(try config.testCase(forStateMachineArn: arn + "B:prod#One")?.stateMachine, "B")
    XCTAssertThrowsError(try config.testCase(forStateMachineArn: arn + "A#Three"))
  }

  func testMismatchWithTheDefinitionsTaskStates() throws {
    let testCase = try MockConfiguration.parse(documented).testCase(stateMachine: "x", testCase: "HappyPath")
    XCTAssertNil(testCase.mismatch(taskStates: ["LambdaState", "SQSState", "Other"]))
    XCTAssertEqual(testCase.mismatch(taskStates: ["LambdaState", "SQSStep"]), "test case 'HappyPath' of state "
                     + "machine 'LambdaSQSIntegration' mocks 'SQSState', which is not a Task state of the definition "
                     + "(its Task states: 'LambdaState', 'SQSStep')")
    XCTAssertEqual(testCase.mismatch(taskStates: []), "test case 'HappyPath' of state machine "
                     + "'LambdaSQSIntegration' mocks 'LambdaState', 'SQSState', which are not Task states of the "
                     + "definition (it has none)")
  }

  func testInvocationKeys() {
    XCTAssertEqual(MockConfigurationReader.invocationRange("0"), 0...0)
    XCTAssertEqual(MockConfigurationReader.invocationRange("1-2"), 1...2)
    XCTAssertEqual(MockConfigurationReader.invocationRange("4-4"), 4...4)
    for bad in ["", "-1", "2-1", "1-", "a", "1-2-3", " 1", "+1"] {
      XCTAssertNil(MockConfigurationReader.invocationRange(bad), bad)
    }
  }

  func testErrorsAreLocated() {
    XCTAssertEqual(parseError("{\"StateMachines\": {}, ")?.description,
                   "mock.json:1:23: not valid JSON: unexpected end of input in object")
    XCTAssertEqual(parseError("[]")?.description, "mock.json:1:1: the mock configuration must be a JSON object, "
                     + "not array")
    XCTAssertEqual(parseError("{\"StateMachines\": {}}")?.message,
                   "$ is missing the required field 'MockedResponses'")
    XCTAssertEqual(parseError("{\"StateMachines\": {}, \"MockedResponses\": {}, \"Extra\": 1}")?.description,
                   "mock.json:1:46: $.Extra is not a field of the mock configuration format here (expected "
                     + "'StateMachines' or 'MockedResponses')")
    let unknownResponse = """
      {"StateMachines": {"M": {"TestCases": {"C": {"S": "Missing"}}}},
       "MockedResponses": {"R": {"0": {"Return": 1}}}}
      """
    XCTAssertEqual(parseError(unknownResponse)?.description, "mock.json:1:51: $.StateMachines.M.TestCases.C.S "
                     + "names 'Missing', which is not in MockedResponses (it has 'R')")
    XCTAssertEqual(parseError("{\"StateMachines\": {\"M\": {\"TestCases\": {\"C\": {\"S\": 3}}}}, "
                                + "\"MockedResponses\": {}}")?.message,
                   "$.StateMachines.M.TestCases.C.S must be the name of a mocked response (a string), not number")
  }

  func testResponseStepErrors() {
    func message(_ responses: String) -> String? {
      parseError("{\"StateMachines\": {}, \"MockedResponses\": {\"R\": \(responses)}}")?.message
    }
    XCTAssertEqual(message("{}"), "$.MockedResponses.R has no responses: give at least \"0\" with a Return or a Throw")
    XCTAssertEqual(message("{\"first\": {\"Return\": 1}}"), "$.MockedResponses.R.first: 'first' is not an "
                     + "invocation number (\"0\") or an inclusive range (\"1-2\")")
    XCTAssertEqual(message("{\"0\": {\"Return\": 1}, \"2\": {\"Return\": 2}}"),
                   "$.MockedResponses.R: '2' leaves invocation 1 without a response; keys must cover 0, 1, 2, ... "
                     + "in order")
    XCTAssertEqual(message("{\"0\": {\"Return\": 1}, \"3\": {\"Return\": 2}}"),
                   "$.MockedResponses.R: '3' leaves invocations 1-2 without a response; keys must cover 0, 1, 2, "
                     + "... in order")
    XCTAssertEqual(message("{\"1-3\": {\"Return\": 1}}"),
                   "$.MockedResponses.R: '1-3' leaves invocation 0 without a response; keys must cover 0, 1, 2, ... "
                     + "in order")
    XCTAssertEqual(message("{\"0-2\": {\"Return\": 1}, \"1\": {\"Return\": 2}}"),
                   "$.MockedResponses.R: '1' overlaps invocation 1, which an earlier key already covers")
    XCTAssertEqual(message("{\"0\": {\"Return\": 1, \"Throw\": {\"Error\": \"E\"}}}"),
                   "$.MockedResponses.R['0'] has both Return and Throw: an invocation either returns or throws")
    XCTAssertEqual(message("{\"0\": {}}"), "$.MockedResponses.R['0'] needs a Return (the task's result) or a Throw "
                     + "({\"Error\": ..., \"Cause\": ...})")
    XCTAssertEqual(message("{\"0\": {\"Throw\": {\"Cause\": \"c\"}}}"),
                   "$.MockedResponses.R['0'].Throw is missing the required field 'Error'")
    XCTAssertEqual(message("{\"0\": {\"Throw\": {\"Error\": 1}}}"),
                   "$.MockedResponses.R['0'].Throw.Error must be a string, not number")
    XCTAssertEqual(message("{\"0\": {\"Returns\": 1}}"), "$.MockedResponses.R['0'].Returns is not a field of the "
                     + "mock configuration format here (expected 'Return' or 'Throw')")
    XCTAssertEqual(parseError("{\"StateMachines\": {}, \"MockedResponses\": {\"R\": {\"0\": {\"Return\": 1}}, "
                                + "\"R\": {\"0\": {\"Return\": 2}}}}")?.message,
                   "$.MockedResponses.R: duplicate key 'R' (first at line 1, column 43)")
  }

  func testHugeRangesAreKeptAsRanges() throws {
    let config = try MockConfiguration.parse("""
      {"StateMachines": {}, "MockedResponses": {"R": {"0-999999999999": {"Return": 1}, "1000000000000": {"Return": 2}}}}
      """)
    let response = try XCTUnwrap(config.responses["R"])
    XCTAssertEqual(response.invocationCount, 1_000_000_000_001)
    XCTAssertEqual(response.step(forInvocation: 999_999_999_999), .return(1))
    XCTAssertEqual(response.step(forInvocation: 1_000_000_000_000), .return(2))
  }

  func testThrowWithoutCauseAndReturnOfAnyJSON() throws {
    let config = try MockConfiguration.parse("""
      {"StateMachines": {"M": {"TestCases": {"C": {"S": "R"}}}},
       "MockedResponses": {"R": {"0": {"Throw": {"Error": "Custom"}}, "1": {"Return": null}, "2": {"Return": [1]}}}}
      """)
    XCTAssertEqual(config.responses["R"], MockedResponse(name: "R", steps: [.throw(StatesError("Custom")),
                                                                          .return(.null), .return([1])]))
  }

  func testEveryRecordedMockConfigurationParses() throws {
    let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/aws-recorded/cases")
    let files = FileManager.default.enumerator(atPath: cases.path)?.compactMap { $0 as? String }
      .filter { $0.hasSuffix("mock-config.json") } ?? []
    XCTAssertEqual(files.count, 59)
    for file in files {
      let text = try String(contentsOf: cases.appendingPathComponent(file), encoding: .utf8)
      let config = try MockConfiguration.parse(text, file: file)
      XCTAssertEqual(try config.testCase(stateMachine: "Machine", testCase: "Case").name, "Case", file)
    }
  }

  /// A child execution's case: its own machine's, of the parent's case name, else its only one; never another
  /// machine's (the one-machine fallback is for the run's own machine only); none under an unmocked parent.
  func testChildTestCaseFollowsTheParentsCaseName() throws {
    let config = try MockConfiguration.parse("""
      {"StateMachines":{"Child":{"TestCases":{"A":{"T":"R"},"B":{"T":"R"}}},"Solo":{"TestCases":{"Only":{"T":"R"}}}},
       "MockedResponses":{"R":{"0":{"Return":{}}}}}
      """)
    XCTAssertEqual(config.childTestCase(stateMachine: "Child", parentCase: "B")?.name, "B")
    XCTAssertNil(config.childTestCase(stateMachine: "Child", parentCase: "C"))
    XCTAssertEqual(config.childTestCase(stateMachine: "Solo", parentCase: "C")?.name, "Only")
    XCTAssertNil(config.childTestCase(stateMachine: "Child", parentCase: nil))
    XCTAssertNil(config.childTestCase(stateMachine: "Other", parentCase: "A"))
    let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Child"
    XCTAssertEqual(config.childStateMachineArn(arn, parentCase: "A"), arn + "#A")
    XCTAssertEqual(config.childStateMachineArn(arn + ":prod", parentCase: "A"), arn + ":prod#A")
    XCTAssertEqual(config.childStateMachineArn(arn + "#B", parentCase: "A"), arn + "#B")
    XCTAssertEqual(config.childStateMachineArn(arn, parentCase: nil), arn)
  }
}

final class TaskExampleMocksTests: XCTestCase {
  /// The names of the Task states of a definition, in its branches and Map processors too.
  /// Task states that need an answer from outside: a task starting a child execution is answered by the child
  /// itself (`sfn run --state-machine NAME=FILE`), so it needs no mock.
  private func taskStates(_ states: JSON?) -> [String] {
    guard let states = states?.objectValue else { return [] }
    return states.flatMap { name, state -> [String] in
      let startsChild = state["Resource"]?.stringValue?.hasPrefix("arn:aws:states:::states:startExecution") == true
      var found = state["Type"] == "Task" && !startsChild ? [name] : []
      for branch in state["Branches"]?.arrayValue ?? [] { found += taskStates(branch["States"]) }
      found += taskStates((state["ItemProcessor"] ?? state["Iterator"])?["States"])
      return found
    }
  }

  func testEveryExampleWithTasksHasAMockCoveringThem() throws {
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("examples")
    let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
    var mocked: [String] = []
    for name in names {
      let folder = examples.appendingPathComponent(name)
      guard let text = try? String(contentsOf: folder.appendingPathComponent("definition.asl.json"), encoding: .utf8)
      else { continue }
      let tasks = taskStates(try JSONParser.parse(text)["States"])
      if tasks.isEmpty { continue }
      let mockText = try String(contentsOf: folder.appendingPathComponent("mock-config.json"), encoding: .utf8)
      // As `sfn run examples/X/definition.asl.json --mock-config examples/X/mock-config.json` selects it.
      let testCase = try MockConfiguration.parse(mockText, file: "\(name)/mock-config.json")
        .testCase(stateMachine: "definition.asl", testCase: nil)
      XCTAssertEqual(Set(testCase.states.keys), Set(tasks), name)
      mocked.append(name)
    }
    XCTAssertEqual(mocked, ["callback-approval"])
  }

  func testTheApprovalMockAnswersWithTheRecordedAnswer() throws {
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("examples/callback-approval")
    let answer = try JSONParser.parse(try String(contentsOf: examples.appendingPathComponent("answer.json"),
                                                 encoding: .utf8))
    let config = try MockConfiguration.parse(try String(contentsOf: examples.appendingPathComponent(
      "mock-config.json"), encoding: .utf8))
    let handler = CompositeTaskHandler.offline(testCase: try config.testCase(stateMachine: "x", testCase: nil),
                                               commands: nil)
    XCTAssertEqual(try handler.start(TaskInvocation(executionArn: "e", stateName: "RequestApproval",
                                                    resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                                                    parameters: [:], taskToken: "t")), .succeeded(answer))
  }
}
