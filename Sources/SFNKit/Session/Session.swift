#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the user chose on the command line that changes where and as whom requests go.
public struct SessionOverrides: Sendable {
  public var profile: String?
  public var region: String?
  public var endpointURL: String?
  public var maxAttempts: Int?

  /// Overrides with the given values.
  public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil, maxAttempts: Int? = nil) {
    self.profile = profile
    self.region = region
    self.endpointURL = endpointURL
    self.maxAttempts = maxAttempts
  }
}

/// Resolves region, endpoint and credentials from overrides, the environment and config files.
public struct Session {
  public let environment: Environment
  public let overrides: SessionOverrides

  /// A session over `environment` with command-line `overrides`.
  public init(environment: Environment, overrides: SessionOverrides) {
    self.environment = environment
    self.overrides = overrides
  }

  /// The region: --region, AWS_REGION, AWS_DEFAULT_REGION.
  public func region() throws -> String {
    if let r = overrides.region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] { return r }
    throw SFNError(.configuration, "no region: pass --region, set AWS_REGION, or add 'region =' to your profile in ~/.aws/config")
  }

  /// The endpoint and whether the user configured it.
  public func endpoint(region: String) throws -> (url: URL, custom: Bool) {
    if let raw = overrides.endpointURL ?? environment["AWS_ENDPOINT_URL_SFN"] ?? environment["AWS_ENDPOINT_URL"] {
      return (try Self.parseEndpoint(raw), true)
    }
    let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    return (URL(string: "https://states.\(region).\(suffix)")!, false)
  }

  /// Checks a user-given endpoint URL: http or https with a host.
  public static func parseEndpoint(_ raw: String) throws -> URL {
    guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
      let host = url.host, !host.isEmpty
    else {
      throw SFNError(.configuration, "bad endpoint URL '\(raw)': expected http://HOST[:PORT] or https://HOST[:PORT]")
    }
    return url
  }

  /// Credentials from the environment.
  public func credentials() throws -> Credentials {
    if let id = environment["AWS_ACCESS_KEY_ID"] {
      guard let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
        throw SFNError(.credentials, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both")
      }
      return Credentials(accessKeyId: id, secretAccessKey: secret,
                         sessionToken: environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"])
    }
    throw SFNError(.credentials, "no credentials: tried environment variables; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
  }

  /// Total attempts per request: --max-attempts, AWS_MAX_ATTEMPTS, else 3.
  public func maxAttempts() throws -> Int {
    if let n = overrides.maxAttempts { return n }
    if let raw = environment["AWS_MAX_ATTEMPTS"] {
      guard let n = Int(raw), n >= 1 else { throw SFNError(.configuration, "AWS_MAX_ATTEMPTS must be a whole number of at least 1, got '\(raw)'") }
      return n
    }
    return 3
  }
}
