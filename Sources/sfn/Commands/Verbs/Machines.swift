import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn machines`: list state machines.
  struct Machines: RuntimeCommand {
    static let configuration = CommandConfiguration(commandName: "machines", abstract: "List state machines.")
    @OptionGroup var global: GlobalOptions

    func run(_ runtime: Runtime) throws {
      let verb = CommandContext(runtime, global: global)
      let (output, _) = try verb.connect()
      let items = try Self.all(.listStateMachines, key: "stateMachines", verb: verb)
      try output.printList(items.map { ResponseShaper.shape($0, as: .stateMachineListItem) }, columns: [
        .key("name", "name"), .key("type", "type"), .key("created", "creationDate"), .key("arn", "stateMachineArn"),
      ])
    }

    /// Every item of a list operation, pages of 1000.
    static func all(_ operation: OperationName, key: String, verb: CommandContext) throws -> [JSON] {
      var items: [JSON] = []
      var request = JSONObject([("maxResults", .number(1000))])
      var token: String?
      repeat {
        if let token { request["nextToken"] = .string(token) }
        let page = try verb.call(operation, .object(request))
        items += page[key]?.arrayValue ?? []
        let next = page["nextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if next == token { break }
        token = next
      } while token != nil
      return items
    }
  }
}
