/// What a Task state's `Resource` designates, and how AWS names it in history events.
///
/// `arn:aws:states:::lambda:invoke.waitForTaskToken` is the `lambda` integration's `invoke` action with the
/// callback pattern; AWS writes it in TaskScheduled as resourceType `lambda`, resource `invoke.waitForTaskToken`.
/// `arn:aws:states:::aws-sdk:s3:getObject` is resourceType `aws-sdk:s3`, resource `getObject`. Lambda function
/// ARNs and activity ARNs have their own event families (LambdaFunction*, Activity*).
public struct TaskResource: Sendable, Equatable {
  /// The kinds of resource a Task can name.
  public enum Kind: Sendable, Equatable {
    /// An optimized service integration, `arn:PARTITION:states:::SERVICE:ACTION[PATTERN]`.
    case integration(service: String, action: String)
    /// An AWS SDK integration, `arn:PARTITION:states:::aws-sdk:SERVICE:ACTION[PATTERN]`.
    case sdk(service: String, action: String)
    /// A Lambda function named by its own ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`).
    case lambdaFunction
    /// An activity, `arn:PARTITION:states:REGION:ACCOUNT:activity:NAME`.
    case activity
    /// Anything else; the engine still runs it through its handlers (a mock or a command may answer it).
    case other
  }

  /// The service integration patterns.
  public enum Pattern: String, Sendable, Equatable {
    /// Call the service and move on with its response.
    case requestResponse = ""
    /// `.sync`: wait for the job to finish.
    case sync = ".sync"
    /// `.sync:2`: wait for the job; the result is parsed JSON (Step Functions children).
    case sync2 = ".sync:2"
    /// `.waitForTaskToken`: wait for SendTaskSuccess/SendTaskFailure with the task token.
    case waitForTaskToken = ".waitForTaskToken"
  }

  /// The ARN as written.
  public var arn: String
  /// What it designates.
  public var kind: Kind
  /// The integration pattern (`.requestResponse` for Lambda functions, activities and unknown resources).
  public var pattern: Pattern

  /// Classifies `arn`.
  public init(_ arn: String) {
    self.arn = arn
    let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
    kind = .other
    pattern = .requestResponse
    guard parts.count == 6, parts[0] == "arn" else { return }
    let (service, region, account, rest) = (parts[2], parts[3], parts[4], parts[5])
    switch service {
    case "states" where region.isEmpty && account.isEmpty:
      let (action, pattern) = Self.splitPattern(rest)
      self.pattern = pattern
      let pieces = action.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      if pieces.count == 3, pieces[0] == "aws-sdk" {
        kind = .sdk(service: pieces[1], action: pieces[2])
      } else if pieces.count == 2 {
        kind = .integration(service: pieces[0], action: pieces[1])
      }
    case "states" where rest.hasPrefix("activity:"):
      kind = .activity
    case "lambda" where rest.hasPrefix("function:"):
      kind = .lambdaFunction
    default:
      break
    }
  }

  /// `resourceType` as AWS writes it in Task* events (`lambda`, `aws-sdk:s3`), nil outside integrations.
  public var resourceType: String? {
    switch kind {
    case .integration(let service, _): return service
    case .sdk(let service, _): return "aws-sdk:\(service)"
    default: return nil
    }
  }

  /// `resource` as AWS writes it in Task* events: the action with its pattern (`invoke.waitForTaskToken`).
  public var resourceName: String? {
    switch kind {
    case .integration(_, let action), .sdk(_, let action): return action + pattern.rawValue
    default: return nil
    }
  }

  /// True for `states:startExecution` in any pattern: a child execution the engine itself runs.
  public var isStartExecution: Bool {
    if case .integration("states", "startExecution") = kind { return true }
    return false
  }

  /// Separates a trailing `.sync`, `.sync:2` or `.waitForTaskToken` from the action.
  private static func splitPattern(_ text: String) -> (String, Pattern) {
    for pattern in [Pattern.sync2, .sync, .waitForTaskToken] where text.hasSuffix(pattern.rawValue) {
      return (String(text.dropLast(pattern.rawValue.count)), pattern)
    }
    return (text, .requestResponse)
  }
}
