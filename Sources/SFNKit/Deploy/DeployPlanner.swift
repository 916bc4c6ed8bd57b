/// Reads the service's current state (read-only calls) and works out the `DeployPlan` for a spec.
public struct DeployPlanner {
  let call: ServiceCall

  /// A planner that reads through `call`.
  public init(call: @escaping ServiceCall) { self.call = call }

  /// The plan for `spec`; sends only List/Describe requests.
  public func plan(_ spec: DeploySpec) throws -> DeployPlan {
    let desired = try JSONParser.parse(spec.definition)
    guard let arn = try findMachine(named: spec.name) else {
      let diff = UnifiedDiff.make(old: "", new: Self.pretty(desired), oldLabel: "/dev/null",
                                  newLabel: spec.definitionLabel)
      return DeployPlan(spec: spec, existingArn: nil, updates: [], diff: diff, reusedVersionArn: nil,
                        publishes: spec.publish, alias: spec.alias == nil ? nil : .create, tagsToAdd: spec.tags)
    }
    let current = try call(.describeStateMachine, ["stateMachineArn": .string(arn)])
    let currentType = current["type"]?.stringValue ?? "STANDARD"
    if let type = spec.type, type != currentType {
      throw ResponseError.stateMachineTypeChange(name: spec.name, current: currentType, requested: type)
    }
    let updates = differences(from: current, to: spec, desired: desired)
    var diff = ""
    if updates.contains(.definition) {
      let old = current["definition"]?.stringValue ?? ""
      let oldText = (try? JSONParser.parse(old)).map(Self.pretty) ?? old
      diff = UnifiedDiff.make(old: oldText, new: Self.pretty(desired), oldLabel: "\(spec.name) (deployed)",
                              newLabel: spec.definitionLabel)
    }
    var aliasArn: String?
    var aliasVersion: String?
    if let alias = spec.alias {
      let aliasDescription = try absentIfNotFound {
        try call(.describeStateMachineAlias, ["stateMachineAliasArn": .string("\(arn):\(alias)")])
      }
      if let aliasDescription {
        aliasArn = aliasDescription["stateMachineAliasArn"]?.stringValue ?? "\(arn):\(alias)"
        let routes = aliasDescription["routingConfiguration"]?.arrayValue ?? []
        if routes.count == 1, routes[0]["weight"]?.intValue == 100 {
          aliasVersion = routes[0]["stateMachineVersionArn"]?.stringValue
        }
      }
    }
    var reused: String?
    if spec.publish, updates.isEmpty {
      reused = try matchingVersion(candidates: aliasVersion.map { [$0] } ?? latestVersion(of: arn).map { [$0] } ?? [],
                                   spec: spec, desired: desired)
    }
    let publishes = spec.publish && reused == nil
    var aliasStep: DeployPlan.AliasStep?
    if spec.alias != nil {
      if let aliasArn {
        let unchanged = !publishes && reused != nil && reused == aliasVersion
        aliasStep = unchanged ? .unchanged(arn: aliasArn) : .update(arn: aliasArn)
      } else {
        aliasStep = .create
      }
    }
    var plan = DeployPlan(spec: spec, existingArn: arn, updates: updates, diff: diff, reusedVersionArn: reused,
                          publishes: publishes, alias: aliasStep, tagsToAdd: try missingTags(arn: arn, spec: spec))
    plan.existingType = StateMachineType(rawValue: currentType)
    return plan
  }

  /// The definition as the diff shows it: parsed and re-indented, so formatting alone never shows as a change.
  static func pretty(_ json: JSON) -> String { JSONWriter(indent: 2).string(json) + "\n" }

