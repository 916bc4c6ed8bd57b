import Foundation

/// Whole-string regular-expression matching for the model's few pattern constraints, compiled once per pattern.
enum PatternMatcher {
  private static let cache: [String: NSRegularExpression] = Dictionary(
    uniqueKeysWithValues: WireValidator.patterns.values.compactMap { p in
      (try? NSRegularExpression(pattern: p)).map { (p, $0) }
    })

  /// True when `pattern` matches all of `text`.
  static func matches(_ text: String, pattern: String) -> Bool {
    guard let regex = cache[pattern] ?? (try? NSRegularExpression(pattern: pattern)) else { return true }
    let range = NSRange(text.startIndex..., in: text)
    guard let match = regex.firstMatch(in: text, options: [.anchored], range: range) else { return false }
    return match.range == range
  }
}
