import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn output EXECUTION`: the output document alone, for jq.
  struct Output: VerbCommand {
    static let configuration = CommandConfiguration(
      commandName: "output",
      abstract: "Print an execution's output document alone (for jq).",
      discussion: "A failed execution prints its error and cause on stderr and exits with its status code (1 FAILED, 2 TIMED_OUT, 3 ABORTED); a running one exits 4.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rawOption: RawOption
    @Argument(help: "The execution: ARN or MACHINE/EXECUTION-NAME.", completion: .executions) var execution: String

    var invocation: VerbInvocation { .output(Line(global: global.settings, raw: rawOption.raw, execution: execution)) }

    /// The command line as data.
    struct Line: DirectVerbLine {
      var global: GlobalSettings
      var raw: Bool
      var execution: String

      func run(_ runtime: Runtime) throws {
        let verb = CommandContext(runtime, global: global, raw: raw)
        let (output, resolver) = try verb.connect()
        let arn = try resolver.execution(execution)
        let described = try verb.call(.describeExecution, ["executionArn": .string(arn)])
        let status = described["status"]?.stringValue ?? ""
        guard ExecutionStatus.isFinal(status) else {
          throw CommandError.noOutputYet(execution: arn.arnName, status: status)
        }
        try OutcomeError.ifUnsuccessful(status: status, error: described["error"]?.stringValue, cause: described["cause"]?.stringValue,
                                        name: arn.arnName)
        if ExpressExecutionARN(arn) != nil { try Output.checkLoggedOutput(described, arn: arn, express: try verb.express()) }
        let text = described["output"]?.stringValue ?? "null"
        if raw {
          verb.terminal.out(text + "\n")
          return
        }
        guard let document = try? JSONParser.parse(text) else {
          throw CommandError.outputNotJSON
        }
        let result = try output.printer.query.map { try $0.evaluate(document) } ?? document
        verb.terminal.out(JSONWriter.pretty.string(result) + "\n")
      }
    }

    /// An Express execution's output comes from its ExecutionSucceeded log event: say why it is missing or cut.
    static func checkLoggedOutput(_ described: JSON, arn: String, express: ExpressLogReader) throws {
      let logging = try express.logging(ofExecution: arn)
      if described["output"] == nil { throw ExpressLogError.noExecutionData(execution: arn, logging: logging) }
      if described["outputDetails"]?["included"]?.boolValue == false {
        throw ExpressLogError.outputTruncated(execution: arn)
      }
    }
  }
}

/// How the direct parser reads the line (`DirectVerbParser`).
extension Verbs.Output.Line {
  static let directOptions: [String: DirectArity] = ["--raw": .flag]

  init?(_ words: DirectVerbWords) {
    guard let execution = words.single else { return nil }
    self.init(global: words.global, raw: words.raw, execution: execution)
  }
}
