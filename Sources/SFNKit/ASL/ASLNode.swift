/// A JSON value read from an ASL definition that remembers where it was written and its JSON path.
public struct ASLNode: Sendable {
  /// The value itself; objects keep their members in document order, duplicates included.
  public enum Kind: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number and its literal text, so `3` and `3.0` can be told apart.
    case number(Double, literal: String)
    /// A string, unescaped.
    case string(String)
    /// An array of located elements.
    case array([ASLNode])
    /// An object's members in document order, duplicates included.
    case object([ASLMember])
  }

  /// The value.
  public let kind: Kind
  /// 1-based line of the value's first character.
  public let line: Int
  /// 1-based column (in characters) of the value's first character.
  public let column: Int
  /// JSON path of the value, e.g. `$.States['My State'].Next`.
  public let path: String

  /// A node; used by the reader and by tests.
  public init(kind: Kind, line: Int, column: Int, path: String) {
    self.kind = kind
    self.line = line
    self.column = column
    self.path = path
  }

  /// The first member named `key` when this is an object.
  public subscript(key: String) -> ASLNode? { member(key)?.value }

  /// The first member named `key` (with its key position) when this is an object.
  public func member(_ key: String) -> ASLMember? { members.first { $0.key == key } }

  /// The members when this is an object, else empty.
  public var members: [ASLMember] {
    if case .object(let m) = kind { return m }
    return []
  }

  /// The elements when this is an array, else nil.
  public var elements: [ASLNode]? {
    if case .array(let a) = kind { return a }
    return nil
  }

  /// True for objects.
  public var isObject: Bool {
    if case .object = kind { return true }
    return false
  }

  /// True for `null`.
  public var isNull: Bool {
    if case .null = kind { return true }
    return false
  }

  /// The string payload, or nil for other kinds.
  public var string: String? {
    if case .string(let s) = kind { return s }
    return nil
  }

  /// The numeric payload, or nil for other kinds.
  public var number: Double? {
    if case .number(let n, _) = kind { return n }
    return nil
  }

  /// The boolean payload, or nil for other kinds.
  public var bool: Bool? {
    if case .bool(let b) = kind { return b }
    return nil
  }

  /// The number as an integer when it has an integral value.
  public var integer: Int? {
    guard let n = number, n.rounded() == n, abs(n) < 9.0e15 else { return nil }
    return Int(n)
  }

  /// True when the number was written without a fraction or exponent (`3`, not `3.0`).
  public var isIntegerLiteral: Bool {
    guard case .number(_, let literal) = kind else { return false }
    return !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
  }

  /// The JSON type name used in messages: object, array, string, number, boolean or null.
  public var typeName: String {
    switch kind {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// The plain JSON value, dropping positions (the first of duplicate keys wins).
  public var json: JSON {
    switch kind {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let n, let literal): return .number(JSONNumber(literal: literal, value: n))
    case .string(let s): return .string(s)
    case .array(let a): return .array(a.map(\.json))
    case .object(let members):
      var o = JSONObject()
      for m in members where o[m.key] == nil { o[m.key] = m.value.json }
      return .object(o)
    }
  }

  /// The path of a member `key` below `parent`: `.key` for identifiers, `['key']` otherwise.
  public static func childPath(_ parent: String, key: String) -> String {
    var simple = !key.isEmpty
    for (i, u) in key.utf8.enumerated() {
      let letter = (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u == 0x5F
      let digit = u >= 0x30 && u <= 0x39
      if !(letter || (digit && i > 0)) {
        simple = false
        break
      }
    }
    if simple { return parent + "." + key }
    var escaped = ""
    for c in key {
      if c == "'" || c == "\\" { escaped.append("\\") }
      escaped.append(c)
    }
    return parent + "['" + escaped + "']"
  }
}

/// An object member: its key, where the key was written, and the value.
public struct ASLMember: Sendable {
  /// The key as decoded.
  public let key: String
  /// 1-based line of the key's opening quote.
  public let line: Int
  /// 1-based column of the key's opening quote.
  public let column: Int
  /// The member's value (its `path` is the member's path).
  public let value: ASLNode

  /// A member; used by the reader and by tests.
  public init(key: String, line: Int, column: Int, value: ASLNode) {
    self.key = key
    self.line = line
    self.column = column
    self.value = value
  }

  /// JSON path of this member.
  public var path: String { value.path }
}

extension ASLNode {
  /// The number as written in the document (empty for other kinds).
  var literalText: String {
    if case .number(_, let literal) = kind { return literal }
    return ""
  }
}
