#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn redrive EXECUTION [--wait]`: restart a failed execution from where it failed.
  struct Redrive: RuntimeCommand {
    static let configuration = CommandConfiguration(
      commandName: "redrive",
      abstract: "Redrive a failed, timed-out or aborted execution (with --wait: wait and exit with its status).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rawOption: RawOption
    @Argument(help: "The execution: ARN or MACHINE/EXECUTION-NAME.", completion: .executions) var execution: String
    @Flag(help: "Wait for the redriven execution to end; exit with its status.") var wait = false
    @Option(help: ArgumentHelp("With --wait: give up after this long and exit 124.", valueName: "duration")) var timeout: String?

    func run(_ runtime: Runtime) throws {
      let timeoutSeconds = try timeout.map { try DurationParser.seconds($0) }
      let verb = CommandContext(runtime, global: global, raw: rawOption.raw)
      let (output, resolver) = try verb.connect()
      let arn = try resolver.execution(execution)
      // The redrive count before, so --wait does not take the old final status for the new one.
      let before = wait ? try verb.call(.describeExecution, ["executionArn": .string(arn)])["redriveCount"]?.intValue ?? 0 : 0
      // A client token makes a retried request redrive once only.
      let token = String(UUID().uuidString.lowercased().prefix(64))
      let result = try verb.call(.redriveExecution, ["executionArn": .string(arn), "clientToken": .string(token)])
      guard wait else {
        try output.printObject(output.prepare(result, shape: .redriveExecutionOutput))
        return
      }
      verb.progress("waiting for \(arn.arnName)…")
      let outcome = try verb.waiter().wait(for: [arn], timeout: timeoutSeconds) {
        ExecutionStatus.isFinal($0["status"]?.stringValue) && ($0["redriveCount"]?.intValue ?? 0) > before
      }
      if outcome.timedOut { throw OutcomeError.timedOut(what: "execution \(arn.arnName) is", seconds: timeoutSeconds ?? 0) }
      let execution = outcome.executions[0]
      try output.printObject(output.prepare(execution, shape: .describeExecutionOutput))
      try OutcomeError.ifUnsuccessful(status: execution["status"]?.stringValue, error: execution["error"]?.stringValue,
                                      cause: execution["cause"]?.stringValue, name: arn.arnName)
    }
  }
}
