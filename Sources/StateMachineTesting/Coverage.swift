import SFNKit
import StateMachineEngine

/// Which parts of a definition the cases exercised: states, Choice rules (Default included), Catch and Retry paths.
public struct Coverage: Sendable {
  /// What a coverage item is.
  public enum Kind: String, Sendable, CaseIterable {
    case state, choiceRule = "choice rule", catchPath = "catch", retryPath = "retry"
  }

  /// One thing that can be exercised.
  public struct Item: Sendable, Hashable {
    /// Its kind.
    public var kind: Kind
    /// The state it belongs to.
    public var state: String
    /// What it is: the state, `rule 2 -> Next`, `Default -> Next`, `catch 1 [States.ALL] -> Next`, `retry 1 [...]`.
    public var label: String
  }

  /// Every item of the definition, in definition order, with whether a case exercised it.
  public private(set) var items: [(item: Item, covered: Bool)]

  /// The coverage of `definition` by the runs whose traces are `traces`.
  public init(definition: StateMachineDefinition, traces: [ExecutionTrace]) {
    let visited = Set(traces.flatMap(\.visited))
    let transitions = Set(traces.flatMap(\.transitions))
    let retried = traces.map(\.retriedErrors)
    items = []
    for machine in definition.machines {
      for state in Self.ordered(machine) {
        items.append((Item(kind: .state, state: state.name, label: state.name), visited.contains(state.name)))
        let taken = Set(transitions.filter { $0.from == state.name && $0.error == nil }.map(\.to))
        var claimed = Set<String>()
        for (i, rule) in state.choices.enumerated() {
          // A transition is credited to the first rule leading there: the history does not name the rule.
          let covered = taken.contains(rule.next) && claimed.insert(rule.next).inserted
          items.append((Item(kind: .choiceRule, state: state.name, label: "rule \(i + 1) -> \(rule.next)"), covered))
        }
        if state.type == .choice, let next = state.defaultNext {
          items.append((Item(kind: .choiceRule, state: state.name, label: "Default -> \(next)"),
                        taken.contains(next) && !claimed.contains(next)))
        }
        let caught = Set(transitions.filter { $0.from == state.name && $0.error != nil }.map(\.to))
        var caughtClaimed = Set<String>()
        for (i, catcher) in state.catchers.enumerated() {
          let covered = caught.contains(catcher.next) && caughtClaimed.insert(catcher.next).inserted
          items.append((Item(kind: .catchPath, state: state.name,
                             label: "catch \(i + 1) [\(catcher.errorEquals.joined(separator: ", "))] -> "
                               + catcher.next),
                        covered))
        }
        let errors = retried.flatMap { $0[state.name] ?? [] }
        for (i, retrier) in state.retriers.enumerated() {
          let covered = errors.contains { Self.firstMatch(state.retriers, $0) == i }
          items.append((Item(kind: .retryPath, state: state.name,
                             label: "retry \(i + 1) [\(retrier.errorEquals.joined(separator: ", "))]"), covered))
        }
      }
    }
  }

  /// Covered and total items of `kind` (all kinds when nil).
  public func count(_ kind: Kind? = nil) -> (covered: Int, total: Int) {
    let selected = items.filter { kind == nil || $0.item.kind == kind }
    return (selected.filter(\.covered).count, selected.count)
  }

  /// Covered items as a percentage of all items (100 for a definition with none).
  public var percent: Double {
    let (covered, total) = count()
    return total == 0 ? 100 : Double(covered) * 100 / Double(total)
  }

  /// The items no case exercised.
  public var missed: [Item] { items.filter { !$0.covered }.map(\.item) }

  /// The index of the first retrier whose ErrorEquals matches `error`, as the engine picks one; an unknown error
  /// ("": Parallel and Map failures name none in the history) credits the first retrier.
  static func firstMatch(_ retriers: [Retrier], _ error: String) -> Int? {
    if error.isEmpty { return retriers.isEmpty ? nil : 0 }
    return retriers.firstIndex { retrier in
      retrier.errorEquals.contains { name in
        name == error || (name == "States.ALL" && error != "States.Runtime")
          || (name == "States.TaskFailed" && !error.hasPrefix("States."))
      }
    }
  }

  /// The states of `machine` from StartAt, following Next, Default, Choices and Catch, then any left over.
  static func ordered(_ machine: StateMachineDefinition.Machine) -> [StateDefinition] {
    var order: [String] = []
    var seen = Set<String>()
    var queue = [machine.startAt]
    while let name = queue.first {
      queue.removeFirst()
      guard seen.insert(name).inserted, let state = machine.states[name] else { continue }
      order.append(name)
      queue += [state.next, state.defaultNext].compactMap { $0 } + state.choices.map(\.next)
      queue += state.catchers.map(\.next)
    }
    order += machine.states.keys.filter { !seen.contains($0) }.sorted()
    return order.compactMap { machine.states[$0] }
  }
}
