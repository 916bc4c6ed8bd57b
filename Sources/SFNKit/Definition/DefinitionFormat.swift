/// The text format a state machine definition is written in.
public enum DefinitionFormat: String, Sendable, Equatable {
  /// Amazon States Language as JSON (what the service takes).
  case json
  /// The same document written as YAML; converted to JSON before linting or sending.
  case yaml

  /// The format of a file: `.json`, `.asl.json` -> JSON; `.yaml`, `.yml` -> YAML; otherwise sniffed from the
  /// content (a document whose first significant character is `{` or `[` is JSON, anything else YAML).
  public static func detect(name: String?, text: String) -> DefinitionFormat {
    if let name {
      let lower = name.lowercased()
      if lower.hasSuffix(".json") { return .json }
      if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
    }
    return sniff(text)
  }

  /// Guesses from the content alone: JSON starts with `{` or `[` after whitespace and a byte order mark.
  public static func sniff(_ text: String) -> DefinitionFormat {
    for scalar in text.unicodeScalars {
      switch scalar {
      case " ", "\t", "\r", "\n", "\u{FEFF}": continue
      case "{", "[": return .json
      default: return .yaml
      }
    }
    return .json  // empty text: let the JSON reader report it
  }
}
