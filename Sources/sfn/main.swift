import ArgumentParser
import SFNKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs sfn: global options may come before the command name, errors become one line and an exit code.
func runMain(_ arguments: [String]) -> Int32 {
  // `sfn --version` answers before argument-parser reflects over every command (~2 ms of start-up, bench/RESULTS.md).
  if arguments == ["--version"] {
    print(SFNVersion.description)
    return 0
  }
  let args = ArgumentOrder.skeletonDefault(ArgumentOrder.globalsAfterCommand(arguments))
  do {
    // The common API-command lines skip argument-parser's reflection (most of a call's start-up).
    if let invocation = DirectAPIParser.parse(args) {
      try invocation.run()
      return 0
    }
    var command = try SFN.parseAsRoot(args)
    try command.run()
    return 0
  } catch let exit as ExitCode {
    return exit.rawValue
  } catch where ErrorReport.recognises(error) {
    return errorWriter(arguments).report(error)
  } catch {
    let code = SFN.exitCode(for: error)
    // Not argument-parser's own: report it ourselves, since its default code (1) means "the execution FAILED".
    if code == .failure { return errorWriter(arguments).report(error) }
    // --help and --version: argument-parser prints them.
    if code == .success {
      SFN.exit(withError: error)
    }
    // Parse errors: argument-parser's message and code (64 for usage).
    let status = code == .validationFailure ? ExitStatus.usage : ExitStatus(rawValue: code.rawValue) ?? .usage
    let writer = errorWriter(arguments)
    if writer.format == .text {
      fputs(SFN.fullMessage(for: error) + "\n", stderr)
      return status.rawValue
    }
    return writer.report(ErrorReport.usage(SFN.message(for: error), status: status))
  }
}

/// The error writer in the format the command line, environment or profile asks for.
private func errorWriter(_ arguments: [String]) -> ErrorWriter {
  ErrorWriter(format: ErrorFormat.resolve(arguments: arguments, environment: .process()))
}

Interrupt.install()
exit(runMain(Array(CommandLine.arguments.dropFirst())))
