#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A state machine's execution role that Step Functions cannot use, with the fix: the service's answer to
/// CreateStateMachine/UpdateStateMachine recognised, or what `sfn deploy --check-role` read through IAM GetRole.
public struct ExecutionRoleError: GuidedError, Equatable {
  /// What is wrong with the role.
  public enum Problem: Sendable, Equatable {
    /// The service could not assume the role: its trust policy lacks Step Functions, or the role does not exist
    /// (AWS answers both with the same AccessDeniedException).
    case notAssumable
    /// GetRole shows a trust policy without a statement letting `states.amazonaws.com` assume the role.
    case notTrusted
    /// GetRole answered NoSuchEntity.
    case noSuchRole
    /// The caller may not pass the role to Step Functions (`iam:PassRole`).
    case passRoleDenied
  }

  public var problem: Problem
  public var roleArn: String
  /// The service's answer, when the problem came from one (its code and request id).
  public var service: ServiceError?

  /// An error for `roleArn`.
  public init(_ problem: Problem, roleArn: String, service: ServiceError? = nil) {
    self.problem = problem
    self.roleArn = roleArn
    self.service = service
  }

  /// The role's problem in the answer to a request that named `roleArn`, or nil when the answer is about
  /// something else. Matches the AccessDeniedException texts AWS sends ("Neither the global service principal
  /// states.amazonaws.com, nor the regional one is authorized to assume the provided role.", older "not authorized
  /// to assume the provided role") and the caller's missing iam:PassRole.
  public static func recognise(_ error: ServiceError, roleArn: String?) -> ExecutionRoleError? {
    guard let roleArn, error.code.hasPrefix("AccessDenied") else { return nil }
    let message = error.message.lowercased()
    if message.contains("iam:passrole") { return ExecutionRoleError(.passRoleDenied, roleArn: roleArn, service: error) }
    if message.contains("assume the provided role") || message.contains("authorized to assume") {
      return ExecutionRoleError(.notAssumable, roleArn: roleArn, service: error)
    }
    return nil
  }

  /// The role's name: the last part of `arn:aws:iam::ACCOUNT:role/PATH/NAME`.
  public var roleName: String { Self.roleName(roleArn) }

  /// The name of the role `arn` names (the text after the last `/`), or `arn` itself when it is not a role ARN.
  public static func roleName(_ arn: String) -> String {
    guard let range = arn.firstRange(of: ":role/") else { return arn }
    return String(arn[range.upperBound...].split(separator: "/").last ?? "")
  }

  /// The trust policy statement that lets Step Functions assume a role.
  public static let trustStatement =
    #"{"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}"#

  /// Rejected (4), except the caller's own missing permission (5, as other access denials).
  public var kind: FailureKind { problem == .passRoleDenied ? .credentials : .rejected }

  /// The service's code when it answered, else `ExecutionRoleNotTrusted` / `NoSuchEntity` from GetRole.
  public var errorCode: String? {
    if let service { return service.code }
    return problem == .noSuchRole ? "NoSuchEntity" : "ExecutionRoleNotTrusted"
  }

  public var description: String {
    let said = service.map { " (\($0.description))" } ?? ""
    switch problem {
    case .notAssumable:
      return "Step Functions cannot assume the execution role \(roleArn): it does not exist or its trust policy "
        + "does not allow states.amazonaws.com\(said)"
    case .notTrusted:
      return "the trust policy of role \(roleName) does not let Step Functions (states.amazonaws.com) assume it; "
        + "nothing was deployed"
    case .noSuchRole:
      return "role \(roleName) does not exist (IAM GetRole: NoSuchEntity); nothing was deployed"
    case .passRoleDenied:
      return "you may not pass role \(roleArn) to Step Functions\(said)"
    }
  }

  public var hint: String? {
    switch problem {
    case .notAssumable, .notTrusted:
      return "add this statement to the trust policy of role \(roleName) (IAM console: Trust relationships, or "
        + "aws iam update-assume-role-policy --role-name \(roleName)): \(Self.trustStatement)"
    case .noSuchRole:
      return "create role \(roleName) with a trust policy holding \(Self.trustStatement), or pass an existing "
        + "role's ARN to --role-arn"
    case .passRoleDenied:
      return "ask for iam:PassRole on \(roleArn) (with iam:PassedToService states.amazonaws.com) in your "
        + "identity's policy"
    }
  }
}

/// Reads whether a role's trust policy lets Step Functions assume it.
public enum TrustPolicy {
  /// True when an Allow statement grants sts:AssumeRole to `states.amazonaws.com`, to the regional principal of
  /// `region` (`states.eu-west-1.amazonaws.com`; any region's when nil), or to everyone (`"*"`).
  public static func trustsStepFunctions(_ policy: JSON, region: String?) -> Bool {
    let statements: [JSON]
    switch policy["Statement"] {
    case .array(let list)?: statements = list
    case let one?: statements = [one]
    case nil: return false
    }
    return statements.contains { statement in
      statement["Effect"]?.stringValue == "Allow"
        && strings(statement["Action"]).contains { ["sts:AssumeRole", "sts:*", "*"].contains($0) }
        && principalIncludesStates(statement["Principal"], region: region)
    }
  }

