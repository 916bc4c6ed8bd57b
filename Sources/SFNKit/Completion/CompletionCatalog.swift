/// Names and ARNs of state machines, activities and executions for shell completion:
/// one request per list at most (the first page, up to 1000 items), answered from the cache for a minute.
public struct CompletionCatalog {
  public let cache: CompletionCache?
  private let fetch: (CompletionResource) throws -> [CompletionItem]

  /// A catalog that lists through `client` and caches in `cache`.
  public init(client: @escaping () throws -> StepFunctionsClient, cache: CompletionCache?) {
    self.init(cache: cache) { resource in try Self.list(resource, client: try client()) }
  }

  /// A catalog over any lister, for tests.
  public init(cache: CompletionCache?, fetch: @escaping (CompletionResource) throws -> [CompletionItem]) {
    self.cache = cache
    self.fetch = fetch
  }

  /// The items of `resource`, or none when anything fails: completion must never print errors or prompt.
  public func items(_ resource: CompletionResource) -> [CompletionItem] {
    if let cached = cache?.load(resource) { return cached }
    guard let items = try? fetch(resource) else { return [] }
    cache?.store(resource, items)
    return items
  }

  /// The ARN of the state machine named `nameOrArn` (an ARN is returned as it is).
  public func machineArn(_ nameOrArn: String) -> String? {
    if nameOrArn.hasPrefix("arn:") { return nameOrArn }
    return items(.machines).first { $0.name == nameOrArn }?.arn
  }

  /// The first page (up to 1000 items) of `resource` from the service.
  public static func list(_ resource: CompletionResource, client: StepFunctionsClient) throws -> [CompletionItem] {
    let (operation, key, arnKey): (String, String, String)
    var input = JSONObject([("maxResults", .number(1000))])
    switch resource {
    case .machines: (operation, key, arnKey) = ("ListStateMachines", "stateMachines", "stateMachineArn")
    case .activities: (operation, key, arnKey) = ("ListActivities", "activities", "activityArn")
    case .executions(let machineArn):
      (operation, key, arnKey) = ("ListExecutions", "executions", "executionArn")
      input["stateMachineArn"] = .string(machineArn)
    }
    let page = try client.call(operation, .object(input))
    return (page[key]?.arrayValue ?? []).compactMap { item in
      guard let name = item["name"]?.stringValue, let arn = item[arnKey]?.stringValue else { return nil }
      return CompletionItem(name: name, arn: arn)
    }
  }
}
