/// A name or ARN the user gave that does not name a resource of the kind asked for.
public enum ReferenceError: UserFacingError, Equatable {
  /// Neither an execution ARN nor MACHINE/EXECUTION-NAME.
  case notAnExecution(String)
  /// An `arn:` that is not a Step Functions resource ARN.
  case notAStatesARN(String)
  /// An ARN of another kind than `what` (state machine, activity, execution).
  case wrongARN(String, what: String)
  /// Not usable as a name of `what`.
  case notAName(String, what: String)
  /// No resource of `what` has this name in `region`; `listing` is the verb that lists them.
  case notFound(name: String, what: String, region: String, listing: String)

  /// Usage (64) for malformed references; rejected (4) when the service has no such resource.
  public var kind: FailureKind {
    if case .notFound = self { return .rejected }
    return .usage
  }

  /// The one-line message.
  public var description: String {
    switch self {
    case .notAnExecution(let text): return "'\(text)' is not an execution: give its ARN or MACHINE/EXECUTION-NAME"
    case .notAStatesARN(let text):
      return "'\(text)' is not a Step Functions ARN (state machine, version, alias, execution, activity or map run)"
    case .wrongARN(let text, let what):
      return "'\(text)' is not \(what == "activity" || what == "execution" ? "an" : "a") \(what) ARN"
    case .notAName(let text, let what): return "'\(text)' is not a \(what) name or ARN"
    case .notFound(let name, let what, let region, let listing):
      return "no \(what) named '\(name)' in \(region); `sfn \(listing)` lists them"
    }
  }
}
