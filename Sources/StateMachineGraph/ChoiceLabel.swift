import SFNKit

/// Short text for an edge: a Choice rule (`$.ok == true`, `$.n >= 10`, `a and b`) or the errors a Catch takes.
enum ChoiceLabel {
  /// Longest label before it is cut with `…`.
  static let limit = 28

  static func text(_ rule: JSON) -> String {
    cut(describe(rule))
  }

  static func errors(_ names: [String]) -> String {
    if names.isEmpty { return "catch" }
    return cut(names.count <= 2 ? names.joined(separator: ", ") : "\(names[0]) +\(names.count - 1)")
  }

  static func cut(_ s: String) -> String {
    s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
  }

  private static func describe(_ rule: JSON) -> String {
    if let condition = rule["Condition"] {
      if let s = condition.stringValue { return strip(s) }
      return condition.boolValue.map { "\($0)" } ?? "condition"
    }
    if let all = rule["And"]?.arrayValue { return all.map(describe).joined(separator: " and ") }
    if let any = rule["Or"]?.arrayValue { return any.map(describe).joined(separator: " or ") }
    if let inner = rule["Not"] { return "not " + describe(inner) }
    let variable = rule["Variable"]?.stringValue ?? "?"
    guard let object = rule.objectValue else { return variable }
    for (key, value) in object where key != "Variable" && key != "Next" && key != "Comment" {
      let isPath = key.hasSuffix("Path")
      let base = isPath ? String(key.dropLast(4)) : key
      let rendered = isPath ? (value.stringValue ?? "?") : literal(value)
      switch base {
      case "IsPresent": return value.boolValue == false ? "\(variable) absent" : "\(variable) present"
      case "IsNull", "IsString", "IsNumeric", "IsBoolean", "IsTimestamp":
        let what = base.dropFirst(2).lowercased()
        return value.boolValue == false ? "\(variable) not \(what)" : "\(variable) is \(what)"
      case "StringMatches": return "\(variable) ~ \(rendered)"
      default:
        if let op = comparison(base) { return "\(variable) \(op) \(rendered)" }
      }
    }
    return variable
  }

  private static func comparison(_ key: String) -> String? {
    for (suffix, op) in [("GreaterThanEquals", ">="), ("LessThanEquals", "<="), ("GreaterThan", ">"),
                         ("LessThan", "<"), ("Equals", "==")] where key.hasSuffix(suffix) {
      return op
    }
    return nil
  }

  private static func literal(_ value: JSON) -> String {
    if let s = value.stringValue { return "\"\(s)\"" }
    return JSONWriter.compact.string(value)
  }

  private static func strip(_ s: String) -> String {
    var t = s.trimmed(" ")
    if t.hasPrefix("{%"), t.hasSuffix("%}") { t = String(t.dropFirst(2).dropLast(2)).trimmed(" ") }
    return t
  }
}

private extension String {
  func trimmed(_ set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s = s.dropFirst() }
    while s.last == set { s = s.dropLast() }
    return String(s)
  }
}
