/// Exact arithmetic on integers held as decimal text (`-` and digits, no leading zeros), for the few computed
/// numbers (sums, absolute values, ceil/floor of large floats) where Python's unbounded ints differ from `Int`.
enum DecimalInteger {
  /// -1, 0 or 1 comparing two integers in decimal text.
  static func compare(_ a: String, _ b: String) -> Int {
    let (na, ma) = split(a)
    let (nb, mb) = split(b)
    if na != nb { return na ? -1 : 1 }
    let magnitude = compareMagnitudes(ma, mb)
    return na ? -magnitude : magnitude
  }

  /// The sum of two integers in decimal text.
  static func add(_ a: String, _ b: String) -> String {
    let (na, ma) = split(a)
    let (nb, mb) = split(b)
    if na == nb { return signed(na, addMagnitudes(ma, mb)) }
    switch compareMagnitudes(ma, mb) {
    case 0: return "0"
    case 1: return signed(na, subtractMagnitudes(ma, mb))
    default: return signed(nb, subtractMagnitudes(mb, ma))
    }
  }

  /// The exact decimal digits of an integral, finite double.
  static func text(ofIntegral value: Double) -> String {
    precondition(value.isFinite && value.rounded() == value)
    if abs(value) < 9.2e18 { return String(Int64(value)) }
    // value = significand * 2^shift with a 53-bit integer significand; double it `shift` times in base 10^9 limbs.
    let shift = Int(value.exponent) - Double.significandBitCount
    var limbs: [UInt64] = []  // least significant first
    var significand = UInt64(abs(value).significandBitPattern | (1 << UInt64(Double.significandBitCount)))
    while significand > 0 {
      limbs.append(significand % 1_000_000_000)
      significand /= 1_000_000_000
    }
    var remaining = shift
    while remaining > 0 {
      let step = min(remaining, 30)
      var carry: UInt64 = 0
      for i in limbs.indices {
        let v = limbs[i] << UInt64(step) + carry
        limbs[i] = v % 1_000_000_000
        carry = v / 1_000_000_000
      }
      while carry > 0 {
        limbs.append(carry % 1_000_000_000)
        carry /= 1_000_000_000
      }
      remaining -= step
    }
    var out = value < 0 ? "-" : ""
    out += String(limbs.last!)
    for limb in limbs.dropLast().reversed() {
      let part = String(limb)
      out += String(repeating: "0", count: 9 - part.count) + part
    }
    return out
  }

  private static func split(_ s: String) -> (negative: Bool, magnitude: [UInt8]) {
    let bytes = Array(s.utf8)
    if bytes.first == UInt8(ascii: "-") { return (true, Array(bytes.dropFirst())) }
    return (false, bytes)
  }

  private static func signed(_ negative: Bool, _ magnitude: [UInt8]) -> String {
    let text = String(decoding: magnitude, as: UTF8.self)
    return negative && text != "0" ? "-" + text : text
  }

  private static func compareMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.count != b.count { return a.count < b.count ? -1 : 1 }
    for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
    return 0
  }

  private static func addMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var carry: UInt8 = 0
    var i = a.count - 1
    var j = b.count - 1
    while i >= 0 || j >= 0 || carry > 0 {
      let d = (i >= 0 ? a[i] - 0x30 : 0) + (j >= 0 ? b[j] - 0x30 : 0) + carry
      out.append(d % 10 + 0x30)
      carry = d / 10
      i -= 1
      j -= 1
    }
    return out.reversed()
  }

  /// `a - b` for magnitudes with `a > b`.
  private static func subtractMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var borrow = 0
    var j = b.count - 1
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      var d = Int(a[i] - 0x30) - borrow - (j >= 0 ? Int(b[j] - 0x30) : 0)
      borrow = d < 0 ? 1 : 0
      if d < 0 { d += 10 }
      out.append(UInt8(d) + 0x30)
      j -= 1
    }
    while out.count > 1, out.last == 0x30 { out.removeLast() }
    return out.reversed()
  }
}
