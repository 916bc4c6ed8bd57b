#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The process environment as a value, so tests can pass their own.
public struct Environment: Sendable {
  public var variables: [String: String]

  /// An environment with exactly these variables.
  public init(_ variables: [String: String]) { self.variables = variables }

  /// The real process environment.
  public static func process() -> Environment { Environment(ProcessInfo.processInfo.environment) }

  /// The value of `name`, with an empty value treated as unset.
  public subscript(name: String) -> String? {
    guard let v = variables[name], !v.isEmpty else { return nil }
    return v
  }

  /// A boolean setting: `true`/`false` in any case; anything else is nil.
  public func flag(_ name: String) -> Bool? {
    switch self[name]?.lowercased() {
    case "true": return true
    case "false": return false
    default: return nil
    }
  }
}

/// The current time, injectable for tests.
public struct Clock: Sendable {
  private let now_: @Sendable () -> Date
  /// A clock that reads `now`.
  public init(_ now: @escaping @Sendable () -> Date) { self.now_ = now }
  /// The current time.
  public func now() -> Date { now_() }
  /// The system clock.
  public static let system = Clock { Date() }
  /// A clock stopped at `date`.
  public static func fixed(_ date: Date) -> Clock { Clock { date } }
}
