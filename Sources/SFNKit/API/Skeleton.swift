/// `--generate-cli-skeleton` documents as botocore's ArgumentGenerator makes them.
public enum Skeleton {
  /// A skeleton for `shape` (`{}` when there is none). Input skeletons hold empty strings (an
  /// enum's first value; the AWS CLI picks one at random); output skeletons (`memberNames`) hold each string
  /// member's own name, as the AWS CLI's stubbed `--generate-cli-skeleton output` prints.
  public static func make(_ shape: ShapeName?, memberNames: Bool = false) -> JSON {
    var stack: [String] = []
    return make(shape?.rawValue, name: "", memberNames: memberNames, stack: &stack)
  }

  private static func make(_ shapeName: String?, name: String, memberNames: Bool, stack: inout [String]) -> JSON {
    guard let shapeName, let shape = ServiceModel.shape(named: shapeName) else { return [:] }
    stack.append(shapeName)
    defer { stack.removeLast() }
    switch shape.kind {
    case .structure:
      // A structure already being expanded (a recursive shape) becomes `{}`.
      if stack.filter({ $0 == shapeName }).count > 1 { return [:] }
      return .object(JSONObject(shape.members.map {
        ($0.name, make($0.shape, name: $0.name, memberNames: memberNames, stack: &stack))
      }))
    case .list:
      return .array([make(shape.member, name: memberNames ? shape.member ?? "" : "", memberNames: memberNames,
                          stack: &stack)])
    case .map:
      return ["KeyName": make(shape.value, name: "", memberNames: memberNames, stack: &stack)]
    case .string:
      if memberNames { return .string(name) }
      return .string(shape.enumValues.first ?? "")
    case .integer, .long: return 0
    case .float, .double: return 0.0
    case .boolean: return true
    case .timestamp: return "1970-01-01T00:00:00"
    case .blob: return ""
    }
  }
}
