import Foundation
import GRDB
import SFNJSON
import SFNKit
import StateMachineEngine

/// `states:startExecution` tasks of `sfn local`'s executions: each leaves its task pending and is handed to the
/// runner, which passes it to `ChildExecutionLauncher` after the step that asked for it.
final class ChildStartRequests: TaskSource, @unchecked Sendable {
  // Filled and drained by the runner's actor only.
  private var requests: [ChildExecutionRequest] = []
  private let mocks: MockConfiguration?
  private let parentCase: String?

  /// Requests of an execution running mock test case `parentCase` of `mocks` (its children run the same case).
  init(mocks: MockConfiguration? = nil, parentCase: String? = nil) {
    self.mocks = mocks
    self.parentCase = parentCase
  }

  /// Queues the start of the child; nil for any other resource.
  func outcome(for task: TaskInvocation) throws -> TaskOutcome? {
    guard task.classifiedResource.isStartExecution else { return nil }
    do {
      var request = try StartExecutionTask.request(for: task)
      if let mocks { request.stateMachineArn = mocks.childStateMachineArn(request.stateMachineArn, parentCase: parentCase) }
      requests.append(request)
    } catch let error as StatesError where error.error != "States.Runtime" {
      return .failed(error)
    }
    return .pending
  }

  /// The requests queued since the last call.
  func drain() -> [ChildExecutionRequest] {
    defer { requests.removeAll() }
    return requests
  }
}

