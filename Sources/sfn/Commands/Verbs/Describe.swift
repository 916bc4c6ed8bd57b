import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn describe ARN-OR-NAME`: describe whatever the ARN names.
  struct Describe: VerbCommand {
    static let configuration = CommandConfiguration(
      commandName: "describe",
      abstract: "Describe an execution, state machine, version, alias, activity or map run.",
      discussion: "Names work too: hello (state machine), hello:3 (version), hello:prod (alias), hello/run-1 (execution).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rawOption: RawOption
    @Argument(help: "An ARN of any kind, or a name.") var resource: String

    var invocation: VerbInvocation { .describe(Line(global: global.settings, raw: rawOption.raw, resource: resource)) }

    /// The command line as data.
    struct Line: DirectVerbLine {
      var global: GlobalSettings
      var raw: Bool
      var resource: String

      func run(_ runtime: Runtime) throws {
        let verb = CommandContext(runtime, global: global, raw: raw)
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
}

/// How the direct parser reads the line (`DirectVerbParser`).
extension Verbs.Describe.Line {
  static let directOptions: [String: DirectArity] = ["--raw": .flag]

  init?(_ words: DirectVerbWords) {
    guard let resource = words.single else { return nil }
    self.init(global: words.global, raw: words.raw, resource: resource)
  }
}
