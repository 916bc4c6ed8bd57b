/// Offline linter for Amazon States Language definitions (JSON text; convert YAML to JSON before calling).
public enum ASLLinter {
  /// The largest definition the service accepts, in UTF-8 bytes.
  public static let maxDefinitionBytes = 1_048_576

  /// All findings for a definition, sorted by position (errors before warnings at the same spot); with `type`
  /// EXPRESS, also what an Express state machine does not support.
  public static func lint(_ text: String, type: StateMachineType? = nil) -> [ASLDiagnostic] {
    let checker = ASLChecker(source: text)
    let size = text.utf8.count
    if size > maxDefinitionBytes {
      checker.add(.error, "The definition is \(size) bytes; the maximum is \(maxDefinitionBytes) bytes (1 MiB)",
                  line: 1, column: 1, path: "$", code: "definition-too-large")
    }
    do {
      let document = try ASLReader.read(text)
      for d in document.duplicateKeys {
        checker.error("Duplicate key '\(d.key)' (first defined at line \(d.first.line), column \(d.first.column))",
                      key: d.duplicate, code: "duplicate-key")
      }
      checker.checkMachine(document.root)
      if document.root.isObject { checker.checkVariableFlow(document.root) }
      if type == .express { checker.checkExpress(document.root) }
    } catch let e as ASLSyntaxError {
      checker.add(.error, "Invalid JSON: \(e.message)", line: e.line, column: e.column, path: "$", code: "json-syntax")
    } catch {
      checker.add(.error, "Invalid JSON: \(error)", line: 1, column: 1, path: "$", code: "json-syntax")
    }
    return checker.diagnostics.sorted(by: ASLDiagnostic.byPosition)
  }

  /// True when none of the diagnostics is an error.
  public static func isValid(_ diagnostics: [ASLDiagnostic]) -> Bool {
    !diagnostics.contains { $0.severity == .error }
  }
}
