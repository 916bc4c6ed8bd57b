import ArgumentParser
import SFNKit

/// The root command: groups the verbs and every API operation.
struct SFN: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sfn",
    abstract: "A fast command-line client for AWS Step Functions.",
    discussion: "Verbs for people and scripts, plus every Step Functions API operation named as in `aws stepfunctions`.",
    version: SFNVersion.description,
    subcommands: [CompleteCommand.self],
    groupedSubcommands: [
      CommandGroup(
        name: "Verbs",
        subcommands: Verbs.commands
          + [Validate.self, Test.self, Deploy.self, Whoami.self, Configure.self, Local.self]),
      CommandGroup(name: "API operations (as aws stepfunctions)", subcommands: API.commands),
    ])
}

/// Namespace of the generated API-named commands.
enum API {}
