/// YAML 1.1's implicit types of plain scalars (bool, int, float, merge, null, timestamp, value, else str, tried in
/// that order, each pattern matching the whole text) and the values of bool, int and float scalars.
enum YAMLResolver {
  /// The tag of a plain scalar without an explicit tag.
  static func tag(ofPlain text: String) -> String {
    let b = Array(text.utf8)[...]
    if isBool(b) { return YAMLTag.bool }
    if isInt(b) { return YAMLTag.int }
    if isFloat(b) { return YAMLTag.float }
    if b.elementsEqual("<<".utf8) { return YAMLTag.merge }
    if isNull(b) { return YAMLTag.null }
    if isTimestamp(b) { return YAMLTag.timestamp }
    if b.elementsEqual("=".utf8) { return YAMLTag.value }
    return YAMLTag.str
  }

  // MARK: Values

  /// `true`, `yes` or `on` (any case) -> true; `false`, `no`, `off` -> false; else nil.
  static func bool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: return nil
    }
  }

  /// An int scalar's value: `_` ignored, `0x`/`0b`/`0o`/`0` prefixes, base-60 `1:30`; nil when out of range or not
  /// plain.
  static func int(_ scalar: YAMLScalar) -> Int? {
    guard scalar.isPlain else { return nil }
    let withSign = scalar.value.replacingAll("_", with: "")
    if withSign == "0" { return 0 }
    let negative = withSign.hasPrefix("-")
    let hasSign = negative || withSign.hasPrefix("+")
    let digits = withSign.dropFirst(hasSign ? 1 : 0)
    for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where digits.hasPrefix(prefix) {
      return Int((negative ? "-" : "") + digits.dropFirst(prefix.count), radix: radix)
    }
    if digits.contains(":") { return sexagesimal(withSign) { Int($0, radix: 10) } }
    return Int(withSign)
  }

  /// A float scalar's value: `.inf`, `.nan`, `_` ignored, base-60 `1:30.5`; nil when not a number or not plain.
  static func float(_ scalar: YAMLScalar) -> Double? {
    guard scalar.isPlain else { return nil }
    switch scalar.value.lowercased() {
    case ".inf", "+.inf": return .infinity
    case "-.inf": return -.infinity
    case ".nan": return .nan
    default:
      let text = scalar.value.replacingAll("_", with: "")
      if text.contains(":") { return sexagesimal(text) { Double($0) } }
      return Double(text)
    }
  }

  /// `-1:30` -> -(1 * 60 + 30); every part must convert.
  private static func sexagesimal<T: Numeric>(_ text: String, _ part: (String) -> T?) -> T? {
    var rest = Substring(text)
    var sign: T = 1
    if rest.hasPrefix("-") {
      sign = -1
      rest = rest.dropFirst()
    } else if rest.hasPrefix("+") {
      rest = rest.dropFirst()
    }
    let parts = rest.split(separator: ":", omittingEmptySubsequences: false).map { part(String($0)) }
    var base: T = 1
    var value: T = 0
    for p in parts.reversed() {
      guard let p else { return nil }
      value = value + p * base
      base = base * 60
    }
    return sign * value
  }

  // MARK: Patterns (ASCII bytes; a pattern matches the whole scalar)

  private typealias Bytes = ArraySlice<UInt8>

  private static func isBool(_ b: Bytes) -> Bool {
    let words = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                 "on", "On", "ON", "off", "Off", "OFF"]
    return words.contains { b.elementsEqual($0.utf8) }
  }

  private static func isNull(_ b: Bytes) -> Bool {
    ["~", "null", "Null", "NULL", ""].contains { b.elementsEqual($0.utf8) }
  }

  /// `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`
  private static func isInt(_ bytes: Bytes) -> Bool {
    let b = droppingSign(bytes)
    if b.starts(with: "0b".utf8) { return all(b.dropFirst(2), nonEmpty: true) { $0 == c("0") || $0 == c("1") || $0 == c("_") } }
    if b.starts(with: "0x".utf8) { return all(b.dropFirst(2), nonEmpty: true) { isHex($0) || $0 == c("_") } }
    if b.first == c("0") {
      if b.count == 1 { return true }
      let octal: (UInt8) -> Bool = { ($0 >= c("0") && $0 <= c("7")) || $0 == c("_") }
      if b.dropFirst().first == c("o"), all(b.dropFirst(2), nonEmpty: true, octal) { return true }
      return all(b.dropFirst(), nonEmpty: true, octal)
    }
    guard let first = b.first, first >= c("1"), first <= c("9") else { return false }
    var rest = b.dropFirst()
    rest = rest.drop { isDigit($0) || $0 == c("_") }
    if rest.isEmpty { return true }
    return isSexagesimalTail(rest, fraction: false)
  }

  /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)? |
  /// [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`
  private static func isFloat(_ bytes: Bytes) -> Bool {
    if ["nan", "NaN", "NAN"].contains(where: { bytes.elementsEqual(".\($0)".utf8) }) { return true }
    let b = droppingSign(bytes)
    if ["inf", "Inf", "INF"].contains(where: { b.elementsEqual(".\($0)".utf8) }) { return true }
    if bytes.first == c("."), bytes.count > 1, isDigit(bytes[bytes.startIndex + 1]) || bytes[bytes.startIndex + 1] == c("_") {
      var rest = bytes.dropFirst().drop { isDigit($0) || $0 == c("_") }
      if rest.isEmpty { return true }
      guard rest.first == c("e") || rest.first == c("E") else { return false }
      rest = rest.dropFirst()
      guard rest.first == c("+") || rest.first == c("-") else { return false }
      return all(rest.dropFirst(), nonEmpty: true, isDigit)
    }
    guard let first = b.first, isDigit(first) else { return false }
    let afterInteger = b.dropFirst().drop { isDigit($0) || $0 == c("_") }
    if afterInteger.first == c(":") { return isSexagesimalTail(afterInteger, fraction: true) }
    var rest = afterInteger
    if rest.first == c(".") { rest = rest.dropFirst().drop { isDigit($0) || $0 == c("_") } }
    if rest.isEmpty { return true }
    guard rest.first == c("e") || rest.first == c("E") else { return false }
    rest = rest.dropFirst()
    if rest.first == c("+") || rest.first == c("-") { rest = rest.dropFirst() }
    return all(rest, nonEmpty: true, isDigit)
  }

  /// `(:[0-5]?[0-9])+` then, for a float, `\.[0-9_]*`; the whole rest.
  private static func isSexagesimalTail(_ bytes: Bytes, fraction: Bool) -> Bool {
    var rest = bytes
    var groups = 0
    while rest.first == c(":") {
      rest = rest.dropFirst()
      let digits = rest.prefix(while: isDigit)
      guard digits.count == 1 || (digits.count == 2 && digits.first! <= c("5")) else { return false }
      rest = rest.dropFirst(digits.count)
      groups += 1
    }
    guard groups > 0 else { return false }
    if !fraction { return rest.isEmpty }
    guard rest.first == c(".") else { return false }
    return all(rest.dropFirst(), nonEmpty: false) { isDigit($0) || $0 == c("_") }
  }

  /// `YYYY-MM-DD`, or `YYYY-M-D` then `T`, `t` or blanks, `h:mm:ss`, optional `.fraction`, optional blanks and
  /// `Z` or `±h[:mm]`.
  private static func isTimestamp(_ bytes: Bytes) -> Bool {
    var rest = bytes
    func digits(_ range: ClosedRange<Int>) -> Bool {
      let n = rest.prefix(while: isDigit).count
      guard range.contains(n) else { return false }
      rest = rest.dropFirst(n)
      return true
    }
    func literal(_ byte: UInt8) -> Bool {
      guard rest.first == byte else { return false }
      rest = rest.dropFirst()
      return true
    }
    guard digits(4...4), literal(c("-")) else { return false }
    let monthStart = rest
    if digits(2...2), literal(c("-")), digits(2...2), rest.isEmpty { return true }
    rest = monthStart
    guard digits(1...2), literal(c("-")), digits(1...2) else { return false }
    if rest.first == c("T") || rest.first == c("t") {
      rest = rest.dropFirst()
    } else {
      let blanks = rest.prefix { $0 == c(" ") || $0 == c("\t") }.count
      guard blanks > 0 else { return false }
      rest = rest.dropFirst(blanks)
    }
    guard digits(1...2), literal(c(":")), digits(2...2), literal(c(":")), digits(2...2) else { return false }
    if literal(c(".")) { rest = rest.drop(while: isDigit) }
    if rest.isEmpty { return true }
    rest = rest.drop { $0 == c(" ") || $0 == c("\t") }
    if literal(c("Z")) { return rest.isEmpty }
    guard literal(c("+")) || literal(c("-")), digits(1...2) else { return false }
    if literal(c(":")) { guard digits(2...2) else { return false } }
    return rest.isEmpty
  }

  private static func droppingSign(_ b: Bytes) -> Bytes {
    b.first == c("-") || b.first == c("+") ? b.dropFirst() : b
  }

  private static func all(_ b: Bytes, nonEmpty: Bool, _ test: (UInt8) -> Bool) -> Bool {
    (!nonEmpty || !b.isEmpty) && b.allSatisfy(test)
  }

  private static func isDigit(_ x: UInt8) -> Bool { x >= c("0") && x <= c("9") }
  private static func isHex(_ x: UInt8) -> Bool {
    isDigit(x) || (x >= c("a") && x <= c("f")) || (x >= c("A") && x <= c("F"))
  }
  private static func c(_ s: Unicode.Scalar) -> UInt8 { UInt8(ascii: s) }
}

extension String {
  /// The text with every `target` replaced (no Foundation).
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
    return out
  }
}
