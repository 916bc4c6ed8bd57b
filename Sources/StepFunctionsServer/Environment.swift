import Foundation

/// The current time, injected so that tests can fix it.
public protocol ServerClock: Sendable {
  /// Seconds since 1970, at millisecond precision as AWS reports timestamps.
  func now() -> Double
}

/// The machine's clock.
public struct SystemClock: ServerClock {
  /// The system clock.
  public init() {}

  /// Now, truncated to milliseconds.
  public func now() -> Double { (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000 }
}

/// Random choices (identifiers, alias routing), injected so that tests can make them repeatable.
public protocol RandomSource: Sendable {
  /// A fresh UUID in lower case.
  func uuid() -> String
  /// A number in 0..<upperBound.
  func number(below upperBound: Int) -> Int
}

/// The system's random numbers.
public struct SystemRandom: RandomSource {
  /// The system generator.
  public init() {}

  /// A random UUID in lower case.
  public func uuid() -> String { UUID().uuidString.lowercased() }

  /// A random number in 0..<upperBound.
  public func number(below upperBound: Int) -> Int { Int.random(in: 0..<upperBound) }
}
