import Foundation
import XCTest
@testable import StateMachineEngine
import SFNKit

/// A task handler for tests: answers each state from a queue of outcomes, recording the invocations.
final class ScriptedTasks: TaskHandler {
  var outcomes: [String: [TaskOutcome]]
  private(set) var invocations: [TaskInvocation] = []

  init(_ outcomes: [String: [TaskOutcome]] = [:]) { self.outcomes = outcomes }

  func start(_ task: TaskInvocation) throws -> TaskOutcome {
    invocations.append(task)
    guard var queue = outcomes[task.stateName], !queue.isEmpty else {
      throw StatesError("States.TaskFailed", cause: "no scripted outcome for \(task.stateName)")
    }
    let next = queue.removeFirst()
    outcomes[task.stateName] = queue
    return next
  }
}

/// Builds and runs executions of a definition on a virtual clock.
struct EngineHarness {
  let clock = VirtualClock()
  var tasks = ScriptedTasks()

  func execution(_ definition: String, input: JSON = [:]) throws -> Execution {
    let model = try StateMachineDefinition(text: definition)
    let info = ExecutionInfo(name: "test", stateMachineName: "Machine", input: input, startTime: clock.now)
    var counter = 0
    return Execution(definition: model, info: info, data: DataLayerProcessor(), tasks: tasks, clock: clock,
                     random: { 0.5 }, newToken: {
                       counter += 1
                       return "token-\(counter)"
                     })
  }

  /// Runs `definition` to its end and returns the execution.
  func run(_ definition: String, input: JSON = [:]) throws -> Execution {
    let e = try execution(definition, input: input)
    ExecutionDriver(clock: clock).run(e)
    return e
  }
}

extension Execution {
  /// `type` of every event, in order.
  var eventTypes: [String] { events.map(\.type) }
}
