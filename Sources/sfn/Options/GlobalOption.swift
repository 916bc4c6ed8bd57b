import ArgumentParser

/// The global options, one row each: name, whether it takes a value, help, and the setting it stores.
///
/// Everything that reads global options derives from this table: `GlobalOptions` (argument-parser's declarations
/// take their names and help from it), the direct parser, `ArgumentOrder` and the completer.
/// `GlobalOptionTableTests` checks that `GlobalOptions` declares exactly these options and that its `settings`
/// maps each one as `set(_:on:)` does.
enum GlobalOption: String, CaseIterable {
  case profile = "--profile"
  case region = "--region"
  case endpointURL = "--endpoint-url"
  case output = "--output"
  case query = "--query"
  case color = "--color"
  case debug = "--debug"
  case noVerifySSL = "--no-verify-ssl"
  case caBundle = "--ca-bundle"
  case connectTimeout = "--cli-connect-timeout"
  case readTimeout = "--cli-read-timeout"
  case maxAttempts = "--max-attempts"
  case noPaginate = "--no-paginate"
  case noCLIPager = "--no-cli-pager"
  case cliBinaryFormat = "--cli-binary-format"
  case errorFormat = "--error-format"

  /// The option's name without its dashes, for argument-parser's `.customLong`.
  var long: String { String(rawValue.dropFirst(2)) }

  /// False for a flag, true for an option followed by its value.
  var takesValue: Bool {
    switch self {
    case .debug, .noVerifySSL, .noPaginate, .noCLIPager: return false
    default: return true
    }
  }

  /// The line `--help` shows (hidden for options kept only for AWS CLI compatibility).
  var help: ArgumentHelp {
    switch self {
    case .profile: return "Use this profile from ~/.aws/config and ~/.aws/credentials."
    case .region: return "The AWS region, e.g. us-east-1."
    case .endpointURL: return ArgumentHelp("Send requests to this URL instead of the AWS endpoint.", valueName: "url")
    case .output: return "Output format: json, table or text (default: table on a terminal, json otherwise)."
    case .query: return ArgumentHelp("A JMESPath expression applied to the result.", valueName: "jmespath")
    case .color: return "Colour: auto, always or never."
    case .debug: return "Show each request and response on stderr, secrets masked."
    case .noVerifySSL: return "Do not verify TLS certificates (prints a warning)."
    case .caBundle: return ArgumentHelp("Trust the CA certificates in this PEM file.", valueName: "file")
    case .connectTimeout: return ArgumentHelp("Seconds to wait for a connection (0: forever).", valueName: "seconds")
    case .readTimeout: return ArgumentHelp("Seconds to wait for data (0: forever).", valueName: "seconds")
    case .maxAttempts: return ArgumentHelp("Attempts per request, the first included.", valueName: "n")
    case .noPaginate: return "Make one request only; do not fetch further pages."
    case .errorFormat:
      return ArgumentHelp("Errors on stderr: text (one line) or json (one object; also SFN_ERROR_FORMAT).",
                          valueName: "text|json")
    case .noCLIPager, .cliBinaryFormat: return .hidden
    }
  }

  /// This option's value in a raw command line (`--opt V` or `--opt=V`, before any `--`; the last one wins), for
  /// reading it when parsing failed.
  func value(in arguments: [String]) -> String? {
    var found: String?
    var i = 0
    while i < arguments.count, arguments[i] != "--" {
      if arguments[i] == rawValue, i + 1 < arguments.count {
        found = arguments[i + 1]
        i += 1
      } else if arguments[i].hasPrefix(rawValue + "=") {
        found = String(arguments[i].dropFirst(rawValue.count + 1))
      }
      i += 1
    }
    return found
  }

  /// Stores `value` (ignored for a flag) in `settings`; false when it does not convert (argument-parser reports it).
  func set(_ value: String, on settings: inout GlobalSettings) -> Bool {
    switch self {
    case .profile: settings.profile = value
    case .region: settings.region = value
    case .endpointURL: settings.endpointURL = value
    case .output:
      guard let format = OutputFormat(argument: value) else { return false }
      settings.output = format
    case .query: settings.query = value
    case .color:
      guard let mode = ColorMode(argument: value) else { return false }
      settings.color = mode
    case .debug: settings.debug = true
    case .noVerifySSL: settings.noVerifySSL = true
    case .caBundle: settings.caBundle = value
    case .connectTimeout, .readTimeout:
      guard let seconds = Double(argument: value) else { return false }
      if self == .connectTimeout { settings.connectTimeout = seconds } else { settings.readTimeout = seconds }
    case .maxAttempts:
      guard let n = Int(argument: value) else { return false }
      settings.maxAttempts = n
    case .noPaginate: settings.noPaginate = true
    case .noCLIPager: settings.noCLIPager = true
    case .cliBinaryFormat: settings.cliBinaryFormat = value
    case .errorFormat:
      guard let format = ErrorFormat(argument: value) else { return false }
      settings.errorFormat = format
    }
    return true
  }
}
