import ArgumentParser
import SFNKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs sfn in `runtime`: global options may come before the command name, errors become one line and an exit
/// code. Everything it prints goes through the runtime's writers, so tests run it in-process.
func runMain(_ arguments: [String], runtime: Runtime) -> Int32 {
  // `sfn --version` answers before argument-parser reflects over every command (~2 ms of start-up, bench/RESULTS.md).
  if arguments == ["--version"] {
    runtime.stdout.write(SFNVersion.description + "\n")
    return 0
  }
  let args = ArgumentOrder.skeletonDefault(ArgumentOrder.globalsAfterCommand(arguments))
  do {
    // The common API-command and verb lines skip argument-parser's reflection (most of a call's start-up).
    if let invocation = DirectAPIParser.parse(args) {
      try invocation.run(runtime)
      return 0
    }
    if let invocation = DirectVerbParser.parse(args) {
      try invocation.run(runtime)
      return 0
    }
    var command = try SFN.parseAsRoot(args)
    if let command = command as? RuntimeCommand {
      try command.run(runtime)
    } else {
      try command.run()
    }
    return 0
  } catch let exit as ExitCode {
    return exit.rawValue
  } catch where ErrorReport.recognises(error) {
    return errorWriter(arguments, runtime).report(error)
  } catch {
    let code = SFN.exitCode(for: error)
    // Not argument-parser's own: report it ourselves, since its default code (1) means "the execution FAILED".
    if code == .failure { return errorWriter(arguments, runtime).report(error) }
    // --help and --version: argument-parser's text on stdout (as its `exit(withError:)` prints it).
    if code == .success {
      let text = SFN.fullMessage(for: error)
      if !text.isEmpty { runtime.stdout.write(text + "\n") }
      return 0
    }
    // Parse errors: argument-parser's message and code (64 for usage).
    let status = code == .validationFailure ? ExitStatus.usage : ExitStatus(rawValue: code.rawValue) ?? .usage
    let writer = errorWriter(arguments, runtime)
    if writer.format == .text {
      runtime.stderr.write(SFN.fullMessage(for: error) + "\n")
      return status.rawValue
    }
    return writer.report(ErrorReport.usage(SFN.message(for: error), status: status))
  }
}

/// The error writer on the runtime's stderr, in the format the command line, environment or profile asks for.
private func errorWriter(_ arguments: [String], _ runtime: Runtime) -> ErrorWriter {
  ErrorWriter(format: ErrorFormat.resolve(arguments: arguments, environment: runtime.environment, files: runtime.files),
              write: { runtime.stderr.write($0 + "\n") })
}

Interrupt.installHandler()
exit(runMain(Array(CommandLine.arguments.dropFirst()), runtime: .system()))