/// Starts child executions through StartExecution itself (so they are executions like any other: listed, described,
/// persisted, resumed after a restart), completes their parents' tasks as AWS does, and stops `.sync` children whose
/// parent task no longer waits (the parent ended, was stopped, or timed the task out).
///
/// Which `.sync` / `.sync:2` child a parent task waits for is saved (`child_execution`), so the wait survives a
/// restart along with both executions.
actor ChildExecutionLauncher {
  private struct Link: Sendable {
    let child: String
    let parent: String
    let token: String
    let pattern: TaskResource.Pattern
  }

  private let service: ExecutionService
  private let store: Store
  private let runner: ExecutionRunner
  private let random: any RandomSource
  private var links: [String: Link] = [:]

  init(service: ExecutionService) {
    self.service = service
    store = service.context.store
    runner = service.runner
    random = service.context.random
  }

  /// Reads the saved links (at start-up, before executions resume).
  func load() async throws {
    let rows = try await store.read { db in
      try Row.fetchAll(db, sql: "SELECT child_arn, parent_arn, token, pattern FROM child_execution").map {
        ($0["child_arn"] as String, $0["parent_arn"] as String, $0["token"] as String, $0["pattern"] as String)
      }
    }
    for (child, parent, token, pattern) in rows {
      links[child] = Link(child: child, parent: parent, token: token,
                          pattern: TaskResource.Pattern(rawValue: pattern) ?? .sync)
    }
  }

  /// Starts the children `parent` asked for and answers their tasks: at once for request-response, with
  /// TaskSubmitted for `.sync`, `.sync:2` and `.waitForTaskToken`; StartExecution's errors fail the task as AWS's
  /// service integration reports them (`StepFunctions.StateMachineDoesNotExistException`, ...).
  func launch(_ requests: [ChildExecutionRequest]) async {
    for request in requests { await launch(request) }
  }

  private func launch(_ request: ChildExecutionRequest) async {
    guard let token = request.parentTaskToken else { return }
    var input = JSONObject([("stateMachineArn", .string(request.stateMachineArn)),
                            ("input", .string(JSONWriter.compact.string(request.input)))])
    if let name = request.name { input["name"] = .string(name) }
    let started: ChildExecutionStarted
    do {
      if request.pattern == .sync || request.pattern == .sync2, let finished = try await service.runExpress(.object(input)) {
        // An EXPRESS child of a `.sync` task runs synchronously on AWS (there is no execution to describe later).
        let result = Self.childResult(finished)
        let submitted = ChildExecutionStarted(executionArn: result.executionArn, startDate: result.startDate)
        await runner.recordSubmitted(request.parentExecutionArn, token: token,
                                     output: StartExecutionTask.startedOutput(submitted))
        _ = await runner.complete(token: token, with: StartExecutionTask.outcome(pattern: request.pattern, child: result))
        return
      }
      let answer = try await service.start(.object(input))
      started = ChildExecutionStarted(executionArn: answer.string("executionArn") ?? "",
                                      startDate: Date(timeIntervalSince1970: answer["startDate"]?.doubleValue ?? 0))
    } catch let error as APIError {
      _ = await runner.complete(token: token, with: .failed(integrationError(error)))
      return
    } catch {
      _ = await runner.complete(token: token, with: .failed(StatesError("States.TaskFailed", cause: "\(error)")))
      return
    }
    let output = StartExecutionTask.startedOutput(started)
    switch request.pattern {
    case .requestResponse:
      _ = await runner.complete(token: token, with: .succeeded(output))
    case .waitForTaskToken:
      await runner.recordSubmitted(request.parentExecutionArn, token: token, output: output)
    case .sync, .sync2:
      let link = Link(child: started.executionArn, parent: request.parentExecutionArn, token: token,
                      pattern: request.pattern)
      links[link.child] = link
      try? await store.write { db in
        try db.execute(sql: """
          INSERT OR REPLACE INTO child_execution (child_arn, parent_arn, token, pattern) VALUES (?, ?, ?, ?)
          """, arguments: [link.child, link.parent, link.token, link.pattern.rawValue])
      }
      await runner.recordSubmitted(request.parentExecutionArn, token: token, output: output)
      // A short child may have ended while it was being linked.
      await deliver(link.child)
    }
  }

  /// After a step of execution `arn` (or its stop): a child that ended completes its parent's task; a parent that
  /// no longer waits on a child's task stops the child (StopExecution, as AWS stops a `.sync` job).
  func settled(_ arn: String, pendingTokens: Set<String>, finished: Bool) async {
    if finished, links[arn] != nil { await deliver(arn) }
    for link in Array(links.values) where link.parent == arn && !pendingTokens.contains(link.token) {
      await forget(link)
      _ = try? await service.stop(.object(JSONObject([("executionArn", .string(link.child))])))
    }
  }

  /// Completes the parent task of child `arn` when the child has ended.
  private func deliver(_ arn: String) async {
    guard let link = links[arn],
          let described = try? await service.describe(.object(JSONObject([("executionArn", .string(arn))]))),
          let status = described.string("status"), status != "RUNNING" else { return }
    await forget(link)
    _ = await runner.complete(token: link.token, with: StartExecutionTask.outcome(pattern: link.pattern,
                                                                                 child: Self.childResult(described)))
  }

  /// A finished child as DescribeExecution (or StartSyncExecution) answers it.
  private static func childResult(_ described: JSON) -> ChildExecutionResult {
    ChildExecutionResult(
      executionArn: described.string("executionArn") ?? "", stateMachineArn: described.string("stateMachineArn") ?? "",
      name: described.string("name") ?? "", status: described.string("status") ?? "FAILED",
      startDate: Date(timeIntervalSince1970: described["startDate"]?.doubleValue ?? 0),
      stopDate: Date(timeIntervalSince1970: described["stopDate"]?.doubleValue ?? 0),
      input: described.string("input").flatMap { try? JSONParser.parse($0) } ?? .object(JSONObject()),
      output: described.string("output").flatMap { try? JSONParser.parse($0) },
      error: described.string("error"), cause: described.string("cause"))
  }

  private func forget(_ link: Link) async {
    links[link.child] = nil
    try? await store.write { db in
      try db.execute(sql: "DELETE FROM child_execution WHERE child_arn = ?", arguments: [link.child])
    }
  }

  /// A StartExecution error as the Step Functions integration reports it to the task.
  private func integrationError(_ error: APIError) -> StatesError {
    StatesError("StepFunctions.\(error.code)Exception",
                cause: "\(error.message ?? error.code) (Service: AWSStepFunctions; Status Code: \(error.status); "
                  + "Error Code: \(error.code); Request ID: \(random.uuid()); Proxy: null)")
  }
}
