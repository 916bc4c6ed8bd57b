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

  /// Candidates for an execution argument whose word so far is `prefix`: with `arns`, execution ARNs (first one
  /// `arn:...:execution:MACHINE:` prefix per machine, then, once the prefix names a machine, its executions);
  /// otherwise `MACHINE/` per machine, then `MACHINE/NAME` (an ARN prefix is completed as ARNs either way).
  public func executionCandidates(prefix: String, arns: Bool) -> [String] {
    if prefix.hasPrefix("arn:"), let machineArn = Self.machineArn(ofExecutionPrefix: prefix) {
      return items(.executions(machineArn: machineArn)).map(\.arn)
    }
    if !arns, let slash = prefix.firstIndex(of: "/") {
      let machine = String(prefix[..<slash])
      guard let machineArn = machineArn(machine) else { return [] }
      return items(.executions(machineArn: machineArn)).map { "\(machine)/\($0.name)" }
    }
    let machines = items(.machines)
    return arns ? machines.compactMap { Self.executionPrefix(ofMachineArn: $0.arn) } : machines.map { $0.name + "/" }
  }

  /// `arn:P:states:R:A:execution:M:` for `arn:P:states:R:A:stateMachine:M`.
  public static func executionPrefix(ofMachineArn arn: String) -> String? {
    let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 7, parts[5] == "stateMachine" else { return nil }
    return parts[0..<5].joined(separator: ":") + ":execution:" + parts[6] + ":"
  }

  /// The machine ARN from an execution ARN typed up to at least its machine name and the colon after it.
  public static func machineArn(ofExecutionPrefix prefix: String) -> String? {
    let parts = prefix.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 8, parts[5] == "execution" || parts[5] == "express", !parts[6].isEmpty else { return nil }
    return parts[0..<5].joined(separator: ":") + ":stateMachine:" + parts[6]
  }

  /// The first page (up to 1000 items) of `resource` from the service.
  public static func list(_ resource: CompletionResource, client: StepFunctionsClient) throws -> [CompletionItem] {
    let (operation, key, arnKey): (OperationName, String, String)
    var input = JSONObject([("maxResults", .number(1000))])
    switch resource {
    case .machines: (operation, key, arnKey) = (.listStateMachines, "stateMachines", "stateMachineArn")
    case .activities: (operation, key, arnKey) = (.listActivities, "activities", "activityArn")
    case .executions(let machineArn):
      (operation, key, arnKey) = (.listExecutions, "executions", "executionArn")
      input["stateMachineArn"] = .string(machineArn)
    }
    let page = try client.call(operation, .object(input))
    return (page[key]?.arrayValue ?? []).compactMap { item in
      guard let name = item["name"]?.stringValue, let arn = item[arnKey]?.stringValue else { return nil }
      return CompletionItem(name: name, arn: arn)
    }
  }
}
