/// A Step Functions ARN taken apart: `arn:PARTITION:states:REGION:ACCOUNT:TYPE:PART[:PART...]`.
struct ResourceARN: Equatable, Sendable {
  /// The resource kinds Step Functions ARNs name.
  enum Kind: String, Sendable {
    case stateMachine, activity, execution, express, mapRun
  }

  let partition: String
  let region: String
  let account: String
  let kind: Kind
  /// The colon-separated parts after the kind (`[machine]`, `[machine, "3"]`, `[machine, execution]`).
  let parts: [String]

  /// Builds an ARN of `kind` in `scope`.
  init(_ kind: Kind, _ parts: [String], scope: ARNScope) {
    partition = scope.partition
    region = scope.region
    account = scope.account
    self.kind = kind
    self.parts = parts
  }

  /// Reads `text`; nil when it is not a Step Functions ARN of a known kind.
  init?(parsing text: String) {
    // Split as bytes: the generic String split took about 24,000 instructions an ARN (callgrind), two ARNs a request.
    let fields = text.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false).map {
      String(Substring($0))
    }
    guard fields.count >= 7, fields[0] == "arn", fields[2] == "states", !fields[1].isEmpty,
          !fields[3].isEmpty, !fields[4].isEmpty, let kind = Kind(rawValue: fields[5]),
          fields[6...].allSatisfy({ !$0.isEmpty })
    else { return nil }
    partition = fields[1]
    region = fields[3]
    account = fields[4]
    self.kind = kind
    parts = Array(fields[6...])
  }

  /// The partition, region and account of this ARN.
  var scope: ARNScope { ARNScope(partition: partition, region: region, account: account) }

  /// The ARN text.
  var text: String { (["arn", partition, "states", region, account, kind.rawValue] + parts).joined(separator: ":") }

  /// The ARN of the same kind with only the first `count` parts (a version's or alias's state machine).
  func prefix(_ count: Int) -> ResourceARN {
    ResourceARN(kind, Array(parts.prefix(count)), scope: scope)
  }
}

/// The partition, region and account the server's resources live in.
public struct ARNScope: Equatable, Sendable {
  /// The partition (`aws`).
  public let partition: String
  /// The region in every ARN.
  public let region: String
  /// The account id in every ARN.
  public let account: String

  /// A scope; Step Functions Local's defaults are us-east-1 and account 123456789012.
  public init(partition: String = "aws", region: String = "us-east-1", account: String = "123456789012") {
    self.partition = partition
    self.region = region
    self.account = account
  }
}

/// What one ARN parameter of a request names, checked as AWS checks it.
enum ARNTarget {
  /// A state machine, possibly qualified by a version number or an alias name.
  case stateMachine(machine: ResourceARN, qualifier: Qualifier?)
  case activity(ResourceARN)

  /// What follows a state machine's name in a qualified ARN.
  enum Qualifier: Equatable {
    case version(Int)
    case alias(String)
  }

  /// Reads a state machine ARN, bare or qualified; `allowQualified` false rejects versions and aliases.
  static func stateMachine(_ text: String, allowQualified: Bool = true) throws -> (ResourceARN, Qualifier?) {
    guard let arn = ResourceARN(parsing: text) else { throw APIError.invalidArn("Invalid ARN prefix: \(text)") }
    guard arn.kind == .stateMachine, (1...2).contains(arn.parts.count) else {
      throw APIError.invalidArn("Resource type not valid in this context: \(arn.kind.rawValue)")
    }
    guard arn.parts.count == 2 else { return (arn, nil) }
    guard allowQualified else { throw APIError.invalidArn("Resource type not valid in this context: \(text)") }
    let tail = arn.parts[1]
    if let n = Int(tail), n > 0, String(n) == tail { return (arn.prefix(1), .version(n)) }
    return (arn.prefix(1), .alias(tail))
  }

  /// Reads an ARN that must name a resource of `kind` with `partCount` parts.
  static func resource(_ text: String, kind: ResourceARN.Kind, partCount: Int) throws -> ResourceARN {
    guard let arn = ResourceARN(parsing: text) else { throw APIError.invalidArn("Invalid ARN prefix: \(text)") }
    guard arn.kind == kind, arn.parts.count == partCount else {
      throw APIError.invalidArn("Resource type not valid in this context: \(arn.kind.rawValue)")
    }
    return arn
  }
}
