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
    return report(error)
  } catch {
    let code = SFN.exitCode(for: error)
    // Not argument-parser's own: report it ourselves, since its default code (1) means "the execution FAILED".
    if code == .failure { return report(error) }
    // Parse errors, --help and --version: argument-parser prints them and picks the code (64 for usage).
    if code == .success {
      SFN.exit(withError: error)
    }
    fputs(SFN.fullMessage(for: error) + "\n", stderr)
    return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
  }
}

private func report(_ error: Error) -> Int32 {
  let (message, status) = ErrorReport.describe(error)
  fputs("sfn: \(message)\n", stderr)
  return status.rawValue
}

Interrupt.install()
exit(runMain(Array(CommandLine.arguments.dropFirst())))
