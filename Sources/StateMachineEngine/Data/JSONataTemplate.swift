import JSONata
import SFNKit

/// What `$states` holds while a JSONata field is evaluated.
public struct JSONataStates: Sendable, Equatable {
  /// `$states.input`: the state input.
  public var input: JSON
  /// `$states.result`: the task, Parallel or Map result (Output and Assign of those states only).
  public var result: JSON?
  /// `$states.errorOutput`: the error output in a Catch (`{"Error": .., "Cause": ..}`).
  public var errorOutput: JSON?
  /// `$states.context`: the context object.
  public var context: JSON

  /// `$states` with these members; absent ones are undefined in expressions.
  public init(input: JSON, result: JSON? = nil, errorOutput: JSON? = nil, context: JSON = .object(JSONObject())) {
    self.input = input
    self.result = result
    self.errorOutput = errorOutput
    self.context = context
  }

  /// The `$states` object.
  var value: Value {
    var object = ObjectValue()
    object["input"] = Value(input)
    if let result { object["result"] = Value(result) }
    if let errorOutput { object["errorOutput"] = Value(errorOutput) }
    object["context"] = Value(context)
    return .object(object)
  }
}

/// A JSONata field failed: `States.QueryEvaluationError` with AWS's cause, and the field's location (`Output/a/b`,
/// `Arguments/list[1]`)
/// that the EvaluationFailed history event reports. The interpreter prefixes the cause with the state, as for every
/// state error ("An error occurred while executing the state ...").
public struct QueryEvaluationError: Error, Equatable, Sendable {
  /// Where in the state the failing expression is: the field, then `/key` per object key and `[i]` per array index.
  public var location: String?
  /// The cause, without the state prefix.
  public var cause: String

  /// An error at `location` with this cause.
  public init(location: String?, cause: String) {
    self.location = location
    self.cause = cause
  }

  /// The state error: `States.QueryEvaluationError` with the cause.
  public var statesError: StatesError { StatesError("States.QueryEvaluationError", cause: cause) }
}

/// The JSON kinds AWS names in "returned an unexpected result type" causes.
public enum JSONKind: String, Sendable {
  /// One case per JSON type, spelled as AWS spells it in causes.
  case array, boolean, null, number, object, string

  /// The kind of `value`.
  public init(of value: JSON) {
    switch value {
    case .array: self = .array
    case .bool: self = .boolean
    case .null: self = .null
    case .number: self = .number
    case .object: self = .object
    case .string: self = .string
    }
  }
}

/// A JSONata-mode field value (Arguments, Output, Assign, Items, Condition, ...): any JSON value whose strings may
/// be `{% expression %}`, at any depth (object keys stay literal). Expressions are parsed once, when the template is
/// made, and see `$states` and the workflow variables (`$name`).
public struct JSONataTemplate: @unchecked Sendable {
  // @unchecked: JSONataExpression is a class that is never changed after parsing and may be evaluated concurrently.
  private indirect enum Node {
    case literal(JSON)
    case expression(text: String, parsed: JSONataExpression, location: String)
    case object([(key: String, node: Node)])
    case array([Node])

    var isLiteral: Bool {
      if case .literal = self { return true }
      return false
    }
  }

  private let root: Node
  /// The state field the template is, e.g. `Output`.
  public let field: String

  /// The functions Step Functions gives expressions, prepared once.
  public static var defaultLibrary: FunctionLibrary { StepFunctionsDialect.library }

  /// Parses every expression in `template`, the value of the state field `field`. A syntax error is a
  /// `QueryEvaluationError` naming the expression and jsonata's message.
  public init(_ template: JSON, field: String, library: FunctionLibrary = JSONataTemplate.defaultLibrary) throws {
    self.field = field
    root = try Self.compile(template, location: field, library: library)
  }

  /// True when `text` is a whole `{% ... %}` expression.
  public static func isExpression(_ text: String) -> Bool {
    text.hasPrefix("{%") && text.hasSuffix("%}") && text.count >= 4
  }

  /// True when the template holds no expression at all (a constant).
  public var isConstant: Bool { root.isLiteral }

