/// JavaScript's number conversions that jsonata-js's functions rely on: `Number(string)`, `toPrecision`,
/// `Math.round` and `ToUint32`.
enum JavaScriptNumber {
  /// JavaScript's `Number(text)`: surrounding white space ignored, "" is 0, decimal literals with an optional sign,
  /// `Infinity`, and unsigned `0x`/`0o`/`0b` integers; anything else is NaN.
  static func parse(_ text: String) -> Double {
    let scalars = Array(text.unicodeScalars)
    var lo = 0
    var hi = scalars.count
    while lo < hi && isWhiteSpace(scalars[lo]) { lo += 1 }
    while hi > lo && isWhiteSpace(scalars[hi - 1]) { hi -= 1 }
    let body = scalars[lo..<hi]
    if body.isEmpty { return 0 }
    if body.count > 2, body.first == "0", let radix = radix(body[body.startIndex + 1]) {
      return parseInteger(body.dropFirst(2), radix: radix)
    }
    var rest = body[...]
    var sign = 1.0
    if let first = rest.first, first == "+" || first == "-" {
      sign = first == "-" ? -1 : 1
      rest = rest.dropFirst()
    }
    if String(String.UnicodeScalarView(rest)) == "Infinity" { return sign * .infinity }
    guard isDecimalLiteral(rest), let value = Double(String(String.UnicodeScalarView(rest))) else { return .nan }
    return sign * value
  }

  /// The radix a `0x`, `0o` or `0b` prefix letter selects.
  private static func radix(_ letter: Unicode.Scalar) -> Int? {
    switch letter {
    case "x", "X": return 16
    case "o", "O": return 8
    case "b", "B": return 2
    default: return nil
    }
  }

  /// The value of unsigned digits in `radix`, or NaN when a character is not such a digit.
  private static func parseInteger(_ digits: ArraySlice<Unicode.Scalar>, radix: Int) -> Double {
    var value = 0.0
    for scalar in digits {
      guard let digit = Int(String(scalar), radix: radix) else { return .nan }
      value = value * Double(radix) + Double(digit)
    }
    return value
  }

  /// ECMAScript's StrUnsignedDecimalLiteral without `Infinity`: `1`, `1.`, `.5`, `1.5e-3`.
  private static func isDecimalLiteral(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
    var i = s.startIndex
    var mantissaDigits = 0
    while i < s.endIndex, isDigit(s[i]) { i += 1; mantissaDigits += 1 }
    if i < s.endIndex, s[i] == "." {
      i += 1
      while i < s.endIndex, isDigit(s[i]) { i += 1; mantissaDigits += 1 }
    }
    guard mantissaDigits > 0 else { return false }
    if i < s.endIndex, s[i] == "e" || s[i] == "E" {
      i += 1
      if i < s.endIndex, s[i] == "+" || s[i] == "-" { i += 1 }
      var exponentDigits = 0
      while i < s.endIndex, isDigit(s[i]) { i += 1; exponentDigits += 1 }
      guard exponentDigits > 0 else { return false }
    }
    return i == s.endIndex
  }

  /// An ASCII decimal digit.
  static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

  /// ECMAScript's WhiteSpace and LineTerminator characters, which `Number()` and `parseInt` skip.
  static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
      0xFEFF:
      return true
    default: return false
    }
  }

  /// `Number(x.toPrecision(15))`: the double nearest to `x` rounded to 15 significant digits, ties away from zero
  /// as JavaScript rounds the exact binary value. jsonata-js's `$string` writes numbers this way.
  static func roundedTo15Digits(_ x: Double) -> Double {
    guard x.isFinite, x != 0 else { return x }
    let (shortest, _) = Value.shortestDigits(abs(x))
    // A number whose shortest form has at most 15 digits is already on the 15-digit grid.
    if shortest.count <= 15 { return x }
    var (digits, exponent) = ExactDecimal.digits(of: abs(x))
    let roundUp = digits[15] >= 5
    digits = Array(digits.prefix(15))
    if roundUp {
      var i = 14
      while i >= 0 && digits[i] == 9 {
        digits[i] = 0
        i -= 1
      }
      if i >= 0 {
        digits[i] += 1
      } else {
        digits.insert(1, at: 0)
        digits.removeLast()
        exponent += 1
      }
    }
    let text = "0." + digits.map { String($0) }.joined() + "e" + String(exponent)
    return (x < 0 ? -1 : 1) * Double(text)!
  }

  /// JavaScript's `Math.round`: the nearest integer, halves rounded up (towards +∞).
  static func mathRound(_ x: Double) -> Double {
    guard x.isFinite else { return x }
    let floor = x.rounded(.down)
    return x - floor >= 0.5 ? floor + 1 : floor
  }

  /// JavaScript's `ToUint32`, which `String.prototype.split` applies to its limit.
  static func toUInt32(_ x: Double) -> UInt32 {
    guard x.isFinite else { return 0 }
    let wrapped = x.rounded(.towardZero).truncatingRemainder(dividingBy: 4_294_967_296)
    return UInt32(wrapped < 0 ? wrapped + 4_294_967_296 : wrapped)
  }

  /// JavaScript's `parseInt(text, 10)`: leading white space, an optional sign, then as many decimal digits as there
  /// are; NaN when there is no digit.
  static func parseInt(_ text: Substring) -> Double {
    var scalars = text.unicodeScalars[...]
    while let first = scalars.first, isWhiteSpace(first) { scalars = scalars.dropFirst() }
    var sign = 1.0
    if let first = scalars.first, first == "+" || first == "-" {
      sign = first == "-" ? -1 : 1
      scalars = scalars.dropFirst()
    }
    let digits = scalars.prefix { isDigit($0) }
    guard !digits.isEmpty else { return .nan }
    return sign * Double(String(String.UnicodeScalarView(digits)))!
  }
}

