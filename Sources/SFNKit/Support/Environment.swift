#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The process environment as a value, so tests can pass their own.
public struct Environment: Sendable {
  public var variables: [String: String]

  /// An environment with exactly these variables.
  public init(_ variables: [String: String]) { self.variables = variables }

  /// The real process environment.
  public static func process() -> Environment {
    #if canImport(Glibc)
    // Read from `environ` (ProcessInfo's copy costs ~0.5M instructions at start-up); a repeated name keeps its
    // first value, as getenv(3) does.
    var variables: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if let eq = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
        let name = String(text[..<eq])
        if variables[name] == nil { variables[name] = String(text[text.index(after: eq)...]) }
      }
      entry += 1
    }
    return Environment(variables)
    #else
    return Environment(ProcessInfo.processInfo.environment)
    #endif
  }

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

  /// Seconds on the system's monotonic clock (never jumps): for measuring how long something takes.
  public static func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
