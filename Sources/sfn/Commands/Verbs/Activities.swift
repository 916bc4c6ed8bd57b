import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn activities`: list activities.
  struct Activities: RuntimeCommand {
    static let configuration = CommandConfiguration(commandName: "activities", abstract: "List activities.")
    @OptionGroup var global: GlobalOptions

    func run(_ runtime: Runtime) throws {
      let verb = CommandContext(runtime, global: global)
      let (output, _) = try verb.connect()
      let items = try Machines.all(.listActivities, key: "activities", verb: verb)
      try output.printList(items.map { ResponseShaper.shape($0, as: .activityListItem) }, columns: [
        .key("name", "name"), .key("created", "creationDate"), .key("arn", "activityArn"),
      ])
    }
  }
}
