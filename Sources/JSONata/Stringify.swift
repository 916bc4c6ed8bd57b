// The evaluator's casts to text (`&`, error messages, deep copies) use the same code as `$string`, whose number
// rounding, escaping and key order were checked against Node (Functions/JSONStringifier.swift, JavaScriptNumber).
extension Value {
  /// A string as a JSON string literal, escaped as `JSON.stringify` does.
  public static func jsonQuoted(_ s: String) -> String {
    var out = ""
    JSONStringifier.quote(s, into: &out)
    return out
  }

  /// A double rounded to 15 significant digits, as JavaScript's `Number(n.toPrecision(15))`.
  public static func precision15(_ d: Double) -> Double { JavaScriptNumber.roundedTo15Digits(d) }

  /// jsonata-js's `$string` cast: strings unchanged, functions "", other values as JSON with numbers rounded to
  /// 15 significant digits. Throws D3001 for a non-finite number; nil for undefined.
  public static func stringCast(_ value: Value?, pretty: Bool = false) throws -> String? {
    guard case .string(let s)? = try StringFunctions.string(value, prettify: pretty) else { return nil }
    return s
  }

  /// `JSON.stringify` with jsonata-js's replacer: numbers to 15 significant digits, functions as "";
  /// `pretty` indents by two spaces.
  public static func stringify(_ value: Value, pretty: Bool) throws -> String {
    try JSONStringifier(prettify: pretty).string(value)
  }
}
