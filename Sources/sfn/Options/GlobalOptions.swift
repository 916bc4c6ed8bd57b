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

/// Options every command accepts, before or after the command name (names and help from `GlobalOption`).
struct GlobalOptions: ParsableArguments {
  @Option(name: .customLong(GlobalOption.profile.long), help: GlobalOption.profile.help)
  var profile: String?

  @Option(name: .customLong(GlobalOption.region.long), help: GlobalOption.region.help)
  var region: String?

  @Option(name: .customLong(GlobalOption.endpointURL.long), help: GlobalOption.endpointURL.help)
  var endpointURL: String?

  @Option(name: .customLong(GlobalOption.output.long), help: GlobalOption.output.help)
  var output: OutputFormat?

  @Option(name: .customLong(GlobalOption.query.long), help: GlobalOption.query.help)
  var query: String?

  @Option(name: .customLong(GlobalOption.color.long), help: GlobalOption.color.help)
  var color: ColorMode = .auto

  @Flag(name: .customLong(GlobalOption.debug.long), help: GlobalOption.debug.help)
  var debug = false

  @Flag(name: .customLong(GlobalOption.noVerifySSL.long), help: GlobalOption.noVerifySSL.help)
  var noVerifySSL = false

  @Option(name: .customLong(GlobalOption.caBundle.long), help: GlobalOption.caBundle.help)
  var caBundle: String?

  @Option(name: .customLong(GlobalOption.connectTimeout.long), help: GlobalOption.connectTimeout.help)
  var connectTimeout: Double?

  @Option(name: .customLong(GlobalOption.readTimeout.long), help: GlobalOption.readTimeout.help)
  var readTimeout: Double?

  @Option(name: .customLong(GlobalOption.maxAttempts.long), help: GlobalOption.maxAttempts.help)
  var maxAttempts: Int?

  @Flag(name: .customLong(GlobalOption.noPaginate.long), help: GlobalOption.noPaginate.help)
  var noPaginate = false

  @Flag(name: .customLong(GlobalOption.noCLIPager.long), help: GlobalOption.noCLIPager.help)
  var noCLIPager = false

  @Option(name: .customLong(GlobalOption.cliBinaryFormat.long), help: GlobalOption.cliBinaryFormat.help)
  var cliBinaryFormat: String?

  @Option(name: .customLong(GlobalOption.errorFormat.long), help: GlobalOption.errorFormat.help)
  var errorFormat: ErrorFormat?

  func validate() throws {
    if let message = settings.validationError { throw ValidationError(message) }
  }

  /// The values as plain data.
  var settings: GlobalSettings {
    GlobalSettings(profile: profile, region: region, endpointURL: endpointURL, output: output, query: query,
                   color: color, debug: debug, noVerifySSL: noVerifySSL, caBundle: caBundle,
                   connectTimeout: connectTimeout, readTimeout: readTimeout, maxAttempts: maxAttempts,
                   noPaginate: noPaginate, noCLIPager: noCLIPager, cliBinaryFormat: cliBinaryFormat,
                   errorFormat: errorFormat)
  }
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
