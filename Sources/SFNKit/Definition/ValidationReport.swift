/// One finding about one definition file, from the local linter or from the service.
public struct ValidationFinding: Sendable, Equatable {
  /// Who found it.
  public enum Source: String, Sendable, Equatable {
    /// sfn's offline ASL linter.
    case local
    /// The service's ValidateStateMachineDefinition (`--remote`).
    case service
  }

  /// The file as named on the command line (`-` for standard input).
  public var file: String
  /// Position, severity, message, JSON path and rule code.
  public var diagnostic: ASLDiagnostic
  /// Who found it.
  public var source: Source

  /// A finding.
  public init(file: String, diagnostic: ASLDiagnostic, source: Source = .local) {
    self.file = file
    self.diagnostic = diagnostic
    self.source = source
  }

  /// `FILE:LINE:COL: error|warning: message (JSON path)`, the compiler-style line editors understand.
  public var line: String {
    let d = diagnostic
    return "\(file):\(d.line):\(d.column): \(d.severity.rawValue): \(d.message) (\(d.path))"
  }

  /// The documented JSON shape of `sfn validate --output json`: one object per finding with the keys
  /// file, line, column, severity (`error`|`warning`), code (a rule id, or the service's code; may be null),
  /// message, path (JSON path) and source (`local`|`service`), in that order.
  public var json: JSON {
    let d = diagnostic
    return .object(JSONObject([
      ("file", .string(file)), ("line", .integer(d.line)), ("column", .integer(d.column)),
      ("severity", .string(d.severity.rawValue)), ("code", d.code.map(JSON.string) ?? .null),
      ("message", .string(d.message)), ("path", .string(d.path)), ("source", .string(source.rawValue)),
    ]))
  }
}

/// The findings for a set of files, in file order and by position within each file.
public struct ValidationReport: Sendable {
  public private(set) var findings: [ValidationFinding] = []
  /// Files checked, in order.
  public private(set) var files: [String] = []

  /// An empty report.
  public init() {}

  /// Adds a file's findings (already merged and sorted).
  public mutating func add(file: String, findings: [ValidationFinding]) {
    files.append(file)
    self.findings += findings
  }

  /// True when any finding is an error.
  public var hasErrors: Bool { findings.contains { $0.diagnostic.severity == .error } }

  /// Count of findings of one severity.
  public func count(_ severity: ASLDiagnostic.Severity) -> Int {
    findings.filter { $0.diagnostic.severity == severity }.count
  }

  /// Every finding in the documented JSON shape (an array, empty when all files are clean).
  public var json: JSON { .array(findings.map(\.json)) }

  /// `2 errors, 1 warning in 3 files`.
  public var summary: String {
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    return "\(plural(count(.error), "error")), \(plural(count(.warning), "warning")) in \(plural(files.count, "file"))"
  }
}
