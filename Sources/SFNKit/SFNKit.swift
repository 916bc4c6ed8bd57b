/// The version of sfn and SFNKit.
public enum SFNVersion {
  /// Semantic version of this build.
  public static let version = "0.1.0"
}
