import ArgumentParser

/// Namespace of the verbs: short commands for people and scripts (docs/cli.md, first table).
enum Verbs {
  /// The verbs in the order `sfn --help` lists them.
  static let commands: [any ParsableCommand.Type] = [
    Start.self, Wait.self, Describe.self, Output.self, History.self, Executions.self, Machines.self, Activities.self,
    Stop.self, Redrive.self, Task.self, Activity.self, Run.self, Graph.self,
  ]
}
