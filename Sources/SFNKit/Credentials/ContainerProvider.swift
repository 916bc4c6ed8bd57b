#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Credentials from the ECS / EKS Pod Identity container endpoint (`AWS_CONTAINER_CREDENTIALS_*`).
public struct ContainerProvider: CredentialProvider {
  /// The shared context.
  public var context: CredentialContext
  /// Seconds per attempt (botocore: 2).
  public var timeout: Double = 2
  /// Attempts before giving up (botocore: 3).
  public var attempts: Int = 3

  /// A provider reading the context's environment.
  public init(context: CredentialContext) { self.context = context }

  /// `container-role`.
  public var name: String { "container-role" }
  /// What was looked at.
  public var triedDescription: String { "container (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI)" }

  /// Hosts allowed for a plain-http FULL_URI besides loopback addresses.
  static let allowedHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]",
                                          "localhost"]

  /// The credentials URL the environment configures, nil when neither variable is set.
  public static func endpoint(_ environment: Environment) throws -> URL? {
    if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
      guard let url = URL(string: "http://169.254.170.2" + relative) else {
        throw CredentialError(.credentials, provider: "container-role",
                              "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI \"\(relative)\" is not a valid path")
      }
      return url
    }
    guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else { return nil }
    guard let url = URL(string: full), let host = url.host, !host.isEmpty, let scheme = url.scheme?.lowercased() else {
      throw CredentialError(.credentials, provider: "container-role",
                            "AWS_CONTAINER_CREDENTIALS_FULL_URI \"\(full)\": URI did not specify a host")
    }
    guard scheme == "https" || (scheme == "http" && isAllowedHTTPHost(host)) else {
      throw CredentialError(.credentials, provider: "container-role",
                            "AWS_CONTAINER_CREDENTIALS_FULL_URI host \(host) is not allowed over http: use https, a "
                            + "loopback address, 169.254.170.2, 169.254.170.23 or fd00:ec2::23")
    }
    return url
  }

  /// Loopback (127.0.0.0/8, ::1) or one of the container endpoints.
  static func isAllowedHTTPHost(_ host: String) -> Bool {
    let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    if allowedHosts.contains(bare.lowercased()) || bare == "::1" { return true }
    let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
    return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
  }

  /// The `Authorization` value: the token file (re-read each time) beats the token variable; CR/LF are refused.
  static func authorizationToken(_ environment: Environment, fileSystem: FileSystem) throws -> String? {
    var token: String?
    if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
      guard let bytes = try? fileSystem.contents(atPath: path) else {
        throw CredentialError(.credentials, provider: "container-role",
                              "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path) cannot be read")
      }
      token = String(decoding: bytes, as: UTF8.self).trimmingSpacesAndNewlines()
    } else {
      token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
    }
    if let token, token.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
      throw CredentialError(.credentials, provider: "container-role",
                            "the container authorization token contains a line break")
    }
    return token
  }

  /// Nil when no container endpoint is configured; errors when it is but fails.
  public func credentials() throws -> Credentials? {
    guard let url = try Self.endpoint(context.environment) else { return nil }
    var request = HTTPRequest(method: "GET", url: url, headers: [("Accept", "application/json")])
    if let token = try Self.authorizationToken(context.environment, fileSystem: context.fileSystem) {
      request.setHeader("Authorization", token)
    }
    var lastProblem = ""
    for _ in 0..<max(1, attempts) {
      do {
        let response = try context.transport.send(request, timeout: timeout)
        guard response.status == 200 else {
          lastProblem = "HTTP \(response.status)"
          if response.status < 500 { break }
          continue
        }
        guard let json = try? JSONParser.parse(bytes: response.body), let id = json["AccessKeyId"]?.stringValue,
              let secret = json["SecretAccessKey"]?.stringValue else {
          lastProblem = "a reply without AccessKeyId and SecretAccessKey"
          continue
        }
        return Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: json["Token"]?.stringValue,
                           expiration: json["Expiration"]?.stringValue.flatMap(ISO8601.parse),
                           accountId: json["AccountId"]?.stringValue)
      } catch let error as TransportError where error != .cancelled {
        lastProblem = CredentialError.describe(error)
      }
    }
    throw CredentialError(.credentials, provider: name,
                          "container credentials from \(url.host ?? "?") failed: \(lastProblem)")
  }
}
