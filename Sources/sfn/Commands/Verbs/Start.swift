#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn start MACHINE`: start an execution; with --wait, block until it ends and exit with its status.
  struct Start: VerbCommand {
    static let configuration = CommandConfiguration(
      commandName: "start",
      abstract: "Start an execution (with --wait: wait for it and exit with its status).",
      discussion: "MACHINE is an ARN, a name, NAME:ALIAS or NAME:VERSION. Exit codes with --wait: 0 SUCCEEDED, 1 FAILED, 2 TIMED_OUT, 3 ABORTED, 124 --timeout.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rawOption: RawOption
    @Argument(help: "The state machine: ARN, name, NAME:ALIAS or NAME:VERSION.", completion: .stateMachines)
    var machine: String
    @Option(help: ArgumentHelp("The input: JSON, @FILE, file://FILE or - for stdin.", valueName: "json")) var input: String?
    @Option(help: "The execution name (default: a new UUID).") var name: String?
    @Flag(help: "Wait for the execution to end; exit with its status.") var wait = false
    @Option(help: ArgumentHelp("With --wait: give up after this long (90, 90s, 10m, 1h30m) and exit 124.", valueName: "duration"))
    var timeout: String?
    @Option(name: .customLong("trace-header"), help: "An X-Ray trace header.") var traceHeader: String?

    var invocation: VerbInvocation {
      .start(Line(global: global.settings, raw: rawOption.raw, machine: machine, input: input, name: name, wait: wait,
                  timeout: timeout, traceHeader: traceHeader))
    }

    /// The command line as data.
    struct Line: DirectVerbLine {
      var global: GlobalSettings
      var raw: Bool
      var machine: String
      var input: String?
      var name: String?
      var wait: Bool
      var timeout: String?
      var traceHeader: String?

      func run(_ runtime: Runtime) throws {
        let timeoutSeconds = try timeout.map { try DurationParser.seconds($0) }
        let verb = CommandContext(runtime, global: global, raw: raw)
        let (output, resolver) = try verb.connect()
        let inputText = try input.map { try verb.jsonInput.read($0, option: "--input") }
        let machineArn = try resolver.machine(machine)
        // The name is fixed before the first attempt, so a retried request cannot start two executions.
        let executionName = name ?? UUID().uuidString.lowercased()
        var request = JSONObject([("stateMachineArn", .string(machineArn)), ("name", .string(executionName))])
        if let inputText { request["input"] = .string(inputText) }
        if let traceHeader { request["traceHeader"] = .string(traceHeader) }

        guard wait else {
          let started = try verb.call(.startExecution, .object(request))
          try output.printObject(output.prepare(started, shape: .startExecutionOutput))
          return
        }
        if try machineType(machineArn, verb) == "EXPRESS" {
          try startSync(request, verb: verb, output: output, timeout: timeoutSeconds)
          return
        }
        let started = try verb.call(.startExecution, .object(request))
        guard let arn = started["executionArn"]?.stringValue else { throw ResponseError.missingMember(.startExecution, member: "executionArn") }
        verb.progress("waiting for \(executionName)…")
        let outcome = try verb.waiter().wait(for: [arn], timeout: timeoutSeconds)
        let execution = outcome.executions[0]
        if outcome.timedOut { throw OutcomeError.timedOut(what: "execution \(executionName) is", seconds: timeoutSeconds ?? 0) }
        try output.printObject(output.prepare(execution, shape: .describeExecutionOutput))
        try OutcomeError.ifUnsuccessful(status: execution["status"]?.stringValue, error: execution["error"]?.stringValue,
                                        cause: execution["cause"]?.stringValue, name: executionName)
      }

      /// STANDARD or EXPRESS: known from the name lookup, else one DescribeStateMachine of the unqualified machine.
      private func machineType(_ arn: String, _ verb: CommandContext) throws -> String? {
        let base = StatesARN(arn)?.unqualifiedMachine.text ?? arn
        if let known = try verb.resolver().machineTypes[base] { return known }
        return try verb.call(.describeStateMachine, ["stateMachineArn": .string(base)])["type"]?.stringValue
      }

      private func startSync(_ request: JSONObject, verb: CommandContext, output: VerbPrinter, timeout: Double?) throws {
        // An express execution runs at most five minutes; the call returns when it ends.
        let result: JSON
        do {
          result = try verb.call(.startSyncExecution, .object(request), timeout: timeout ?? 330)
        } catch TransportError.timeout where timeout != nil {
          throw OutcomeError.timedOut(what: "the express execution may be", seconds: timeout!)
        }
        try output.printObject(output.prepare(result, shape: .startSyncExecutionOutput))
        try OutcomeError.ifUnsuccessful(status: result["status"]?.stringValue, error: result["error"]?.stringValue,
                                        cause: result["cause"]?.stringValue, name: result["name"]?.stringValue ?? request["name"]?.stringValue ?? "")
      }
    }
  }
}

/// How the direct parser reads the line (`DirectVerbParser`).
extension Verbs.Start.Line {
  static let directOptions: [String: DirectArity] = [
    "--raw": .flag, "--input": .one, "--name": .one, "--wait": .flag, "--timeout": .one, "--trace-header": .one,
  ]

  init?(_ words: DirectVerbWords) {
    guard let machine = words.single else { return nil }
    self.init(global: words.global, raw: words.raw, machine: machine, input: words.values["--input"],
              name: words.values["--name"], wait: words.flags.contains("--wait"), timeout: words.values["--timeout"],
              traceHeader: words.values["--trace-header"])
  }
}
