import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit
import StateMachineEngine

extension Verbs {
  /// `sfn run DEFINITION`: run a definition to its end in the embedded engine, with no server and no account.
  struct Run: RuntimeCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Run a state machine definition (JSON or YAML) to its end on this machine, without AWS.",
      discussion: """
        Prints the finished execution as `describe` does (--history adds the GetExecutionHistory events) and exits \
        with its status: 0 SUCCEEDED, 1 FAILED, 2 TIMED_OUT, 3 ABORTED, 124 when --timeout passes first. Tasks are \
        answered by --mock-config (Step Functions Local format) and --task STATE=COMMAND (the task's input on \
        stdin, its JSON result on stdout); --s3-root answers S3 reads and writes from a local directory. Wait \
        states and retry intervals take their real time unless --wait-scale shortens them (0.01: a 100 s Wait lasts \
        1 s; 0: no waiting). states:startExecution tasks run child executions of the machines given with \
        --state-machine NAME=FILE (and of this one) in the same run; --history adds them as `childExecutions`.
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rawOption: RawOption
    @Argument(help: ArgumentHelp("The definition file (JSON or YAML); - reads standard input.", valueName: "definition"))
    var definition: String
    @Option(help: ArgumentHelp("The execution input: JSON, @FILE, file://FILE or - (default {}).", valueName: "json"))
    var input: String?
    @Option(help: ArgumentHelp("The state machine's name (default: the file's base name).", valueName: "name"))
    var name: String?
    @Option(name: .customLong("mock-config"), help: ArgumentHelp("A Step Functions Local mock configuration.",
                                                                 valueName: "file"))
    var mockConfig: String?
    @Option(name: .customLong("test-case"), help: ArgumentHelp("The mock configuration's test case.",
                                                               valueName: "case"))
    var testCase: String?
    @Option(name: .customLong("task"), help: ArgumentHelp("Answer Task state STATE with a command (repeatable).",
                                                           valueName: "state=command"))
    var tasks: [String] = []
    @Option(name: .customLong("s3-root"),
            help: ArgumentHelp("Answer S3 getObject, listObjectsV2 and putObject (ItemReader, ResultWriter, S3 tasks) "
                                 + "from local files: bucket B, key K is DIR/B/K.", valueName: "dir"))
    var s3Root: String?
    @Option(name: .customLong("state-machine"),
            help: ArgumentHelp("A machine states:startExecution tasks may start, by name (repeatable).",
                               valueName: "name=file"))
    var stateMachines: [String] = []
    @Flag(help: "Add the history events (`events`) to the output.")
    var history = false
    @Option(name: .customLong("wait-scale"), help: ArgumentHelp("Multiply Wait and retry delays by this factor.",
                                                                valueName: "x"))
    var waitScale: Double?
    @Option(help: ArgumentHelp("Give up after this long (90, 90s, 10m, 1h30m) and exit 124.", valueName: "duration"))
    var timeout: String?

    func validate() throws {
      if testCase != nil, mockConfig == nil { throw ValidationError("--test-case needs --mock-config") }
      if let waitScale, !(waitScale >= 0) { throw ValidationError("--wait-scale must be 0 or more") }
    }

    func run(_ runtime: Runtime) throws {
      let context = CommandContext(runtime, global: global)
      let timeoutSeconds = try timeout.map { try DurationParser.seconds($0) }
      let (source, model) = try Self.loadDefinition(definition, context: context)
      let inputText = try context.jsonInput.read(input ?? "{}", option: "--input")
      let inputValue: JSON
      do { inputValue = try JSONParser.parse(inputText) } catch {
        throw CommandError.notJSON(option: "--input", detail: "\(error)")
      }
      let machineName = name ?? Self.baseName(source.name)
      var catalogue = StateMachineCatalogue()
      catalogue.add(name: machineName, definition: model)
      for option in stateMachines {
        let (childName, file) = try Self.splitMachineOption(option)
        catalogue.add(name: childName, definition: try Self.loadDefinition(file, context: context).model)
      }
      let sources = try taskSources(rootName: machineName, context: context)
      let clock = ScaledClock(scale: waitScale ?? 1)
      let group = ExecutionGroup(clock: clock, catalogue: catalogue, recordHistory: history, sources: sources)
      let info = ExecutionInfo(name: UUID().uuidString.lowercased(), stateMachineName: machineName, input: inputValue,
                               startTime: clock.now, region: context.environment["AWS_REGION"] ?? "us-east-1")
      let execution = try group.addRoot(definition: model, info: info)
      let stop = group.run(wallDeadline: timeoutSeconds.map { Date() + $0 })
      try print(RunReport(execution: execution), children: group.executions.dropFirst().map(RunReport.init),
                context: context)
      switch stop {
      case .deadline:
        throw OutcomeError.timedOut(what: "the execution is", seconds: timeoutSeconds ?? 0)
      case .waitingForTasks:
        throw CommandError.waitsForOutsideTask(tokens: group.outsideTaskTokens)
      case .finished:
        let state = execution.state
        try OutcomeError.ifUnsuccessful(status: state.status.rawValue, error: state.error?.error, cause: state.error?.cause,
                                        name: info.name)
      }
    }

    /// A definition file checked by the linter (its located findings and 65 when invalid) and read by the engine.
    private static func loadDefinition(_ path: String, context: CommandContext) throws
      -> (source: DefinitionSource, model: StateMachineDefinition) {
      let source = try context.definition(path)
      let findings = source.lint()
      if !ASLLinter.isValid(findings) {
        throw CommandError.invalidDefinition(
          name: source.name, flagHint: nil, findings: findings.map { ValidationFinding(file: source.name, diagnostic: $0) })
      }
      do { return (source, try StateMachineDefinition(text: source.json ?? source.text)) } catch {
        throw CommandError.unusableDefinition(message: "\(source.name): \(error)")
      }
    }

    /// `NAME=FILE` of `--state-machine`, split at the first `=`.
    static func splitMachineOption(_ value: String) throws -> (name: String, file: String) {
      guard let equals = value.firstIndex(of: "="), equals != value.startIndex,
            value.index(after: equals) != value.endIndex else {
        throw CommandError.badMachineOption(value: value)
      }
      return (String(value[..<equals]), String(value[value.index(after: equals)...]))
    }

    /// The task sources of an execution of machine NAME: its mock test case first, then the `--task` commands.
    /// The run's own machine takes the test case as `--name` selects it; a child machine only when the mock
    /// configuration names it (with `--test-case` if it has that case, else its only one).
    private func taskSources(rootName: String, context: CommandContext) throws -> (String) throws -> [TaskSource] {
      var mocks: MockConfiguration?
      var rootCase: MockTestCase?
      if let mockConfig {
        let text = String(decoding: try context.files.read(mockConfig), as: UTF8.self)
        mocks = try MockConfiguration.parse(text, file: mockConfig)
        rootCase = try mocks?.testCase(stateMachine: rootName, testCase: testCase)
      }
      let commands = tasks.isEmpty ? nil : try CommandTaskSource(
        options: try tasks.map { try TaskCommandOption(parsing: $0) }, environment: context.environment.variables,
        timeScale: waitScale ?? 1, stderr: context.runtime.stderr.write(bytes:))
      return { name in
        var sources: [TaskSource] = []
        let mockCase = name == rootName ? rootCase : mocks?.childTestCase(stateMachine: name, parentCase: rootCase?.name)
        if let mockCase { sources.append(MockTaskSource(testCase: mockCase)) }
        if let commands { sources.append(commands) }
        if let s3Root { sources.append(LocalS3TaskSource(root: s3Root)) }
        return sources
      }
    }

    /// The execution as `describe` prints one, with `events` shaped as GetExecutionHistory's for --history.
    private func print(_ report: RunReport, children: [RunReport], context: CommandContext) throws {
      let format = global.output ?? (context.terminal.stdoutIsTTY ? .table : .json)
      let printer = VerbPrinter(printer: OutputPrinter(terminal: context.terminal, format: format,
                                                       query: try context.query()), raw: rawOption.raw)
      var described = printer.prepare(report.describeExecution, shape: .describeExecutionOutput)
      if history, var object = described.objectValue {
        object["events"] = printer.prepare(report.history, shape: .getExecutionHistoryOutput)["events"]
        // AWS lists children as executions of their own machines; an offline run has nowhere else to show them.
        if !children.isEmpty {
          object["childExecutions"] = .array(children.map { child in
            var described = printer.prepare(child.describeExecution, shape: .describeExecutionOutput).objectValue
              ?? JSONObject()
            described["events"] = printer.prepare(child.history, shape: .getExecutionHistoryOutput)["events"]
            return .object(described)
          })
        }
        described = .object(object)
      }
      try printer.printObject(described)
    }

    /// `hello` for `path/hello.asl.json`.
    static func baseName(_ path: String) -> String {
      guard path != "-" else { return "stdin" }
      var name = String(path.split(separator: "/").last ?? Substring(path))
      for suffix in [".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"] where name.hasSuffix(suffix) {
        name = String(name.dropLast(suffix.count))
        break
      }
      return name
    }
  }
}

/// A finished (or stopped) local execution as DescribeExecution returns one, with its events for `--history`.
struct RunReport {
  let execution: Execution

  /// The DescribeExecution response shape (timestamps as epoch seconds, input and output as JSON text).
  var describeExecution: JSON {
    let info = execution.info
    let state = execution.state
    var o = JSONObject()
    o["executionArn"] = .string(info.executionArn)
    o["stateMachineArn"] = .string(info.stateMachineArn)
    o["name"] = .string(info.name)
    o["status"] = .string(state.status.rawValue)
    o["startDate"] = .float(info.startTime.timeIntervalSince1970)
    if let stop = state.stopTime { o["stopDate"] = .float(stop.timeIntervalSince1970) }
    o["input"] = .string(JSONWriter.compact.string(info.input))
    o["inputDetails"] = ["included": true]
    if let output = state.output {
      o["output"] = .string(JSONWriter.compact.string(output))
      o["outputDetails"] = ["included": true]
    }
    if let error = state.error {
      o["error"] = .string(error.error)
      if let cause = error.cause { o["cause"] = .string(cause) }
    }
    o["redriveCount"] = .integer(info.redriveCount)
    o["redriveStatus"] = "NOT_REDRIVABLE"
    return .object(o)
  }

  /// The GetExecutionHistory response shape.
  var history: JSON { ["events": .array(execution.events.map(\.json))] }
}
