import SFNKit

/// Everything a command needs at run time, built from the global options.
struct CommandContext {
  let global: GlobalOptions
  let environment: Environment
  let terminal: Terminal
  let session: Session
  let files: LocalFileReader

  init(global: GlobalOptions, environment: Environment = .process()) {
    self.global = global
    self.environment = environment
    terminal = Terminal.system(color: global.color, environment: environment)
    session = Session(environment: environment, overrides: SessionOverrides(
      profile: global.profile, region: global.region, endpointURL: global.endpointURL, maxAttempts: global.maxAttempts))
    files = LocalFileReader(home: environment["HOME"])
  }

  /// The output format: --output, AWS_DEFAULT_OUTPUT, else table on a terminal and json otherwise.
  func outputFormat() throws -> OutputFormat {
    if let f = global.output { return f }
    if let raw = environment["AWS_DEFAULT_OUTPUT"] {
      guard let f = OutputFormat(rawValue: raw) else {
        throw SFNError(.configuration, "AWS_DEFAULT_OUTPUT='\(raw)' is not json, table or text")
      }
      return f
    }
    return terminal.stdoutIsTTY ? .table : .json
  }

  /// The printer for results, with --query parsed (a bad expression is a usage error).
  func printer() throws -> OutputPrinter {
    var query: JMESPathExpression?
    if let q = global.query {
      do { query = try JMESPathExpression(q) } catch let e as JMESPathError {
        throw SFNError(.usage, "--query: \(e)")
      }
    }
    return OutputPrinter(terminal: terminal, format: try outputFormat(), query: query)
  }

  /// A client for the resolved region, endpoint and credentials; nothing is read until first use.
  func client() throws -> StepFunctionsClient {
    let region = try session.region()
    let endpoint = try session.endpoint(region: region)
    var options = TransportOptions()
    if let t = global.connectTimeout { options.connectTimeout = t }
    if let t = global.readTimeout { options.readTimeout = t }
    options.caBundle = global.caBundle ?? environment["AWS_CA_BUNDLE"]
    if global.noVerifySSL {
      options.verifyTLS = false
      terminal.err("sfn: warning: TLS certificate verification is off (--no-verify-ssl)")
    }
    var configuration = ClientConfiguration(region: region, endpoint: endpoint.url, endpointIsCustom: endpoint.custom)
    configuration.maxAttempts = try session.maxAttempts()
    let session = self.session
    return StepFunctionsClient(configuration: configuration, transport: try CurlTransport(options: options),
                               credentials: { try session.credentials() })
  }
}
