import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn logs MACHINE`: the Express executions found in the machine's CloudWatch Logs log group, newest first.
  struct Logs: RuntimeCommand {
    static let configuration = CommandConfiguration(
      commandName: "logs",
      abstract: "List a state machine's Express executions from its CloudWatch Logs log group, newest first.",
      discussion: """
        Step Functions keeps no history of Express executions: they are found in the log group of the machine's \
        loggingConfiguration (FilterLogEvents). --since (default 3h, as the console) and --until take a time \
        (2026-11-24, 2026-11-24T10:00:00Z) or a duration ago (1h, 30m). --follow then prints executions as they \
        end, polling every 1-5 s; CloudWatch Logs delivers events seconds, sometimes minutes, after they happen.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The state machine: ARN or name.", completion: .stateMachines) var machine: String
    @Option(help: ArgumentHelp("Only executions with events at or after this time (default: 3h ago).", valueName: "time"))
    var since: String?
    @Option(help: ArgumentHelp("Only executions with events before this time.", valueName: "time")) var until: String?
    @Option(help: "Only executions with this status.") var status: ExecutionStatusFilter?
    @Flag(help: "Keep printing executions as they end (Ctrl-C to stop).") var follow = false
    @Option(help: "Print at most this many (the newest).") var limit: Int?

    /// The console's default window for Express executions.
    static let defaultWindow: Double = 3 * 3600

    func validate() throws {
      if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
      if follow && until != nil { throw ValidationError("--follow and --until cannot be combined") }
    }

    func run(_ runtime: Runtime) throws {
      let now = runtime.clock.now().timeIntervalSince1970
      let from = try since.map { try Executions.time($0, option: "--since", now: now) } ?? now - Self.defaultWindow
      let to = try until.map { try Executions.time($0, option: "--until", now: now) }
      let verb = CommandContext(runtime, global: global, raw: false)
      let (output, resolver) = try verb.connect()
      let express = try verb.express()
      guard let machineArn = StatesARN(try resolver.machine(machine))?.unqualifiedMachine.text else {
        throw ReferenceError.wrongARN(machine, what: "state machine")
      }
      var items = try express.executions(ofMachine: machineArn, from: from, to: to).filter(matches)
      if let limit { items = Array(items.prefix(limit)) }
      let listing = ExecutionListing(output: output, terminal: verb.terminal)
      try listing.print(items, first: true, streaming: follow)
      guard follow else { return }
      // Executions already printed as ended are not printed again; running ones are, once they end.
      var shown = Set(items.filter { ExecutionStatus.isFinal($0["status"]?.stringValue) }
                        .compactMap { $0["executionArn"]?.stringValue })
      var attempt = 0, printedAny = !items.isEmpty
      while true {
        runtime.sleep(ExpressLogReader.pollSchedule.delay(attempt: attempt, random: Double.random(in: 0..<1)))
        // Only the recent past is read again; the reader remembers when earlier executions started.
        let recent = max(from, runtime.clock.now().timeIntervalSince1970 - ExpressLogReader.followLookback)
        let ended = try express.executions(ofMachine: machineArn, from: recent, to: nil).filter { item in
          guard ExecutionStatus.isFinal(item["status"]?.stringValue), let arn = item["executionArn"]?.stringValue,
            !shown.contains(arn)
          else { return false }
          return matches(item)
        }
        attempt = ended.isEmpty ? attempt + 1 : 0
        guard !ended.isEmpty else { continue }
        ended.compactMap { $0["executionArn"]?.stringValue }.forEach { shown.insert($0) }
        // Oldest end first, as they happened.
        try listing.print(ended.sorted { ($0["stopDate"]?.doubleValue ?? 0) < ($1["stopDate"]?.doubleValue ?? 0) },
                          first: !printedAny, streaming: true)
        printedAny = true
      }
    }

    private func matches(_ item: JSON) -> Bool {
      status.map { item["status"]?.stringValue == $0.value } ?? true
    }
  }
}

/// Prints Express executions as `sfn executions` does (name, status, start, duration), batch by batch for --follow:
/// one table header, JSON one object per line.
private struct ExecutionListing {
  let output: VerbPrinter
  let terminal: Terminal

  static let columns: [Column] = [
    .key("name", "name"), .key("status", "status"), .key("started", "startDate"),
    Column(header: "duration") { item in
      guard let start = item["startDate"]?.stringValue.flatMap(Timestamp.parse),
        let stop = item["stopDate"]?.stringValue.flatMap(Timestamp.parse)
      else { return "" }
      return DurationParser.format(max(0, stop - start))
    },
  ]

  /// An execution as ListExecutions lists one (no input, output, error).
  static func listItem(_ described: JSON) -> JSON {
    var item = JSONObject()
    for key in ["executionArn", "stateMachineArn", "name", "status", "startDate", "stopDate"] {
      if let value = described[key] { item[key] = value }
    }
    return .object(item)
  }

  /// Prints a batch; with `streaming` (--follow) JSON is one object per line and a table's header comes once.
  func print(_ items: [JSON], first: Bool, streaming: Bool) throws {
    let shaped = items.map { output.prepare(Self.listItem($0), shape: .executionListItem) }
    switch output.format {
    case .json where streaming && output.printer.query == nil:
      shaped.forEach { terminal.outNow(JSONWriter.compact.string($0) + "\n") }
    case .table where !first && output.printer.query == nil:
      guard !shaped.isEmpty else { return }
      let renderer = TableRenderer(width: terminal.width, color: terminal.colorStdout)
      let table = renderer.render(headers: Self.columns.map(\.header),
                                  rows: shaped.map { item in Self.columns.map { $0.cell(item) } })
      terminal.outNow(table.split(separator: "\n").dropFirst().map { String($0).trimmingTrailingSpaces() + "\n" }.joined())
    default:
      try output.printList(shaped, columns: Self.columns)
    }
  }
}
