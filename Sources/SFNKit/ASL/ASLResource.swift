/// Shape checks of the ARNs a Task (or a Map's ItemReader/ResultWriter) names as its Resource.
struct ASLResourceARN {
  /// What a well-formed Task resource designates.
  enum Kind: Equatable {
    case lambdaFunction
    case activity
    /// `arn:<partition>:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken]`.
    case integration(service: String, action: String, pattern: String)
  }

  /// Why an ARN is not a valid Task resource.
  struct Invalid: Error {
    let message: String
  }

  let partition: String
  let service: String
  let region: String
  let account: String
  let resource: String

  /// AWS partitions an ARN may name.
  static let partitions: Set<String> = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
                                        "aws-iso-f", "aws-eusc"]

  /// Splits `arn:partition:service:region:account:resource` (the resource part may contain colons).
  init?(_ text: String) {
    let parts = Self.collapsingPlaceholders(text)
      .split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 6, parts[0] == "arn" else { return nil }
    (partition, service, region, account, resource) = (parts[1], parts[2], parts[3], parts[4], parts[5])
  }

  /// `${AWS::Region}`-style template placeholders (SAM, CloudFormation) become `${}` so their colons do not split.
  private static func collapsingPlaceholders(_ text: String) -> String {
    guard text.contains("${") else { return text }
    var out = ""
    var inside = false
    var rest = Substring(text)
    while let c = rest.first {
      if !inside, rest.hasPrefix("${") {
        out += "${"
        inside = true
        rest = rest.dropFirst(2)
        continue
      }
      if inside {
        if c == "}" {
          out.append("}")
          inside = false
        }
      } else {
        out.append(c)
      }
      rest = rest.dropFirst()
    }
    return out
  }

  /// The resource kind, or why the ARN is not a valid Task resource.
  func classify() -> Result<Kind, Invalid> {
    func fail(_ m: String) -> Result<Kind, Invalid> { .failure(Invalid(message: m)) }
    if !Self.partitions.contains(partition) && !partition.contains("${") {
      return fail("unknown partition '\(partition)'")
    }
    switch service {
    case "states" where region.isEmpty && account.isEmpty:
      return integration()
    case "states":
      if region.isEmpty || account.isEmpty {
        return fail("an activity ARN needs a region and an account: "
                      + "arn:\(partition):states:REGION:ACCOUNT:activity:NAME")
      }
      guard resource.hasPrefix("activity:"), resource.count > 9 else {
        return fail("a states ARN with a region and account must be an activity (…:activity:NAME)")
      }
      return .success(.activity)
    case "lambda":
      if region.isEmpty || account.isEmpty {
        return fail("a Lambda function ARN needs a region and an account: "
                      + "arn:\(partition):lambda:REGION:ACCOUNT:function:NAME")
      }
      let p = resource.split(separator: ":", omittingEmptySubsequences: false)
      guard p.count == 2 || p.count == 3, p[0] == "function", !p[1].isEmpty, p.count == 2 || !p[2].isEmpty else {
        return fail("a Lambda ARN must name a function: …:function:NAME[:VERSION_OR_ALIAS]")
      }
      return .success(.lambdaFunction)
    default:
      return fail("a Task resource must be a Lambda function, an activity or a service integration "
                    + "(arn:\(partition):states:::SERVICE:ACTION), not a '\(service)' ARN")
    }
  }

  private func integration() -> Result<Kind, Invalid> {
    var rest = Substring(resource)
    var pattern = ""
    for suffix in [".sync:2", ".sync", ".waitForTaskToken"] where rest.hasSuffix(suffix) {
      pattern = suffix
      rest = rest.dropLast(suffix.count)
      break
    }
    var parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    if parts.first == "aws-sdk", parts.count == 3 {
      if pattern.hasPrefix(".sync") {
        return .failure(Invalid(message: "AWS SDK integrations do not support the .sync pattern"))
      }
      parts.removeFirst()
    }
    guard parts.count == 2, Self.isServiceName(parts[0]), Self.isActionName(parts[1]) else {
      return .failure(Invalid(
        message: "a service integration ARN must look like arn:\(partition):states:::SERVICE:ACTION"
          + "[.sync|.sync:2|.waitForTaskToken]"))
    }
    return .success(.integration(service: parts[0], action: parts[1], pattern: pattern))
  }

  private static func isServiceName(_ s: String) -> Bool {
    !s.isEmpty && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
  }

  private static func isActionName(_ s: String) -> Bool {
    guard let f = s.utf8.first, (f >= 0x61 && f <= 0x7A) || (f >= 0x41 && f <= 0x5A) else { return false }
    return s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
  }

  /// Region looks like `us-east-1` (or is a template placeholder).
  var hasPlausibleRegion: Bool {
    if region.isEmpty || region.contains("${") { return true }
    let parts = region.split(separator: "-")
    guard parts.count >= 3, let last = parts.last, last.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return false }
    return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= "a" && $0 <= "z" } }
  }

  /// Account is 12 digits (or is a template placeholder).
  var hasPlausibleAccount: Bool {
    account.isEmpty || account.contains("${") || (account.count == 12 && account.allSatisfy { $0 >= "0" && $0 <= "9" })
  }
}

extension ASLChecker {
  /// Checks a Task's Resource; returns its kind when it is a well-formed ARN.
  @discardableResult
  func checkTaskResource(_ node: ASLNode) -> ASLResourceARN.Kind? {
    guard let text = node.string else {
      typeError(node, name: "Resource", expected: "a string")
      return nil
    }
    guard text.contains(":") else {
      error("'Resource' must be an ARN (a URI), got '\(text)'", at: node, code: "invalid-resource")
      return nil
    }
    guard text.hasPrefix("arn:") else {
      // statelint accepts any URI; the service wants an ARN, so only warn.
      warning("'Resource' is not an ARN; Step Functions expects a Lambda function, activity or service integration "
                + "ARN", at: node, code: "resource-not-arn")
      return nil
    }
    guard let arn = ASLResourceARN(text) else {
      error("'Resource' is not a well-formed ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)", at: node,
            code: "invalid-resource")
      return nil
    }
    switch arn.classify() {
    case .failure(let p):
      error("'Resource' is not a valid Task resource: \(p.message)", at: node, code: "invalid-resource")
      return nil
    case .success(let kind):
      if !arn.hasPlausibleRegion {
        warning("'Resource' region '\(arn.region)' does not look like an AWS region", at: node, code: "arn-region")
      }
      if !arn.hasPlausibleAccount {
        warning("'Resource' account '\(arn.account)' is not a 12-digit AWS account ID", at: node, code: "arn-account")
      }
      return kind
    }
  }
}
