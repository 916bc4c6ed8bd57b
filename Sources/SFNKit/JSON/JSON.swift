/// A JSON value that keeps object keys in the order they were read or inserted.
public enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object(JSONObject)

  /// The value of `key` when this is an object, else nil.
  public subscript(key: String) -> JSON? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  /// The string payload, or nil for other kinds.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The numeric payload, or nil for other kinds.
  public var doubleValue: Double? {
    if case .number(let n) = self { return n }
    return nil
  }

  /// The numeric payload as an integer when it is integral.
  public var intValue: Int? {
    if case .number(let n) = self, n.rounded() == n, abs(n) < 9.2e18 { return Int(n) }
    return nil
  }

  /// The boolean payload, or nil for other kinds.
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// The elements when this is an array, else nil.
  public var arrayValue: [JSON]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The object when this is an object, else nil.
  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// True for `.null`.
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// Equality as JSON defines it: numbers by value, objects regardless of key order.
  public static func == (lhs: JSON, rhs: JSON) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)): return a == b
    default: return false
    }
  }
}

/// A JSON object: a dictionary that remembers key order.
public struct JSONObject: Sendable, Equatable, Sequence {
  public private(set) var keys: [String] = []
  private var storage: [String: JSON] = [:]

  /// An empty object.
  public init() {}

  /// An object with these pairs in this order; a repeated key keeps its first position and last value.
  public init(_ pairs: [(String, JSON)]) {
    keys.reserveCapacity(pairs.count)
    for (k, v) in pairs { self[k] = v }
  }

  /// Number of keys.
  public var count: Int { keys.count }

  /// True when there are no keys.
  public var isEmpty: Bool { keys.isEmpty }

  /// Reads, sets, or (with nil) removes a key.
  public subscript(key: String) -> JSON? {
    get { storage[key] }
    set {
      if let newValue {
        if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
      } else if storage.removeValue(forKey: key) != nil {
        keys.removeAll { $0 == key }
      }
    }
  }

  /// The values in key order.
  public var values: [JSON] { keys.map { storage[$0]! } }

  /// Iterates (key, value) pairs in key order.
  public func makeIterator() -> AnyIterator<(key: String, value: JSON)> {
    var i = 0
    return AnyIterator {
      guard i < keys.count else { return nil }
      defer { i += 1 }
      return (keys[i], storage[keys[i]]!)
    }
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.storage == rhs.storage
  }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
  public init(nilLiteral: ()) { self = .null }
}
