/// Rewrites a response the way the AWS CLI prints it: timestamps (epoch seconds) become ISO 8601 text.
public enum ResponseShaper {
  /// `value` with every timestamp member of `shapeName` converted.
  ///
  /// Only the parts whose shape can hold a timestamp are visited and copied; the rest (most of a history's event
  /// details, definitions, inputs and outputs) is passed through untouched.
  public static func shape(_ value: JSON, as shapeName: String?) -> JSON {
    guard let shapeName, timestampShapes.contains(shapeName), let shape = ServiceModel.shape(shapeName) else { return value }
    switch (shape.kind, value) {
    case (.timestamp, .number(let n)): return .string(Timestamp.iso8601(epochSeconds: n))
    case (.structure, .object(let object)):
      var out = object
      for (name, memberShape) in shape.members where timestampShapes.contains(memberShape) {
        if let member = object[name] { out[name] = Self.shape(member, as: memberShape) }
      }
      return .object(out)
    case (.list, .array(let items)):
      return .array(items.map { Self.shape($0, as: shape.member) })
    case (.map, .object(let object)):
      var out = object
      for (key, member) in object { out[key] = Self.shape(member, as: shape.value) }
      return .object(out)
    default: return value
    }
  }

  /// Names of the shapes that are, or (through members, list items or map values) contain, a timestamp.
  static let timestampShapes: Set<String> = {
    // Breadth first from the timestamps along "is used by" edges: one pass over the model, and recursive shapes
    // are right too. (Growing the set to a fixed point took ~2.4M instructions, paid by every call at start-up.)
    var users: [String: [String]] = [:]
    var queue: [String] = []
    for (name, shape) in ServiceModel.generatedShapes {
      if shape.kind == .timestamp { queue.append(name) }
      for member in shape.members { users[member.shape, default: []].append(name) }
      if let item = shape.member { users[item, default: []].append(name) }
      if let value = shape.value { users[value, default: []].append(name) }
    }
    var found = Set(queue)
    while let next = queue.popLast() {
      for user in users[next] ?? [] where found.insert(user).inserted { queue.append(user) }
    }
    return found
  }()
}