/// The exact decimal expansion of a double, for rounding it as JavaScript's `toPrecision` does (on the exact binary
/// value, not on its shortest decimal form).
enum ExactDecimal {
  /// The digits (0...9, no leading zero) and exponent of a finite positive double: value = 0.DIGITS × 10^exponent.
  static func digits(of x: Double) -> (digits: [UInt8], exponent: Int) {
    var significand = x.significandBitPattern
    var binaryExponent: Int
    if x.exponentBitPattern == 0 {
      binaryExponent = -1074
    } else {
      significand |= 1 << 52
      binaryExponent = Int(x.exponentBitPattern) - 1075
    }
    // x = significand × 2^e: for e < 0 that is significand × 5^-e / 10^-e, an integer scaled by a power of ten.
    var number = BigDecimalInteger(significand)
    var scale = 0
    if binaryExponent >= 0 {
      number.multiply(byPowerOf: 2, binaryExponent)
    } else {
      number.multiply(byPowerOf: 5, -binaryExponent)
      scale = binaryExponent
    }
    var digits = number.decimalDigits
    let exponent = digits.count + scale
    while digits.last == 0 && digits.count > 1 { digits.removeLast() }
    return (digits, exponent)
  }
}

/// A non-negative integer in base 10^9 limbs, least significant first: just enough arithmetic for `ExactDecimal`.
struct BigDecimalInteger {
  private static let base: UInt64 = 1_000_000_000
  private var limbs: [UInt64]

  /// The integer `value`.
  init(_ value: UInt64) {
    limbs = []
    var v = value
    repeat {
      limbs.append(v % BigDecimalInteger.base)
      v /= BigDecimalInteger.base
    } while v > 0
  }

  /// Multiplies by `factor` (at most 2^32).
  mutating func multiply(by factor: UInt64) {
    var carry: UInt64 = 0
    for i in limbs.indices {
      let product = limbs[i] * factor + carry
      limbs[i] = product % BigDecimalInteger.base
      carry = product / BigDecimalInteger.base
    }
    while carry > 0 {
      limbs.append(carry % BigDecimalInteger.base)
      carry /= BigDecimalInteger.base
    }
  }

  /// Multiplies by `radix`^`power` (radix 2 or 5), a few powers at a time.
  mutating func multiply(byPowerOf radix: UInt64, _ power: Int) {
    let step = radix == 2 ? 30 : 13  // 2^30 and 5^13 both stay below 2^32
    var remaining = power
    while remaining > 0 {
      let n = min(step, remaining)
      var factor: UInt64 = 1
      for _ in 0..<n { factor *= radix }
      multiply(by: factor)
      remaining -= n
    }
  }

  /// The decimal digits, most significant first.
  var decimalDigits: [UInt8] {
    var out: [UInt8] = []
    for (n, limb) in limbs.reversed().enumerated() {
      var chunk: [UInt8] = []
      var v = limb
      for _ in 0..<9 {
        chunk.append(UInt8(v % 10))
        v /= 10
      }
      chunk.reverse()
      if n == 0 { chunk = Array(chunk.drop { $0 == 0 }) }
      out += chunk
    }
    return out.isEmpty ? [0] : out
  }
}
