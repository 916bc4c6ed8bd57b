import ArgumentParser
import Foundation
import SFNKit
import StateMachineTesting

/// `sfn test [FILE|DIR...]`: run test cases of state machines in the embedded engine.
struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run state machine test cases (input, mocks, expectations) offline in the embedded engine.",
    discussion: """
      Runs every case of each test file (a directory is searched for *.test.yaml, *.test.yml and *.test.json; \
      the default is the current directory) on a virtual clock with seeded randomness, in parallel, and prints \
      one line per case; a failure is followed by the differences and the path the execution took. Exits 0 when \
      all cases pass, 1 when any fails (or coverage is below --min-coverage), 65 for a malformed test file \
      (FILE:LINE:COL). The format is described in docs/TESTING.md.
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

  func validate() throws {
    if let minCoverage, !(0...100).contains(minCoverage) {
      throw ValidationError("--min-coverage must be between 0 and 100")
    }
  }

  func run() throws {
    let context = CommandContext(global: global)
    let files = try TestSession.files(in: paths.isEmpty ? ["."] : paths)
    if files.isEmpty { throw SFNError(.inputFile, "no test files (*.test.yaml, *.test.yml, *.test.json) found") }
    let reader = TestFileReader()
    let suites = try files.map { try reader.read($0) }
    let report = TestReport(suites: TestSession().run(suites))
    let showCoverage = coverage || minCoverage != nil
    if let junit {
      do {
        try report.junit(timestamp: Date()).write(toFile: junit, atomically: true, encoding: .utf8)
      } catch {
        throw SFNError(.inputFile, "cannot write the JUnit report \(junit): \(error.localizedDescription)")
      }
    }
    if global.output == .json {
      try context.printer().print(report.json(includeCoverage: showCoverage))
    } else {
      context.terminal.out(report.text())
      if showCoverage { context.terminal.out("\n" + report.coverageTable()) }
    }
    if let minCoverage, report.coveragePercent < minCoverage {
      context.terminal.err(String(format: "coverage %.1f%% is below --min-coverage %g", report.coveragePercent,
                                  minCoverage))
      throw ExitCode(ExitStatus.failed.rawValue)
    }
    if !report.passed { throw ExitCode(ExitStatus.failed.rawValue) }
  }
}
