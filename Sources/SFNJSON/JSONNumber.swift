/// A JSON number that remembers its kind the way Python's `json` module does: an integer (kept exactly, however
/// large) or a float. Written back as Python writes it (`JSONNumber.text`), so `1.0` stays `1.0` and
/// `12345678901234567890` keeps every digit.
public struct JSONNumber: Sendable {
  enum Storage: Sendable {
    case int(Int)
    /// An integer beyond `Int`, as its decimal text (`-` and digits, no leading zeros). Boxed: it is rare.
    indirect case big(String)
    case float(Double)
  }

  let storage: Storage

  init(storage: Storage) { self.storage = storage }

  /// An integer.
  public init(_ value: Int) { storage = .int(value) }

  /// A float (even when its value is integral: `JSONNumber(1.0)` is written `1.0`).
  public init(_ value: Double) { storage = .float(value) }

  /// An integer from its decimal text (optional sign, digits); nil for anything else.
  public init?(integerText text: some StringProtocol) {
    var digits = Substring(text)
    var negative = false
    if let first = digits.first, first == "-" || first == "+" {
      negative = first == "-"
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    if let small = Int(text) {
      storage = .int(small)
      return
    }
    let trimmed = digits.drop { $0 == "0" }
    storage = .big((negative ? "-" : "") + trimmed)
  }

  /// A number read from JSON text: `literal` as written, `value` its nearest double. A literal with a fraction or
  /// exponent is a float, any other an integer, exactly as written.
  public init(literal: String, value: Double) {
    if literal.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
      storage = .float(value)
    } else {
      self = JSONNumber(integerText: literal) ?? JSONNumber(value)
    }
  }

  /// A number from a JSON number token (already checked by the scanner) whose kind the scanner saw.
  init?(token: String, isFloat: Bool) {
    if isFloat {
      guard let value = Double(token) else { return nil }
      self.init(storage: .float(value))
    } else {
      self.init(integerText: token)
    }
  }

  /// A number from command-line text for a parameter of `integral` kind (integers: exact; else as Python's float()).
  public init?(parameter text: String, integral: Bool) {
    if integral, let exact = JSONNumber(integerText: text) {
      self = exact
      return
    }
    guard let value = Double(text) else { return nil }
    // An integral value for an integer parameter goes as an integer ("5.0" for maxResults is 5).
    if integral, value.isFinite, value.rounded() == value {
      self = JSONNumber.integer(exactly: value)
    } else {
      storage = .float(value)
    }
  }

  /// The nearest double (infinite for integers beyond its range).
  public var doubleValue: Double {
    switch storage {
    case .int(let i): return Double(i)
    case .big(let text): return Double(text) ?? .nan
    case .float(let d): return d
    }
  }

  /// True for a float (read with a fraction or exponent, or computed as one); false for an integer.
  public var isFloat: Bool {
    if case .float = storage { return true }
    return false
  }

  /// The value as an `Int` when it is integral and fits (a float like `3.0` included).
  public var intValue: Int? {
    switch storage {
    case .int(let i): return i
    case .big: return nil
    case .float(let d): return d.rounded() == d && abs(d) < 9.2e18 ? Int(d) : nil
    }
  }

  /// True when the value is a whole number (any integer, or an integral float).
  public var isIntegral: Bool {
    if case .float(let d) = storage { return d.rounded() == d }
    return true
  }

  /// The integer with the value of the integral double `value` (every digit exact, as Python's int(float)).
  static func integer(exactly value: Double) -> JSONNumber {
    if abs(value) < 9.2e18 { return JSONNumber(Int(value)) }
    return JSONNumber(integerText: DecimalInteger.text(ofIntegral: value)) ?? JSONNumber(value)
  }
}

extension JSONNumber: Equatable, Hashable, Comparable {
  /// Equal by numeric value (`1 == 1.0`); two integers compare exactly.
  public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    switch (lhs.storage, rhs.storage) {
    case (.int(let a), .int(let b)): return a == b
    case (.big(let a), .big(let b)): return a == b
    case (.int, .big), (.big, .int): return false
    default: return lhs.doubleValue == rhs.doubleValue
    }
  }

  /// Hashes the double value, which equal numbers share.
  public func hash(into hasher: inout Hasher) { hasher.combine(doubleValue) }

  /// Numeric order; two integers compare exactly.
  public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    switch (lhs.storage, rhs.storage) {
    case (.int(let a), .int(let b)): return a < b
    // A big integer lies beyond every Int: its sign decides.
    case (.int, .big(let b)): return !b.hasPrefix("-")
    case (.big(let a), .int): return a.hasPrefix("-")
    case (.big(let a), .big(let b)): return DecimalInteger.compare(a, b) < 0
    default: return lhs.doubleValue < rhs.doubleValue
    }
  }
}

extension JSONNumber: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, CustomStringConvertible {
  /// An integer.
  public init(integerLiteral value: Int) { storage = .int(value) }
  /// A float.
  public init(floatLiteral value: Double) { storage = .float(value) }
  /// The number as Python (and so the AWS CLI) writes it.
  public var description: String { text }
}
