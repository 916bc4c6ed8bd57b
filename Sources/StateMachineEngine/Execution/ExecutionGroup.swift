#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// The executions of one offline run (`sfn run`): a root execution and the child executions its
/// `states:startExecution` tasks start, all on one clock, with the same task sources, run to their ends.
///
/// It is the engine's `ChildExecutionStarter`: a child is started after the step that asked for it (so the parent's
/// task is pending by then), a `.sync` / `.sync:2` parent task completes when its child ends, a child whose parent
/// task stopped waiting (the parent ended, was stopped or timed the task out) is stopped as AWS stops `.sync` jobs,
/// and `aws-sdk:sfn:sendTaskSuccess` / `sendTaskFailure` / `sendTaskHeartbeat` tasks answer the group's own task
/// tokens (a `.waitForTaskToken` child handing its token back).
public final class ExecutionGroup: ChildExecutionStarter {
  /// The executions in the order they started: the root first.
  public private(set) var executions: [Execution] = []
  /// The clock every execution runs on.
  public let clock: EngineClock

  private let catalogue: StateMachineCatalogue
  private let recordHistory: Bool
  private let sources: (String) throws -> [TaskSource]
  private let newId: () -> String
  private var waitingToStart: [Execution] = []
  private var submissions: [(parent: String, token: String, output: JSON)] = []
  private var tokenCompletions: [(token: String, outcome: TaskOutcome)] = []
  /// `.sync` / `.sync:2` children whose parent task waits for them.
  private var links: [Link] = []

  private struct Link {
    let child: String
    let parent: String
    let token: String
    let pattern: TaskResource.Pattern
  }

  /// A group starting children from `catalogue`; `sources` gives the task sources (mocks, commands) of an execution
  /// of the named machine, before the group's own; `newId` names unnamed children and gives request ids.
  public init(clock: EngineClock, catalogue: StateMachineCatalogue, recordHistory: Bool = true,
              sources: @escaping (String) throws -> [TaskSource],
              newId: @escaping () -> String = { UUID().uuidString.lowercased() }) {
    self.clock = clock
    self.catalogue = catalogue
    self.recordHistory = recordHistory
    self.sources = sources
    self.newId = newId
  }

  /// Makes the root execution of `definition`; `run` starts it.
  @discardableResult
  public func addRoot(definition: StateMachineDefinition, info: ExecutionInfo) throws -> Execution {
    let execution = try makeExecution(definition: definition, info: info)
    executions.insert(execution, at: 0)
    return execution
  }

  /// The tokens of tasks that wait for something outside the group (callbacks, activities): every pending task
  /// but those waiting for a `.sync` child, sorted.
  public var outsideTaskTokens: [String] {
    let children = Set(links.map(\.token))
    return executions.flatMap(\.pendingTaskTokens).filter { !children.contains($0) }.sorted()
  }

  /// The execution with this ARN.
  public func execution(_ arn: String) -> Execution? { executions.first { $0.info.executionArn == arn } }

  /// Starts the root if it has not started and runs every execution until all end, or nothing can happen without a
  /// completion from outside, or `wallDeadline` (real time) passes.
  @discardableResult
  public func run(wallDeadline: Date? = nil) -> ExecutionDriver.Stop {
    if let root = executions.first, root.state.nextEventId == 1 { root.start() }
    executions.first?.run()
    settle()
    while executions.contains(where: { $0.state.status == .running }) {
      let running = executions.filter { $0.state.status == .running }
      guard let due = running.compactMap(\.nextTimerDue).min() else { return .waitingForTasks }
      guard clock.sleep(until: due, wallDeadline: wallDeadline) else { return .deadline }
      for execution in running { execution.fireDueTimers() }
      settle()
    }
    return .finished
  }

  // MARK: - ChildExecutionStarter

  /// Registers a child of a catalogued machine and queues its start; AWS's StartExecution errors otherwise.
  public func startChildExecution(_ request: ChildExecutionRequest) throws -> ChildExecutionStarted {
    guard let (target, definition) = catalogue.lookup(request.stateMachineArn) else {
      throw serviceError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(request.stateMachineArn)'")
    }
    let parent = execution(request.parentExecutionArn)
    let region = target.region ?? parent?.info.region ?? "us-east-1"
    let account = target.account ?? parent.map { Self.account(of: $0.info.executionArn) } ?? "123456789012"
    var info = ExecutionInfo(name: request.name ?? newId(), stateMachineName: target.name, input: request.input,
                             startTime: clock.now, region: region, account: account)
    if let partition = target.partition, partition != "aws" {
      info.stateMachineArn = info.stateMachineArn.replacing("arn:aws:", with: "arn:\(partition):")
      info.executionArn = info.executionArn.replacing("arn:aws:", with: "arn:\(partition):")
    }
    if let parent { info.roleArn = parent.info.roleArn }
    if let existing = execution(info.executionArn) {
      // AWS's rule: the same name and input while the execution runs answers it again; anything else conflicts.
      guard existing.state.status == .running, existing.info.input == request.input else {
        throw serviceError("ExecutionAlreadyExists", "Execution Already Exists: '\(info.executionArn)'")
      }
      return ChildExecutionStarted(executionArn: existing.info.executionArn, startDate: existing.info.startTime)
    }
    let child: Execution
    do { child = try makeExecution(definition: definition, info: info) } catch let error as StatesError {
      throw error
    } catch {
      throw StatesError.runtime("\(error)")
    }
    executions.append(child)
    waitingToStart.append(child)
    let started = ChildExecutionStarted(executionArn: info.executionArn, startDate: info.startTime)
    if request.pattern != .requestResponse, let token = request.parentTaskToken {
      submissions.append((request.parentExecutionArn, token, StartExecutionTask.startedOutput(started)))
      if request.pattern == .sync || request.pattern == .sync2 {
        links.append(Link(child: info.executionArn, parent: request.parentExecutionArn, token: token,
                          pattern: request.pattern))
      }
    }
    return started
  }

