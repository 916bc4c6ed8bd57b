import ArgumentParser
import SFNKit

/// Output formats of `--output`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case json, table, text
}

/// When to colour output.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

/// Options every command accepts, before or after the command name.
struct GlobalOptions: ParsableArguments {
  @Option(help: "Use this profile from ~/.aws/config and ~/.aws/credentials.")
  var profile: String?

  @Option(help: "The AWS region, e.g. us-east-1.")
  var region: String?

  @Option(name: .customLong("endpoint-url"), help: ArgumentHelp("Send requests to this URL instead of the AWS endpoint.", valueName: "url"))
  var endpointURL: String?

  @Option(help: "Output format: json, table or text (default: table on a terminal, json otherwise).")
  var output: OutputFormat?

  @Option(help: ArgumentHelp("A JMESPath expression applied to the result.", valueName: "jmespath"))
  var query: String?

  @Option(help: "Colour: auto, always or never.")
  var color: ColorMode = .auto

  @Flag(help: "Show each request and response on stderr, secrets masked.")
  var debug = false

  @Flag(name: .customLong("no-verify-ssl"), help: "Do not verify TLS certificates (prints a warning).")
  var noVerifySSL = false

  @Option(name: .customLong("ca-bundle"), help: ArgumentHelp("Trust the CA certificates in this PEM file.", valueName: "file"))
  var caBundle: String?

  @Option(name: .customLong("cli-connect-timeout"), help: ArgumentHelp("Seconds to wait for a connection (0: forever).", valueName: "seconds"))
  var connectTimeout: Double?

  @Option(name: .customLong("cli-read-timeout"), help: ArgumentHelp("Seconds to wait for data (0: forever).", valueName: "seconds"))
  var readTimeout: Double?

  @Option(name: .customLong("max-attempts"), help: ArgumentHelp("Attempts per request, the first included.", valueName: "n"))
  var maxAttempts: Int?

  @Flag(name: .customLong("no-paginate"), help: "Make one request only; do not fetch further pages.")
  var noPaginate = false

  @Flag(name: .customLong("no-cli-pager"), help: .hidden)
  var noCLIPager = false

  @Option(name: .customLong("cli-binary-format"), help: .hidden)
  var cliBinaryFormat: String?

  func validate() throws {
    if let message = settings.validationError { throw ValidationError(message) }
  }

  /// The values as plain data.
  var settings: GlobalSettings {
    GlobalSettings(profile: profile, region: region, endpointURL: endpointURL, output: output, query: query,
                   color: color, debug: debug, noVerifySSL: noVerifySSL, caBundle: caBundle,
                   connectTimeout: connectTimeout, readTimeout: readTimeout, maxAttempts: maxAttempts,
                   noPaginate: noPaginate, noCLIPager: noCLIPager, cliBinaryFormat: cliBinaryFormat)
  }

  /// Global option names and whether each takes a value, for moving them behind the command name.
  static let names: [String: Bool] = [
    "--profile": true, "--region": true, "--endpoint-url": true, "--output": true, "--query": true, "--color": true,
    "--debug": false, "--no-verify-ssl": false, "--ca-bundle": true, "--cli-connect-timeout": true,
    "--cli-read-timeout": true, "--max-attempts": true, "--no-paginate": false, "--no-cli-pager": false,
    "--cli-binary-format": true,
  ]
}

/// `--cli-input-json` and `--generate-cli-skeleton`, as in the AWS CLI.
struct CLIInputOptions: ParsableArguments {
  @Option(name: .customLong("cli-input-json"), help: ArgumentHelp("Read parameters from this JSON (or file://PATH); flags override it.", valueName: "json"))
  var cliInputJSON: String?

  @Option(name: .customLong("generate-cli-skeleton"), help: ArgumentHelp("Print a JSON skeleton of the parameters ('input') or of the output ('output') and exit.", valueName: "input|output"))
  var generateSkeleton: SkeletonKind?

  enum SkeletonKind: String, ExpressibleByArgument {
    case input, output
  }

  /// The values as plain data.
  var settings: CLIInputSettings { CLIInputSettings(cliInputJSON: cliInputJSON, generateSkeleton: generateSkeleton) }
}

/// The AWS CLI's pagination options, for paginated operations.
struct PaginationOptions: ParsableArguments {
  @Option(name: .customLong("max-items"), help: ArgumentHelp("Print at most this many items, with a NextToken to resume.", valueName: "n"))
  var maxItems: Int?

  @Option(name: .customLong("starting-token"), help: ArgumentHelp("Resume from a NextToken printed earlier.", valueName: "token"))
  var startingToken: String?

  @Option(name: .customLong("page-size"), help: ArgumentHelp("Items per request.", valueName: "n"))
  var pageSize: Int?

  func validate() throws {
    if let message = settings.validationError { throw ValidationError(message) }
  }

  /// The values as plain data.
  var settings: PagingSettings { PagingSettings(maxItems: maxItems, startingToken: startingToken, pageSize: pageSize) }
}
