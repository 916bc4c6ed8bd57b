#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Builtins {
  static let numeric: [Builtin] = [
    .typed("number", "<(nsb)-:n>") { a, _ in try NumericFunctions.number(a[0]) },
    .typed("abs", "<n-:n>") { a, _ in try a.number(0).map { .number(abs($0)) } },
    .typed("floor", "<n-:n>") { a, _ in try a.number(0).map { .number($0.rounded(.down)) } },
    .typed("ceil", "<n-:n>") { a, _ in try a.number(0).map { .number($0.rounded(.up)) } },
    .typed("round", "<n-n?:n>") { a, _ in
      try a.number(0).map { .number(NumericFunctions.round($0, precision: try a.number(1))) }
    },
    .typed("power", "<n-n:n>") { a, _ in
      guard let base = try a.number(0) else { return nil }
      let exponent = try a.number(1) ?? .nan
      let result = pow(base, exponent)
      guard result.isFinite else {
        var error = JSONataError(code: "D3061", value: .number(base), value2: .number(exponent))
        error.index = 1
        throw error
      }
      return .number(result)
    },
    .typed("sqrt", "<n-:n>") { a, _ in
      guard let n = try a.number(0) else { return nil }
      if n < 0 { throw JSONataError.argument("D3060", index: 1, value: .number(n)) }
      return .number(n.squareRoot())
    },
    .typed("random", "<:n>") { _, context in .number(context.environment.random()) },
  ]
}

/// The bodies of the numeric functions that need more than a line.
enum NumericFunctions {
  /// `$number`: numbers unchanged, booleans 1 and 0, strings that are decimal numbers (leading zeros allowed) or
  /// `0x`/`0o`/`0b` integers; anything else is error D3030.
  static func number(_ value: Value?) throws -> Value? {
    guard let value else { return nil }
    switch value {
    case .number: return value
    case .bool(let b): return .number(b ? 1 : 0)
    case .string(let s):
      if isDecimal(s) {
        let n = JavaScriptNumber.parse(s)
        if n.isFinite { return .number(n) }
      } else if isPrefixedInteger(s) {
        return .number(JavaScriptNumber.parse(s))
      }
    default: break
    }
    throw JSONataError.argument("D3030", index: 1, value: value)
  }

  /// jsonata-js's `/^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/`.
  static func isDecimal(_ s: String) -> Bool {
    var rest = Substring(s)
    if rest.first == "-" { rest = rest.dropFirst() }
    func digits() -> Int {
      let run = rest.prefix { $0.isASCII && $0.isNumber }
      rest = rest.dropFirst(run.count)
      return run.count
    }
    guard digits() > 0 else { return false }
    if rest.first == "." {
      rest = rest.dropFirst()
      guard digits() > 0 else { return false }
    }
    if rest.first == "e" || rest.first == "E" {
      rest = rest.dropFirst()
      if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
      guard digits() > 0 else { return false }
    }
    return rest.isEmpty
  }

  /// jsonata-js's `/^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$/`. Its alternatives are unanchored on one
  /// side each: a hex prefix at the start, an octal run anywhere, or a binary run at the end. Whatever matches is
  /// then converted by `Number()`, which may give NaN.
  static func isPrefixedInteger(_ s: String) -> Bool {
    let chars = Array(s.utf8)
    func run(from i: Int, _ isDigit: (UInt8) -> Bool) -> Int {
      var j = i
      while j < chars.count && isDigit(chars[j]) { j += 1 }
      return j - i
    }
    func marker(_ i: Int, _ letters: [Character]) -> Bool {
      i + 1 < chars.count && chars[i] == UInt8(ascii: "0") && letters.contains(Character(Unicode.Scalar(chars[i + 1])))
    }
    let isHex: (UInt8) -> Bool = { Character(Unicode.Scalar($0)).isHexDigit }
    if marker(0, ["x", "X"]) && run(from: 2, isHex) > 0 { return true }
    for i in chars.indices where marker(i, ["o", "O"]) && run(from: i + 2, { $0 >= 0x30 && $0 <= 0x37 }) > 0 {
      return true
    }
    for i in chars.indices where marker(i, ["b", "B"]) {
      let n = run(from: i + 2) { $0 == 0x30 || $0 == 0x31 }
      if n > 0 && i + 2 + n == chars.count { return true }
    }
    return false
  }

  /// `$round`: half to even, at `precision` decimal places (negative rounds to tens, hundreds...). As jsonata-js,
  /// the decimal point is shifted in the number's text rather than by multiplying, to avoid binary rounding errors.
  static func round(_ x: Double, precision: Double?) -> Double {
    let shifts = precision.map { $0 != 0 && !$0.isNaN } ?? false
    let places = precision ?? 0
    var value = x
    if shifts { value = shift(value, by: places) }
    var result = JavaScriptNumber.mathRound(value)
    if abs(result - value) == 0.5 && abs(result.truncatingRemainder(dividingBy: 2)) == 1 {
      result -= 1  // Math.round went up from a half; go to the even neighbour instead
    }
    if shifts { result = shift(result, by: -places) }
    return result == 0 ? 0 : result  // no negative zero in JSON
  }

  /// `x` × 10^places, computed on the text: mantissa and exponent split at "e", the exponent adjusted.
  private static func shift(_ x: Double, by places: Double) -> Double {
    let parts = Value.javaScriptString(x).split(separator: "e", maxSplits: 1)
    let exponent = parts.count > 1 ? JavaScriptNumber.parse(String(parts[1])) + places : places
    return JavaScriptNumber.parse(String(parts[0]) + "e" + Value.javaScriptString(exponent))
  }
}
