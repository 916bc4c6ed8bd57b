import SFNKit

/// Values written as Step Functions' Java runtime writes them with `toString()`: what States.Format puts in a
/// placeholder (`{a=1, b=[1, 2]}` for an object, strings without quotes) and numbers as `Double.toString`.
enum JavaText {
  /// The `toString()` text of `value`.
  static func render(_ value: JSON) -> String {
    var out = ""
    write(value, into: &out)
    return out
  }

  private static func write(_ value: JSON, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += number(n)
    case .string(let s): out += s
    case .array(let items):
      out += "["
      for (n, item) in items.enumerated() {
        if n > 0 { out += ", " }
        write(item, into: &out)
      }
      out += "]"
    case .object(let object):
      out += "{"
      for (n, (key, child)) in object.enumerated() {
        if n > 0 { out += ", " }
        out += key + "="
        write(child, into: &out)
      }
      out += "}"
    }
  }

  /// Compact JSON as Jackson writes it (what States.JsonToString returns and AWS quotes in causes): floats with
  /// Java's `Double.toString` (`1.0E10`), strings escaped as JSON requires.
  static func json(_ value: JSON) -> String {
    var out = ""
    writeJSON(value, into: &out)
    return out
  }

  private static func writeJSON(_ value: JSON, into out: inout String) {
    switch value {
    case .number(let n): out += number(n)
    case .array(let items):
      out += "["
      for (n, item) in items.enumerated() {
        if n > 0 { out += "," }
        writeJSON(item, into: &out)
      }
      out += "]"
    case .object(let object):
      out += "{"
      for (n, (key, child)) in object.enumerated() {
        if n > 0 { out += "," }
        JSONWriter.quote(key, into: &out)
        out += ":"
        writeJSON(child, into: &out)
      }
      out += "}"
    default: out += JSONWriter.compact.string(value)
    }
  }

  /// An integer as its digits; a float as Java's `Double.toString` (`1.0`, `1.5E-5`, `1.0E10`).
  static func number(_ n: JSONNumber) -> String {
    guard n.isFloat else { return n.text }
    let d = n.doubleValue
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    let magnitude = abs(d)
    if magnitude >= 1e-3 && magnitude < 1e7 {
      // Python's repr and Java agree in this range.
      return JSONNumber.pythonRepr(d)
    }
    // Scientific: the shortest digits as d.ddd, then E and the decimal exponent (no '+' sign).
    let repr = JSONNumber.pythonRepr(magnitude)
    let parts = repr.split(separator: "e")
    let mantissaText = parts[0]
    let written = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    let point = mantissaText.firstIndex(of: ".").map { mantissaText.distance(from: mantissaText.startIndex, to: $0) }
      ?? mantissaText.count
    var digits = mantissaText.filter { $0 != "." }
    let zeros = digits.prefix { $0 == "0" }.count
    digits.removeFirst(zeros)
    while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
    let exponent = point - 1 - zeros + written
    let mantissa = String(digits.prefix(1)) + "." + (digits.count > 1 ? String(digits.dropFirst()) : "0")
    return (d < 0 ? "-" : "") + mantissa + "E" + String(exponent)
  }
}
