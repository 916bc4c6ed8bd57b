/// Turns what people type (`hello`, `hello:prod`, `hello:3`, `hello/run-1`, an activity name) into ARNs,
/// with at most one request per command (a list page that shows the account), remembered in an `AccountCache`.
public final class NameResolver {
  /// Calls one operation (the client's `call`).
  public typealias Call = ServiceCall

  private let call: Call
  private let region: String
  private let cache: AccountCache
  private let cacheKey: String
  private var scope: AccountScope?
  /// Machine types learnt from the list call, by unqualified machine ARN (saves a DescribeStateMachine).
  public private(set) var machineTypes: [String: String] = [:]

  /// A resolver for `region`; `cacheKey` names the endpoint and identity the cached account belongs to.
  public init(region: String, cache: AccountCache, cacheKey: String, call: @escaping Call) {
    self.region = region
    self.cache = cache
    self.cacheKey = cacheKey
    self.call = call
  }

  /// A state machine, version or alias ARN for `reference`.
  public func machine(_ reference: String) throws -> String {
    if reference.hasPrefix("arn:") { return try checked(reference, as: [.stateMachine, .version, .alias], what: "state machine").text }
    try checkName(reference, what: "state machine")
    let pieces = reference.split(separator: ":", maxSplits: 1).map(String.init)
    let base = try resolve(name: pieces[0], resourceType: "stateMachine", list: .listStateMachines, key: "stateMachines")
    return pieces.count == 2 ? base + ":" + pieces[1] : base
  }

  /// An execution ARN for `reference`: an ARN or `MACHINE/EXECUTION-NAME`.
  public func execution(_ reference: String) throws -> String {
    if reference.hasPrefix("arn:") { return try checked(reference, as: [.execution], what: "execution").text }
    guard let slash = reference.firstIndex(of: "/"), slash != reference.startIndex, reference.index(after: slash) != reference.endIndex else {
      throw ReferenceError.notAnExecution(reference)
    }
    let machineRef = String(reference[..<slash])
    let name = String(reference[reference.index(after: slash)...])
    var machineARN = try StatesARN(machine(machineRef))!.unqualifiedMachine
    machineARN.resourceType = "execution"
    machineARN.resource += ":" + name
    return machineARN.text
  }

  /// An activity ARN for `reference`: an ARN or a name.
  public func activity(_ reference: String) throws -> String {
    if reference.hasPrefix("arn:") { return try checked(reference, as: [.activity], what: "activity").text }
    try checkName(reference, what: "activity")
    return try resolve(name: reference, resourceType: "activity", list: .listActivities, key: "activities")
  }

  /// Any resource for `describe`: an ARN of any kind, `MACHINE/EXECUTION`, or a machine reference.
  public func anyResource(_ reference: String) throws -> StatesARN {
    if reference.hasPrefix("arn:") {
      guard let arn = StatesARN(reference), arn.kind != nil else {
        throw ReferenceError.notAStatesARN(reference)
      }
      return arn
    }
    if reference.contains("/") { return StatesARN(try execution(reference))! }
    return StatesARN(try machine(reference))!
  }

  private func checked(_ text: String, as kinds: [StatesARN.Kind], what: String) throws -> StatesARN {
    guard let arn = StatesARN(text), let kind = arn.kind, kinds.contains(kind) else {
      throw ReferenceError.wrongARN(text, what: what)
    }
    return arn
  }

  private func checkName(_ name: String, what: String) throws {
    if name.isEmpty || name.hasPrefix(":") || name.contains(" ") {
      throw ReferenceError.notAName(name, what: what)
    }
  }

  /// The ARN for `name`: built from the known account, else found by one list call.
  private func resolve(name: String, resourceType: String, list: OperationName, key: String) throws -> String {
    if scope == nil { scope = cache.lookup(cacheKey) }
    if let scope {
      return StatesARN(partition: scope.partition, region: region, account: scope.account, resourceType: resourceType, resource: name).text
    }
    let page = try call(list, ["maxResults": 1000])
    let items = page[key]?.arrayValue ?? []
    var found: String?
    for item in items {
      guard let arnText = item[resourceType == "activity" ? "activityArn" : "stateMachineArn"]?.stringValue,
        let arn = StatesARN(arnText)
      else { continue }
      if scope == nil {
        scope = AccountScope(partition: arn.partition, account: arn.account)
        cache.store(cacheKey, scope!)
      }
      if let type = item["type"]?.stringValue { machineTypes[arnText] = type }
      if item["name"]?.stringValue == name { found = arnText }
    }
    if let found { return found }
    let more = page["nextToken"]?.stringValue.map { !$0.isEmpty } ?? false
    guard more, let scope else {
      let activity = resourceType == "activity"
      throw ReferenceError.notFound(name: name, what: activity ? "activity" : "state machine", region: region,
                                    listing: activity ? "activities" : "machines")
    }
    return StatesARN(partition: scope.partition, region: region, account: scope.account, resourceType: resourceType, resource: name).text
  }
}
