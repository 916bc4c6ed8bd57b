/// Arithmetic with Python's number semantics: integers stay exact integers, anything involving a float is a float.
extension JSONNumber {
  /// `lhs + rhs`: exact for two integers (Python ints do not overflow), else a float.
  public static func + (lhs: JSONNumber, rhs: JSONNumber) -> JSONNumber {
    switch (lhs.storage, rhs.storage) {
    case (.int(let a), .int(let b)):
      let (sum, overflow) = a.addingReportingOverflow(b)
      if !overflow { return JSONNumber(sum) }
      return JSONNumber(integerText: DecimalInteger.add(String(a), String(b)))!
    case (.float, _), (_, .float):
      return JSONNumber(lhs.doubleValue + rhs.doubleValue)
    default:
      return JSONNumber(integerText: DecimalInteger.add(lhs.text, rhs.text))!
    }
  }

  /// The absolute value, of the same kind (Python's `abs`).
  public var magnitude: JSONNumber {
    switch storage {
    case .int(let i): return i == .min ? JSONNumber(integerText: String(i.magnitude))! : JSONNumber(Swift.abs(i))
    case .big(let text): return JSONNumber(storage: .big(text.hasPrefix("-") ? String(text.dropFirst()) : text))
    case .float(let d): return JSONNumber(Swift.abs(d))
    }
  }

  /// Rounded to a whole number as an integer, like Python's `math.ceil` (`.up`) and `math.floor` (`.down`);
  /// integers are returned as they are, non-finite floats unchanged.
  public func rounded(_ rule: FloatingPointRoundingRule) -> JSONNumber {
    guard case .float(let d) = storage else { return self }
    let r = d.rounded(rule)
    return r.isFinite ? JSONNumber.integer(exactly: r) : self
  }
}
