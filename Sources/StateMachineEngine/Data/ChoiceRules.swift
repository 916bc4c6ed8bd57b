import SFNKit

/// A JSONPath-mode Choice rule (`Variable` with a comparison, or `And`/`Or`/`Not`), parsed once and tested
/// against a `QueryScope` as AWS does: a value of the wrong type makes a comparison false, and a `Variable` that
/// selects nothing is a `States.Runtime` error, except for `IsPresent`.
public indirect enum ChoiceRule: Sendable {
  /// Every rule matches.
  case and([ChoiceRule])
  /// Some rule matches.
  case or([ChoiceRule])
  /// The rule does not match.
  case not(ChoiceRule)
  /// `Variable` compared with a value or another path.
  case comparison(ChoiceComparison)

  /// The rule in `object` (a top-level rule's `Next`, `Comment`, `Assign` and `Output` are ignored here).
  public init(_ object: JSONObject) throws {
    func rules(_ key: String) throws -> [ChoiceRule] {
      guard case .array(let items)? = object[key], !items.isEmpty else {
        throw StatesError.runtime("'\(key)' must be a non-empty array of Choice rules")
      }
      return try items.map { item in
        guard case .object(let rule) = item else { throw StatesError.runtime("A Choice rule must be an object") }
        return try ChoiceRule(rule)
      }
    }
    if object["And"] != nil {
      self = .and(try rules("And"))
    } else if object["Or"] != nil {
      self = .or(try rules("Or"))
    } else if let inner = object["Not"] {
      guard case .object(let rule) = inner else { throw StatesError.runtime("'Not' must be a Choice rule object") }
      self = .not(try ChoiceRule(rule))
    } else {
      self = .comparison(try ChoiceComparison(object))
    }
  }

  /// True when the rule matches.
  public func matches(_ scope: QueryScope) throws -> Bool {
    switch self {
    case .and(let rules):
      for rule in rules where try !rule.matches(scope) { return false }
      return true
    case .or(let rules):
      for rule in rules where try rule.matches(scope) { return true }
      return false
    case .not(let rule): return try !rule.matches(scope)
    case .comparison(let comparison): return try comparison.matches(scope)
    }
  }
}

/// One data-test expression: `Variable` and a comparison operator with its value (or `...Path` operand).
public struct ChoiceComparison: Sendable {
  /// The kind of value an operator compares.
  enum Kind: String, Sendable { case string = "String", numeric = "Numeric", timestamp = "Timestamp",
                                 boolean = "Boolean" }

  /// What the operator does.
  enum Test: Sendable {
    case relation(Kind, Relation)
    case matches(String)
    case isPresent, isNull, isNumeric, isString, isBoolean, isTimestamp
  }

  /// A relational operator.
  enum Relation: String, Sendable, CaseIterable {
    case equals = "Equals", lessThan = "LessThan", greaterThan = "GreaterThan", lessThanEquals = "LessThanEquals",
         greaterThanEquals = "GreaterThanEquals"
  }

  /// The compared value: a literal, or a path read at test time.
  enum Operand: Sendable {
    case value(JSON)
    case path(JSONPathQuery)
  }

  /// The `Variable` path.
  let variable: JSONPathQuery
  let test: Test
  let operand: Operand
  /// The operator's name as written (for messages).
  let name: String

  /// Reads `Variable` and the single comparison operator of `object`.
  init(_ object: JSONObject) throws {
    guard case .string(let path)? = object["Variable"] else {
      throw StatesError.runtime("A Choice rule needs 'Variable' and a comparison operator")
    }
    variable = try Self.path(path, field: "Variable")
    for key in object.keys where !["Variable", "Next", "Comment", "Assign", "Output"].contains(key) {
      guard let (test, operand) = try Self.operator(key, object[key]!) else { continue }
      self.test = test
      self.operand = operand
      name = key
      return
    }
    throw StatesError.runtime("The Choice rule on '\(path)' has no comparison operator")
  }

  private static func path(_ text: String, field: String) throws -> JSONPathQuery {
    do {
      return try JSONPathQuery(text)
    } catch let error as JSONPathError {
      throw StatesError.runtime("Invalid path '\(text)' in '\(field)': \(error.message)")
    }
  }

