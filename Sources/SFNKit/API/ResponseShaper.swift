/// Rewrites a response the way the AWS CLI prints it: timestamps (epoch seconds) become ISO 8601 text.
public enum ResponseShaper {
  /// `value` with every timestamp member of `shape` converted.
  ///
  /// Only the parts whose shape can hold a timestamp are visited and copied; the rest (most of a history's event
  /// details, definitions, inputs and outputs) is passed through untouched.
  public static func shape(_ value: JSON, as shape: ShapeName?) -> JSON { Self.shape(value, named: shape?.rawValue) }

  /// `value` shaped as the shape that a member, list or map of the model names.
  private static func shape(_ value: JSON, named shapeName: String?) -> JSON {
    guard let shape = timestampShape(shapeName) else { return value }
    return Self.shape(value, as: shape)
  }

  /// The shape called `name` when it can hold a timestamp, else nil (nothing to convert).
  private static func timestampShape(_ name: String?) -> Shape? {
    guard let name, timestampShapes.contains(name) else { return nil }
    return ServiceModel.shape(named: name)
  }

  /// `value` shaped as `shape`; a list's or map's element shape is looked up once, not per element.
  private static func shape(_ value: JSON, as shape: Shape) -> JSON {
    switch (shape.kind, value) {
    case (.timestamp, .number(let n)): return .string(Timestamp.iso8601(epochSeconds: n.doubleValue))
    case (.structure, .object(let object)):
      var out = object
      for (name, memberShape) in shape.members where timestampShapes.contains(memberShape) {
        if let member = object[name] { out[name] = Self.shape(member, named: memberShape) }
      }
      return .object(out)
    case (.list, .array(let items)):
      guard let member = timestampShape(shape.member) else { return value }
      return .array(items.map { Self.shape($0, as: member) })
    case (.map, .object(let object)):
      guard let valueShape = timestampShape(shape.value) else { return value }
      var out = object
      for (key, member) in object { out[key] = Self.shape(member, as: valueShape) }
      return .object(out)
    default: return value
    }
  }

  /// Names of the shapes that are, or (through members, list items or map values) contain, a timestamp.
  static let timestampShapes = ServiceModel.generatedTimestampShapes
}
