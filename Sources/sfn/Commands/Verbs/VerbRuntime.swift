import ArgumentParser
import SFNKit

/// `--raw`: keep the JSON strings the API embeds (input, output, definition) as strings.
struct RawOption: ParsableArguments {
  @Flag(help: "Print input, output and definition as the JSON strings the API returns instead of decoding them.")
  var raw = false
}

/// What every verb needs on top of its `CommandContext`: the client, a name resolver, the printer and progress
/// on stderr.
struct VerbRuntime {
  let context: CommandContext
  let client: StepFunctionsClient
  let resolver: NameResolver
  let output: VerbPrinter

  init(_ runtime: Runtime, global: GlobalOptions, raw: Bool = false) throws {
    context = CommandContext(runtime, global: global)
    output = VerbPrinter(printer: try context.printer(), raw: raw)
    let client = try context.client()
    self.client = client
    let env = context.environment
    let key = [client.configuration.endpoint.absoluteString, client.configuration.region,
               global.profile ?? env["AWS_PROFILE"] ?? "default", env["AWS_ACCESS_KEY_ID"] ?? ""].joined(separator: "|")
    resolver = NameResolver(region: client.configuration.region, cache: AccountCache.standard(environment: env),
                            cacheKey: key, call: { try client.call($0, $1) })
  }

  /// Calls `operation` with `input`.
  func call(_ operation: OperationName, _ input: JSON, timeout: Double? = nil) throws -> JSON {
    try client.call(operation, input, timeout: timeout)
  }

  /// A progress line on stderr, only when stderr is a terminal.
  func progress(_ line: String) {
    if context.terminal.stderrIsTTY { context.terminal.err(line) }
  }

  /// A reader for JSON arguments (inline, @FILE, file://FILE, -).
  var jsonInput: JSONInputReader { context.jsonInput }

  /// A waiter that sleeps with the runtime (for real until Ctrl-C).
  var waiter: ExecutionWaiter {
    ExecutionWaiter(call: { [client] in try client.call($0, $1) }, clock: context.runtime.clock, sleep: context.runtime.sleep)
  }

  /// Ends the command with the exit code of a final execution status; a failure's error and cause go to stderr.
  static func finish(status: String?, error: String?, cause: String?, name: String) throws {
    guard let status, let code = ExitStatus(executionStatus: status), code != .success else { return }
    throw OutcomeError.executionEnded(name: name, status: code, statusText: status, error: error, cause: cause)
  }

  /// Ends the command with 124 after a --timeout.
  static func timedOut(_ what: String, after seconds: Double) throws -> Never {
    throw OutcomeError.timedOut(what: what, seconds: seconds)
  }
}

extension String {
  /// The last part of an ARN (an execution's or machine's name).
  var arnName: String { split(separator: ":").last.map(String.init) ?? self }
}
