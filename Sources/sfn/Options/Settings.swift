/// The global options' values, as plain data (from `GlobalOptions` or the direct parser).
struct GlobalSettings: Equatable {
  var profile: String?
  var region: String?
  var endpointURL: String?
  var output: OutputFormat?
  var query: String?
  var color: ColorMode = .auto
  var debug = false
  var noVerifySSL = false
  var caBundle: String?
  var connectTimeout: Double?
  var readTimeout: Double?
  var maxAttempts: Int?
  var noPaginate = false
  var noCLIPager = false
  var cliBinaryFormat: String?
  var errorFormat: ErrorFormat?

  /// Why these values are not acceptable (the usage error's text), or nil when they are.
  var validationError: String? {
    if let maxAttempts, maxAttempts < 1 { return "--max-attempts must be at least 1" }
    if let connectTimeout, connectTimeout < 0 { return "--cli-connect-timeout must not be negative" }
    if let readTimeout, readTimeout < 0 { return "--cli-read-timeout must not be negative" }
    return nil
  }
}

/// The values of `--cli-input-json` and `--generate-cli-skeleton`.
struct CLIInputSettings: Equatable {
  var cliInputJSON: String?
  var generateSkeleton: CLIInputOptions.SkeletonKind?
}

/// The values of the AWS CLI's pagination options.
struct PagingSettings: Equatable {
  var maxItems: Int?
  var startingToken: String?
  var pageSize: Int?

  /// Why these values are not acceptable (the usage error's text), or nil when they are.
  var validationError: String? {
    if let maxItems, maxItems < 1 { return "--max-items must be at least 1" }
    if let pageSize, pageSize < 1 { return "--page-size must be at least 1" }
    return nil
  }
}
