import ArgumentParser
import SFNKit

/// `sfn validate FILE...`: lint definitions offline, optionally merging the service's findings.
struct Validate: RuntimeCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check state machine definitions (JSON or YAML) offline, with file:line:column locations.",
    discussion: """
      Prints one line per problem: FILE:LINE:COL: error|warning: message (JSON path). Exits 65 when any \
      definition has an error, 0 when there are only warnings. YAML is recognised by a .yaml/.yml extension or \
      by content; positions then point into the YAML. `-` reads standard input.
      --output json prints a list of {file, line, column, severity, code, message, path, source} objects \
      (source is local or service).
      """)

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("Definition files; - reads standard input.", valueName: "file"))
  var files: [String] = []

  @Flag(help: "Also ask the service (ValidateStateMachineDefinition) and merge its findings.")
  var remote = false

  @Option(help: ArgumentHelp("STANDARD or EXPRESS: EXPRESS also reports what Express machines do not support "
                             + "(activities, .sync, .waitForTaskToken: errors; waits over 5 minutes: warnings); "
                             + "passed to --remote.", valueName: "type"))
  var type: StateMachineType?

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one definition file, or - for standard input") }
    if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
  }

  func run(_ runtime: Runtime) throws {
    let context = CommandContext(runtime, global: global)
    let sources = try files.map { try context.definition($0) }
    let local = sources.map { source in
      source.lint(type: type).map { ValidationFinding(file: source.name, diagnostic: $0) }
    }
    var report = ValidationReport()
    do {
      if remote {
        let client = try context.client()
        let service = ServiceValidation(call: { try client.call($0, $1) })
        for (source, findings) in zip(sources, local) {
          let remote = try service.findings(for: source, type: type?.rawValue)
          report.add(file: source.name, findings: ServiceValidation.merge(local: findings, service: remote))
        }
      }
    } catch {
      // Show what the linter found before the one-line error about the service.
      try render(Self.report(sources, local), context)
      throw error
    }
    if !remote { report = Self.report(sources, local) }
    try render(report, context)
    if report.hasErrors { throw CommandError.validationFailed(summary: report.summary, findings: report.findings) }
  }

  static func report(_ sources: [DefinitionSource], _ findings: [[ValidationFinding]]) -> ValidationReport {
    var report = ValidationReport()
    for (source, f) in zip(sources, findings) { report.add(file: source.name, findings: f) }
    return report
  }

  /// Compiler-style lines (coloured on a terminal), or the JSON list with `--output json`.
  func render(_ report: ValidationReport, _ context: CommandContext) throws {
    let terminal = context.terminal
    if global.output == .json {
      try context.printer().print(report.json)
      return
    }
    for finding in report.findings {
      var line = finding.line
      if terminal.colorStdout {
        let word = finding.diagnostic.severity.rawValue
        let style: Style = finding.diagnostic.severity == .error ? .red : .yellow
        line = line.replacing(": \(word): ", with: ": \(style.apply(word, enabled: true)): ", maxReplacements: 1)
      }
      terminal.out(line + "\n")
    }
    if terminal.stderrIsTTY {
      let files = report.files.count == 1 ? "1 file" : "\(report.files.count) files"
      terminal.err(report.findings.isEmpty ? "no problems in \(files)" : report.summary)
    }
  }
}
