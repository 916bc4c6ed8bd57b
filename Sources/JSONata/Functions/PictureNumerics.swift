/// The JavaScript number behaviours jsonata-js's formatting code relies on: `parseInt`, `Math.round`,
/// `toFixed`, `toString(radix)` and jsonata's own half-even `round`.
enum PictureNumerics {
  /// JavaScript's `parseInt(text)` (radix 10): leading white space, an optional sign, then as many digits as
  /// follow; NaN when there are none.
  static func parseInt(_ text: String) -> Double {
    var scalars = Substring(text).unicodeScalars.drop { $0.properties.isWhitespace }
    var negative = false
    if let first = scalars.first, first == "+" || first == "-" {
      negative = first == "-"
      scalars = scalars.dropFirst()
    }
    var value = 0.0
    var any = false
    for s in scalars {
      guard s.value >= 0x30 && s.value <= 0x39 else { break }
      value = value * 10 + Double(s.value - 0x30)
      any = true
    }
    guard any else { return .nan }
    return negative ? -value : value
  }

  /// JavaScript's `Math.round`: the nearest integer, halves toward +infinity.
  static func mathRound(_ x: Double) -> Double {
    guard x.isFinite else { return x }
    let floor = x.rounded(.down)
    return x - floor >= 0.5 ? floor + 1 : floor
  }

  /// jsonata's `$round(value, precision)`: half to even, shifting the decimal point in the decimal string so
  /// that binary representation errors do not change the rounding.
  static func roundHalfEven(_ arg: Double, _ precision: Int = 0) -> Double {
    var x = arg
    if precision != 0 { x = shift(x, by: precision) }
    var result = mathRound(x)
    let diff = result - x
    if abs(diff) == 0.5 && abs(result.truncatingRemainder(dividingBy: 2)) == 1 { result -= 1 }
    if precision != 0 { result = shift(result, by: -precision) }
    return result == 0 ? 0 : result  // no negative zero
  }

  /// `+(mantissa + 'e' + (exponent + n))` on the JavaScript string of `x`.
  private static func shift(_ x: Double, by n: Int) -> Double {
    guard x.isFinite else { return x }
    let text = Value.javaScriptString(x)
    let parts = text.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
    let exponent = parts.count > 1 ? (Int(parts[1]) ?? 0) + n : n
    return Double(String(parts[0]) + "e" + String(exponent)) ?? .nan
  }

  /// JavaScript's `Math.abs(x).toFixed(digits)` for the values formatNumber passes: the decimal digits of the
  /// shortest round-trip form, rounded half up or padded to `digits` fraction digits; exponent form from 1e21.
  static func fixed(_ value: Double, _ digits: Int) -> String {
    let x = abs(value)
    if !x.isFinite || x >= 1e21 { return Value.javaScriptString(x) }
    if x == 0 { return digits > 0 ? "0." + String(repeating: "0", count: digits) : "0" }
    let (shortest, exponent) = Value.shortestDigits(x)  // x = 0.shortest × 10^exponent
    var all = Array(shortest.utf8).map { Int($0) - 48 }
    var pointAt = exponent  // digits before the decimal point
    if pointAt <= 0 {
      all = Array(repeating: 0, count: 1 - pointAt) + all
      pointAt = 1
    }
    if all.count < pointAt { all += Array(repeating: 0, count: pointAt - all.count) }
    let keep = pointAt + digits
    if all.count > keep {
      let roundUp = all[keep] >= 5
      all = Array(all[..<keep])
      if roundUp {
        var i = keep - 1
        while i >= 0 {
          if all[i] == 9 {
            all[i] = 0
            i -= 1
          } else {
            all[i] += 1
            break
          }
        }
        if i < 0 {
          all.insert(1, at: 0)
          pointAt += 1
        }
      }
    } else {
      all += Array(repeating: 0, count: keep - all.count)
    }
    let text = all.map { String($0) }.joined()
    let integer = text.prefix(pointAt)
    let fraction = text.dropFirst(pointAt)
    return digits > 0 ? integer + "." + fraction : String(integer)
  }

  /// JavaScript's `Number.prototype.toString(radix)` for an integral double.
  static func string(_ value: Double, radix: Int) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    let digitChars = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    var magnitude = abs(value)
    var digits: [Character] = []
    if magnitude < 18_446_744_073_709_551_616 {
      var n = UInt64(magnitude)
      repeat {
        digits.append(digitChars[Int(n % UInt64(radix))])
        n /= UInt64(radix)
      } while n > 0
    } else {
      // Beyond 64 bits the double is an integer times a power of two; divide it down exactly enough.
      let r = Double(radix)
      while magnitude >= 1 {
        let d = magnitude.truncatingRemainder(dividingBy: r)
        digits.append(digitChars[Int(d)])
        magnitude = ((magnitude - d) / r).rounded(.down)
      }
    }
    return (value < 0 ? "-" : "") + String(digits.reversed())
  }
}
