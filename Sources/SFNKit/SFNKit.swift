/// The version of sfn and SFNKit.
public enum SFNVersion {
  /// Semantic version of this build.
  public static let version = "0.1.0"
}

extension SFNVersion {
  /// `0.1.0 (commit abc1234)` when the build recorded a commit.
  public static var description: String {
    BuildInfo.commit.isEmpty ? version : "\(version) (commit \(BuildInfo.commit))"
  }
}
