import SFNKit

/// A state machine definition as a graph: its states and the transitions between them.
public struct StateGraph: Sendable {
  /// The state the graph starts at.
  public var startAt: String
  /// The states in definition order.
  public var states: [GraphState]
  /// Every transition: Next, Default, Choice rules and Catch.
  public var edges: [GraphEdge]

  /// The state named `name`.
  public func state(_ name: String) -> GraphState? { states.first { $0.name == name } }

  /// Reads a definition (JSON text); throws `StateGraphError` when it is not a state machine.
  public init(definitionText text: String) throws {
    let json: JSON
    do { json = try JSONParser.parse(text) } catch { throw StateGraphError("not valid JSON: \(error)") }
    try self.init(definition: json, path: "$")
  }

  /// Reads a parsed definition (or a Parallel branch, or a Map processor) found at JSON path `path`.
  public init(definition: JSON, path: String = "$") throws {
    guard let start = definition["StartAt"]?.stringValue, let states = definition["States"]?.objectValue else {
      throw StateGraphError("\(path) has no StartAt and States")
    }
    startAt = start
    var list: [GraphState] = []
    var edges: [GraphEdge] = []
    for (name, body) in states {
      let state = try GraphState(name: name, body: body, path: "\(path).States.\(name)")
      list.append(state)
      edges += GraphEdge.transitions(from: name, body: body)
    }
    let known = Set(list.map(\.name))
    self.states = list
    // A transition to a state that does not exist is the linter's business; the picture leaves it out.
    self.edges = edges.filter { known.contains($0.to) }
  }

  /// The states along the usual way through: from StartAt, following Next (a Choice's Default, else its first
  /// rule) to the end. The layout keeps them in one straight column.
  public var mainPath: [String] {
    var path: [String] = []
    var seen = Set<String>()
    var current: String? = startAt
    while let name = current, !seen.contains(name), state(name) != nil {
      path.append(name)
      seen.insert(name)
      let out = edges.filter { $0.from == name && $0.kind != .catch }
      current = (out.first { $0.kind == .next } ?? out.first { $0.kind == .default } ?? out.first)?.to
    }
    return path
  }
}

/// A definition that cannot be drawn.
public struct StateGraphError: Error, CustomStringConvertible, Sendable {
  /// What is wrong.
  public let description: String
  init(_ description: String) { self.description = description }
}

/// One state: what a box shows about it, and the sub-graphs of a Parallel or Map.
public struct GraphState: Sendable {
  /// The state's name.
  public let name: String
  /// `Task`, `Choice`, `Parallel`, ...
  public let type: String
  /// A short description beside the type: a Task's resource, a Wait's time, a Fail's error.
  public let detail: String?
  /// Ends the execution (or branch): Succeed, Fail, or `End: true`.
  public let isTerminal: Bool
  /// The Retry rules, briefly (`States.ALL ×3`), empty without Retry.
  public let retry: String?
  /// A Parallel's branches, or a Map's processor (one element).
  public let children: [StateGraph]

  init(name: String, body: JSON, path: String) throws {
    self.name = name
    let type = body["Type"]?.stringValue ?? "?"
    self.type = type
    isTerminal = type == "Succeed" || type == "Fail" || body["End"]?.boolValue == true
    detail = Self.detail(type: type, body: body)
    retry = Self.retrySummary(body["Retry"]?.arrayValue ?? [])
    switch type {
    case "Parallel":
      children = try (body["Branches"]?.arrayValue ?? []).enumerated().map {
        try StateGraph(definition: $0.element, path: "\(path).Branches[\($0.offset)]")
      }
    case "Map":
      if let processor = body["ItemProcessor"] ?? body["Iterator"] {
        children = [try StateGraph(definition: processor, path: "\(path).ItemProcessor")]
      } else {
        children = []
      }
    default:
      children = []
    }
  }