  private static func compile(_ value: JSON, location: String, library: FunctionLibrary) throws -> Node {
    switch value {
    case .string(let s) where isExpression(s):
      let text = String(s.dropFirst(2).dropLast(2)).trimmingWhitespace
      do {
        return .expression(text: text, parsed: try JSONataExpression(text, library: library), location: location)
      } catch let error as JSONataError {
        throw QueryEvaluationError(location: location, cause: "The JSONata expression '\(text)' specified for the "
                                     + "field '\(location)' could not be parsed: \(error.code): \(error.message)")
      }
    case .object(let object):
      let members = try object.map { ($0.key, try compile($0.value, location: location + "/" + $0.key,
                                                          library: library)) }
      if members.allSatisfy({ $0.1.isLiteral }) { return .literal(value) }
      return .object(members.map { (key: $0.0, node: $0.1) })
    case .array(let items):
      let nodes = try items.enumerated().map { try compile($1, location: location + "[\($0)]", library: library) }
      if nodes.allSatisfy(\.isLiteral) { return .literal(value) }
      return .array(nodes)
    default:
      return .literal(value)
    }
  }

  /// The field's value for `states` and the visible `variables`; `environment` supplies the clock and randomness
  /// (`$now`, `$random`, `$uuid`). An expression that yields nothing, or fails, is a `QueryEvaluationError`.
  public func evaluate(_ states: JSONataStates, variables: [String: JSON],
                       environment: EvaluationEnvironment) throws -> JSON {
    var bindings: [String: Value] = [:]
    for (name, value) in variables { bindings[name] = Value(value) }
    bindings["states"] = states.value
    return try evaluate(root, bindings, environment)
  }

  /// As `evaluate`, and the result must be of `kind` (AWS: "returned an unexpected result type").
  public func evaluate(_ states: JSONataStates, variables: [String: JSON], environment: EvaluationEnvironment,
                       expecting kind: JSONKind) throws -> JSON {
    let value = try evaluate(states, variables: variables, environment: environment)
    let actual = JSONKind(of: value)
    guard actual == kind else {
      let expression: String
      if case .expression(let text, _, _) = root {
        expression = text
      } else {
        expression = JSONWriter.compact.string(value)
      }
      throw QueryEvaluationError(location: field, cause: "The JSONata expression '\(expression)' specified for the "
                                   + "field '\(field)' returned an unexpected result type. Expected "
                                   + "'\(kind.rawValue)', but was '\(actual.rawValue)' for value: "
                                   + JSONWriter.compact.string(value))
    }
    return value
  }

  private func evaluate(_ node: Node, _ bindings: [String: Value],
                        _ environment: EvaluationEnvironment) throws -> JSON {
    switch node {
    case .literal(let value): return value
    case .object(let members):
      var object = JSONObject()
      for (key, child) in members { object[key] = try evaluate(child, bindings, environment) }
      return .object(object)
    case .array(let items):
      return .array(try items.map { try evaluate($0, bindings, environment) })
    case .expression(let text, let parsed, let location):
      let result: Value?
      do {
        result = try parsed.evaluate(input: nil, bindings: bindings, environment: environment)
      } catch let error as JSONataError {
        // AWS ends the sentence with ". CODE: message" for jsonata's coded errors (T2001, D3001, ...) and with
        // ": message" for a message of its own (the dialect's functions raise those under the Step Functions code).
        let detail = error.code == StepFunctionsDialect.errorCode ? ": \(error.message)"
          : ". \(error.code): \(error.message)"
        throw QueryEvaluationError(location: location, cause: "The JSONata expression '\(text)' specified for the "
                                     + "field '\(location)' threw an error during evaluation\(detail)")
      }
      guard let result else {
        throw QueryEvaluationError(location: location, cause: "The JSONata expression '\(text)' specified for the "
                                     + "field '\(location)' returned nothing (undefined).")
      }
      if case .function = result {
        throw QueryEvaluationError(location: location, cause: "The JSONata expression '\(text)' specified for the "
                                     + "field '\(location)' returned a function, which is not a JSON value.")
      }
      return result.json
    }
  }
}

/// A JSONata Choice rule's `Condition`: a boolean literal or an expression that must yield a boolean.
public struct JSONataCondition: Sendable {
  private let template: JSONataTemplate

  /// Parses the `Condition` value; `field` locates it in the state, as AWS names it (`Choices[0]/Condition`).
  public init(_ condition: JSON, field: String = "Condition") throws {
    template = try JSONataTemplate(condition, field: field)
  }

  /// True when the condition holds.
  public func matches(_ states: JSONataStates, variables: [String: JSON],
                      environment: EvaluationEnvironment) throws -> Bool {
    let value = try template.evaluate(states, variables: variables, environment: environment, expecting: .boolean)
    return value.boolValue ?? false
  }
}

private extension String {
  /// The text without leading and trailing whitespace (no Foundation needed).
  var trimmingWhitespace: String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s = s.dropFirst() }
    while let l = s.last, l.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
