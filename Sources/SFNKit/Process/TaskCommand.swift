/// What a task's command did.
public struct TaskCommandResult: Sendable {
  /// The exit status, or nil when a signal killed it.
  public var status: Int32?
  /// The signal that killed it.
  public var signal: Int32?
  /// Its stdout (at most `outputLimit` + 1 bytes are kept, enough to tell it was too long).
  public var stdout: [UInt8]
  /// The last bytes of its stderr.
  public var stderrTail: [UInt8]
}

/// Runs a task's command: input on stdin, stdout collected, stderr passed to a sink (its tail kept),
/// a tick every `tickInterval` seconds while it runs (for heartbeats), and a kill when `shouldStop` says so.
public struct TaskCommand {
  public var arguments: [String]
  public var environment: [String: String]
  public var outputLimit = JSONInputReader.defaultLimit
  public var tailLimit = 2048
  /// Where the command's stderr goes as it arrives (the user's terminal); nil keeps only the tail.
  public var stderr: (@Sendable ([UInt8]) -> Void)?

  /// A command run directly (no shell) with `environment`, its stderr handed to `stderr`.
  public init(arguments: [String], environment: [String: String], stderr: (@Sendable ([UInt8]) -> Void)?) {
    self.arguments = arguments
    self.environment = environment
    self.stderr = stderr
  }

  /// Runs the command once with `input` on stdin; throws `SubprocessError` when it cannot start.
  public func run(input: [UInt8], tickInterval: Double, tick: () -> Void, shouldStop: () -> Bool) throws
    -> TaskCommandResult
  {
    var process = Subprocess(arguments: arguments, environment: environment, input: input)
    process.stdoutLimit = outputLimit
    process.stderrLimit = tailLimit
    process.stderrSink = stderr
    process.ownProcessGroup = true
    let output = try process.run(tickInterval: tickInterval, tick: tick, shouldStop: shouldStop)
    return TaskCommandResult(status: output.signal == nil ? output.status : nil, signal: output.signal,
                             stdout: output.stdout, stderrTail: output.stderr)
  }
}
