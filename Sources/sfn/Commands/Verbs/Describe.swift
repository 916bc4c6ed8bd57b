import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn describe ARN-OR-NAME`: describe whatever the ARN names.
  struct Describe: RuntimeCommand {
    static let configuration = CommandConfiguration(
      commandName: "describe",
      abstract: "Describe an execution, state machine, version, alias, activity or map run.",
      discussion: "Names work too: hello (state machine), hello:3 (version), hello:prod (alias), hello/run-1 (execution).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rawOption: RawOption
    @Argument(help: "An ARN of any kind, or a name.") var resource: String

    func run(_ runtime: Runtime) throws {
      let verb = CommandContext(runtime, global: global, raw: rawOption.raw)
      let (output, resolver) = try verb.connect()
      let arn = try resolver.anyResource(resource)
      let (operation, member): (OperationName, String)
      switch arn.kind {
      case .execution: (operation, member) = (.describeExecution, "executionArn")
      case .stateMachine, .version: (operation, member) = (.describeStateMachine, "stateMachineArn")
      case .alias: (operation, member) = (.describeStateMachineAlias, "stateMachineAliasArn")
      case .activity: (operation, member) = (.describeActivity, "activityArn")
      case .mapRun: (operation, member) = (.describeMapRun, "mapRunArn")
      case nil: throw CommandError.cannotDescribe(arn: arn.text)
      }
      let result = try verb.call(operation, [member: .string(arn.text)])
      try output.printObject(output.prepare(result, outputOf: operation))
    }
  }
}
