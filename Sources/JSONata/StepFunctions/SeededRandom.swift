/// The generator behind `$random(seed)`: the same seed always gives the same number. It is the linear
/// congruential generator of `java.util.Random` (48-bit state, `nextDouble`), the JVM's standard seeded source.
struct SeededRandom {
  private static let multiplier: UInt64 = 0x5_DEEC_E66D
  private static let mask: UInt64 = (1 << 48) - 1
  private var state: UInt64

  /// A generator seeded with the integer part of `seed` (as a Java `long`).
  init(seed: Double) {
    let clamped = max(min(seed.rounded(.towardZero), 9.2e18), -9.2e18)
    state = (UInt64(bitPattern: Int64(clamped)) ^ Self.multiplier) & Self.mask
  }

  private mutating func next(_ bits: Int) -> UInt64 {
    state = (state &* Self.multiplier &+ 0xB) & Self.mask
    return state >> UInt64(48 - bits)
  }

  /// A double in [0, 1) with 53 random bits.
  mutating func nextDouble() -> Double {
    let high = next(26)
    let low = next(27)
    return Double((high << 27) + low) / Double(UInt64(1) << 53)
  }
}
