import SFNKit

/// One way of running tasks that may decline a task it does not cover (a state with no mock, no command).
public protocol TaskSource: AnyObject {
  /// The task's outcome, or nil when this source does not handle the task. Throws a `StatesError` when it
  /// handles the task but cannot run it at all (a mocked state with no response left).
  func outcome(for task: TaskInvocation) throws -> TaskOutcome?
}

/// The handler `sfn run` and `sfn local` give the engine: asks each source in order (mock configuration first,
/// then `--task` commands, then child executions and callbacks) and fails clearly when none answers.
///
/// No source answering is a `States.Runtime` error: Step Functions Local would call the real service here, which
/// an offline run cannot. AWS never lets Retry or Catch handle `States.Runtime`, so the execution is to fail with
/// a cause that names the state, the resource and the two ways to answer it.
public final class CompositeTaskHandler: TaskHandler {
  /// The sources, asked in order.
  public let sources: [TaskSource]

  /// A handler asking `sources` in order.
  public init(_ sources: [TaskSource]) {
    self.sources = sources
  }

  /// The first answer of the sources, or a `States.Runtime` failure naming the state when none answers.
  public func start(_ task: TaskInvocation) throws -> TaskOutcome {
    for source in sources {
      if let outcome = try source.outcome(for: task) { return outcome }
    }
    throw Self.unhandled(task)
  }

  /// The error for a task nothing answers.
  public static func unhandled(_ task: TaskInvocation) -> StatesError {
    .runtime("Nothing runs Task state '\(task.stateName)' (resource \(task.resource)) offline: give it a mocked "
               + "response in the mock configuration's test case, or a command with --task '\(task.stateName)=COMMAND'")
  }
}

extension CompositeTaskHandler {
  /// The handler for an offline run: the mock test case (if any), then the `--task` commands, then S3 calls
  /// answered from the directory `s3Root` (if given), then child executions through `children` (if given), then,
  /// for a server, callbacks and activities left pending.
  public static func offline(testCase: MockTestCase?, commands: CommandTaskSource?, s3Root: String? = nil,
                             children: ChildExecutionStarter? = nil, callbacks: Bool = false) -> CompositeTaskHandler {
    var sources: [TaskSource] = []
    if let testCase { sources.append(MockTaskSource(testCase: testCase)) }
    if let commands { sources.append(commands) }
    if let s3Root { sources.append(LocalS3TaskSource(root: s3Root)) }
    if let children { sources.append(StartExecutionTaskSource(starter: children)) }
    if callbacks { sources.append(CallbackTaskSource()) }
    return CompositeTaskHandler(sources)
  }
}
