import ArgumentParser
import SFNKit

/// Namespace of the verbs: short commands for people and scripts (docs/cli.md, first table).
enum Verbs {
  /// The verbs in the order `sfn --help` lists them.
  static let commands: [any ParsableCommand.Type] = [
    Start.self, Wait.self, Describe.self, Output.self, History.self, Executions.self, Logs.self, Machines.self, Activities.self,
    Stop.self, Redrive.self, Task.self, Activity.self, Run.self, Graph.self,
  ]
}

/// `--raw`: keep the JSON strings the API embeds (input, output, definition) as strings.
struct RawOption: ParsableArguments {
  @Flag(help: "Print input, output and definition as the JSON strings the API returns instead of decoding them.")
  var raw = false
}

extension String {
  /// The last part of an ARN (an execution's or machine's name).
  var arnName: String { ExpressExecutionARN(self)?.name ?? split(separator: ":").last.map(String.init) ?? self }
}
