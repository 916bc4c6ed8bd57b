#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Holds credentials in memory for a long-running command and fetches new ones shortly before they expire.
///
/// Safe to call from several threads: one caller refreshes while the others wait, so a burst of requests makes one
/// STS / IMDS / process call.
public final class RefreshingCredentials: CredentialProvider, @unchecked Sendable {
  private let source: CredentialProvider
  private let clock: Clock
  private let refreshBefore: Double
  private var current: Credentials?
  private var mutex = pthread_mutex_t()

  /// Wraps `source`; credentials are refetched once fewer than `refreshBefore` seconds (default 5 minutes) remain.
  public init(_ source: CredentialProvider, clock: Clock = .system, refreshBefore: Double = 300) {
    self.source = source
    self.clock = clock
    self.refreshBefore = refreshBefore
    pthread_mutex_init(&mutex, nil)
  }

  deinit { pthread_mutex_destroy(&mutex) }

  /// The source's name.
  public var name: String { source.name }

  /// The held credentials, or fresh ones from the source when there are none or they are about to expire.
  public func credentials() throws -> Credentials? {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    if let current, current.expiration.map({ $0.timeIntervalSince(clock.now()) > refreshBefore }) ?? true {
      return current
    }
    let fresh = try source.credentials()
    // Signing with keys that have already expired can only be refused: say so before sending anything.
    if let fresh, let expiration = fresh.expiration, expiration <= clock.now() {
      current = nil
      throw CredentialError(.credentials, provider: source.name,
                            "the credentials expired at \(ISO8601.format(expiration)); refresh them "
                              + "(e.g. aws sso login, or new AWS_* variables) and try again")
    }
    current = fresh
    return current
  }
}
