import SFNKit

/// An error as Step Functions names and raises it (`States.TaskFailed`, `States.Runtime`, a task's own error),
/// with its cause; what Retry and Catch match and what ExecutionFailed reports.
public struct StatesError: Error, Equatable, Sendable {
  /// The error name, e.g. `States.Runtime`.
  public var error: String
  /// The cause text, if any.
  public var cause: String?

  /// An error with this name and cause.
  public init(_ error: String, cause: String? = nil) {
    self.error = error
    self.cause = cause
  }

  /// `States.Runtime` with this cause.
  public static func runtime(_ cause: String) -> StatesError { StatesError("States.Runtime", cause: cause) }
}
