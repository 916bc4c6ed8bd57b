import SFNJSON
import SFNKit

/// SFNKit's linter findings in AWS's terms: ValidateStateMachineDefinition's diagnostics (code, JSON-pointer
/// location) and the InvalidDefinition error that CreateStateMachine and UpdateStateMachine answer.
struct DefinitionCheck {
  /// One finding as AWS reports it.
  struct Diagnostic: Equatable {
    let severity: String
    let code: String
    let message: String
    let location: String
  }

  let diagnostics: [Diagnostic]

  /// Lints `definition`, keeping the errors and the warnings AWS itself gives (sfn's own advice is left out).
  init(_ definition: String) {
    diagnostics = ASLLinter.lint(definition).compactMap(Self.aws)
  }

  /// True when nothing is an error.
  var isValid: Bool { !diagnostics.contains { $0.severity == "ERROR" } }

  /// The InvalidDefinition error for the errors, worded as AWS words it.
  var invalidDefinition: APIError {
    let errors = diagnostics.filter { $0.severity == "ERROR" }
      .map { "\($0.code): \($0.message) at \($0.location)" }
    return APIError("InvalidDefinition", "Invalid State Machine Definition: '\(errors.joined(separator: ", "))'")
  }

  /// ValidateStateMachineDefinition's output, with at most `maxResults` diagnostics (AWS's default 100).
  func response(severity: String, maxResults: Int) -> JSON {
    // "ERROR" asks for errors only; "WARNING" (the default) for both.
    let shown = diagnostics.filter { severity == "WARNING" || $0.severity == "ERROR" }
    let limit = maxResults == 0 ? 100 : maxResults
    let items: [JSON] = shown.prefix(limit).map {
      .object(JSONObject([
        ("severity", .string($0.severity)), ("code", .string($0.code)), ("message", .string($0.message)),
        ("location", .string($0.location)),
      ]))
    }
    return .object(JSONObject([
      ("result", .string(isValid ? "OK" : "FAIL")), ("diagnostics", .array(items)),
      ("truncated", .bool(shown.count > limit)),
    ]))
  }

  /// The linter's warnings that AWS also reports, by code; the others are sfn's advice, not the service's.
  private static let awsWarnings: [String: String] = ["path-without-dollar-key": "NO_DOLLAR"]

  /// The AWS error code for a linter error code (SCHEMA_VALIDATION_FAILED where AWS has nothing narrower).
  private static let awsErrors: [String: String] = [
    "json-syntax": "INVALID_JSON_DESCRIPTION",
    "duplicate-key": "INVALID_JSON_DESCRIPTION",
    "missing-transition": "MISSING_TRANSITION_TARGET",
    "unknown-state": "MISSING_TRANSITION_TARGET",
    "no-terminal-state": "MISSING_END_STATE",
    "duplicate-state-name": "DUPLICATE_STATE_NAME",
    "invalid-resource": "INVALID_RESOURCE",
    "resource-not-arn": "INVALID_RESOURCE",
    "state-name-too-long": "INVALID_STATE_NAME",
    "state-name-empty": "INVALID_STATE_NAME",
    "label-too-long": "INVALID_LABEL_NAME",
  ]

  private static func aws(_ d: ASLDiagnostic) -> Diagnostic? {
    let code: String
    if d.severity == .warning {
      guard let mapped = awsWarnings[d.code ?? ""] else { return nil }
      code = mapped
    } else {
      code = awsErrors[d.code ?? ""] ?? "SCHEMA_VALIDATION_FAILED"
    }
    return Diagnostic(severity: d.severity == .error ? "ERROR" : "WARNING", code: code, message: d.message,
                      location: pointer(d.path))
  }

  /// A linter path (`$.States.A['b c'][0]`) as the JSON pointer AWS reports (`/States/A/b c/0`).
  static func pointer(_ path: String) -> String {
    var out = ""
    var i = path.startIndex
    if i < path.endIndex, path[i] == "$" { i = path.index(after: i) }
    while i < path.endIndex {
      if path[i] == "." {
        i = path.index(after: i)
        let end = path[i...].firstIndex { $0 == "." || $0 == "[" } ?? path.endIndex
        out += "/" + escape(String(path[i..<end]))
        i = end
      } else if path[i] == "[" {
        i = path.index(after: i)
        var key = ""
        if i < path.endIndex, path[i] == "'" {
          i = path.index(after: i)
          while i < path.endIndex, path[i] != "'" {
            if path[i] == "\\" { i = path.index(after: i) }
            if i < path.endIndex { key.append(path[i]) }
            i = path.index(after: i)
          }
          i = path.index(i, offsetBy: 2, limitedBy: path.endIndex) ?? path.endIndex
        } else {
          let end = path[i...].firstIndex(of: "]") ?? path.endIndex
          key = String(path[i..<end])
          i = end < path.endIndex ? path.index(after: end) : end
        }
        out += "/" + escape(key)
      } else {
        i = path.index(after: i)
      }
    }
    return out.isEmpty ? "/" : out
  }

  private static func escape(_ key: String) -> String {
    key.replacing("~", with: "~0").replacing("/", with: "~1")
  }
}
