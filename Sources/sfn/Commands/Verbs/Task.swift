import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn task success|failure|heartbeat TOKEN`: answer a callback or activity task.
  struct Task: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "task",
      abstract: "Answer a callback or activity task.",
      subcommands: [Success.self, Failure.self, Heartbeat.self])

    /// `sfn task success TOKEN [--task-output J]`.
    struct Success: RuntimeCommand {
      static let configuration = CommandConfiguration(commandName: "success", abstract: "Report a task's success with its output.")
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The task token.") var token: String
      @Option(name: .customLong("task-output"), help: ArgumentHelp("The task's output: JSON, @FILE, file://FILE or - for stdin (default {}).", valueName: "json"))
      var taskOutput: String?

      func run(_ runtime: Runtime) throws {
        let verb = CommandContext(runtime, global: global)
        _ = try verb.connect()
        let output = try taskOutput.map { try verb.jsonInput.read($0, option: "--task-output") } ?? "{}"
        _ = try verb.call(.sendTaskSuccess, ["taskToken": .string(token), "output": .string(output)])
      }
    }

    /// `sfn task failure TOKEN [--error E] [--cause C]`.
    struct Failure: RuntimeCommand {
      static let configuration = CommandConfiguration(commandName: "failure", abstract: "Report a task's failure.")
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The task token.") var token: String
      @Option(help: "The error code (at most 256 characters).") var error: String?
      @Option(help: "The cause (at most 32768 characters).") var cause: String?

      func validate() throws {
        if let error, error.count > 256 { throw ValidationError("--error is longer than 256 characters") }
        if let cause, cause.count > 32768 { throw ValidationError("--cause is longer than 32768 characters") }
      }

      func run(_ runtime: Runtime) throws {
        let verb = CommandContext(runtime, global: global)
        _ = try verb.connect()
        var request = JSONObject([("taskToken", .string(token))])
        if let error { request["error"] = .string(error) }
        if let cause { request["cause"] = .string(cause) }
        _ = try verb.call(.sendTaskFailure, .object(request))
      }
    }

    /// `sfn task heartbeat TOKEN`.
    struct Heartbeat: RuntimeCommand {
      static let configuration = CommandConfiguration(commandName: "heartbeat", abstract: "Report that a task is still being worked on.")
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The task token.") var token: String

      func run(_ runtime: Runtime) throws {
        let verb = CommandContext(runtime, global: global)
        _ = try verb.connect()
        _ = try verb.call(.sendTaskHeartbeat, ["taskToken": .string(token)])
      }
    }
  }
}
