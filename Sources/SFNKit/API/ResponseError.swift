/// The service answered, but not as the client can go on with (or, for `stateMachineTypeChange`, the answer
/// shows the request cannot be carried out).
public enum ResponseError: UserFacingError, Equatable {
  /// A page repeated the previous page's next token (pagination would never end).
  case repeatedNextToken(String)
  /// A response without a member the client needs.
  case missingMember(OperationName, member: String)
  /// A deploy wanted to point an alias at a version but none was published.
  case noVersionForAlias(String)
  /// A deploy asked for another type than the state machine has.
  case stateMachineTypeChange(name: String, current: String, requested: String)
  /// The endpoint does not implement ValidateStateMachineDefinition (`code` is its error code).
  case remoteValidationUnsupported(code: String)

  /// Rejected (4), except an endpoint without remote validation: unreachable (6).
  public var kind: FailureKind {
    if case .remoteValidationUnsupported = self { return .unreachable }
    return .rejected
  }

  /// The one-line message.
  public var description: String {
    switch self {
    case .repeatedNextToken(let token): return "the service returned the same next token twice: \(token)"
    case .missingMember(let operation, let member): return "\(operation.rawValue) answered without \(member)"
    case .noVersionForAlias(let alias): return "no version to point alias \(alias) at"
    case .stateMachineTypeChange(let name, let current, let requested):
      return "state machine \(name) is \(current); its type cannot change to \(requested) "
        + "(delete it first, or deploy under another name)"
    case .remoteValidationUnsupported(let code):
      return "--remote: the endpoint does not implement ValidateStateMachineDefinition (\(code)); "
        + "run without --remote to use the local checks only"
    }
  }
}
