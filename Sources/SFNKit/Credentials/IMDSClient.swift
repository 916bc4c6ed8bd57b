#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The EC2 instance metadata service with the IMDSv2 token flow (and IMDSv1 fallback unless disabled).
public struct IMDSClient {
  /// How requests are sent.
  public var transport: HTTPTransport
  /// The base URL, e.g. `http://169.254.169.254/`.
  public var endpoint: String
  /// Seconds per request (`metadata_service_timeout`, default 1).
  public var timeout: Double
  /// Attempts per request (`metadata_service_num_attempts`, default 1).
  public var attempts: Int
  /// True when IMDSv1 fallback is forbidden (`AWS_EC2_METADATA_V1_DISABLED`).
  public var v1Disabled: Bool
  /// Token lifetime asked for, in seconds.
  public static let tokenTTL = 21600

  /// A client configured from the environment and profile, or nil when `AWS_EC2_METADATA_DISABLED=true`.
  public init?(environment: Environment, profile: ProfileSection?, transport: HTTPTransport) {
    if environment.flag("AWS_EC2_METADATA_DISABLED") == true { return nil }
    func setting(_ variable: String, _ key: String) -> String? {
      SettingLookup.string(variable, key, environment: environment, profile: profile)?.value
    }
    var endpoint = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint")
      ?? (setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode")?.lowercased()
          == "ipv6" ? "http://[fd00:ec2::254]/" : "http://169.254.169.254/")
    if !endpoint.hasSuffix("/") { endpoint += "/" }
    self.transport = transport
    self.endpoint = endpoint
    self.timeout = setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout").flatMap(Double.init) ?? 1
    self.attempts = setting("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts")
      .flatMap(Int.init) ?? 1
    self.v1Disabled = setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")?.lowercased() == "true"
  }

  /// Why metadata could not be read.
  public enum Failure: Error, Equatable {
    /// No metadata service answered (not on EC2, or blocked).
    case unavailable(String)
    /// The service answered with an unexpected status.
    case status(Int, path: String)
  }

  /// The IMDSv2 session token; nil means continue with IMDSv1 (no token header).
  public func token() throws -> String? {
    let request = HTTPRequest(method: "PUT", url: url("latest/api/token"),
                              headers: [("x-aws-ec2-metadata-token-ttl-seconds", String(Self.tokenTTL))])
    do {
      let response = try send(request)
      switch response.status {
      case 200: return String(decoding: response.body, as: UTF8.self)
      case 403, 404, 405:
        if v1Disabled { throw Failure.status(response.status, path: "latest/api/token") }
        return nil
      default: throw Failure.status(response.status, path: "latest/api/token")
      }
    } catch TransportError.timeout where !v1Disabled {
      return nil  // e.g. a container behind a hop limit of 1: IMDSv1 may still answer
    } catch let error as TransportError where error != .cancelled {
      throw Failure.unavailable("\(error)")
    }
  }

  /// `GET` of a metadata path (e.g. `latest/meta-data/placement/availability-zone`) with the token when there is one.
  public func get(_ path: String, token: String?) throws -> String {
    var request = HTTPRequest(method: "GET", url: url(path))
    if let token { request.setHeader("x-aws-ec2-metadata-token", token) }
    let response: HTTPResponse
    do {
      response = try send(request)
    } catch let error as TransportError where error != .cancelled {
      throw Failure.unavailable("\(error)")
    }
    guard response.status == 200 else { throw Failure.status(response.status, path: path) }
    return String(decoding: response.body, as: UTF8.self)
  }

  /// The instance's region: the availability zone minus its last letter, or nil when IMDS is unavailable.
  public func region() -> String? {
    guard let token = try? token(),
          let zone = try? get("latest/meta-data/placement/availability-zone", token: token)
            .trimmingSpacesAndNewlines(), zone.count > 1 else { return nil }
    return String(zone.dropLast())
  }

  private func url(_ path: String) -> URL { URL(string: endpoint + path)! }

  /// Sends with retries on transport errors and 5xx replies.
  private func send(_ request: HTTPRequest) throws -> HTTPResponse {
    var attempt = 1
    while true {
      do {
        let response = try transport.send(request, timeout: timeout)
        if response.status >= 500 && attempt < attempts { attempt += 1; continue }
        return response
      } catch let error as TransportError where attempt < attempts && error != .cancelled {
        attempt += 1
      }
    }
  }
}

/// Credentials of the EC2 instance profile role, through IMDS.
public struct IMDSProvider: CredentialProvider {
  /// The shared context.
  public var context: CredentialContext

  /// A provider reading IMDS as configured by the context.
  public init(context: CredentialContext) { self.context = context }

  /// `iam-role`, the AWS CLI's name.
  public var name: String { "iam-role" }
  /// What was looked at.
  public var triedDescription: String { "EC2 instance metadata" }

  /// Nil when IMDS is disabled, unreachable or has no role; errors only on a malformed credentials document.
  public func credentials() throws -> Credentials? {
    guard let client = IMDSClient(environment: context.environment, profile: context.profile,
                                  transport: context.transport) else { return nil }
    let base = "latest/meta-data/iam/security-credentials/"
    let role: String
    let token: String?
    do {
      token = try client.token()
      guard let first = try client.get(base, token: token).split(whereSeparator: \.isNewline).first else {
        return nil
      }
      role = first.trimmingSpacesAndNewlines()
    } catch is IMDSClient.Failure {
      return nil
    }
    let document: String
    do {
      document = try client.get(base + role, token: token)
    } catch {
      return nil
    }
    guard let json = try? JSONParser.parse(document), let id = json["AccessKeyId"]?.stringValue,
          let secret = json["SecretAccessKey"]?.stringValue else {
      let code = (try? JSONParser.parse(document))?["Code"]?.stringValue ?? "an unreadable document"
      throw CredentialError(.credentials, provider: name,
                            "iam-role: instance metadata for role \(role) returned \(code)")
    }
    return Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: json["Token"]?.stringValue,
                       expiration: json["Expiration"]?.stringValue.flatMap(ISO8601.parse),
                       accountId: json["AccountId"]?.stringValue)
  }
}

extension Substring {
  fileprivate func trimmingSpacesAndNewlines() -> String { String(self).trimmingSpacesAndNewlines() }
}
