import SFNJSON
import SFNKit

/// Checks a request against SFNKit's service model the way AWS's front end does, and words the failures as AWS
/// does: "2 validation errors detected: Value 'x' at 'name' failed to satisfy constraint: Member must ...; ...".
///
/// Values of the wrong JSON type are not constraint violations on AWS but unreadable requests
/// (`SerializationException`); members the model does not know are ignored, as AWS ignores them.
struct WireValidator {
  /// The regular-expression constraints of the model, which SFNKit's shapes do not carry (they matter only here).
  static let patterns: [String: String] = [
    "CharacterRestrictedName": #"^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$"#,
    "ClientToken": "[!-~]+",
    "TraceHeader": #"\p{ASCII}*"#,
  ]

  /// Throws `ValidationException` listing every violation in `input` (an operation's input structure), or
  /// `SerializationException` for a value of the wrong type.
  func validate(_ input: JSON, shapeName: String) throws {
    guard let shape = ServiceModel.shapeTable[shapeName] else { return }
    var violations: [String] = []
    try check(input, shape: shape, shapeName: shapeName, path: "", into: &violations)
    guard !violations.isEmpty else { return }
    let count = violations.count == 1 ? "1 validation error" : "\(violations.count) validation errors"
    throw APIError.validation("\(count) detected: " + violations.joined(separator: "; "))
  }

  private func check(_ value: JSON, shape: Shape, shapeName: String, path: String, into out: inout [String]) throws {
    switch (shape.kind, value) {
    case (.structure, .object(let object)):
      for (name, target) in shape.members {
        let member = object[name] ?? .null
        let memberPath = path.isEmpty ? name : path + "." + name
        if member == .null {
          if shape.required.contains(name) {
            out.append("Value null at '\(memberPath)' failed to satisfy constraint: Member must not be null")
          }
          continue
        }
        guard let targetShape = ServiceModel.shapeTable[target] else { continue }
        try check(member, shape: targetShape, shapeName: target, path: memberPath, into: &out)
      }
    case (.list, .array(let items)):
      if let problem = bound(items.count, shape, what: "length") {
        out.append("Value\(display(value, shape)) at '\(path)' failed to satisfy constraint: \(problem)")
      }
      guard let memberName = shape.member, let member = ServiceModel.shapeTable[memberName] else { return }
      for (i, item) in items.enumerated() {
        try check(item, shape: member, shapeName: memberName, path: "\(path).\(i + 1).member", into: &out)
      }
    case (.map, .object(let object)):
      guard let valueName = shape.value, let valueShape = ServiceModel.shapeTable[valueName] else { return }
      for (key, item) in object where item != .null {
        try check(item, shape: valueShape, shapeName: valueName, path: "\(path).\(key)", into: &out)
      }
    case (.string, .string(let text)):
      for problem in problems(text, shape, shapeName) {
        out.append("Value\(display(value, shape)) at '\(path)' failed to satisfy constraint: \(problem)")
      }
    case (.integer, .number(let n)), (.long, .number(let n)):
      guard n.isIntegral, let int = Int(exactly: n.doubleValue) else { throw Self.serialization(path) }
      if let problem = bound(int, shape, what: "value") {
        out.append("Value '\(int)' at '\(path)' failed to satisfy constraint: \(problem)")
      }
    case (.float, .number), (.double, .number), (.boolean, .bool), (.timestamp, .number), (.blob, .string):
      return
    default:
      throw Self.serialization(path)
    }
  }

  private func problems(_ text: String, _ shape: Shape, _ shapeName: String) -> [String] {
    var out: [String] = []
    // AWS counts characters (UTF-16 code units in its Java front end) for every string limit.
    if let problem = bound(text.utf16.count, shape, what: "length") { out.append(problem) }
    if !shape.enumValues.isEmpty, !shape.enumValues.contains(text) {
      out.append("Member must satisfy enum value set: [\(shape.enumValues.joined(separator: ", "))]")
    }
    if let pattern = Self.patterns[shapeName], !PatternMatcher.matches(text, pattern: pattern) {
      out.append("Member must satisfy regular expression pattern: \(pattern)")
    }
    return out
  }

  private func bound(_ n: Int, _ shape: Shape, what: String) -> String? {
    if let min = shape.min, n < min { return "Member must have \(what) greater than or equal to \(min)" }
    if let max = shape.max, n > max { return "Member must have \(what) less than or equal to \(max)" }
    return nil
  }

  /// The value as AWS quotes it; sensitive values are left out ("Value at 'definition' failed ...").
  private func display(_ value: JSON, _ shape: Shape) -> String {
    if shape.sensitive { return "" }
    switch value {
    case .string(let s): return " '\(s)'"
    default: return " '\(JSONWriter.compact.string(value))'"
    }
  }

  /// A value of the wrong JSON type: AWS cannot deserialize the request.
  static func serialization(_ path: String) -> APIError {
    APIError("SerializationException", path.isEmpty ? "Start of structure or map found where not expected."
               : "Unexpected value type at '\(path)'", namespace: .coral)
  }
}
