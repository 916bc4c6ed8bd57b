/// A compiled JMESPath expression (https://jmespath.org), evaluated the way the AWS CLI's `--query` does.
public struct JMESPathExpression: Sendable {
  /// The expression text as given.
  public let text: String
  private let root: JMESPathNode

  /// Parses `expression`; throws a `JMESPathError` of kind `.syntax` (with a column) when it is malformed.
  public init(_ expression: String) throws {
    text = expression
    root = try JMESPathParser.parse(expression)
  }

  /// The result of the expression applied to `value`; throws a `JMESPathError` for bad function calls.
  public func evaluate(_ value: JSON) throws -> JSON {
    try JMESPathInterpreter.evaluate(root, value)
  }
}
