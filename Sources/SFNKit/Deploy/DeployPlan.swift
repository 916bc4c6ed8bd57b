/// What `sfn deploy` will do to reach a `DeploySpec`, worked out from the service's current state.
public struct DeployPlan: Sendable {
  /// A setting of an existing state machine that differs from the spec.
  public enum Field: String, Sendable, Equatable {
    case definition, role, logging, tracing
  }

  /// What happens to the alias.
  public enum AliasStep: Sendable, Equatable {
    /// Create it, pointing at the version.
    case create
    /// Repoint it (it routes elsewhere now).
    case update(arn: String)
    /// It already routes all traffic to the wanted version.
    case unchanged(arn: String)
  }

  /// The desired state.
  public let spec: DeploySpec
  /// The existing state machine's ARN; nil when it will be created.
  public let existingArn: String?
  /// Settings of the existing machine that will be updated.
  public let updates: [Field]
  /// Unified diff from the deployed definition to the new one (both pretty-printed); empty when equal.
  public let diff: String
  /// An existing version that already matches the spec, so nothing new needs publishing.
  public let reusedVersionArn: String?
  /// True when a new version will be published.
  public let publishes: Bool
  /// The alias step, when the spec names an alias.
  public let alias: AliasStep?
  /// Tags to add or change.
  public let tagsToAdd: [(key: String, value: String)]
  /// The existing machine's type (STANDARD or EXPRESS); nil when it will be created.
  public var existingType: StateMachineType? = nil

  /// True when applying the plan sends any change.
  public var hasChanges: Bool {
    if existingArn == nil || !updates.isEmpty || publishes || !tagsToAdd.isEmpty { return true }
    switch alias {
    case .create?, .update?: return true
    case .unchanged?, nil: return false
    }
  }

  /// One line per change the plan makes, e.g. `update state machine hello: definition, role`.
  public var actions: [String] {
    var out: [String] = []
    if existingArn == nil {
      out.append("create state machine \(spec.name)")
    } else if !updates.isEmpty {
      out.append("update state machine \(spec.name): " + updates.map(\.rawValue).joined(separator: ", "))
    }
    if publishes { out.append("publish a new version") }
    if let name = spec.alias, let alias {
      switch alias {
      case .create: out.append("create alias \(name)")
      case .update: out.append("point alias \(name) at the new version")
      case .unchanged: break
      }
    }
    if !tagsToAdd.isEmpty, existingArn != nil {
      out.append("tag " + tagsToAdd.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
    }
    return out
  }

  /// A plan; `DeployPlanner` makes them.
  public init(spec: DeploySpec, existingArn: String?, updates: [Field], diff: String, reusedVersionArn: String?,
              publishes: Bool, alias: AliasStep?, tagsToAdd: [(key: String, value: String)]) {
    self.spec = spec
    self.existingArn = existingArn
    self.updates = updates
    self.diff = diff
    self.reusedVersionArn = reusedVersionArn
    self.publishes = publishes
    self.alias = alias
    self.tagsToAdd = tagsToAdd
  }
}

/// What a deploy did: the resulting ARNs and the changes made.
public struct DeployResult: Sendable {
  public var stateMachineArn: String
  public var versionArn: String?
  public var aliasArn: String?
  /// The plan's actions that were carried out (empty when nothing changed).
  public var actions: [String]

  /// True when anything was changed.
  public var changed: Bool { !actions.isEmpty }

  /// A result.
  public init(stateMachineArn: String, versionArn: String?, aliasArn: String?, actions: [String]) {
    self.stateMachineArn = stateMachineArn
    self.versionArn = versionArn
    self.aliasArn = aliasArn
    self.actions = actions
  }

  /// `{stateMachineArn, stateMachineVersionArn?, stateMachineAliasArn?, changed, actions}`.
  public var json: JSON {
    var o = JSONObject([("stateMachineArn", .string(stateMachineArn))])
    if let versionArn { o["stateMachineVersionArn"] = .string(versionArn) }
    if let aliasArn { o["stateMachineAliasArn"] = .string(aliasArn) }
    o["changed"] = .bool(changed)
    o["actions"] = .array(actions.map(JSON.string))
    return .object(o)
  }
}
