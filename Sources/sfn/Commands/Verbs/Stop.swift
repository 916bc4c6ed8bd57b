import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn stop EXECUTION`: abort a running execution.
  struct Stop: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop (abort) a running execution.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The execution: ARN or MACHINE/EXECUTION-NAME.", completion: .executions) var execution: String
    @Option(help: "An error code to record.") var error: String?
    @Option(help: "A cause to record.") var cause: String?

    func run() throws {
      let runtime = try VerbRuntime(global: global)
      let arn = try runtime.resolver.execution(execution)
      var request = JSONObject([("executionArn", .string(arn))])
      if let error { request["error"] = .string(error) }
      if let cause { request["cause"] = .string(cause) }
      var result = try runtime.call(.stopExecution, .object(request))
      if result["executionArn"] == nil, var object = result.objectValue {
        object["executionArn"] = .string(arn)
        result = .object(object)
      }
      try runtime.output.printObject(runtime.output.prepare(result, shape: .stopExecutionOutput))
    }
  }
}
