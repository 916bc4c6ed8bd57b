import SFNKit

/// A JSONPath as Step Functions evaluates it (Jayway JsonPath semantics): parsed once, then selected from a
/// `QueryScope`. A definite path (names and single indexes only) gives one value or fails; any other path gives an
/// array of every match (empty when nothing matches) and never fails.
public struct JSONPathQuery: Sendable, Equatable, CustomStringConvertible {
  /// Where a path starts.
  public enum Root: Sendable, Equatable {
    /// `$`: the state input (or the value the caller selects from).
    case input
    /// `$$`: the context object.
    case context
    /// `$name`: a workflow variable.
    case variable(String)
  }

  /// The path as written.
  public let text: String
  /// What the path reads.
  public let root: Root
  /// The steps after the root.
  let steps: [JSONPathStep]

  /// Parses `text`; throws `JSONPathError.syntax` when it is not a path Step Functions accepts.
  public init(_ text: String) throws {
    var parser = JSONPathParser(text)
    (root, steps) = try parser.parsePath()
    self.text = text
  }

  /// The path as written.
  public var description: String { text }

  /// True when the path selects at most one node, so it yields a value rather than an array.
  public var isDefinite: Bool {
    steps.indices.allSatisfy { steps[$0].isDefinite(isLeaf: $0 == steps.count - 1) }
  }

  /// True for the bare `$` (or `$$`, `$name`): the whole root value.
  public var isRootOnly: Bool { steps.isEmpty }

  /// The steps when every one names a single object field or array index (what ResultPath may write to).
  var referenceSteps: [JSONPathStep]? {
    steps.allSatisfy { $0.isDefinite(isLeaf: false) } ? steps : nil
  }

  /// The normalized form Jayway prints in messages, e.g. `$['a'][0]`.
  public var normalized: String { "$" + steps.map(\.fragment).joined() }

  /// The selected value: the node for a definite path, else an array of the matches.
  public func select(_ scope: QueryScope) throws -> JSON {
    let start: JSON
    switch root {
    case .input: start = scope.input
    case .context: start = scope.context
    case .variable(let name):
      guard let value = scope.variables[name] else { throw JSONPathError(.undefinedVariable, "$\(name)") }
      start = value
    }
    return try select(from: start)
  }

  /// The path's steps applied to `value` (whatever the root names).
  public func select(from value: JSON) throws -> JSON {
    let definite = isDefinite
    var evaluation = JSONPathEvaluation(steps: steps, root: value, definite: definite)
    try evaluation.walk(0, value, "$")
    if !definite { return .array(evaluation.results) }
    guard let only = evaluation.results.first else {
      throw JSONPathError(.notFound, "No results for path: \(normalized)")
    }
    return only
  }
}

/// Why a path could not be parsed or selected; `message` is Jayway's wording where AWS passes it on.
public struct JSONPathError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// The text is not a valid path.
    case syntax
    /// A definite path matched nothing (or crossed a value of the wrong type).
    case notFound
    /// `$name` names no visible variable (`message` is the variable reference).
    case undefinedVariable
  }

  /// What went wrong.
  public var kind: Kind
  /// The details.
  public var message: String

  /// An error of this kind.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The message.
  public var description: String { message }
}

/// One step of a path after its root.
indirect enum JSONPathStep: Sendable, Equatable {
  /// `.name`, `['name']` or `['a','b']`.
  case property([String])
  /// `[0]`, `[-1]` or `[0,2]`.
  case index([Int])
  /// `.*` or `[*]`.
  case wildcard
  /// `[start:end]`, either bound optional.
  case slice(start: Int?, end: Int?)
  /// `[?(...)]`.
  case filter(JSONPathFilter)
  /// `..` followed by a step: that step applied at every depth.
  case scan(JSONPathStep)

  /// Definite steps select at most one node; several properties at the leaf merge into one object (as Jayway).
  func isDefinite(isLeaf: Bool) -> Bool {
    switch self {
    case .property(let names): return names.count == 1 || isLeaf
    case .index(let indexes): return indexes.count == 1
    case .wildcard, .slice, .filter, .scan: return false
    }
  }

  /// The normalized text of the step, as in Jayway's messages.
  var fragment: String {
    switch self {
    case .property(let names): return "[" + names.map { "'\($0)'" }.joined(separator: ",") + "]"
    case .index(let indexes): return "[" + indexes.map(String.init).joined(separator: ",") + "]"
    case .wildcard: return "[*]"
    case .slice(let start, let end): return "[\(start.map(String.init) ?? ""):\(end.map(String.init) ?? "")]"
    case .filter: return "[?]"
    case .scan(let step): return ".." + step.fragment
    }
  }
}