  /// Settings of `current` (a DescribeStateMachine response) that differ from the spec; definitions compare as
  /// JSON values (key order, spacing and number spelling do not count).
  func differences(from current: JSON, to spec: DeploySpec, desired: JSON) -> [DeployPlan.Field] {
    var fields: [DeployPlan.Field] = []
    let deployed = current["definition"]?.stringValue.flatMap { try? JSONParser.parse($0) }
    if deployed != desired { fields.append(.definition) }
    if current["roleArn"]?.stringValue != spec.roleArn { fields.append(.role) }
    if let logging = spec.logging,
      Self.normalizedLogging(current["loggingConfiguration"]) != Self.normalizedLogging(logging)
    {
      fields.append(.logging)
    }
    if let tracing = spec.tracing, (current["tracingConfiguration"]?["enabled"]?.boolValue ?? false) != tracing {
      fields.append(.tracing)
    }
    return fields
  }

  /// Logging settings with the service's defaults filled in, so `{"level":"OFF"}` equals its long form.
  static func normalizedLogging(_ logging: JSON?) -> JSON {
    [
      "level": .string(logging?["level"]?.stringValue ?? "OFF"),
      "includeExecutionData": .bool(logging?["includeExecutionData"]?.boolValue ?? false),
      "destinations": logging?["destinations"] ?? .array([]),
    ]
  }

  /// The ARN of the state machine called `name`, paging through ListStateMachines.
  func findMachine(named name: String) throws -> String? {
    var token: String?
    repeat {
      var input = JSONObject([("maxResults", 1000)])
      if let token { input["nextToken"] = .string(token) }
      let page = try call(.listStateMachines, .object(input))
      for machine in page["stateMachines"]?.arrayValue ?? [] where machine["name"]?.stringValue == name {
        return machine["stateMachineArn"]?.stringValue
      }
      token = page["nextToken"]?.stringValue
    } while token != nil
    return nil
  }

  /// The newest published version, or nil when there is none.
  func latestVersion(of arn: String) throws -> String? {
    do {
      let page = try call(.listStateMachineVersions, ["stateMachineArn": .string(arn), "maxResults": 1])
      return page["stateMachineVersions"]?.arrayValue?.first?["stateMachineVersionArn"]?.stringValue
    } catch let e as ServiceError where ServiceValidation.isUnsupported(e) {
      // Emulators without the operation (moto): versions are numbered from 1, so describe them in turn, up to
      // the service's limit of 1000 versions per state machine.
      var newest: String?
      for number in 1...Self.maxVersions {
        let candidate = "\(arn):\(number)"
        guard try absentIfNotFound({ try call(.describeStateMachine, ["stateMachineArn": .string(candidate)]) }) != nil
        else { break }
        newest = candidate
      }
      return newest
    }
  }

  static let maxVersions = 1000

  /// The first candidate version whose definition and settings equal the spec.
  func matchingVersion(candidates: [String], spec: DeploySpec, desired: JSON) throws -> String? {
    for arn in candidates {
      guard let version = try absentIfNotFound({ try call(.describeStateMachine, ["stateMachineArn": .string(arn)]) })
      else { continue }
      if differences(from: version, to: spec, desired: desired).isEmpty { return arn }
    }
    return nil
  }

  /// Tags of the spec that the machine lacks or has with another value.
  func missingTags(arn: String, spec: DeploySpec) throws -> [(key: String, value: String)] {
    guard !spec.tags.isEmpty else { return [] }
    let response = try call(.listTagsForResource, ["resourceArn": .string(arn)])
    var existing: [String: String] = [:]
    for tag in response["tags"]?.arrayValue ?? [] {
      if let k = tag["key"]?.stringValue { existing[k] = tag["value"]?.stringValue ?? "" }
    }
    return spec.tags.filter { existing[$0.key] != $0.value }
  }

  /// Runs `body`, turning a not-found answer into nil.
  func absentIfNotFound(_ body: () throws -> JSON) throws -> JSON? {
    do { return try body() } catch let e as ServiceError where Self.notFoundCodes.contains(e.code) { return nil }
  }

  static let notFoundCodes: Set<String> = ["ResourceNotFound", "StateMachineDoesNotExist", "ResourceNotFoundException"]
}
