import Foundation
import SFNJSON
import StateMachineEngine

/// One activity task waiting for a worker: its token and input.
struct ActivityTask: Sendable, Equatable {
  let activityArn: String
  let token: String
  let input: JSON
}

/// Leaves activity tasks pending and notes them, so that the runner can hand them to GetActivityTask.
///
/// The engine calls task sources synchronously while it runs; the runner drains what was noted after each step.
final class ActivityTaskSource: TaskSource {
  private(set) var scheduled: [ActivityTask] = []

  /// `.pending` for activity resources (noted for a worker); nil for anything else.
  func outcome(for task: TaskInvocation) throws -> TaskOutcome? {
    guard task.classifiedResource.kind == .activity, let token = task.taskToken else { return nil }
    scheduled.append(ActivityTask(activityArn: task.resource, token: token, input: task.parameters))
    return .pending
  }

  /// The tasks noted since the last drain.
  func drain() -> [ActivityTask] {
    defer { scheduled = [] }
    return scheduled
  }
}

/// Activity tasks waiting for workers, and workers long-polling for tasks (GetActivityTask), per activity.
///
/// A waiting worker is a suspended continuation, never a blocked thread; it is answered with nil when its poll
/// time passes.
actor ActivityQueue {
  private var tasks: [String: [ActivityTask]] = [:]
  private var workers: [String: [(id: Int, continuation: CheckedContinuation<ActivityTask?, Never>)]] = [:]
  private var nextWorker = 0

  /// Hands `task` to the longest-waiting worker, or keeps it for the next poll.
  func offer(_ task: ActivityTask) {
    if var waiting = workers[task.activityArn], !waiting.isEmpty {
      let worker = waiting.removeFirst()
      workers[task.activityArn] = waiting
      worker.continuation.resume(returning: task)
      return
    }
    tasks[task.activityArn, default: []].append(task)
  }

  /// Forgets tasks whose execution ended or stopped.
  func withdraw(tokens: Set<String>) {
    for (arn, list) in tasks { tasks[arn] = list.filter { !tokens.contains($0.token) } }
  }

  /// The next task of `activityArn`, waiting up to `seconds` for one.
  func take(_ activityArn: String, waitingUpTo seconds: Double) async -> ActivityTask? {
    if var list = tasks[activityArn], !list.isEmpty {
      let task = list.removeFirst()
      tasks[activityArn] = list
      return task
    }
    let id = nextWorker
    nextWorker += 1
    return await withCheckedContinuation { continuation in
      workers[activityArn, default: []].append((id, continuation))
      Task {
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
        self.expire(activityArn, worker: id)
      }
    }
  }

  private func expire(_ activityArn: String, worker id: Int) {
    guard var waiting = workers[activityArn], let index = waiting.firstIndex(where: { $0.id == id }) else { return }
    let worker = waiting.remove(at: index)
    workers[activityArn] = waiting
    worker.continuation.resume(returning: nil)
  }
}
