/// A JMESPath expression that cannot be parsed, or an evaluation that fails (bad function call or argument).
public struct JMESPathError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The error categories of the JMESPath specification.
  public enum Kind: String, Sendable, Equatable {
    /// The expression is malformed.
    case syntax = "syntax"
    /// A function got an argument of the wrong type.
    case invalidType = "invalid-type"
    /// An argument has the right type but an unusable value (a slice step of 0).
    case invalidValue = "invalid-value"
    /// A function got the wrong number of arguments.
    case invalidArity = "invalid-arity"
    /// The expression calls a function that does not exist.
    case unknownFunction = "unknown-function"
  }

  /// Which category of error this is.
  public var kind: Kind
  /// What went wrong, without position information (e.g. `expected ']'`).
  public var message: String
  /// 1-based character column in the expression, for syntax errors; nil otherwise.
  public var column: Int?

  /// An error of the given kind.
  public init(kind: Kind, message: String, column: Int? = nil) {
    self.kind = kind
    self.message = message
    self.column = column
  }

  /// One line for stderr: `syntax error at column 7: expected ']'` or `invalid type: ...`.
  public var description: String {
    switch kind {
    case .syntax:
      if let column { return "syntax error at column \(column): \(message)" }
      return "syntax error: \(message)"
    case .invalidType: return "invalid type: \(message)"
    case .invalidValue: return "invalid value: \(message)"
    case .invalidArity: return "invalid arity: \(message)"
    case .unknownFunction: return "unknown function: \(message)"
    }
  }

  /// A line with a caret under the error column, meant to be printed right below the expression itself
  /// (prefix both lines with the same indentation); nil when the error has no column.
  public var caretLine: String? {
    guard let column else { return nil }
    return String(repeating: " ", count: max(0, column - 1)) + "^"
  }

  static func syntax(_ message: String, at position: Int) -> JMESPathError {
    JMESPathError(kind: .syntax, message: message, column: position + 1)
  }
}
