import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn wait EXECUTION...`: block until every execution ends; exit with the worst status.
  struct Wait: VerbCommand {
    static let configuration = CommandConfiguration(
      commandName: "wait",
      abstract: "Wait for executions to end; exit with the worst status.",
      discussion: "Exit codes: 0 all SUCCEEDED, else the highest of 1 FAILED, 2 TIMED_OUT, 3 ABORTED; 124 when --timeout passes first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rawOption: RawOption
    @Argument(help: "Executions: ARN or MACHINE/EXECUTION-NAME.", completion: .executions) var executions: [String]
    @Option(help: ArgumentHelp("Give up after this long (90, 90s, 10m, 1h30m) and exit 124.", valueName: "duration"))
    var timeout: String?

    var invocation: VerbInvocation { .wait(line) }

    private var line: Line { Line(global: global.settings, raw: rawOption.raw, executions: executions, timeout: timeout) }

    func validate() throws {
      if let message = line.validationError { throw ValidationError(message) }
    }

    /// The command line as data.
    struct Line: DirectVerbLine {
      var global: GlobalSettings
      var raw: Bool
      var executions: [String]
      var timeout: String?

      var validationError: String? { executions.isEmpty ? "give at least one execution" : nil }

      func run(_ runtime: Runtime) throws {
        let timeoutSeconds = try timeout.map { try DurationParser.seconds($0) }
        let verb = CommandContext(runtime, global: global, raw: raw)
        let (output, resolver) = try verb.connect()
        let arns = try executions.map { try resolver.execution($0) }
        verb.progress("waiting for \(arns.count == 1 ? arns[0].arnName : "\(arns.count) executions")…")
        var waiter = try verb.waiter()
        if arns.contains(where: { ExpressExecutionARN($0) != nil }) {
          // Express executions are read from CloudWatch Logs, which delivers their events late.
          try verb.express().deliveryAllowance = ExpressLogReader.waitAllowance
          waiter.schedule = ExpressLogReader.pollSchedule
        }
        let outcome = try waiter.wait(for: arns, timeout: timeoutSeconds)
        let shaped = outcome.executions.map { output.prepare($0, shape: .describeExecutionOutput) }
        try output.printList(shaped, columns: [
          .key("name", "name"), .key("status", "status"), .key("started", "startDate"), .key("stopped", "stopDate"),
          Column(header: "error") { [$0["error"]?.stringValue, $0["cause"]?.stringValue].compactMap { $0 }.joined(separator: ": ") },
        ])
        if outcome.timedOut {
          let running = outcome.executions.filter { !ExecutionStatus.isFinal($0["status"]?.stringValue) }.count
          throw OutcomeError.timedOut(what: "\(running) of \(arns.count) execution\(arns.count == 1 ? " is" : "s are")", seconds: timeoutSeconds ?? 0)
        }
        var worst: JSON?
        for e in outcome.executions {
          let s = e["status"]?.stringValue ?? "FAILED"
          if worst == nil || ExecutionStatus.severity(s) > ExecutionStatus.severity(worst?["status"]?.stringValue ?? "SUCCEEDED") { worst = e }
        }
        // Every execution that did not succeed is reported; the worst one last, as the command's error.
        let errors = verb.errorWriter()
        for e in outcome.executions where e != worst {
          if let ended = OutcomeError.ended(status: e["status"]?.stringValue, error: e["error"]?.stringValue,
                                            cause: e["cause"]?.stringValue, name: e["name"]?.stringValue ?? "") {
            _ = errors.report(ended)
          }
        }
        if let worst {
          try OutcomeError.ifUnsuccessful(status: worst["status"]?.stringValue, error: worst["error"]?.stringValue,
                                          cause: worst["cause"]?.stringValue, name: worst["name"]?.stringValue ?? "")
        }
      }
    }
  }
}

/// How the direct parser reads the line (`DirectVerbParser`).
extension Verbs.Wait.Line {
  static let directOptions: [String: DirectArity] = ["--raw": .flag, "--timeout": .one]

  init?(_ words: DirectVerbWords) {
    self.init(global: words.global, raw: words.raw, executions: words.positionals, timeout: words.values["--timeout"])
  }
}
