#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn stop EXECUTION`: abort a running execution.
  struct Stop: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop (abort) a running execution.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The execution: ARN or MACHINE/EXECUTION-NAME.") var execution: String
    @Option(help: "An error code to record.") var error: String?
    @Option(help: "A cause to record.") var cause: String?

    func run() throws {
      let runtime = try VerbRuntime(global: global)
      let arn = try runtime.resolver.execution(execution)
      var request = JSONObject([("executionArn", .string(arn))])
      if let error { request["error"] = .string(error) }
      if let cause { request["cause"] = .string(cause) }
      var result = try runtime.call("StopExecution", .object(request))
      if result["executionArn"] == nil, var object = result.objectValue {
        object["executionArn"] = .string(arn)
        result = .object(object)
      }
      try runtime.output.printObject(runtime.output.prepare(result, shape: "StopExecutionOutput"))
    }
  }

  /// `sfn redrive EXECUTION [--wait]`: restart a failed execution from where it failed.
  struct Redrive: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Redrive a failed, timed-out or aborted execution (with --wait: wait and exit with its status).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rawOption: RawOption
    @Argument(help: "The execution: ARN or MACHINE/EXECUTION-NAME.") var execution: String
    @Flag(help: "Wait for the redriven execution to end; exit with its status.") var wait = false
    @Option(help: ArgumentHelp("With --wait: give up after this long and exit 124.", valueName: "duration")) var timeout: String?

    func run() throws {
      let timeoutSeconds = try timeout.map { try DurationParser.seconds($0) }
      let runtime = try VerbRuntime(global: global, raw: rawOption.raw)
      let arn = try runtime.resolver.execution(execution)
      // A client token makes a retried request redrive once only.
      let token = String(UUID().uuidString.lowercased().prefix(64))
      let result = try runtime.call("RedriveExecution", ["executionArn": .string(arn), "clientToken": .string(token)])
      guard wait else {
        try runtime.output.printObject(runtime.output.prepare(result, shape: "RedriveExecutionOutput"))
        return
      }
      runtime.progress("waiting for \(arn.arnName)…")
      let outcome = try runtime.waiter.wait(for: [arn], timeout: timeoutSeconds)
      if outcome.timedOut { try VerbRuntime.timedOut("execution \(arn.arnName) is", after: timeoutSeconds ?? 0) }
      let execution = outcome.executions[0]
      try runtime.output.printObject(runtime.output.prepare(execution, shape: "DescribeExecutionOutput"))
      try VerbRuntime.finish(status: execution["status"]?.stringValue, error: execution["error"]?.stringValue,
                             cause: execution["cause"]?.stringValue, name: arn.arnName)
    }
  }
}
