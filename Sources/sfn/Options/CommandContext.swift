import SFNKit

/// Everything a command uses, in one value: the runtime with the global options applied to it (terminal colour,
/// output format, query), and what is resolved from them on first use and kept: the config files, the transport,
/// the client, the name resolver and the verbs' printer.
final class CommandContext {
  let runtime: Runtime
  let global: GlobalSettings
  let terminal: Terminal
  /// `--raw`: the verbs' printer keeps the JSON strings the API embeds as strings.
  let raw: Bool
  private var cachedSetup: ClientSetup?
  private var cachedTransport: HTTPTransport?
  private var cachedClient: StepFunctionsClient?
  private var cachedResolver: NameResolver?
  private var cachedExpress: ExpressLogReader?

  init(_ runtime: Runtime, global: GlobalSettings, raw: Bool = false) {
    self.runtime = runtime
    self.global = global
    self.raw = raw
    terminal = Terminal(runtime, color: global.color)
  }

  /// A context for the parsed global options.
  convenience init(_ runtime: Runtime, global: GlobalOptions, raw: Bool = false) {
    self.init(runtime, global: global.settings, raw: raw)
  }

  /// The environment variables.
  var environment: Environment { runtime.environment }
  /// Files the user names and the config files.
  var files: FileSystem { runtime.files }

  /// A reader for JSON arguments (inline, @FILE, file://FILE, `-` for the runtime's standard input).
  var jsonInput: JSONInputReader { JSONInputReader(files: files, stdin: runtime.stdin) }

  /// The definition at `path` (`file://PATH` accepted; `-` is the runtime's standard input).
  func definition(_ path: String) throws -> DefinitionSource {
    try DefinitionSource.load(path, files: files, standardInput: runtime.stdin)
  }

  /// `path` when it is readable; libcurl would only say "TLS failure" after connecting, and the file is
  /// configuration the user can fix.
  private func checkedCABundle(_ path: String?) throws -> String? {
    if let path, !files.isReadable(path) {
      throw CommandError.unreadableCABundle(path: path)
    }
    return path
  }

  /// The transport options the global options and the environment set (the profile's `ca_bundle` comes later).
  private func transportOptions() throws -> TransportOptions {
    var options = TransportOptions()
    options.isCancelled = { [interrupt = runtime.interrupt] in interrupt.requested }
    if let t = global.connectTimeout { options.connectTimeout = t == 0 ? 0 : t }
    if let t = global.readTimeout { options.readTimeout = t }
    options.caBundle = try checkedCABundle(global.caBundle ?? environment["AWS_CA_BUNDLE"])
    if global.noVerifySSL {
      options.verifyTLS = false
      terminal.err("sfn: warning: TLS certificate verification is off (--no-verify-ssl)")
    }
    return options
  }

  /// Profile, region, endpoint and credential chain, resolved once. The config files are read first, so the
  /// transport is built once with every setting (the profile's `ca_bundle` included).
  func setup() throws -> ClientSetup {
    if let cachedSetup { return cachedSetup }
    var options = try transportOptions()
    let profileFiles = try ProfileFiles.load(ProfileFileLocations(environment: environment), fileSystem: files)
    if options.caBundle == nil {
      let profile = profileFiles.profile(named: ProfileSelection(override: global.profile, environment: environment).name)
      let setting = SettingLookup.string(nil, "ca_bundle", environment: environment, profile: profile)
      options.caBundle = try checkedCABundle(setting?.value)
    }
    let base = try runtime.makeTransport(options)
    cachedTransport = base
    // With --debug the credential providers' requests (STS, SSO, IMDS, container) are logged one line each.
    let credentialTransport = global.debug ? CredentialRequestLog(base, write: { [terminal] in terminal.err($0) }) : base
    let s = try ClientSetup(environment: environment, profile: global.profile, region: global.region,
                            endpointURL: global.endpointURL, transport: credentialTransport, fileSystem: files,
                            clock: runtime.clock, mfaPrompt: runtime.mfaPrompt(), files: profileFiles)
    cachedSetup = s
    return s
  }

  /// The transport, built by `setup()`.
  func transport() throws -> HTTPTransport {
    _ = try setup()
    return cachedTransport!
  }

  /// The output format: --output, AWS_DEFAULT_OUTPUT or the profile's `output`, else table on a terminal and json otherwise.
  func outputFormat() throws -> OutputFormat {
    if let f = global.output { return f }
    if let raw = try setup().setting("AWS_DEFAULT_OUTPUT", "output") {
      guard let f = OutputFormat(rawValue: raw.value) else {
        throw CommandError.unknownOutputFormat(value: raw.value, source: "\(raw.source)")
      }
      return f
    }
    return terminal.stdoutIsTTY ? .table : .json
  }

