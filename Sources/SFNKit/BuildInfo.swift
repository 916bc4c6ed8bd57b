/// Facts stamped in at build time by `make release`; empty in development builds.
public enum BuildInfo {
  /// The git commit the binary was built from.
  public static let commit = ""
}
