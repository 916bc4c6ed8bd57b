#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import SFNKit

extension Verbs {
  /// `sfn activity worker ACTIVITY -- COMMAND [ARGS...]`.
  struct Activity: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "activity", abstract: "Work on activity tasks.", subcommands: [Worker.self])

    /// Polls an activity and runs a command for each task.
    struct Worker: RuntimeCommand {
      static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Poll an activity; run COMMAND for each task with its input on stdin.",
        discussion: """
          COMMAND's stdout (JSON) becomes the task output; a non-zero exit reports a failure with the exit status \
          and the end of its stderr. Heartbeats are sent while it runs. SIGINT/SIGTERM stop the worker after the \
          current task (a second one reports the current task failed and quits).
          """)

      @OptionGroup var global: GlobalOptions
      @Argument(help: "The activity: ARN or name.", completion: .activities) var activity: String
      @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.") var command: [String] = []
      @Option(name: .customLong("worker-name"), help: "The worker name reported to the service (default: host name and pid).")
      var workerName: String?
      @Option(name: .customLong("heartbeat"), help: ArgumentHelp("Seconds between heartbeats while a task runs.", valueName: "duration"))
      var heartbeat: String = "30s"
      @Option(name: .customLong("max-tasks"), help: "Stop after this many tasks.") var maxTasks: Int?

      func validate() throws {
        if command.isEmpty { throw ValidationError("give the command to run after --, e.g. sfn activity worker my-activity -- ./handle.sh") }
        if let maxTasks, maxTasks < 1 { throw ValidationError("--max-tasks must be at least 1") }
      }

      func run(_ runtime: Runtime) throws {
        let interval = try DurationParser.seconds(heartbeat, option: "--heartbeat")
        guard interval > 0 else { throw CommandError.heartbeatNotPositive }
        // Signals are routed to a listener thread before the client (and its threads) exist.
        let stderrIsTTY = runtime.stderrIsTTY
        let stderr = runtime.stderr
        let stop = runtime.listenForStops { count in
          let text = count == 1 ? "stopping after the current poll or task; press Ctrl-C again to give it up" : "giving up the current task"
          if stderrIsTTY { stderr.write("sfn: \(text)\n") }
        }
        let verb = CommandContext(runtime, global: global)
        let (_, resolver) = try verb.connect()
        let arn = try resolver.activity(activity)
        var worker = ActivityWorker(
          activityArn: arn, workerName: workerName ?? Self.defaultWorkerName(),
          command: TaskCommand(arguments: command, environment: verb.environment.variables,
                               stderr: stderr.write(bytes:)),
          call: { try verb.call($0, $1, timeout: $2) }, stop: stop,
          log: { line in if stderrIsTTY || verb.global.debug { stderr.write("sfn: \(line)\n") } })
        worker.heartbeatInterval = interval
        worker.maxTasks = maxTasks
        verb.progress("polling \(arn.arnName) for tasks…")
        _ = try worker.run()
      }

      static func defaultWorkerName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        let host = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String("\(host)-\(getpid())".prefix(80))
      }
    }
  }
}
