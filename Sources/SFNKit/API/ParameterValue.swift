/// One command-line parameter value for an API operation, as the user typed it.
public enum ParameterValue: Sendable, Equatable {
  /// A string, structure, list or map member given as text (JSON, shorthand or `file://`).
  case text(String, String?)
  /// A list member given as one or more words (`--tag-keys a b`, `--tags key=a,value=b key=c,value=d`).
  case words(String, [String]?)
  /// An integer member.
  case integer(String, Int?)
  /// A floating-point member.
  case number(String, Double?)
  /// A boolean member (`--flag` / `--no-flag`).
  case flag(String, Bool?)

  /// The API member name.
  public var member: String {
    switch self {
    case .text(let m, _), .words(let m, _), .integer(let m, _), .number(let m, _), .flag(let m, _): return m
    }
  }

  /// True when the user gave a value.
  public var isSet: Bool {
    switch self {
    case .text(_, let v): return v != nil
    case .words(_, let v): return v != nil
    case .integer(_, let v): return v != nil
    case .number(_, let v): return v != nil
    case .flag(_, let v): return v != nil
    }
  }
}
