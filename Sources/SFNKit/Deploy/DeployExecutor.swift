/// Carries out a `DeployPlan`: create or update, publish, alias, tags, in that order.
public struct DeployExecutor {
  let call: ServiceCall

  /// An executor that writes through `call`.
  public init(call: @escaping ServiceCall) { self.call = call }

  /// Applies `plan` and returns the resulting ARNs; a plan without changes sends nothing.
  public func apply(_ plan: DeployPlan) throws -> DeployResult {
    let spec = plan.spec
    var machineArn = plan.existingArn ?? ""
    var versionArn = plan.reusedVersionArn
    if plan.existingArn == nil {
      var input = JSONObject([
        ("name", .string(spec.name)), ("definition", .string(spec.definition)), ("roleArn", .string(spec.roleArn)),
      ])
      if let type = spec.type { input["type"] = .string(type) }
      if let logging = spec.logging { input["loggingConfiguration"] = logging }
      if let tracing = spec.tracing { input["tracingConfiguration"] = ["enabled": .bool(tracing)] }
      if !spec.tags.isEmpty {
        input["tags"] = .array(spec.tags.map { ["key": .string($0.key), "value": .string($0.value)] })
      }
      addPublish(to: &input, plan)
      let response = try call(.createStateMachine, .object(input))
      machineArn = try required(response, "stateMachineArn", of: .createStateMachine)
      if plan.publishes { versionArn = try required(response, "stateMachineVersionArn", of: .createStateMachine) }
    } else if !plan.updates.isEmpty {
      var input = JSONObject([("stateMachineArn", .string(machineArn))])
      if plan.updates.contains(.definition) { input["definition"] = .string(spec.definition) }
      if plan.updates.contains(.role) { input["roleArn"] = .string(spec.roleArn) }
      if plan.updates.contains(.logging), let logging = spec.logging { input["loggingConfiguration"] = logging }
      if plan.updates.contains(.tracing), let tracing = spec.tracing {
        input["tracingConfiguration"] = ["enabled": .bool(tracing)]
      }
      addPublish(to: &input, plan)
      let response = try call(.updateStateMachine, .object(input))
      if plan.publishes { versionArn = try required(response, "stateMachineVersionArn", of: .updateStateMachine) }
    } else if plan.publishes {
      versionArn = try publish(machineArn, spec: spec)
    }
    let aliasArn = try applyAlias(plan, machineArn: machineArn, versionArn: versionArn)
    if plan.existingArn != nil, !plan.tagsToAdd.isEmpty {
      let tags = JSON.array(plan.tagsToAdd.map { ["key": .string($0.key), "value": .string($0.value)] })
      _ = try call(.tagResource, ["resourceArn": .string(machineArn), "tags": tags])
    }
    return DeployResult(stateMachineArn: machineArn, versionArn: versionArn, aliasArn: aliasArn, actions: plan.actions)
  }

  private func addPublish(to input: inout JSONObject, _ plan: DeployPlan) {
    guard plan.publishes else { return }
    input["publish"] = true
    if let d = plan.spec.versionDescription { input["versionDescription"] = .string(d) }
  }

  /// Publishes the current revision; endpoints without PublishStateMachineVersion get an update with `publish`.
  private func publish(_ machineArn: String, spec: DeploySpec) throws -> String {
    var input = JSONObject([("stateMachineArn", .string(machineArn))])
    if let d = spec.versionDescription { input["description"] = .string(d) }
    do {
      let response = try call(.publishStateMachineVersion, .object(input))
      return try required(response, "stateMachineVersionArn", of: .publishStateMachineVersion)
    } catch let e as ServiceError where ServiceValidation.isUnsupported(e) {
      var update = JSONObject([
        ("stateMachineArn", .string(machineArn)), ("definition", .string(spec.definition)), ("publish", true),
      ])
      if let d = spec.versionDescription { update["versionDescription"] = .string(d) }
      let response = try call(.updateStateMachine, .object(update))
      return try required(response, "stateMachineVersionArn", of: .updateStateMachine)
    }
  }

  private func applyAlias(_ plan: DeployPlan, machineArn: String, versionArn: String?) throws -> String? {
    guard let name = plan.spec.alias, let step = plan.alias else { return nil }
    if case .unchanged(let arn) = step { return arn }
    guard let versionArn else { throw ResponseError.noVersionForAlias(name) }
    let routing = JSON.array([["stateMachineVersionArn": .string(versionArn), "weight": 100]])
    switch step {
    case .create:
      let response = try call(.createStateMachineAlias, ["name": .string(name), "routingConfiguration": routing])
      return response["stateMachineAliasArn"]?.stringValue ?? "\(machineArn):\(name)"
    case .update(let arn):
      _ = try call(.updateStateMachineAlias, ["stateMachineAliasArn": .string(arn), "routingConfiguration": routing])
      return arn
    case .unchanged(let arn):
      return arn
    }
  }

  private func required(_ response: JSON, _ key: String, of operation: OperationName) throws -> String {
    guard let value = response[key]?.stringValue else {
      throw ResponseError.missingMember(operation, member: key)
    }
    return value
  }
}
