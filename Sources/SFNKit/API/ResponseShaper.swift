/// Rewrites a response the way the AWS CLI prints it: timestamps (epoch seconds) become ISO 8601 text.
public enum ResponseShaper {
  /// `value` with every timestamp member of `shape` converted.
  ///
  /// Only the parts whose shape can hold a timestamp are visited and copied; the rest (most of a history's event
  /// details, definitions, inputs and outputs) is passed through untouched.
  public static func shape(_ value: JSON, as shape: ShapeName?) -> JSON { Self.shape(value, named: shape?.rawValue) }

  /// `value` shaped as the shape that a member, list or map of the model names.
  private static func shape(_ value: JSON, named shapeName: String?) -> JSON {
    guard let shapeName, timestampShapes.contains(shapeName), let shape = ServiceModel.shape(named: shapeName) else {
      return value
    }
    switch (shape.kind, value) {
    case (.timestamp, .number(let n)): return .string(Timestamp.iso8601(epochSeconds: n.doubleValue))
    case (.structure, .object(let object)):
      var out = object
      for (name, memberShape) in shape.members where timestampShapes.contains(memberShape) {
        if let member = object[name] { out[name] = Self.shape(member, named: memberShape) }
      }
      return .object(out)
    case (.list, .array(let items)):
      return .array(items.map { Self.shape($0, named: shape.member) })
    case (.map, .object(let object)):
      var out = object
      for (key, member) in object { out[key] = Self.shape(member, named: shape.value) }
      return .object(out)
    default: return value
    }
  }

  /// Names of the shapes that are, or (through members, list items or map values) contain, a timestamp.
  static let timestampShapes = ServiceModel.generatedTimestampShapes
}
