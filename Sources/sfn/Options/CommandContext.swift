import SFNKit

/// Everything a command needs at run time, built from the global options; config files are read on first use.
final class CommandContext {
  let global: GlobalSettings
  let environment: Environment
  let terminal: Terminal
  let files: LocalFileSystem
  private var cachedSetup: ClientSetup?
  private var cachedTransport: CurlTransport?

  init(global: GlobalSettings, environment: Environment = .process()) {
    self.global = global
    self.environment = environment
    terminal = Terminal.system(color: global.color, environment: environment)
    files = LocalFileSystem(home: environment["HOME"])
  }

  /// A context for the parsed global options.
  convenience init(global: GlobalOptions, environment: Environment = .process()) {
    self.init(global: global.settings, environment: environment)
  }

  /// The libcurl transport with the timeout and TLS options, made once.
  func transport() throws -> CurlTransport {
    if let cachedTransport { return cachedTransport }
    var options = TransportOptions()
    if let t = global.connectTimeout { options.connectTimeout = t == 0 ? 0 : t }
    if let t = global.readTimeout { options.readTimeout = t }
    // The profile's `ca_bundle` is applied in setup(), once the config files are read.
    options.caBundle = try checkedCABundle(global.caBundle ?? environment["AWS_CA_BUNDLE"])
    if global.noVerifySSL {
      options.verifyTLS = false
      terminal.err("sfn: warning: TLS certificate verification is off (--no-verify-ssl)")
    }
    let t = try CurlTransport(options: options)
    cachedTransport = t
    return t
  }

  /// `path` when it is readable; libcurl would only say "TLS failure" after connecting, and the file is
  /// configuration the user can fix.
  private func checkedCABundle(_ path: String?) throws -> String? {
    if let path, !files.isReadable(path) {
      throw CommandError.unreadableCABundle(path: path)
    }
    return path
  }

  /// Profile, region, endpoint and credential chain, resolved once.
  func setup() throws -> ClientSetup {
    if let cachedSetup { return cachedSetup }
    // With --debug the credential providers' requests (STS, SSO, IMDS, container) are logged one line each.
    let base: HTTPTransport = try transport()
    let credentialTransport = global.debug ? CredentialRequestLog(base, write: { [terminal] in terminal.err($0) }) : base
    let s = try ClientSetup(environment: environment, profile: global.profile, region: global.region,
                            endpointURL: global.endpointURL, transport: credentialTransport,
                            mfaPrompt: MFAPrompter.terminal())
    if global.caBundle == nil, environment["AWS_CA_BUNDLE"] == nil,
      let profileBundle = try checkedCABundle(s.setting(nil, "ca_bundle")?.value)
    {
      try transport().useCABundle(profileBundle)
    }
    cachedSetup = s
    return s
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
    let client = try setup().makeClient(transport: try transport(), maxAttempts: global.maxAttempts)
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
