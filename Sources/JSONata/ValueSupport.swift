import SFNJSON

extension Value {
  /// JavaScript's `Number.prototype.toString()`: shortest round-trip digits, exponent form below 1e-6 and from 1e21.
  public static func javaScriptString(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if d == 0 { return "0" }
    let (digits, exponent) = shortestDigits(abs(d))  // value = 0.digits × 10^exponent
    let sign = d < 0 ? "-" : ""
    let k = digits.count
    let n = exponent
    if k <= n && n <= 21 { return sign + digits + String(repeating: "0", count: n - k) }
    if 0 < n && n <= 21 {
      let i = digits.index(digits.startIndex, offsetBy: n)
      return sign + digits[..<i] + "." + digits[i...]
    }
    if -6 < n && n <= 0 { return sign + "0." + String(repeating: "0", count: -n) + digits }
    let e = n - 1
    let mantissa = k == 1 ? digits : String(digits.first!) + "." + digits.dropFirst()
    return sign + mantissa + "e" + (e < 0 ? "-" : "+") + String(abs(e))
  }

  /// The shortest decimal digits of a positive finite double and its exponent n, with value = 0.DIGITS × 10^n.
  static func shortestDigits(_ d: Double) -> (String, Int) {
    // Swift's description is the shortest round-trip form too; only its layout differs from JavaScript's.
    let text = d.description
    var mantissa = Substring(text)
    var exp = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exp = Int(text[text.index(after: e)...])!
    }
    var intPart = mantissa
    var fracPart: Substring = ""
    if let dot = mantissa.firstIndex(of: ".") {
      intPart = mantissa[..<dot]
      fracPart = mantissa[mantissa.index(after: dot)...]
    }
    var all = String(intPart) + String(fracPart)
    var n = intPart.count + exp
    while all.first == "0" && all.count > 1 {
      all.removeFirst()
      n -= 1
    }
    while all.last == "0" && all.count > 1 { all.removeLast() }
    return (all, n)
  }

  /// JSONata's boolean cast (`$boolean`): false for false, 0, "", null, empty arrays and objects, functions
  /// are false, arrays are true when any item is.
  public static func isTruthy(_ value: Value?) -> Bool {
    guard let value else { return false }
    switch value {
    case .null: return false
    case .bool(let b): return b
    case .number(let n): return n != 0
    case .string(let s): return !s.isEmpty
    case .array(let a):
      if a.items.count == 1 { return isTruthy(a.items[0]) }
      return a.items.contains { isTruthy($0) }
    case .object(let o): return !o.isEmpty
    case .function: return false
    }
  }

  /// Deep equality as jsonata-js's `isDeepEqual`: numbers by value, objects regardless of key order.
  public static func deepEqual(_ lhs: Value?, _ rhs: Value?) -> Bool {
    switch (lhs, rhs) {
    case (nil, nil): return true
    case (nil, _), (_, nil): return false
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)):
      return a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { deepEqual($0, $1) }
    case (.object(let a), .object(let b)):
      return a.count == b.count && a.entries.allSatisfy { deepEqual($0.value, b[$0.key]) }
    case (.function(let a), .function(let b)): return a === b
    default: return false
    }
  }

  /// The value read from JSON: numbers become doubles, key order is kept.
  public init(_ json: JSON) {
    switch json {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let n): self = .number(n.doubleValue)
    case .string(let s): self = .string(s)
    case .array(let items): self = .array(ArrayValue(items.map(Value.init)))
    case .object(let o): self = .object(ObjectValue(o.map { ($0.key, Value($0.value)) }))
    }
  }

  /// The value as JSON, as `JSON.stringify` would write it: integral numbers stay integers, functions and
  /// non-finite numbers become null inside containers... (jsonata-js callers check for them first), undefined
  /// items of arrays are dropped, undefined object members are omitted.
  public var json: JSON {
    switch self {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let d): return Value.jsonNumber(d)
    case .string(let s): return .string(s)
    case .array(let a): return .array(a.items.map(\.json))
    case .object(let o):
      var out = JSONObject()
      for (k, v) in o.entries { out[k] = v.json }
      return .object(out)
    case .function: return .string("")
    }
  }

  /// A double as a JSON number: an integer when it is integral and exactly representable, else a float.
  public static func jsonNumber(_ d: Double) -> JSON {
    guard d.isFinite else { return .null }
    if d == d.rounded(), abs(d) < 9_007_199_254_740_992 { return .number(JSONNumber(Int(d))) }
    return .number(JSONNumber(d))
  }
}
