#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An AWS partition: the DNS suffixes for a family of regions (from botocore's `partitions.json`).
public struct Partition: Sendable, Equatable {
  /// E.g. `aws`, `aws-cn`, `aws-us-gov`.
  public var name: String
  /// E.g. `amazonaws.com`.
  public var dnsSuffix: String
  /// E.g. `api.aws`.
  public var dualStackDnsSuffix: String
  /// Region-name prefixes (split on `-`) that select this partition, before `-<word>-<digits>`.
  var prefixes: [[String]]

  /// Every partition, most specific first so `us-gov-...` is not taken for `aws`.
  public static let all: [Partition] = [
    Partition(name: "aws-us-gov", dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws", prefixes: [["us", "gov"]]),
    Partition(name: "aws-iso", dnsSuffix: "c2s.ic.gov", dualStackDnsSuffix: "api.aws.ic.gov",
              prefixes: [["us", "iso"]]),
    Partition(name: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", dualStackDnsSuffix: "api.aws.scloud",
              prefixes: [["us", "isob"]]),
    Partition(name: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", dualStackDnsSuffix: "api.cloud-aws.adc-e.uk",
              prefixes: [["eu", "isoe"]]),
    Partition(name: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", dualStackDnsSuffix: "api.aws.hci.ic.gov",
              prefixes: [["us", "isof"]]),
    Partition(name: "aws-eusc", dnsSuffix: "amazonaws.eu", dualStackDnsSuffix: "api.amazonwebservices.eu",
              prefixes: [["eusc", "de"]]),
    Partition(name: "aws-cn", dnsSuffix: "amazonaws.com.cn", dualStackDnsSuffix: "api.amazonwebservices.com.cn",
              prefixes: [["cn"]]),
    Partition(name: "aws", dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws",
              prefixes: ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"].map { [$0] }),
  ]

  /// The partition whose region pattern matches `region`; unknown regions fall back to `aws`, as botocore does.
  public static func forRegion(_ region: String) -> Partition {
    let parts = region.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    for partition in all {
      for prefix in partition.prefixes
      where parts.count == prefix.count + 2 && Array(parts.prefix(prefix.count)) == prefix {
        let word = parts[prefix.count], number = parts[prefix.count + 1]
        if !word.isEmpty && word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
          && !number.isEmpty && number.allSatisfy({ $0.isASCII && $0.isNumber }) {
          return partition
        }
      }
    }
    return all.last!
  }
}

/// Which service an endpoint is for: how its env var, services sub-key and host are named.
public struct AWSServiceEndpointInfo: Sendable, Equatable {
  /// Suffix of `AWS_ENDPOINT_URL_<ID>`, e.g. `SFN`.
  public var environmentSuffix: String
  /// The sub-key in a `[services]` section, e.g. `sfn`.
  public var configKey: String
  /// The first host label, e.g. `states`.
  public var hostPrefix: String

  /// A service with the given names.
  public init(environmentSuffix: String, configKey: String, hostPrefix: String) {
    self.environmentSuffix = environmentSuffix
    self.configKey = configKey
    self.hostPrefix = hostPrefix
  }

  /// Step Functions (serviceId `SFN`, endpoint prefix `states`).
  public static let stepFunctions = AWSServiceEndpointInfo(environmentSuffix: "SFN", configKey: "sfn",
                                                           hostPrefix: "states")
  /// STS, for AssumeRole and GetCallerIdentity.
  public static let sts = AWSServiceEndpointInfo(environmentSuffix: "STS", configKey: "sts", hostPrefix: "sts")
  /// IAM, for reading an execution role's trust policy (`sfn deploy --check-role`).
  public static let iam = AWSServiceEndpointInfo(environmentSuffix: "IAM", configKey: "iam", hostPrefix: "iam")
  /// CloudWatch Logs (serviceId `CloudWatch Logs`), where Express executions' events are: as the AWS SDKs,
  /// `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` and the `cloudwatch_logs` key of a `services` section.
  public static let logs = AWSServiceEndpointInfo(environmentSuffix: "CLOUDWATCH_LOGS", configKey: "cloudwatch_logs",
                                                  hostPrefix: "logs")
  /// The IAM Identity Center portal (GetRoleCredentials); `AWS_ENDPOINT_URL_SSO` points it at a local fake.
  public static let sso = AWSServiceEndpointInfo(environmentSuffix: "SSO", configKey: "sso", hostPrefix: "portal.sso")
  /// SSO-OIDC (token refresh).
  public static let ssoOIDC = AWSServiceEndpointInfo(environmentSuffix: "SSO_OIDC", configKey: "sso_oidc",
                                                     hostPrefix: "oidc")
}

/// The endpoint URL for a service (spec section d): configured URLs first, then the partition rules.
public struct EndpointResolver {
  /// The service.
  public var service: AWSServiceEndpointInfo
  /// The `--endpoint-url` value, if given.
  public var commandLine: String?
  /// The environment.
  public var environment: Environment
  /// The selected profile, if it exists.
  public var profile: ProfileSection?
  /// The loaded files, for `[services NAME]` sections.
  public var files: ProfileFiles

  /// A resolver over these inputs.
  public init(service: AWSServiceEndpointInfo = .stepFunctions, commandLine: String?, environment: Environment,
              profile: ProfileSection?, files: ProfileFiles) {
    self.service = service
    self.commandLine = commandLine
    self.environment = environment
    self.profile = profile
    self.files = files
  }

  /// The configured endpoint URL, or nil when the rules decide: --endpoint-url, then (unless
  /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL, the profile's `services` section and
  /// its `endpoint_url`, as the AWS SDKs' "service-specific endpoints" feature orders them.
  public func configuredEndpoint() throws -> ResolvedSetting<String>? {
    if let commandLine, !commandLine.isEmpty {
      return ResolvedSetting(commandLine, from: .commandLine("--endpoint-url"))
    }
    let ignore = try SettingLookup.bool("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls",
                                        environment: environment, profile: profile)
    if ignore?.value == true { return nil }
    for variable in ["AWS_ENDPOINT_URL_\(service.environmentSuffix)", "AWS_ENDPOINT_URL"] {
      if let url = environment[variable] { return ResolvedSetting(url, from: .environment(variable)) }
    }
    if let profile, let servicesName = profile["services"] {
      guard let section = files.servicesSection(named: servicesName) else {
        throw ConfigError(.invalidSetting, "profile \"\(profile.name)\" names services section \"\(servicesName)\", "
                          + "which does not exist in \(files.configPath)", location: profile.location(of: "services"),
                          profile: profile.name)
      }
      if let url = section.subProperties(of: service.configKey)["endpoint_url"], !url.isEmpty {
        return ResolvedSetting(url, from: .servicesSection(name: servicesName, key: "\(service.configKey).endpoint_url",
                                                           location: section.location(of: service.configKey)))
      }
    }
    return SettingLookup.string(nil, "endpoint_url", environment: environment, profile: profile)
  }

  /// The endpoint for `region` (nil when unknown), with its source; validates the URL.
  public func resolve(region: String?) throws -> ResolvedSetting<URL> {
    let fips = try SettingLookup.bool("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", environment: environment,
                                      profile: profile)?.value ?? false
    let dualStack = try SettingLookup.bool("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint",
                                           environment: environment, profile: profile)?.value ?? false
    if let configured = try configuredEndpoint() {
      if fips || dualStack {
        throw ConfigError(.invalidSetting, "a custom endpoint (\(configured.source)) cannot be combined with FIPS or "
                          + "dual-stack endpoints", profile: profile?.name)
      }
      guard let url = URL(string: configured.value), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host?.isEmpty == false else {
        throw ConfigError(.invalidSetting, "endpoint URL \"\(configured.value)\" from \(configured.source) is not an "
                          + "http(s) URL with a host", profile: profile?.name)
      }
      return ResolvedSetting(url, from: configured.source)
    }
    guard let region, !region.isEmpty else {
      throw ConfigError(.invalidSetting, "no region: pass --region, set AWS_REGION, or add 'region =' to the profile",
                        profile: profile?.name)
    }
    guard let url = URL(string: Self.ruleEndpoint(hostPrefix: service.hostPrefix, region: region, fips: fips,
                                                  dualStack: dualStack)),
          region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
      throw ConfigError(.invalidSetting, "region \"\(region)\" is not a valid region name", profile: profile?.name)
    }
    return ResolvedSetting(url, from: .endpointRules)
  }

  /// The endpoint-rule-set URL for a region: botocore's Step Functions rules for FIPS, dual-stack and the partition.
  public static func ruleEndpoint(hostPrefix: String, region: String, fips: Bool, dualStack: Bool) -> String {
    let partition = Partition.forRegion(region)
    let isGov = partition.name == "aws-us-gov"
    if hostPrefix == "states" {
      if region == "us-gov-west-1" && fips && !dualStack {
        return "https://states.\(region).\(partition.dnsSuffix)"
      }
      if isGov && dualStack && !fips {
        return "https://states-fips.\(region).\(partition.dualStackDnsSuffix)"
      }
    }
    let host = fips ? "\(hostPrefix)-fips" : hostPrefix
    let suffix = dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix
    return "https://\(host).\(region).\(suffix)"
  }
}