  // MARK: - Between steps

  /// Records submissions, starts queued children, delivers ended children's results and token completions, and
  /// stops children nobody waits for, until nothing more changes.
  private func settle() {
    var changed = true
    while changed {
      changed = false
      for s in submissions { execution(s.parent)?.recordSubmitted(taskToken: s.token, output: s.output) }
      submissions.removeAll()
      while !waitingToStart.isEmpty {
        let child = waitingToStart.removeFirst()
        child.start()
        child.run()
        changed = true
      }
      let completions = tokenCompletions
      tokenCompletions.removeAll()
      for (token, outcome) in completions {
        executions.first { $0.state.pendingTasks[token] != nil }?.complete(taskToken: token, with: outcome)
        changed = true
      }
      var remaining: [Link] = []
      for link in links {
        guard let child = execution(link.child), let parent = execution(link.parent) else { continue }
        let waiting = parent.state.status == .running && parent.state.pendingTasks[link.token] != nil
        if let result = child.childResult {
          if waiting { parent.complete(taskToken: link.token, with: StartExecutionTask.outcome(pattern: link.pattern,
                                                                                                 child: result)) }
          changed = true
        } else if !waiting {
          // AWS stops a .sync job whose task no longer waits for it (best effort; StopExecution for a child).
          child.abort()
          changed = true
        } else {
          remaining.append(link)
        }
      }
      links = remaining
    }
  }

  private func makeExecution(definition: StateMachineDefinition, info: ExecutionInfo) throws -> Execution {
    let handler = CompositeTaskHandler(try sources(info.stateMachineName)
                                         + [StartExecutionTaskSource(starter: self), TaskTokenSource(group: self)])
    let clock = self.clock
    return Execution(definition: definition, info: info,
                     data: DataLayerProcessor(now: { clock.now.timeIntervalSince1970 }),
                     tasks: handler, clock: clock, recordHistory: recordHistory)
  }

  /// An error as a Step Functions service integration reports a failed API call.
  private func serviceError(_ code: String, _ message: String) -> StatesError {
    StatesError("StepFunctions.\(code)Exception",
                cause: "\(message) (Service: AWSStepFunctions; Status Code: 400; Error Code: \(code); "
                  + "Request ID: \(newId()); Proxy: null)")
  }

  private static func account(of arn: String) -> String {
    let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
    return parts.count > 4 ? String(parts[4]) : "123456789012"
  }

  /// `arn:aws:states:::aws-sdk:sfn:sendTaskSuccess` / `sendTaskFailure` / `sendTaskHeartbeat` for the group's own
  /// tokens; other tokens are AWS's `TaskDoesNotExist`.
  private final class TaskTokenSource: TaskSource {
    unowned let group: ExecutionGroup
    init(group: ExecutionGroup) { self.group = group }

    func outcome(for task: TaskInvocation) throws -> TaskOutcome? {
      guard case .sdk("sfn", let action) = task.classifiedResource.kind,
            ["sendTaskSuccess", "sendTaskFailure", "sendTaskHeartbeat"].contains(action) else { return nil }
      guard let token = task.parameters["TaskToken"]?.stringValue,
            group.executions.contains(where: { $0.state.pendingTasks[token] != nil }) else {
        return .failed(group.serviceError("TaskDoesNotExist", "Task Does Not Exist"))
      }
      switch action {
      case "sendTaskSuccess":
        var output = task.parameters["Output"] ?? .object(JSONObject())
        if let text = output.stringValue {
          // The API takes JSON text; an object written directly is taken as it is.
          guard let parsed = try? JSONParser.parse(text) else {
            return .failed(group.serviceError("InvalidOutput", "Invalid Output: '\(text)'"))
          }
          output = parsed
        }
        group.tokenCompletions.append((token, .succeeded(output)))
      case "sendTaskFailure":
        let error = StatesError(task.parameters["Error"]?.stringValue ?? "",
                                cause: task.parameters["Cause"]?.stringValue)
        group.tokenCompletions.append((token, .failed(error)))
      default:
        break
      }
      return .succeeded(.object(JSONObject()))
    }
  }
}
