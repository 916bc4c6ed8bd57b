import SFNKit

/// Runs one API-named command: build the input, call the operation (all pages), print the result.
struct APICommandRunner {
  let global: GlobalOptions
  let cliInput: CLIInputOptions
  var paging: PaginationOptions? = nil
  /// Lint the `definition` member before sending (create-/update-state-machine unless `--no-validate`).
  var validateDefinition = false

  func run(operation name: String, values: [ParameterValue]) throws {
    let context = CommandContext(global: global)
    guard let operation = ServiceModel.operation(name) else { throw SFNError(.usage, "unknown operation \(name)") }
    if let kind = cliInput.generateSkeleton {
      let shapeName = kind == .input ? operation.input : operation.output
      context.terminal.out(JSONWriter.pretty.string(Skeleton.make(shapeName)) + "\n")
      return
    }
    var base: JSON?
    if let raw = cliInput.cliInputJSON {
      let text = try ParameterFile.resolve(raw, files: context.files)
      do { base = try JSONParser.parse(text) } catch let e as JSONParseError {
        throw SFNError(.badInput, "--cli-input-json: invalid JSON at \(e)")
      }
    }
    let input = try RequestBuilder(files: context.files).build(operation, values: values, base: base)
    if validateDefinition, let definition = input["definition"]?.stringValue {
      try requireValid(definition, values: values, context: context)
    }
    let printer = try context.printer()
    let client = try context.client()
    let result: JSON
    if operation.isPaginated, !global.noPaginate {
      let paginator = Paginator(client: client, operation: operation)
      result = try paginator.fetch(input: input, maxItems: paging?.maxItems, startingToken: paging?.startingToken,
                                   pageSize: paging?.pageSize)
    } else {
      result = try client.call(name, input)
    }
    try printer.print(ResponseShaper.shape(result, as: operation.output))
  }

  /// Lints the definition; errors go to stderr as FILE:LINE:COL lines and stop the command (exit 65).
  private func requireValid(_ definition: String, values: [ParameterValue], context: CommandContext) throws {
    var name = "--definition"
    for case .text("definition", let raw?) in values where raw.hasPrefix("file://") { name = String(raw.dropFirst(7)) }
    let diagnostics = DefinitionSource(name: name, text: definition, format: .json).lint()
    guard !ASLLinter.isValid(diagnostics) else { return }
    for d in diagnostics where d.severity == .error {
      context.terminal.err(ValidationFinding(file: name, diagnostic: d).line)
    }
    throw SFNError(.badInput,
                   "\(name): the definition is not valid (see above); nothing was sent (--no-validate skips this check)")
  }
}
