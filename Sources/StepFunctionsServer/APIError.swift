/// An error answered to a client in AWS's JSON 1.0 shape: `{"__type": "...#Code", "message": "..."}`.
///
/// AWS qualifies the code with a namespace that SDKs strip at `#`: the service's own exceptions live in
/// `com.amazonaws.swf.service.v2.model`, model-constraint violations in `com.amazon.coral.validate`, and protocol
/// failures (unknown operation, unreadable body) in `com.amazon.coral.service`.
public struct APIError: Error, Equatable, Sendable {
  /// Where AWS's error code lives; it decides the `__type` prefix.
  public enum Namespace: String, Sendable {
    case service = "com.amazonaws.swf.service.v2.model"
    case validate = "com.amazon.coral.validate"
    case coral = "com.amazon.coral.service"
  }

  /// The bare error code (`StateMachineDoesNotExist`).
  public let code: String
  /// The human-readable message (`nil` for the protocol errors AWS answers without one).
  public let message: String?
  /// The namespace of `code`, which decides the `__type` prefix.
  public let namespace: Namespace
  /// The HTTP status; 400 for everything but throttling, size and internal failures.
  public let status: Int

  /// An error with `code` and `message`.
  public init(_ code: String, _ message: String?, namespace: Namespace = .service, status: Int = 400) {
    self.code = code
    self.message = message
    self.namespace = namespace
    self.status = status
  }

  /// The qualified code in `__type`.
  public var qualifiedType: String { namespace.rawValue + "#" + code }
}

extension APIError {
  /// A model-constraint violation (its message lists every violation, as AWS's does).
  static func validation(_ message: String) -> APIError {
    APIError("ValidationException", message, namespace: .validate)
  }

  /// A name that breaks the service's character rules.
  static func invalidName(_ name: String) -> APIError { APIError("InvalidName", "Invalid Name: '\(name)'") }

  /// An ARN that cannot be read, or names a resource of the wrong kind.
  static func invalidArn(_ detail: String) -> APIError { APIError("InvalidArn", "Invalid Arn: '\(detail)'") }

  /// A pagination token this server did not issue for this listing.
  static func invalidToken(_ token: String) -> APIError { APIError("InvalidToken", "Invalid Token: '\(token)'") }

  /// The state machine, version or alias does not exist.
  static func stateMachineDoesNotExist(_ arn: String) -> APIError {
    APIError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
  }

  /// The activity does not exist.
  static func activityDoesNotExist(_ arn: String) -> APIError {
    APIError("ActivityDoesNotExist", "Activity Does Not Exist: '\(arn)'")
  }

  /// The execution does not exist.
  static func executionDoesNotExist(_ arn: String) -> APIError {
    APIError("ExecutionDoesNotExist", "Execution Does Not Exist: '\(arn)'")
  }

  /// A tagged resource that does not exist.
  static func resourceNotFound(_ arn: String) -> APIError {
    APIError("ResourceNotFound", "Resource not found: '\(arn)'")
  }

  /// A change that conflicts with the resource's current state.
  static func conflict(_ message: String) -> APIError { APIError("ConflictException", message) }

  /// The server failed; the client may retry.
  static func internalFailure(_ message: String) -> APIError {
    APIError("InternalFailure", message, namespace: .coral, status: 500)
  }
}
