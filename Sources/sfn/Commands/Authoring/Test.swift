import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit
import StateMachineEngine
import StateMachineTesting

/// `sfn test [FILE|DIR...]`: run test cases of state machines in the embedded engine.
struct Test: RuntimeCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run state machine test cases (input, mocks, expectations) in the embedded engine or through TestState.",
    discussion: """
      Runs every case of each test file (a directory is searched for *.test.yaml, *.test.yml and *.test.json; \
      the default is the current directory) on a virtual clock with seeded randomness, in parallel, and prints \
      one line per case; a failure is followed by the differences and the path the execution took. Exits 0 when \
      all cases pass, 1 when any fails (or coverage is below --min-coverage), 65 for a malformed test file \
      (FILE:LINE:COL). The format is described in docs/TESTING.md.
      --remote runs the same cases state by state through the TestState API (AWS, or sfn local with \
      --endpoint-url), one case at a time: each state with the case's mock for it, Map and Parallel states mocked \
      as a whole; a case whose expectations cannot be checked that way is reported UNCHECKED.
      --init DEFINITION writes DEFINITION's directory/NAME.test.yaml: one case per path to a terminal state, \
      every Task mocked, expectations left for the author. --init MACHINE (a deployed state machine's name or \
      ARN) writes MACHINE.asl.json and MACHINE.test.yaml in the current directory.
      """)

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("Test files or directories.", valueName: "file-or-dir"))
  var paths: [String] = []

  @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "file"))
  var junit: String?

  @Flag(help: "Print which states, Choice rules, Catch and Retry paths the cases exercised.")
  var coverage = false

  @Option(help: ArgumentHelp("Fail when coverage is below this percentage (implies --coverage).", valueName: "n"))
  var minCoverage: Double?

  @Flag(help: "Run each state through the TestState API (AWS, or the --endpoint-url) instead of the embedded engine.")
  var remote = false

  @Option(help: ArgumentHelp("The role TestState runs unmocked states as (with --remote).", valueName: "arn"))
  var roleArn: String?

  @Option(name: .customLong("init"),
          help: ArgumentHelp("Write a starting test file for this definition file or deployed state machine, and exit.",
                             valueName: "file-or-machine"))
  var initFrom: String?

  func validate() throws {
    if initFrom != nil && !paths.isEmpty { throw ValidationError("--init takes no test files") }
    if roleArn != nil && !remote { throw ValidationError("--role-arn is for --remote") }
    if let minCoverage, !(0...100).contains(minCoverage) {
      throw ValidationError("--min-coverage must be between 0 and 100")
    }
  }

  func run(_ runtime: Runtime) throws {
    let context = CommandContext(runtime, global: global)
    if let initFrom { return try writeTemplate(for: initFrom, context) }
    let files = try TestSession.files(in: paths.isEmpty ? ["."] : paths)
    if files.isEmpty { throw CommandError.noTestFiles }
    let reader = TestFileReader(readFile: context.files.readText)
    let suites = try files.map { try reader.read($0) }
    var session = TestSession()
    if remote {
      let client = try context.client()
      session = TestSession(remote: RemoteCaseRunner(call: { try client.call($0, $1) }, roleArn: roleArn))
    }
    let report = TestReport(suites: try session.run(suites))
    let showCoverage = coverage || minCoverage != nil
    if let junit {
      try write(report.junit(timestamp: runtime.clock.now()), to: junit, what: "the JUnit report", context)
    }
    if global.output == .json {
      try context.printer().print(report.json(includeCoverage: showCoverage))
    } else {
      context.terminal.out(report.text())
      if showCoverage { context.terminal.out("\n" + report.coverageTable()) }
    }
    if let minCoverage, report.coveragePercent < minCoverage {
      context.terminal.err(CFormat.string("coverage %.1f%% is below --min-coverage %g", report.coveragePercent,
                                  minCoverage))
      throw ExitCode(ExitStatus.failed.rawValue)
    }
    if !report.passed { throw ExitCode(ExitStatus.failed.rawValue) }
  }

  /// `--init`: NAME.test.yaml next to the definition, never over an existing file. A reference that is not a
  /// file names a deployed state machine: its definition is written to NAME.asl.json first.
  private func writeTemplate(for reference: String, _ context: CommandContext) throws {
    var definitionPath = reference
    let text: String
    if context.files.exists(atPath: reference) {
      text = try context.files.readText(reference)
    } else {
      let arn = try context.connect().resolver.machine(reference)
      let described = try context.call(.describeStateMachine, ["stateMachineArn": .string(arn)])
      text = described["definition"]?.stringValue ?? ""
      let name = described["name"]?.stringValue ?? TestFileReader.machineName(testFile: reference)
      definitionPath = "\(name).asl.json"
      guard !context.files.exists(atPath: definitionPath) else {
        throw CommandError.fileExists(path: definitionPath, advice: "remove it or pass it to --init")
      }
      try write(text, to: definitionPath, context)
      context.terminal.err("wrote \(definitionPath)")
    }
    let definition: StateMachineDefinition
    do {
      definition = try StateMachineDefinition(text: try TestFileReader.definitionJSON(text, file: definitionPath))
    } catch let e as TestFileError {
      throw e
    } catch {
      throw CommandError.unusableDefinition(
        message: "\(definitionPath): the definition cannot run: \(error) (sfn validate tells more)")
    }
    let name = PathText.lastComponent(definitionPath)
    let base = TestFileReader.machineName(testFile: name.replacing(".asl.", with: "."))
    let output = PathText.appending(PathText.deletingLastComponent(definitionPath), "\(base).test.yaml")
    guard !context.files.exists(atPath: output) else {
      throw CommandError.fileExists(path: output, advice: "remove it or edit it")
    }
    try write(TestFileTemplate(definitionPath: name, definition: definition).yaml(), to: output, context)
    context.terminal.err("wrote \(output)")
  }

  /// Writes `text` to `path` (replacing it whole) through the runtime's file system.
  private func write(_ text: String, to path: String, what: String? = nil, _ context: CommandContext) throws {
    do { try context.files.write(Array(text.utf8), toPath: path, mode: 0o644) } catch let e as FileSystemError {
      throw CommandError.unwritable(what: what, path: path, reason: e.reason.lowercased())
    }
  }
}