  private static func principalIncludesStates(_ principal: JSON?, region: String?) -> Bool {
    if principal?.stringValue == "*" { return true }
    return strings(principal?["Service"]).contains { service in
      if service == "states.amazonaws.com" { return true }
      guard service.hasPrefix("states."), service.hasSuffix(".amazonaws.com") else { return false }
      return region.map { service == "states.\($0).amazonaws.com" } ?? true
    }
  }

  /// A string or a list of strings.
  private static func strings(_ value: JSON?) -> [String] {
    switch value {
    case .string(let s)?: return [s]
    case .array(let list)?: return list.compactMap(\.stringValue)
    default: return []
    }
  }
}

/// A minimal IAM client over the awsQuery protocol: GetRole, to read a role's trust policy.
public struct IAMClient {
  let query: QueryProtocolCall
  let credentials: CredentialProvider

  /// A client for the IAM endpoint (`AWS_ENDPOINT_URL_IAM` and the other configured URLs first, else the
  /// partition's global endpoint), signed with `credentials`.
  public init(setup: ClientSetup, transport: HTTPTransport, credentials: CredentialProvider, clock: Clock = .system)
    throws
  {
    let region = setup.region?.value ?? "us-east-1"
    let partition = Partition.forRegion(region)
    // IAM is global: one endpoint and signing region per partition.
    var signingRegion = "us-east-1"
    var url = "https://iam.amazonaws.com"
    switch partition.name {
    case "aws": break
    case "aws-cn": (signingRegion, url) = ("cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn")
    case "aws-us-gov": (signingRegion, url) = ("us-gov-west-1", "https://iam.us-gov.amazonaws.com")
    default: (signingRegion, url) = (region, "https://iam.\(region).\(partition.dnsSuffix)")
    }
    let resolver = EndpointResolver(service: .iam, commandLine: nil, environment: setup.context.environment,
                                    profile: setup.context.profile, files: setup.context.files)
    if let configured = try resolver.configuredEndpoint() { url = configured.value }
    guard let endpoint = URL(string: url) else {
      throw ConfigError(.invalidSetting, "IAM endpoint \(url) is not a URL", profile: setup.profile.name)
    }
    query = QueryProtocolCall(endpoint: endpoint, service: "iam", signingRegion: signingRegion, transport: transport,
                              clock: clock, timeout: 30)
    self.credentials = credentials
  }

  /// The trust policy (AssumeRolePolicyDocument) of role `name`; the service's error (NoSuchEntity,
  /// AccessDenied, ...) as a `ServiceError`.
  public func trustPolicy(ofRole name: String) throws -> JSON {
    let response = try query.send([("Action", "GetRole"), ("RoleName", name), ("Version", "2010-05-08")],
                                  signedWith: try credentials.credentials())
    guard (200..<300).contains(response.status) else { throw ServiceError.parse(response) }
    let xml = String(decoding: response.body, as: UTF8.self)
    // IAM sends the document URL-encoded inside the XML text.
    guard let encoded = XMLText.first("AssumeRolePolicyDocument", in: xml),
      let policy = try? JSONParser.parse(SigV4Canonical.percentDecode(encoded))
    else {
      throw ServiceError(code: "InvalidResponse", message: "GetRole answered without a readable "
                         + "AssumeRolePolicyDocument", status: response.status,
                         requestId: XMLText.first("RequestId", in: xml))
    }
    return policy
  }
}

/// `sfn deploy --check-role`: reads the execution role's trust policy before anything is deployed.
public struct ExecutionRoleCheck {
  /// Reads a role's trust policy by name (IAM GetRole).
  public var trustPolicy: (String) throws -> JSON
  /// The client's region, for regional principals.
  public var region: String?

  /// A check reading trust policies through `trustPolicy`.
  public init(region: String?, trustPolicy: @escaping (String) throws -> JSON) {
    self.region = region
    self.trustPolicy = trustPolicy
  }

  /// What the check found when it did not stop the deploy.
  public enum Outcome: Equatable {
    /// The trust policy lets Step Functions assume the role.
    case trusted
    /// The policy could not be read (no iam:GetRole permission, an endpoint without IAM): the deploy goes on.
    case unreadable(ServiceError)
  }

  /// Trusted or unreadable; throws `ExecutionRoleError` when the role is missing or does not trust Step Functions.
  public func check(roleArn: String) throws -> Outcome {
    let name = ExecutionRoleError.roleName(roleArn)
    let policy: JSON
    do { policy = try trustPolicy(name) } catch let e as ServiceError {
      if e.code == "NoSuchEntity" { throw ExecutionRoleError(.noSuchRole, roleArn: roleArn) }
      return .unreadable(e)
    }
    guard TrustPolicy.trustsStepFunctions(policy, region: region) else {
      throw ExecutionRoleError(.notTrusted, roleArn: roleArn)
    }
    return .trusted
  }
}
