import ArgumentParser
import SFNKit

/// `sfn __complete machines|activities|executions MACHINE`: the names completion scripts offer, one per line.
/// Hidden; silent on any error.
struct CompleteCommand: RuntimeCommand {
  static let configuration = CommandConfiguration(
    commandName: "__complete",
    abstract: "Print completion candidates (used by the shell completion scripts).",
    shouldDisplay: false)

  /// The lists it can print.
  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case machines, activities, executions
  }

  @OptionGroup var global: GlobalOptions

  @Flag(help: "Print ARNs instead of names.")
  var arns = false

  @Argument(help: "machines, activities, or executions (followed by MACHINE).")
  var kind: Kind

  @Argument(help: "The state machine (name or ARN) whose executions to list.")
  var machine: String?

  func run(_ runtime: Runtime) throws {
    let completer = Completer(global: global, runtime: runtime)
    let lines: [String]
    switch kind {
    case .machines: lines = completer.machines(arns: arns)
    case .activities: lines = completer.activities(arns: arns)
    case .executions: lines = machine.map(completer.executions(of:)) ?? []
    }
    for line in lines { runtime.stdout.write(line + "\n") }
  }
}
