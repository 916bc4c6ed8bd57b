extension JSONNumber {
  /// The number as Python's `repr` writes it (and so `json.dumps` and the AWS CLI): integers with every digit,
  /// floats in the shortest form that reads back, with `.0` on integral values and an exponent from 1e16 and
  /// below 1e-4 (`1e+16`, `1e-05`); non-finite floats as `inf`, `-inf`, `nan`.
  public var text: String {
    switch storage {
    case .int(let i): return String(i)
    case .big(let text): return text
    case .float(let d): return JSONNumber.pythonRepr(d)
    }
  }

  /// Python's `repr(float)`.
  public static func pythonRepr(_ n: Double) -> String {
    if n.isNaN { return "nan" }
    if n.isInfinite { return n < 0 ? "-inf" : "inf" }
    // Swift's description yields the shortest round-trip digits too (checked against Python in the tests' fixture);
    // only the layout differs, so take its digits and decimal exponent and lay them out as Python does.
    let text = abs(n).description
    // Where Swift writes no exponent (from 1e-4 to 2^53, inside Python's 1e-4 to 1e16) its layout is Python's as well:
    // only exponent forms need laying out again (which cost ~14,000 instructions a number, `sfn local`'s timestamps).
    if !text.utf8.contains(UInt8(ascii: "e")) { return n.sign == .minus ? "-" + text : text }
    let parts = text.split(separator: "e", maxSplits: 1)
    let mantissa = parts[0]
    let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    var digits = Array(mantissa.utf8.filter { $0 != UInt8(ascii: ".") })
    var point = (mantissa.utf8.firstIndex(of: UInt8(ascii: ".")).map { mantissa.utf8.distance(from: mantissa.startIndex, to: $0) }
      ?? mantissa.utf8.count) + exponent
    while digits.count > 1, digits.first == UInt8(ascii: "0") {
      digits.removeFirst()
      point -= 1
    }
    while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
    let sign = n.sign == .minus ? "-" : ""
    if digits == [UInt8(ascii: "0")] { return sign + "0.0" }
    let all = String(decoding: digits, as: UTF8.self)
    let decimalExponent = point - 1
    var body: String
    if decimalExponent >= -4 && decimalExponent < 16 {
      if point <= 0 {
        body = "0." + String(repeating: "0", count: -point) + all
      } else if point >= digits.count {
        body = all + String(repeating: "0", count: point - digits.count) + ".0"
      } else {
        body = String(all.prefix(point)) + "." + String(all.dropFirst(point))
      }
    } else {
      body = String(all.prefix(1))
      if digits.count > 1 { body += "." + String(all.dropFirst()) }
      let magnitude = String(abs(decimalExponent))
      body += (decimalExponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }
    return sign + body
  }
}
