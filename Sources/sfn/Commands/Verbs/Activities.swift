import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn activities`: list activities.
  struct Activities: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "activities", abstract: "List activities.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let runtime = try VerbRuntime(global: global)
      let items = try Machines.all(.listActivities, key: "activities", runtime: runtime)
      try runtime.output.printList(items.map { ResponseShaper.shape($0, as: .activityListItem) }, columns: [
        .key("name", "name"), .key("created", "creationDate"), .key("arn", "activityArn"),
      ])
    }
  }
}
