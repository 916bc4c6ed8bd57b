import SFNKit

/// The JSON-to-JSON work inside a state as the interpreter asks for it (paths, templates, ResultPath, Choice
/// rules, JSONata). Every call is a pure function of its arguments and throws `StatesError`; the interpreter adds
/// the "An error occurred while executing the state ..." prefix AWS puts on causes.
public protocol StateDataProcessor {
  /// JSONPath: the value at `path` (InputPath, OutputPath, ItemsPath, `*Path` fields; an intrinsic function for
  /// ErrorPath and CausePath), `$$` being `context`; `field` names the field in error messages.
  func select(_ path: String, field: String, input: JSON, context: JSON, variables: [String: JSON]) throws -> JSON
  /// JSONPath: a payload template (Parameters, ResultSelector, ItemSelector, Assign) filled from `input`.
  func payload(_ template: JSON, field: String, input: JSON, context: JSON,
               variables: [String: JSON]) throws -> JSON
  /// JSONPath: `input` with `result` placed at `resultPath` (`$` replaces it).
  func merge(_ result: JSON, into input: JSON, at resultPath: String) throws -> JSON
  /// JSONPath: whether a Choice rule matches `input`.
  func matches(_ rule: JSONObject, input: JSON, context: JSON, variables: [String: JSON]) throws -> Bool
  /// JSONata: `value` with every `{% expression %}` string evaluated, `$states` being `states`; with `expecting`,
  /// a result of another kind is a `States.QueryEvaluationError`.
  func evaluate(_ value: JSON, field: String, states: JSONataStates, variables: [String: JSON],
                expecting: JSONKind?) throws -> JSON
}

/// A state field failed to evaluate: the error, and where in the state (EvaluationFailed's `location`).
public struct FieldEvaluationFailure: Error, Equatable {
  /// The error the state fails with.
  public var error: StatesError
  /// The field and path inside it (`Output/result`), when known.
  public var location: String?
  /// True when the field evaluated but its value was unusable (a Wait's Timestamp that is not a date): AWS then
  /// links EvaluationFailed to the state's last event instead of the event before the state.
  public var afterEvaluation: Bool

  /// A failure with this error at `location`.
  public init(_ error: StatesError, location: String?, afterEvaluation: Bool = false) {
    self.error = error
    self.location = location
    self.afterEvaluation = afterEvaluation
  }
}
