import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn stop EXECUTION`: abort a running execution.
  struct Stop: RuntimeCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop (abort) a running execution.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The execution: ARN or MACHINE/EXECUTION-NAME.", completion: .executions) var execution: String
    @Option(help: "An error code to record.") var error: String?
    @Option(help: "A cause to record.") var cause: String?

    func run(_ runtime: Runtime) throws {
      let verb = CommandContext(runtime, global: global)
      let (output, resolver) = try verb.connect()
      let arn = try resolver.execution(execution)
      var request = JSONObject([("executionArn", .string(arn))])
      if let error { request["error"] = .string(error) }
      if let cause { request["cause"] = .string(cause) }
      var result = try verb.call(.stopExecution, .object(request))
      if result["executionArn"] == nil, var object = result.objectValue {
        object["executionArn"] = .string(arn)
        result = .object(object)
      }
      try output.printObject(output.prepare(result, shape: .stopExecutionOutput))
    }
  }
}
