import SFNKit

/// One command's view of the runtime: the global options applied to it (terminal colour, output format, query),
/// and the config files, transport and client resolved from them on first use.
final class CommandContext {
  let runtime: Runtime
  let global: GlobalSettings
  let terminal: Terminal
  private var cachedSetup: ClientSetup?
  private var cachedTransport: HTTPTransport?

  init(_ runtime: Runtime, global: GlobalSettings) {
    self.runtime = runtime
    self.global = global
    terminal = Terminal(runtime, color: global.color)
  }

  /// A context for the parsed global options.
  convenience init(_ runtime: Runtime, global: GlobalOptions) {
    self.init(runtime, global: global.settings)
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

  /// A client for the resolved region, endpoint and credentials.
  func client() throws -> StepFunctionsClient {
    let client = try setup().makeClient(transport: try transport(), maxAttempts: global.maxAttempts,
                                        clock: runtime.clock)
    if global.debug {
      let log = DebugLog(write: { [terminal] in terminal.err($0) })
      client.observer = log
      debugLogs.append(log)
    }
    return client
  }

  /// The writer for errors and non-fatal findings, in the format --error-format, SFN_ERROR_FORMAT or the
  /// profile's `sfn_error_format` chooses.
  func errorWriter() -> ErrorWriter {
    let format = ErrorFormat.resolve(commandLine: global.errorFormat, profile: global.profile, environment: environment)
    return ErrorWriter(format: format, write: { [terminal] in terminal.err($0) })
  }

  /// Keeps debug observers alive as long as the context (the client holds them weakly).
  private var debugLogs: [DebugLog] = []
}