/// One evaluation of a path's steps over a document, collecting matches in document order.
struct JSONPathEvaluation {
  let steps: [JSONPathStep]
  /// The document `$` refers to inside filters.
  let root: JSON
  /// Definite paths report what is missing; others skip it silently (AWS returns the matches found).
  let definite: Bool
  var results: [JSON] = []

  init(steps: [JSONPathStep], root: JSON, definite: Bool) {
    self.steps = steps
    self.root = root
    self.definite = definite
  }

  mutating func walk(_ i: Int, _ value: JSON, _ path: String) throws {
    guard i < steps.count else {
      results.append(value)
      return
    }
    try apply(steps[i], at: i, to: value, path)
  }

  private mutating func apply(_ step: JSONPathStep, at i: Int, to value: JSON, _ path: String) throws {
    let isLeaf = i == steps.count - 1
    switch step {
    case .property(let names):
      guard case .object(let object) = value else {
        if definite { throw JSONPathError(.notFound, Self.notAnObject(step, path, value)) }
        return
      }
      if names.count > 1 && isLeaf {
        var merged = JSONObject()
        for name in names { if let v = object[name] { merged[name] = v } }
        results.append(.object(merged))
        return
      }
      for name in names {
        let next = path + "['\(name)']"
        guard let child = object[name] else {
          // A missing leaf is simply no result; a missing middle step of a definite path is reported as Jayway does.
          if definite && !isLeaf { throw JSONPathError(.notFound, "Missing property in path \(next)") }
          continue
        }
        try walk(i + 1, child, next)
      }
    case .index(let indexes):
      guard case .array(let items) = value else {
        if definite { throw JSONPathError(.notFound, Self.notAnArray(step, path, value)) }
        return
      }
      for index in indexes {
        let effective = index < 0 ? items.count + index : index
        guard effective >= 0, effective < items.count else { continue }
        try walk(i + 1, items[effective], path + "[\(index)]")
      }
    case .wildcard:
      switch value {
      case .array(let items):
        for (n, item) in items.enumerated() { try walk(i + 1, item, path + "[\(n)]") }
      case .object(let object):
        for (key, child) in object { try walk(i + 1, child, path + "['\(key)']") }
      default: return
      }
    case .slice(let start, let end):
      guard case .array(let items) = value else { return }
      for n in Self.sliceRange(start: start, end: end, count: items.count) {
        try walk(i + 1, items[n], path + "[\(n)]")
      }
    case .filter(let filter):
      switch value {
      case .array(let items):
        for (n, item) in items.enumerated() where filter.matches(item, root: root) {
          try walk(i + 1, item, path + "[\(n)]")
        }
      case .object:
        // Jayway tests a filter against an object itself.
        if filter.matches(value, root: root) { try walk(i + 1, value, path) }
      default: return
      }
    case .scan(let inner):
      try scan(inner, at: i, value, path)
    }
  }

  /// Applies `inner` to `value` and every node below it, parents first (Jayway's deep scan).
  private mutating func scan(_ inner: JSONPathStep, at i: Int, _ value: JSON, _ path: String) throws {
    switch (inner, value) {
    case (.property, .object), (.index, .array), (.slice, .array), (.filter, _), (.wildcard, _):
      try apply(inner, at: i, to: value, path)
    default: break
    }
    switch value {
    case .array(let items):
      for (n, item) in items.enumerated() { try scan(inner, at: i, item, path + "[\(n)]") }
    case .object(let object):
      for (key, child) in object { try scan(inner, at: i, child, path + "['\(key)']") }
    default: break
    }
  }

  /// Jayway's slice bounds: negative counts from the end, both clamped to the array.
  static func sliceRange(start: Int?, end: Int?, count: Int) -> Range<Int> {
    func clamp(_ v: Int) -> Int { max(0, min(count, v < 0 ? count + v : v)) }
    let from = start.map(clamp) ?? 0
    let to = end.map(clamp) ?? count
    return from < to ? from..<to : 0..<0
  }

  private static func notAnObject(_ step: JSONPathStep, _ path: String, _ value: JSON) -> String {
    "Expected to find an object with property \(step.fragment) in path \(path) but found '\(kind(of: value))'. "
      + "This is not a json object according to the JsonProvider: "
      + "'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."
  }

  private static func notAnArray(_ step: JSONPathStep, _ path: String, _ value: JSON) -> String {
    if value.isNull { return "The path \(path) is null" }
    return "Filter: \(step.fragment) can only be applied to arrays. Current context is: \(JavaText.render(value))"
  }

  /// The Java class Jayway's Jackson provider names for a value.
  private static func kind(of value: JSON) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "java.lang.Boolean"
    case .number(let n): return n.isFloat ? "java.lang.Double" : "java.lang.Integer"
    case .string: return "java.lang.String"
    case .array: return "java.util.ArrayList"
    case .object: return "java.util.LinkedHashMap"
    }
  }
}
