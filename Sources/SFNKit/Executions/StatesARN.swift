/// A Step Functions ARN split into its parts: `arn:PARTITION:states:REGION:ACCOUNT:TYPE:REST`.
public struct StatesARN: Equatable, Sendable {
  public var partition: String
  public var region: String
  public var account: String
  /// `stateMachine`, `execution`, `express`, `activity` or `mapRun`.
  public var resourceType: String
  /// What follows the resource type, colons included (`hello:prod`, `hello:exec-1`).
  public var resource: String

  /// What an ARN names, as `describe` needs to know.
  public enum Kind: String, Sendable {
    case stateMachine = "state machine", version, alias, execution, activity, mapRun = "map run"
  }

  /// Parses `text`; nil when it is not a Step Functions ARN.
  public init?(_ text: String) {
    let parts = text.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 7, parts[0] == "arn", parts[2] == "states", !parts[5].isEmpty, !parts[6].isEmpty else { return nil }
    (partition, region, account, resourceType, resource) = (parts[1], parts[3], parts[4], parts[5], parts[6])
  }

  /// An ARN built from its parts.
  public init(partition: String, region: String, account: String, resourceType: String, resource: String) {
    (self.partition, self.region, self.account, self.resourceType, self.resource) = (partition, region, account, resourceType, resource)
  }

  /// The ARN text.
  public var text: String { "arn:\(partition):states:\(region):\(account):\(resourceType):\(resource)" }

  /// The kind of resource: a state machine ARN with a numeric qualifier is a version, with another one an alias.
  public var kind: Kind? {
    switch resourceType {
    case "stateMachine":
      let pieces = resource.split(separator: ":")
      if pieces.count == 1 { return .stateMachine }
      return pieces[1].allSatisfy(\.isNumber) ? .version : .alias
    case "execution", "express": return .execution
    case "activity": return .activity
    case "mapRun": return .mapRun
    default: return nil
    }
  }

  /// The state machine ARN without version or alias qualifier.
  public var unqualifiedMachine: StatesARN {
    var copy = self
    copy.resource = String(resource.split(separator: ":").first ?? Substring(resource))
    return copy
  }

  /// The partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`.
  public static func partition(forRegion region: String) -> String {
    if region.hasPrefix("cn-") { return "aws-cn" }
    if region.hasPrefix("us-gov-") { return "aws-us-gov" }
    if region.hasPrefix("us-iso-") { return "aws-iso" }
    if region.hasPrefix("us-isob-") { return "aws-iso-b" }
    return "aws"
  }
}
