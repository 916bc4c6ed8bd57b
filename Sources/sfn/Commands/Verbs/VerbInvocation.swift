import ArgumentParser
import SFNKit

/// A verb whose parsed line is plain data, which the direct parser builds too (`DirectVerbParser`).
protocol VerbCommand: RuntimeCommand {
  /// argument-parser's reading of the line, as data.
  var invocation: VerbInvocation { get }
}

extension VerbCommand {
  /// Runs the parsed line.
  func run(_ runtime: Runtime) throws { try invocation.run(runtime) }
}

/// One verb command line as parsed, by argument-parser or the direct parser: tests compare the two.
enum VerbInvocation: Equatable {
  case describe(Verbs.Describe.Line)
  case output(Verbs.Output.Line)
  case start(Verbs.Start.Line)
  case wait(Verbs.Wait.Line)
  case history(Verbs.History.Line)
  case executions(Verbs.Executions.Line)

  /// Runs the verb.
  func run(_ runtime: Runtime) throws {
    switch self {
    case .describe(let line): try line.run(runtime)
    case .output(let line): try line.run(runtime)
    case .start(let line): try line.run(runtime)
    case .wait(let line): try line.run(runtime)
    case .history(let line): try line.run(runtime)
    case .executions(let line): try line.run(runtime)
    }
  }
}
