import SFNKit

/// Runs one API-named command: build the input, call the operation (all pages), print the result.
struct APICommandRunner {
  let global: GlobalOptions
  let cliInput: CLIInputOptions
  var paging: PaginationOptions? = nil

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
}
