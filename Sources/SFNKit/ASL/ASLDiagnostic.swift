/// One finding of the Amazon States Language linter, anchored at a position in the definition text.
public struct ASLDiagnostic: Sendable, Equatable, CustomStringConvertible {
  /// How serious a finding is: errors make a definition invalid, warnings flag legal but suspicious things.
  public enum Severity: String, Sendable, Equatable, Comparable {
    /// The definition is invalid: the service would reject it or it cannot run.
    case error
    /// Legal, but probably not what was meant.
    case warning

    /// Errors sort before warnings.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
  }

  /// Error or warning.
  public var severity: Severity
  /// Human-readable explanation.
  public var message: String
  /// 1-based line of the offending key or value.
  public var line: Int
  /// 1-based column (in characters) of the offending key or value.
  public var column: Int
  /// JSON path of the offending key or value, e.g. `$.States.Foo.Next`.
  public var path: String
  /// Stable machine-readable identifier of the rule, e.g. `unknown-state`.
  public var code: String?

  /// A finding with all its parts.
  public init(severity: Severity, message: String, line: Int, column: Int, path: String, code: String? = nil) {
    self.severity = severity
    self.message = message
    self.line = line
    self.column = column
    self.path = path
    self.code = code
  }

  /// `line:column: severity: message [path]`, the usual compiler-style rendering.
  public var description: String { "\(line):\(column): \(severity.rawValue): \(message) [\(path)]" }

  /// Orders by position, then errors before warnings, then by message, so output is stable.
  static func byPosition(_ a: ASLDiagnostic, _ b: ASLDiagnostic) -> Bool {
    if a.line != b.line { return a.line < b.line }
    if a.column != b.column { return a.column < b.column }
    if a.severity != b.severity { return a.severity < b.severity }
    if a.path != b.path { return a.path < b.path }
    return a.message < b.message
  }
}
