/// Leaves callback and activity tasks waiting (`sfn local`): a `.waitForTaskToken` task completes when a client
/// calls SendTaskSuccess/SendTaskFailure with its token, an activity task when a worker takes and answers it.
///
/// `sfn run` leaves it out: with no server nothing could answer, so such a task without a mock or a command fails
/// at once with the composite handler's clear error instead of waiting until its timeout.
public final class CallbackTaskSource: TaskSource {
  /// A source for callback and activity tasks.
  public init() {}

  /// `.pending` for `.waitForTaskToken` integrations and activities; nil for anything else.
  public func outcome(for task: TaskInvocation) throws -> TaskOutcome? {
    let resource = task.classifiedResource
    guard resource.kind == .activity || resource.pattern == .waitForTaskToken else { return nil }
    return .pending
  }
}
