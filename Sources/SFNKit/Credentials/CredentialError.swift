#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A credential source failed at run time, or no source had credentials; never carries a secret.
public struct CredentialError: UserFacingError, Sendable, Equatable {
  /// `.credentials` (exit 5) when there are none or they were refused, `.unreachable` (exit 6) when a
  /// credential endpoint could not be reached.
  public var kind: FailureKind
  /// The provider's short name (`sso`, `assume-role`, ...), or nil for the chain itself.
  public var provider: String?
  /// One line saying what went wrong and what to do.
  public var message: String
  /// The sources the chain tried, in order, when it found nothing.
  public var tried: [String]

  /// An error from `provider` saying `message`.
  public init(_ kind: FailureKind, provider: String?, _ message: String, tried: [String] = []) {
    self.kind = kind
    self.provider = provider
    self.message = message
    self.tried = tried
  }

  /// No source in the chain had credentials.
  public static func noCredentials(tried: [String]) -> CredentialError {
    CredentialError(.credentials, provider: nil,
                    "no credentials: tried \(tried.joined(separator: ", ")); "
                      + "run `aws configure` or set AWS_ACCESS_KEY_ID",
                    tried: tried)
  }

  /// The process exit code: 5 for credential problems, 6 when an endpoint was unreachable.
  public var exitCode: Int32 { kind == .unreachable ? 6 : 5 }

  /// The one-line message.
  public var description: String { message }

  /// Wraps a transport failure talking to `what` as an unreachable-endpoint error.
  static func unreachable(_ provider: String, _ what: String, _ error: TransportError) -> CredentialError {
    CredentialError(.unreachable, provider: provider, "\(provider): could not reach \(what): \(describe(error))")
  }

  /// The transport failure's own message (libcurl's text), without the enum case around it.
  static func describe(_ error: TransportError) -> String {
    switch error {
    case .connectionRefused(_, let message), .dnsFailure(_, let message): return message
    case .timeout(let message), .tls(let message), .connectionLost(let message), .other(_, let message):
      return message
    case .cancelled: return "interrupted"
    }
  }
}

