/// `--generate-cli-skeleton` documents: every member of a shape with a placeholder value.
public enum Skeleton {
  /// A skeleton for the shape named `shapeName` (`{}` when there is none).
  public static func make(_ shapeName: String?, depth: Int = 0) -> JSON {
    guard let shapeName, let shape = ServiceModel.shape(shapeName), depth < 8 else { return [:] }
    switch shape.kind {
    case .structure:
      return .object(JSONObject(shape.members.map { ($0.name, make($0.shape, depth: depth + 1)) }))
    case .list:
      return .array([make(shape.member, depth: depth + 1)])
    case .map:
      return ["KeyName": make(shape.value, depth: depth + 1)]
    case .string: return .string(shape.enumValues.isEmpty ? "" : shape.enumValues.joined(separator: "|"))
    case .integer, .long, .float, .double: return 0
    case .boolean: return true
    case .timestamp: return "1970-01-01T00:00:00"
    case .blob: return ""
    }
  }
}
