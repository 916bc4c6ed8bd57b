import SFNKit

/// Runs one API-named command: build the input, call the operation (all pages), print the result.
struct APICommandRunner {
  let global: GlobalSettings
  let cliInput: CLIInputSettings
  var paging: PagingSettings? = nil
  /// Lint the `definition` member before sending (create-/update-state-machine unless `--no-validate`).
  var validateDefinition = false

  func run(operation name: OperationName, values: [ParameterValue], runtime: Runtime) throws {
    let context = CommandContext(runtime, global: global)
    let operation = ServiceModel.operation(name)
    if let kind = cliInput.generateSkeleton {
      if kind == .input {
        context.terminal.out(JSONWriter.pretty.string(Skeleton.make(operation.input)) + "\n")
      } else {
        // As the AWS CLI: a sample response, printed like a real one (--output, --query).
        try context.printer().print(Skeleton.make(operation.output, memberNames: true))
      }
      return
    }
    var base: JSON?
    if let raw = cliInput.cliInputJSON {
      let text = try ParameterFile.resolve(raw, files: context.files)
      do { base = try JSONParser.parse(text) } catch let e as JSONParseError {
        throw CommandError.cliInputNotJSON(detail: "\(e)")
      }
    }
    let input = try RequestBuilder(files: context.files).build(operation, values: values, base: base)
    if validateDefinition, let definition = input["definition"]?.stringValue {
      try requireValid(definition, type: input["type"]?.stringValue.flatMap(StateMachineType.init(rawValue:)),
                       values: values)
    }
    let printer = try context.printer()
    let client = try context.client()
    // As the AWS CLI: a --next-token or --max-results of the user's own turns pagination off.
    let manualPaging = values.contains { ["nextToken", "maxResults"].contains($0.member) && $0.isSet }
    if global.noPaginate || manualPaging, let paging {
      let used = [("--starting-token", paging.startingToken != nil), ("--page-size", paging.pageSize != nil),
                  ("--max-items", paging.maxItems != nil)].filter(\.1).map(\.0)
      if !used.isEmpty {
        let off = global.noPaginate ? "--no-paginate" : "--next-token or --max-results"
        throw CommandError.paginationOff(off: off, options: used)
      }
    }
    if operation.isPaginated, !global.noPaginate, !manualPaging {
      let paginator = Paginator(client: client, operation: operation)
      let pages = try paginator.fetchPages(input: input, maxItems: paging?.maxItems,
                                           startingToken: paging?.startingToken, pageSize: paging?.pageSize)
      try printer.printPages(pages.pages.map { ResponseShaper.shape($0, as: operation.output) },
                             merged: ResponseShaper.shape(pages.merged, as: operation.output),
                             resumeToken: pages.resumeToken)
    } else {
      let result: JSON
      do { result = try client.call(name, input) } catch let e as ServiceError {
        // CreateStateMachine, UpdateStateMachine and TestState name the execution role.
        throw ExecutionRoleError.recognise(e, roleArn: input["roleArn"]?.stringValue) ?? e
      }
      try printer.print(ResponseShaper.shape(result, as: operation.output))
    }
  }

  /// Lints the definition; errors go to stderr as FILE:LINE:COL lines and stop the command (exit 65).
  private func requireValid(_ definition: String, type: StateMachineType?, values: [ParameterValue]) throws {
    var name = "--definition"
    for case .text("definition", let raw?) in values where raw.hasPrefix("file://") { name = String(raw.dropFirst(7)) }
    let diagnostics = DefinitionSource(name: name, text: definition, format: .json).lint(type: type)
    guard !ASLLinter.isValid(diagnostics) else { return }
    let errors = diagnostics.filter { $0.severity == .error }.map { ValidationFinding(file: name, diagnostic: $0) }
    throw CommandError.invalidDefinition(name: name, flagHint: "--no-validate skips this check", findings: errors)
  }
}
