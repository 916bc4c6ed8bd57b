/// Rewrites a response the way the AWS CLI prints it: timestamps (epoch seconds) become ISO 8601 text.
public enum ResponseShaper {
  /// `value` with every timestamp member of `shapeName` converted.
  public static func shape(_ value: JSON, as shapeName: String?) -> JSON {
    guard let shapeName, let shape = ServiceModel.shape(shapeName) else { return value }
    switch (shape.kind, value) {
    case (.timestamp, .number(let n)): return .string(Timestamp.iso8601(epochSeconds: n))
    case (.structure, .object(let object)):
      var out = JSONObject()
      for (key, member) in object { out[key] = Self.shape(member, as: shape.memberShape(key)) }
      return .object(out)
    case (.list, .array(let items)):
      return .array(items.map { Self.shape($0, as: shape.member) })
    case (.map, .object(let object)):
      var out = JSONObject()
      for (key, member) in object { out[key] = Self.shape(member, as: shape.value) }
      return .object(out)
    default: return value
    }
  }
}
