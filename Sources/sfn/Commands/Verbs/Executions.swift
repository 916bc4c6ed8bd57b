#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn executions MACHINE`: list executions, newest first.
  struct Executions: VerbCommand {
    static let configuration = CommandConfiguration(
      commandName: "executions",
      abstract: "List a state machine's executions, newest first.",
      discussion: "--since and --until take a time (2026-11-24, 2026-11-24T10:00:00Z) or a duration ago (1h, 30m).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The state machine (or version, alias): ARN or name.", completion: .stateMachines)
    var machine: String
    @Option(help: "Only executions with this status.")
    var status: ExecutionStatusFilter?
    @Option(help: ArgumentHelp("Only executions started at or after this time.", valueName: "time")) var since: String?
    @Option(help: ArgumentHelp("Only executions started before this time.", valueName: "time")) var until: String?
    @Option(name: .customLong("name-prefix"), help: "Only executions whose name starts with this.") var namePrefix: String?
    @Option(help: "Print at most this many.") var limit: Int?

    var invocation: VerbInvocation { .executions(line) }

    private var line: Line {
      Line(global: global.settings, machine: machine, status: status, since: since, until: until, namePrefix: namePrefix,
           limit: limit)
    }

    func validate() throws {
      if let message = line.validationError { throw ValidationError(message) }
    }

    /// The command line as data.
    struct Line: DirectVerbLine {
      var global: GlobalSettings
      var machine: String
      var status: ExecutionStatusFilter?
      var since: String?
      var until: String?
      var namePrefix: String?
      var limit: Int?

      var validationError: String? {
        if let limit, limit < 1 { return "--limit must be at least 1" }
        return nil
      }

      func run(_ runtime: Runtime) throws {
        let now = runtime.clock.now().timeIntervalSince1970
        let from = try since.map { try Executions.time($0, option: "--since", now: now) }
        let to = try until.map { try Executions.time($0, option: "--until", now: now) }
        let verb = CommandContext(runtime, global: global)
        let (output, resolver) = try verb.connect()
        let arn = try resolver.machine(machine)
        var request = JSONObject([("stateMachineArn", .string(arn)), ("maxResults", .integer(min(limit ?? 1000, 1000)))])
        if let status { request["statusFilter"] = .string(status.value) }
        var items: [JSON] = []
        var token: String?
        // Pages come newest first, so paging stops once a page reaches executions older than --since.
        pages: repeat {
          if let token { request["nextToken"] = .string(token) }
          let page = try verb.call(.listExecutions, .object(request))
          let sorted = (page["executions"]?.arrayValue ?? []).sorted { ($0["startDate"]?.doubleValue ?? 0) > ($1["startDate"]?.doubleValue ?? 0) }
          for item in sorted {
            let started = item["startDate"]?.doubleValue ?? 0
            if let from, started < from { break pages }
            if let to, started >= to { continue }
            if let namePrefix, !(item["name"]?.stringValue ?? "").hasPrefix(namePrefix) { continue }
            items.append(item)
            if let limit, items.count >= limit { break pages }
          }
          let next = page["nextToken"]?.stringValue
          if next == token { break }
          token = next.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        let shaped = items.map { ResponseShaper.shape($0, as: .executionListItem) }
        try output.printList(shaped, columns: [
          .key("name", "name"), .key("status", "status"), .key("started", "startDate"), .key("stopped", "stopDate"),
        ])
      }
    }

    /// Epoch seconds for an ISO time or a duration ago.
    static func time(_ text: String, option: String, now: Double) throws -> Double {
      if let t = Timestamp.parse(text) { return t }
      if let ago = DurationParser.parse(text) { return now - ago }
      throw CommandError.notATime(option: option, text: text)
    }
  }
}

/// A `--status` value: one of the model's execution statuses, in any case.
struct ExecutionStatusFilter: ModelEnumOption, Equatable {
  static let shape = ShapeName.executionStatus
  let value: String
  init(value: String) { self.value = value }
  static func spelled(_ argument: String) -> String { argument.uppercased() }
}

/// How the direct parser reads the line (`DirectVerbParser`).
extension Verbs.Executions.Line {
  static let directOptions: [String: DirectArity] = [
    "--status": .one, "--since": .one, "--until": .one, "--name-prefix": .one, "--limit": .one,
  ]

  init?(_ words: DirectVerbWords) {
    guard let machine = words.single, let status: ExecutionStatusFilter? = words.converted("--status"),
          let limit: Int? = words.converted("--limit") else { return nil }
    self.init(global: words.global, machine: machine, status: status, since: words.values["--since"],
              until: words.values["--until"], namePrefix: words.values["--name-prefix"], limit: limit)
  }
}
