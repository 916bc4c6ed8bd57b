import SFNKit

/// What a state's data expressions read: the state input (`$`), the context object (`$$`) and the workflow
/// variables visible to the state (`$name`). Plain values, so every data function is a pure function of it.
public struct QueryScope: Sendable, Equatable {
  /// The value `$` selects from.
  public var input: JSON
  /// The context object `$$` selects from.
  public var context: JSON
  /// Visible workflow variables by name (the interpreter resolves scoping across Parallel and Map).
  public var variables: [String: JSON]

  /// A scope with this input, context object and variables.
  public init(input: JSON, context: JSON = .object(JSONObject()), variables: [String: JSON] = [:]) {
    self.input = input
    self.context = context
    self.variables = variables
  }

  /// The same scope reading `input` as `$`.
  public func with(input: JSON) -> QueryScope {
    var copy = self
    copy.input = input
    return copy
  }
}
