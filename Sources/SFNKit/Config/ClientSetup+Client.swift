/// Building a Step Functions client from the resolved setup.
extension ClientSetup {
  /// Total attempts per request: the override (--max-attempts), `AWS_MAX_ATTEMPTS` / `max_attempts`, else the
  /// retry mode's default (3 for standard and adaptive, 5 for legacy, as botocore).
  ///
  /// A bad `retry_mode` is reported even when the attempts come from elsewhere, as the AWS CLI does.
  public func maxAttempts(override: Int?) throws -> Int {
    let modeDefault: Int
    switch setting("AWS_RETRY_MODE", "retry_mode") {
    case nil: modeDefault = 3
    case let mode? where mode.value == "standard" || mode.value == "adaptive": modeDefault = 3
    case let mode? where mode.value == "legacy": modeDefault = 5
    case let mode?:
      throw ConfigError(.invalidSetting, "retry_mode must be standard, adaptive or legacy, got '\(mode.value)' (from \(mode.source))",
                        profile: profile.name)
    }
    if let override { return override }
    if let raw = setting("AWS_MAX_ATTEMPTS", "max_attempts") {
      guard let n = Int(raw.value.trimmingWhitespace()), n >= 1 else {
        throw ConfigError(.invalidSetting, "max_attempts must be a whole number of at least 1, got '\(raw.value)' (from \(raw.source))",
                          profile: profile.name)
      }
      return n
    }
    return modeDefault
  }

  /// A client for the resolved region and endpoint whose credentials come from the chain, refreshed before expiry;
  /// `sleep` waits between attempts.
  public func makeClient(transport: HTTPTransport, maxAttempts override: Int? = nil, clock: Clock = .system,
                         sleep: @escaping (Double) -> Void = RetryStrategy.systemSleep) throws
    -> StepFunctionsClient
  {
    let endpoint = try endpoint()
    // Requests are signed for a region even when the endpoint is given, so a missing one is an error (as aws).
    let region = try requireRegion().value
    var configuration = ClientConfiguration(region: region, endpoint: endpoint.value,
                                            endpointIsCustom: endpoint.source != .endpointRules)
    configuration.maxAttempts = try maxAttempts(override: override)
    return StepFunctionsClient(configuration: configuration, transport: transport,
                               credentials: RefreshingCredentials(credentialChain, clock: clock), clock: clock,
                               retry: RetryStrategy(maxAttempts: configuration.maxAttempts, sleeper: sleep))
  }
}
