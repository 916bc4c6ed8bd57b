/// Standard Base64 (RFC 4648, with padding), as States.Base64Encode and States.Base64Decode use it.
enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// The Base64 text of `bytes`.
  static func encode(_ bytes: [UInt8]) -> String {
    var out = [UInt8]()
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let b0 = UInt32(bytes[i])
      let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
      let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
      let triple = b0 << 16 | b1 << 8 | b2
      out.append(alphabet[Int(triple >> 18 & 63)])
      out.append(alphabet[Int(triple >> 12 & 63)])
      out.append(i + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
      out.append(i + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes `text` encodes, or nil when it is not padded standard Base64.
  static func decode(_ text: String) -> [UInt8]? {
    let chars = Array(text.utf8)
    guard chars.count % 4 == 0 else { return nil }
    var out = [UInt8]()
    var i = 0
    while i < chars.count {
      var quad: UInt32 = 0
      var padding = 0
      for j in 0..<4 {
        let c = chars[i + j]
        if c == UInt8(ascii: "=") {
          // Padding only at the end of the last quad.
          guard i + 4 == chars.count, j >= 2 else { return nil }
          padding += 1
          quad <<= 6
          continue
        }
        guard padding == 0, let v = value(of: c) else { return nil }
        quad = quad << 6 | UInt32(v)
      }
      out.append(UInt8(quad >> 16 & 0xFF))
      if padding < 2 { out.append(UInt8(quad >> 8 & 0xFF)) }
      if padding < 1 { out.append(UInt8(quad & 0xFF)) }
      i += 4
    }
    return out
  }

  private static func value(of c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - UInt8(ascii: "A")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - UInt8(ascii: "a") + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0") + 52
    case UInt8(ascii: "+"): return 62
    case UInt8(ascii: "/"): return 63
    default: return nil
    }
  }
}

/// Version 4 UUIDs in their lower-case text form, from a caller's random source.
enum UUIDText {
  /// A random (version 4, RFC 4122 variant) UUID such as `0f8fad5b-d9cb-469f-a165-70867728950e`.
  static func random(using generator: inout some RandomNumberGenerator) -> String {
    var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[6] = bytes[6] & 0x0F | 0x40
    bytes[8] = bytes[8] & 0x3F | 0x80
    let hex = bytes.map { byte -> String in
      let digits = Array("0123456789abcdef")
      return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
    return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
  }
}

/// `java.util.Random`'s linear congruential generator: a seeded States.MathRandom gives the same number for the
/// same seed, as it does on AWS's Java runtime.
struct JavaRandom {
  private var seed: Int64
  private static let multiplier: Int64 = 0x5DEECE66D
  private static let mask: Int64 = (1 << 48) - 1

  /// A generator seeded as `new Random(seed)`.
  init(seed: Int64) { self.seed = (seed ^ Self.multiplier) & Self.mask }

  private mutating func next(_ bits: Int) -> Int32 {
    seed = (seed &* Self.multiplier &+ 0xB) & Self.mask
    return Int32(truncatingIfNeeded: seed >> (48 - bits))
  }

  /// `nextInt(bound)`: uniform in `0..<bound` (bound > 0).
  mutating func nextInt(bound: Int32) -> Int32 {
    if bound & -bound == bound { return Int32(truncatingIfNeeded: (Int64(bound) &* Int64(next(31))) >> 31) }
    var bits: Int32
    var value: Int32
    repeat {
      bits = next(31)
      value = bits % bound
    } while bits &- value &+ (bound &- 1) < 0
    return value
  }
}
