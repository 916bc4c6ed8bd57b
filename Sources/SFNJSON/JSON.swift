/// A JSON value that keeps object keys in the order they were read or inserted.
public enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(JSONNumber)
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

  /// The number, or nil for other kinds.
  public var numberValue: JSONNumber? {
    if case .number(let n) = self { return n }
    return nil
  }

  /// The numeric payload as a double, or nil for other kinds.
  public var doubleValue: Double? {
    if case .number(let n) = self { return n.doubleValue }
    return nil
  }

  /// The numeric payload as an integer when it is integral and fits.
  public var intValue: Int? {
    if case .number(let n) = self { return n.intValue }
    return nil
  }

  /// An integer number.
  public static func integer(_ value: Int) -> JSON { .number(JSONNumber(value)) }

  /// A float number (written `1.0` when integral).
  public static func float(_ value: Double) -> JSON { .number(JSONNumber(value)) }

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
  // Pairs in order; small objects (nearly all of them) are searched linearly, which costs far less memory and
  // hashing than a dictionary per object (a 25,000-event history holds ~100,000 objects). Larger ones get an index.
  private var pairs: [(key: String, value: JSON)] = []
  private var index: [String: Int]?
  private static let indexThreshold = 16

  /// An empty object.
  public init() {}

  /// An object with these pairs in this order; a repeated key keeps its first position and last value.
  public init(_ pairs: [(String, JSON)]) {
    self.pairs.reserveCapacity(pairs.count)
    for (k, v) in pairs { self[k] = v }
  }

  /// The keys in order.
  public var keys: [String] { pairs.map(\.key) }

  /// Number of keys.
  public var count: Int { pairs.count }

  /// True when there are no keys.
  public var isEmpty: Bool { pairs.isEmpty }

  private func position(of key: String) -> Int? {
    if let index { return index[key] }
    return pairs.firstIndex { $0.key == key }
  }

  /// Reads, sets, or (with nil) removes a key.
  public subscript(key: String) -> JSON? {
    get { position(of: key).map { pairs[$0].value } }
    set {
      switch (position(of: key), newValue) {
      case (let i?, let value?): pairs[i].value = value
      case (nil, let value?):
        pairs.append((key, value))
        if index != nil {
          index![key] = pairs.count - 1
        } else if pairs.count > Self.indexThreshold {
          index = Dictionary(uniqueKeysWithValues: pairs.enumerated().map { ($1.key, $0) })
        }
      case (let i?, nil):
        pairs.remove(at: i)
        if index != nil { index = Dictionary(uniqueKeysWithValues: pairs.enumerated().map { ($1.key, $0) }) }
      case (nil, nil): break
      }
    }
  }

  /// The values in key order.
  public var values: [JSON] { pairs.map(\.value) }

  /// Iterates (key, value) pairs in key order.
  // A concrete iterator: AnyIterator's box is a generic class the runtime instantiates on first use (~0.8M
  // instructions of conformance lookups at start-up), and it costs a dynamic call per element.
  public func makeIterator() -> IndexingIterator<[(key: String, value: JSON)]> {
    pairs.makeIterator()
  }

  /// Equal when both have the same keys with equal values, in any order.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.count == rhs.count && lhs.pairs.allSatisfy { rhs[$0.key] == $0.value }
  }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
  public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
  public init(nilLiteral: ()) { self = .null }
}