  private static func detail(type: String, body: JSON) -> String? {
    switch type {
    case "Task":
      guard let resource = body["Resource"]?.stringValue else { return nil }
      return ResourceName.short(resource)
    case "Wait":
      if let s = body["Seconds"]?.doubleValue { return DurationText.seconds(s) }
      for key in ["SecondsPath", "Timestamp", "TimestampPath"] {
        if let v = body[key]?.stringValue { return v }
      }
      if let s = body["Seconds"]?.stringValue { return s }
      return nil
    case "Fail":
      return body["Error"]?.stringValue ?? body["ErrorPath"]?.stringValue
    case "Map":
      if body["ItemReader"] != nil { return "distributed" }
      if let mode = body["ItemProcessor"]?["ProcessorConfig"]?["Mode"]?.stringValue, mode == "DISTRIBUTED" {
        return "distributed"
      }
      if let n = body["MaxConcurrency"]?.intValue, n > 0 { return "max \(n)" }
      return nil
    default:
      return nil
    }
  }

  private static func retrySummary(_ rules: [JSON]) -> String? {
    guard let first = rules.first else { return nil }
    if rules.count > 1 { return "\(rules.count) retriers" }
    let errors = first["ErrorEquals"]?.arrayValue?.compactMap(\.stringValue) ?? []
    let attempts = first["MaxAttempts"]?.intValue ?? 3
    let names = errors.count == 1 ? errors[0] : "\(errors.count) errors"
    return "\(names) ×\(attempts)"
  }
}

/// How one state leads to another.
public struct GraphEdge: Sendable, Equatable {
  /// What kind of transition this is.
  public enum Kind: String, Sendable {
    /// `Next`.
    case next
    /// A Choice's `Default`.
    case `default`
    /// One of a Choice's rules.
    case choice
    /// A `Catch` rule.
    case `catch`
  }

  /// The state the transition leaves.
  public let from: String
  /// The state it goes to.
  public let to: String
  /// Next, Default, Choice rule or Catch.
  public let kind: Kind
  /// A short form of the rule or the errors caught; nil for Next.
  public let label: String?

  /// A transition.
  public init(from: String, to: String, kind: Kind, label: String?) {
    self.from = from
    self.to = to
    self.kind = kind
    self.label = label
  }

  static func transitions(from name: String, body: JSON) -> [GraphEdge] {
    var out: [GraphEdge] = []
    for rule in body["Choices"]?.arrayValue ?? [] {
      if let next = rule["Next"]?.stringValue {
        out.append(GraphEdge(from: name, to: next, kind: .choice, label: ChoiceLabel.text(rule)))
      }
    }
    if let d = body["Default"]?.stringValue { out.append(GraphEdge(from: name, to: d, kind: .default, label: "default")) }
    if let next = body["Next"]?.stringValue { out.append(GraphEdge(from: name, to: next, kind: .next, label: nil)) }
    for rule in body["Catch"]?.arrayValue ?? [] {
      guard let next = rule["Next"]?.stringValue else { continue }
      let errors = rule["ErrorEquals"]?.arrayValue?.compactMap(\.stringValue) ?? []
      out.append(GraphEdge(from: name, to: next, kind: .catch, label: ChoiceLabel.errors(errors)))
    }
    return out
  }
}

/// Short names for a Task's resource: `lambda:invoke`, `sqs:sendMessage.sync`, a Lambda function's or activity's name.
enum ResourceName {
  static func short(_ resource: String) -> String {
    if let range = resource.firstRange(of: ":::") { return String(resource[range.upperBound...]) }
    let parts = resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    if parts.count >= 7, parts[2] == "lambda" { return "λ " + parts[6] }
    if parts.count >= 7, parts[5] == "activity" { return "activity " + parts[6] }
    return parts.last ?? resource
  }
}

/// Durations as people read them: `250ms`, `1.2s`, `3m05s`, `2h10m`.
public enum DurationText {
  /// `seconds` briefly.
  public static func seconds(_ s: Double) -> String {
    if s < 1 { return "\(Int((s * 1000).rounded()))ms" }
    if s < 10 { return String(format1(s)) + "s" }
    if s < 60 { return "\(Int(s.rounded()))s" }
    let total = Int(s.rounded())
    if total < 3600 { return "\(total / 60)m" + pad(total % 60) + "s" }
    return "\(total / 3600)h" + pad(total % 3600 / 60) + "m"
  }

  private static func format1(_ v: Double) -> String {
    let tenths = Int((v * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  private static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