  /// The parsed --query expression; a bad expression is a usage error.
  func query() throws -> JMESPathExpression? {
    guard let q = global.query else { return nil }
    do { return try JMESPathExpression(q) } catch let e as JMESPathError {
      throw CommandError.badQuery(detail: "\(e)")
    }
  }

  /// The printer for results in the chosen format.
  func printer() throws -> OutputPrinter {
    OutputPrinter(terminal: terminal, format: try outputFormat(), query: try query())
  }

  /// The client for the resolved region, endpoint and credentials, built once.
  func client() throws -> StepFunctionsClient {
    if let cachedClient { return cachedClient }
    let client = try setup().makeClient(transport: try transport(), maxAttempts: global.maxAttempts,
                                        clock: runtime.clock, sleep: runtime.sleep)
    if global.debug {
      let log = DebugLog(write: { [terminal] in terminal.err($0) })
      client.observer = log
      debugLog = log
    }
    cachedClient = client
    return client
  }

  /// Calls `operation` with `input` through the client; DescribeExecution, GetExecutionHistory and
  /// DescribeStateMachineForExecution of an Express execution are answered from its machine's CloudWatch Logs.
  func call(_ operation: OperationName, _ input: JSON, timeout: Double? = nil) throws -> JSON {
    let express = try express()
    if let answer = try express.answer(operation, input) { return answer }
    do { return try client().call(operation, input, timeout: timeout) } catch let e as ServiceError
      where e.code == "ExecutionDoesNotExist"
    {
      // MACHINE/NAME of an Express machine names no `execution:` ARN: the execution is looked for in the logs.
      guard ExpressLogReader.answered.contains(operation), let arn = input["executionArn"]?.stringValue,
        let found = try express.expressExecution(standingFor: arn), var object = input.objectValue
      else { throw e }
      object["executionArn"] = .string(found)
      return try express.answer(operation, .object(object)) ?? [:]
    }
  }

  /// `call` as a function, for readers and waiters.
  var serviceCall: ServiceCall { { [self] in try self.call($0, $1) } }

  /// The reader of Express executions from CloudWatch Logs (through the client's stack), built once.
  func express() throws -> ExpressLogReader {
    if let cachedExpress { return cachedExpress }
    let client = try client(), setup = try setup()
    let reader = ExpressLogReader(stepFunctions: { try client.call($0, $1) },
                                  logs: { try CloudWatchLogsClient(client: client, setup: setup) }, clock: runtime.clock)
    cachedExpress = reader
    return reader
  }

  /// The name resolver (names to ARNs, the account remembered in the cache directory), built once.
  func resolver() throws -> NameResolver {
    if let cachedResolver { return cachedResolver }
    let client = try client()
    let key = [client.configuration.endpoint.absoluteString, client.configuration.region,
               global.profile ?? environment["AWS_PROFILE"] ?? "default", environment["AWS_ACCESS_KEY_ID"] ?? ""]
      .joined(separator: "|")
    let resolver = NameResolver(region: client.configuration.region,
                                cache: AccountCache.standard(environment: environment, fileSystem: files),
                                cacheKey: key, call: { try client.call($0, $1) })
    cachedResolver = resolver
    return resolver
  }

  /// What a verb needs before it reads its arguments: the printer (with `--raw`), then the client and the name
  /// resolver. Built in this order so a broken setup reports the same error whatever the verb.
  func connect() throws -> (output: VerbPrinter, resolver: NameResolver) {
    let output = VerbPrinter(printer: try printer(), raw: raw)
    return (output, try resolver())
  }

  /// A waiter for executions that polls through `call` (Express executions: their logs) and sleeps with the
  /// runtime (until Ctrl-C).
  func waiter() throws -> ExecutionWaiter {
    _ = try client()
    return ExecutionWaiter(call: serviceCall, clock: runtime.clock, sleep: runtime.sleep)
  }

  /// A progress line on stderr, only when stderr is a terminal.
  func progress(_ line: String) {
    if terminal.stderrIsTTY { terminal.err(line) }
  }

  /// The writer for errors and non-fatal findings, in the format --error-format, SFN_ERROR_FORMAT or the
  /// profile's `sfn_error_format` chooses.
  func errorWriter() -> ErrorWriter {
    let format = ErrorFormat.resolve(commandLine: global.errorFormat, profile: global.profile, environment: environment,
                                     files: files)
    return ErrorWriter(format: format, write: { [terminal] in terminal.err($0) })
  }

  /// Keeps the debug observer alive as long as the context (the client holds it weakly).
  private var debugLog: DebugLog?
}
