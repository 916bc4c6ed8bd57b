#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Clock-skew correction as in the AWS SDK for Swift (`AWSClockSkewProvider`): when the service rejects a request
/// for its time and the response `Date` is more than 5 minutes from the signing time, sign later requests at
/// `now + offset`.
///
/// botocore and CLI v2 do not correct skew; the AWS SDK for Swift does, and so does this client.
public struct ClockSkew: Sendable, Equatable {
  /// Error codes that always mean the request time was off.
  public static let definiteCodes: Set<String> = ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"]
  /// Error codes that may mean the request time was off (a bad signature is also what a skewed clock produces).
  public static let probableCodes: Set<String> = ["InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure"]
  /// Skews up to this many seconds are left alone.
  public static let threshold: TimeInterval = 300

  /// Seconds to add to the local clock when signing; 0 until a correction is found.
  public private(set) var offset: TimeInterval

  /// A tracker starting with `offset` seconds.
  public init(offset: TimeInterval = 0) { self.offset = offset }

  /// True when `errorCode` can be caused by a skewed clock; any error to a HEAD request counts too,
  /// since HEAD responses carry no error code.
  public static func isSkewError(_ errorCode: String?, method: String = "POST") -> Bool {
    if method.uppercased() == "HEAD" { return true }
    guard let errorCode else { return false }
    return definiteCodes.contains(errorCode) || probableCodes.contains(errorCode)
  }

  /// The correction (server time − signing time, in seconds) that a skew error calls for, or nil when the error
  /// is not about time, the `Date` header is missing or unreadable, or |skew| ≤ 300 s.
  ///
  /// `signingTime` is the time the failed request was signed with (local clock plus any offset already applied),
  /// so the result is what to add to the current offset.
  public static func correction(errorCode: String?, dateHeader: String?, signingTime: Date,
                                method: String = "POST") -> TimeInterval? {
    guard isSkewError(errorCode, method: method), let dateHeader, let serverTime = HTTPDate.parse(dateHeader) else {
      return nil
    }
    let skew = serverTime.timeIntervalSince(signingTime)
    return abs(skew) > threshold ? skew : nil
  }

  /// Adds the correction for a failed attempt to `offset`; true when it changed, i.e. re-signing and retrying
  /// the request is worthwhile.
  public mutating func update(errorCode: String?, dateHeader: String?, signingTime: Date,
                              method: String = "POST") -> Bool {
    guard let correction = Self.correction(errorCode: errorCode, dateHeader: dateHeader, signingTime: signingTime,
                                           method: method) else { return false }
    offset += correction
    return true
  }

  /// The time to sign with: `now` plus the offset.
  public func signingTime(now: Date) -> Date { now.addingTimeInterval(offset) }
}
