import ArgumentParser
import SFNKit

/// A generated API-named command: argument-parser's reading of the line, as data.
protocol APICommand: RuntimeCommand {
  /// The parsed command as data.
  var invocation: APIInvocation { get }
}

extension APICommand {
  /// Runs the parsed invocation.
  func run(_ runtime: Runtime) throws { try invocation.run(runtime) }
}

/// One API-named command as parsed: the operation, its parameter values and the option groups' values.
struct APIInvocation: Equatable {
  /// The operation in the service model, e.g. `.describeStateMachine`.
  var operation: OperationName
  /// The command's parameters in the generated commands' order, unset ones included.
  var values: [ParameterValue]
  var global: GlobalSettings
  var cliInput: CLIInputSettings
  /// The pagination options' values; nil for an operation that is not paginated.
  var paging: PagingSettings?
  /// Lint the `definition` member before sending (create-/update-state-machine unless `--no-validate`).
  var validateDefinition = false

  /// Runs the operation and prints the result.
  func run(_ runtime: Runtime) throws {
    try APICommandRunner(global: global, cliInput: cliInput, paging: paging, validateDefinition: validateDefinition)
      .run(operation: operation, values: values, runtime: runtime)
  }
}
