/// File paths as text, split and joined the way NSString's path methods do, without Foundation.
public enum PathText {
  /// `a/b/c.json` -> `c.json`; trailing slashes ignored; `/` -> `/`.
  public static func lastComponent(_ path: String) -> String {
    let trimmed = withoutTrailingSlashes(path)
    if trimmed == "/" { return "/" }
    guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
    return String(trimmed[trimmed.index(after: slash)...])
  }

  /// `a/b/c.json` -> `a/b`; `c.json` -> ``; `/c` -> `/`.
  public static func deletingLastComponent(_ path: String) -> String {
    let trimmed = withoutTrailingSlashes(path)
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    if slash == trimmed.startIndex { return "/" }
    return withoutTrailingSlashes(String(trimmed[..<slash]))
  }

  /// `a` + `b` -> `a/b`; `` + `b` -> `b`; `a/` + `b` -> `a/b`.
  public static func appending(_ path: String, _ component: String) -> String {
    if path.isEmpty { return component }
    if component.isEmpty { return path }
    return withoutTrailingSlashes(path) + (path == "/" ? "" : "/") + component
  }

  private static func withoutTrailingSlashes(_ path: String) -> String {
    var text = path
    while text.count > 1, text.hasSuffix("/") { text.removeLast() }
    return text
  }
}
