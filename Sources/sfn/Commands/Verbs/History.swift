import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn history EXECUTION`: the execution's events as a readable timeline.
  struct History: VerbCommand {
    static let configuration = CommandConfiguration(
      commandName: "history",
      abstract: "Show an execution's history as a timeline.",
      discussion: "Table: time, elapsed since the start, event, state and a one-line detail, with a summary for a finished execution. JSON: one event per line.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rawOption: RawOption
    @Argument(help: "The execution: ARN or MACHINE/EXECUTION-NAME.", completion: .executions) var execution: String
    @Flag(help: "Keep printing new events until the execution ends.") var follow = false
    @Flag(help: "Newest events first.") var reverse = false
    @Option(help: "Print at most this many events (with --reverse: the newest ones).") var limit: Int?

    var invocation: VerbInvocation { .history(line) }

    private var line: Line {
      Line(global: global.settings, raw: rawOption.raw, execution: execution, follow: follow, reverse: reverse, limit: limit)
    }

    func validate() throws {
      if let message = line.validationError { throw ValidationError(message) }
    }

    /// The command line as data.
    struct Line: DirectVerbLine {
      var global: GlobalSettings
      var raw: Bool
      var execution: String
      var follow: Bool
      var reverse: Bool
      var limit: Int?

      var validationError: String? {
        if follow && reverse { return "--follow and --reverse cannot be combined" }
        if let limit, limit < 1 { return "--limit must be at least 1" }
        return nil
      }

      func run(_ runtime: Runtime) throws {
        let verb = CommandContext(runtime, global: global, raw: raw)
        let (output, resolver) = try verb.connect()
        let arn = try resolver.execution(execution)
        if follow {
          // An Express execution's first events may not be delivered yet; events delivered out of order wait for
          // the ones before them.
          let express = try verb.express()
          express.deliveryAllowance = ExpressLogReader.followAllowance
          express.holdGaps = true
        }
        // Read from the first event, a Standard execution's history begins with ExecutionStarted, whose time is the
        // start: one request fewer. Following needs the status; the newest events and Express logs may lack it.
        let needsStart = follow || reverse || ExpressExecutionARN(arn) != nil
        let described: JSON? = needsStart ? try verb.call(.describeExecution, ["executionArn": .string(arn)]) : nil
        var timeline = HistoryTimeline(startTime: described?["startDate"]?.doubleValue)
        let format = output.format
        let terminal = verb.terminal
        let renderer = TimelineRenderer(width: terminal.width, color: terminal.colorStdout)
        var reader = HistoryReader(call: verb.serviceCall, sleep: runtime.sleep)
        if ExpressExecutionARN(arn) != nil { reader.schedule = ExpressLogReader.pollSchedule }
        // Each line is flushed, so it shows as soon as it is known.
        let write = terminal.outNow
        if format == .table { write(renderer.header()) }

        var printed = 0
        func line(_ event: JSON, _ entry: TimelineEntry) -> String {
          switch format {
          case .table: return renderer.row(entry)
          case .json: return JSONWriter.compact.string(output.prepare(event, shape: .historyEvent)) + "\n"
          case .text:
            let elapsed = entry.elapsed.map { DurationParser.format(max(0, $0)) } ?? ""
            return [Timestamp.iso8601(epochSeconds: entry.timestamp), elapsed, entry.type, entry.stateName ?? "", entry.detail]
              .joined(separator: "\t") + "\n"
          }
        }

        if reverse {
          // Timeline rows need events oldest first (state names, durations); they are printed newest first.
          var rows: [String] = []
          for event in try reader.latest(arn, limit: limit) {
            if let entry = timeline.add(event) { rows.append(line(event, entry)) }
          }
          rows.reversed().forEach(write)
          return
        }

        if follow, terminal.stderrIsTTY, !ExecutionStatus.isFinal(described?["status"]?.stringValue) {
          terminal.err("following \(arn.arnName) until it ends (Ctrl-C to stop)…")
        }
        try reader.stream(arn, follow: follow, isFinished: { timeline.finished }) { event in
          if let entry = timeline.add(event) {
            write(line(event, entry))
            printed += 1
          }
          return limit.map { printed < $0 } ?? true
        }
        if format == .table, timeline.finished, limit.map({ printed < $0 }) ?? true {
          write(renderer.summary(timeline.summary))
        }
      }
    }
  }
}

/// How the direct parser reads the line (`DirectVerbParser`).
extension Verbs.History.Line {
  static let directOptions: [String: DirectArity] = ["--raw": .flag, "--follow": .flag, "--reverse": .flag, "--limit": .one]

  init?(_ words: DirectVerbWords) {
    guard let execution = words.single, let limit: Int? = words.converted("--limit") else { return nil }
    self.init(global: words.global, raw: words.raw, execution: execution, follow: words.flags.contains("--follow"),
              reverse: words.flags.contains("--reverse"), limit: limit)
  }
}