  private static func `operator`(_ key: String, _ value: JSON) throws -> (Test, Operand)? {
    let typeTests: [String: Test] = ["IsPresent": .isPresent, "IsNull": .isNull, "IsNumeric": .isNumeric,
                                     "IsString": .isString, "IsBoolean": .isBoolean, "IsTimestamp": .isTimestamp]
    if let test = typeTests[key] { return (test, .value(value)) }
    if key == "StringMatches" {
      guard case .string(let pattern) = value else { throw StatesError.runtime("StringMatches needs a string") }
      return (.matches(pattern), .value(value))
    }
    var rest = Substring(key)
    let byPath = rest.hasSuffix("Path")
    if byPath { rest = rest.dropLast(4) }
    for kind in [Kind.string, .numeric, .timestamp, .boolean] where rest.hasPrefix(kind.rawValue) {
      guard let relation = Relation(rawValue: String(rest.dropFirst(kind.rawValue.count))),
            kind != .boolean || relation == .equals else { return nil }
      if byPath {
        guard case .string(let text) = value else { throw StatesError.runtime("\(key) needs a path") }
        return (.relation(kind, relation), .path(try path(text, field: key)))
      }
      return (.relation(kind, relation), .value(value))
    }
    return nil
  }

  /// True when the comparison holds for `scope`.
  public func matches(_ scope: QueryScope) throws -> Bool {
    let value: JSON
    do {
      value = try variable.select(scope)
    } catch is JSONPathError {
      if case .isPresent = test { return operand.wanted == false }
      throw StatesError.runtime("Invalid path '\(variable.text)': The choice state's condition path references "
                                  + "an invalid value.")
    }
    switch test {
    case .isPresent: return operand.wanted == true
    case .isNull: return value.isNull == operand.wanted
    case .isNumeric: return (value.numberValue != nil) == operand.wanted
    case .isString: return (value.stringValue != nil) == operand.wanted
    case .isBoolean: return (value.boolValue != nil) == operand.wanted
    case .isTimestamp: return (value.stringValue.flatMap(StatesTimestamp.init) != nil) == operand.wanted
    case .matches(let pattern):
      guard case .string(let text) = value else { return false }
      return Wildcard.matches(text, pattern: pattern)
    case .relation(let kind, let relation):
      let other: JSON
      switch operand {
      case .value(let v): other = v
      case .path(let path):
        do {
          other = try path.select(scope)
        } catch is JSONPathError {
          throw StatesError.runtime("Invalid path '\(path.text)': The choice state's condition path references "
                                      + "an invalid value.")
        }
      }
      guard let order = Self.order(value, other, kind) else { return false }
      switch relation {
      case .equals: return order == 0
      case .lessThan: return order < 0
      case .greaterThan: return order > 0
      case .lessThanEquals: return order <= 0
      case .greaterThanEquals: return order >= 0
      }
    }
  }

  /// The order of two values of `kind`, or nil when either is not of that kind.
  private static func order(_ a: JSON, _ b: JSON, _ kind: Kind) -> Int? {
    switch (kind, a, b) {
    case (.numeric, .number(let x), .number(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.string, .string(let x), .string(let y)):
      // Java compares strings by UTF-16 code units.
      return x.utf16.lexicographicallyPrecedes(y.utf16) ? -1 : (x == y ? 0 : 1)
    case (.boolean, .bool(let x), .bool(let y)): return x == y ? 0 : 1
    case (.timestamp, .string(let x), .string(let y)):
      guard let t = StatesTimestamp(x), let u = StatesTimestamp(y) else { return nil }
      return t < u ? -1 : (t == u ? 0 : 1)
    default: return nil
    }
  }
}

private extension ChoiceComparison.Operand {
  /// The boolean a type test (`IsNull: true`) asks for.
  var wanted: Bool? {
    if case .value(.bool(let b)) = self { return b }
    return nil
  }
}

/// StringMatches patterns: `*` matches any run of characters; `\*` and `\\` are a literal `*` and `\`.
enum Wildcard {
  /// True when the whole of `text` matches `pattern`.
  static func matches(_ text: String, pattern: String) -> Bool {
    enum Token: Equatable { case literal(Character), star }
    var tokens: [Token] = []
    var escaped = false
    for c in pattern {
      if escaped {
        tokens.append(.literal(c))
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else {
        tokens.append(c == "*" ? .star : .literal(c))
      }
    }
    if escaped { tokens.append(.literal("\\")) }
    let chars = Array(text)
    // Greedy matching with backtracking to the last star.
    var (t, p) = (0, 0)
    var star: (token: Int, text: Int)?
    while t < chars.count {
      if p < tokens.count, tokens[p] == .literal(chars[t]) {
        t += 1
        p += 1
      } else if p < tokens.count, tokens[p] == .star {
        star = (p, t)
        p += 1
      } else if let s = star {
        p = s.token + 1
        t = s.text + 1
        star = (s.token, s.text + 1)
      } else {
        return false
      }
    }
    while p < tokens.count, tokens[p] == .star { p += 1 }
    return p == tokens.count
  }
}
