import ArgumentParser
import SFNKit
import StateMachineGraph

/// What `sfn graph` writes.
enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
  case text, svg, dot, mermaid

  /// The format an output file's extension names (`.svg`, `.dot`/`.gv`, `.mmd`), if any.
  init?(fileName: String) {
    let lower = fileName.lowercased()
    if lower.hasSuffix(".svg") { self = .svg }
    else if lower.hasSuffix(".dot") || lower.hasSuffix(".gv") { self = .dot }
    else if lower.hasSuffix(".mmd") || lower.hasSuffix(".mermaid") { self = .mermaid }
    else { return nil }
  }
}

extension Verbs {
  /// `sfn graph MACHINE-OR-FILE-OR-EXECUTION`: the state machine as a picture; for an execution, the path it took.
  struct Graph: RuntimeCommand {
    static let configuration = CommandConfiguration(
      commandName: "graph",
      abstract: "Draw a state machine (a definition file, a state machine, or an execution and the path it took).",
      discussion: """
        The argument is a definition file (JSON or YAML; - reads standard input), a state machine (name, ARN, \
        NAME:VERSION, NAME:ALIAS) or an execution (ARN or MACHINE/EXECUTION). For an execution, and with \
        --history FILE (the output of `sfn run --history --output json`, or GetExecutionHistory's), the states that \
        ran, the transitions taken, the failed state and its error, durations and retries are drawn over the graph. \
        Formats: text (box drawing fitted to the terminal width; ASCII with --ascii or a non-UTF-8 locale), svg (a \
        self-contained image), dot (Graphviz) and mermaid. Without --format, an --output-file ending in .svg, .dot, \
        .gv or .mmd picks the format; otherwise text.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("A definition file, a state machine or an execution.", valueName: "machine-or-file-or-execution"),
              completion: .file())
    var target: String
    @Option(help: ArgumentHelp("text, svg, dot or mermaid.", valueName: "format"))
    var format: GraphFormat?
    @Option(name: .customLong("output-file"), help: ArgumentHelp("Write the picture to this file instead of stdout.", valueName: "file"),
            completion: .file())
    var outputFile: String?
    @Flag(help: "Draw text with ASCII characters only.")
    var ascii = false
    @Option(name: .customLong("history"), help: ArgumentHelp("Draw this execution history over the graph (a JSON file).", valueName: "file"),
            completion: .file())
    var historyFile: String?

    func run(_ runtime: Runtime) throws {
      let context = CommandContext(runtime, global: global)
      let (graph, fetched) = try load(context)
      var overlay = fetched
      if let historyFile { overlay = try Self.overlay(fromFile: historyFile, files: context.files) }
      let chosen = format ?? outputFile.flatMap(GraphFormat.init(fileName:)) ?? .text
      let toTerminal = outputFile == nil && context.terminal.stdoutIsTTY
      let unicode = !ascii && Self.utf8Locale(context.environment)
      let output: String
      switch chosen {
      case .text:
        let fitWidth = toTerminal || (outputFile == nil && context.environment["COLUMNS"] != nil) ? context.terminal.width : nil
        let diagram = Self.fitted(graph, overlay: overlay, unicode: unicode, width: fitWidth)
        output = TextRenderer(unicode: unicode, color: outputFile == nil && context.terminal.colorStdout).render(diagram)
          + Self.summary(overlay)
      case .svg:
        output = SVGRenderer().render(DiagramBuilder(style: GraphStyle(), overlay: overlay).diagram(graph))
      case .dot:
        output = DOTRenderer().render(graph, overlay: overlay)
      case .mermaid:
        output = MermaidRenderer().render(graph, overlay: overlay)
      }
      if let outputFile {
        try context.files.write(Array(output.utf8), toPath: outputFile, mode: 0o644)
      } else {
        context.terminal.out(output)
      }
    }

    /// The graph, and the execution drawn over it when the argument names one.
    private func load(_ context: CommandContext) throws -> (StateGraph, ExecutionOverlay?) {
      if Self.looksLikeFile(target) || context.files.isReadable(target) {
        let source = try context.definition(target)
        let findings = source.lint()
        if !ASLLinter.isValid(findings) {
          throw CommandError.invalidDefinition(
            name: source.name, flagHint: nil, findings: findings.map { ValidationFinding(file: source.name, diagnostic: $0) })
        }
        return (try Self.graph(source.json ?? source.text, name: source.name), nil)
      }
      let resolver = try context.connect().resolver
      let isExecution = target.contains("/") || StatesARN(target)?.kind == .execution
      if isExecution {
        let arn = try resolver.execution(target)
        let machine = try context.call(.describeStateMachineForExecution, ["executionArn": .string(arn)])
        let described = try context.call(.describeExecution, ["executionArn": .string(arn)])
        var events: [JSON] = []
        // Through the context: an Express execution's history comes from its logs.
        try HistoryReader(call: context.serviceCall, sleep: context.runtime.sleep)
          .stream(arn, follow: false, isFinished: { true }) { events.append($0); return true }
        let graph = try Self.graph(machine["definition"]?.stringValue ?? "", name: arn.arnName)
        return (graph, ExecutionOverlay(events: events, status: described["status"]?.stringValue))
      }
      var arn = try resolver.machine(target)
      if StatesARN(arn)?.kind == .alias {
        // An alias routes to one or two versions: draw the one with the larger weight.
        let alias = try context.call(.describeStateMachineAlias, ["stateMachineAliasArn": .string(arn)])
        let routes = alias["routingConfiguration"]?.arrayValue ?? []
        if let best = routes.max(by: { ($0["weight"]?.intValue ?? 0) < ($1["weight"]?.intValue ?? 0) }),
          let version = best["stateMachineVersionArn"]?.stringValue {
          arn = version
        }
      }
      let machine = try context.call(.describeStateMachine, ["stateMachineArn": .string(arn)])
      return (try Self.graph(machine["definition"]?.stringValue ?? "", name: arn.arnName), nil)
    }

    static func graph(_ text: String, name: String) throws -> StateGraph {
      do { return try StateGraph(definitionText: text) } catch {
        throw CommandError.unusableDefinition(message: "\(name): cannot draw the definition: \(error)")
      }
    }

    /// A path that can only be meant as a file (a definition's extension, or standard input).
    static func looksLikeFile(_ target: String) -> Bool {
      let lower = target.lowercased()
      return target == "-" || target.hasPrefix("file://") || [".json", ".yaml", ".yml"].contains { lower.hasSuffix($0) }
    }

    /// Reads history events from `sfn run --history --output json` (an object with `events`), GetExecutionHistory's
    /// output, a bare list of events, or JSON lines (`sfn history --output json`).
    static func overlay(fromFile path: String, files: FileSystem) throws -> ExecutionOverlay {
      let text = String(decoding: try files.read(path), as: UTF8.self)
      if let whole = try? JSONParser.parse(text) {
        if let events = whole["events"]?.arrayValue { return ExecutionOverlay(events: events, status: whole["status"]?.stringValue) }
        if let events = whole.arrayValue { return ExecutionOverlay(events: events) }
      }
      var events: [JSON] = []
      for (n, line) in text.split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
        guard let event = try? JSONParser.parse(String(line)), event["type"] != nil else {
          throw CommandError.notAHistory(path: path, line: n + 1)
        }
        events.append(event)
      }
      if events.isEmpty { throw CommandError.notAHistory(path: path, line: nil) }
      return ExecutionOverlay(events: events)
    }

    /// The layout with box text cut shorter and shorter until it fits `width` columns (if given).
    static func fitted(_ graph: StateGraph, overlay: ExecutionOverlay?, unicode: Bool, width: Int?) -> Diagram {
      var diagram = DiagramBuilder(style: GraphStyle(unicode: unicode), overlay: overlay).diagram(graph)
      guard let width else { return diagram }
      for limit in [24, 18, 14, 10, 7] where diagram.width > width {
        diagram = DiagramBuilder(style: GraphStyle(unicode: unicode, maxText: limit), overlay: overlay).diagram(graph)
      }
      return diagram
    }

    /// The execution's status and error under the picture.
    static func summary(_ overlay: ExecutionOverlay?) -> String {
      guard let overlay, let status = overlay.status else { return "" }
      let detail = [overlay.error, overlay.cause].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
      return "\nexecution \(status)" + (detail.isEmpty ? "" : ": " + detail) + "\n"
    }

    /// True when the locale's character set is UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them).
    static func utf8Locale(_ environment: Environment) -> Bool {
      let value = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
      let lower = value.lowercased()
      return lower.contains("utf-8") || lower.contains("utf8")
    }
  }
}
