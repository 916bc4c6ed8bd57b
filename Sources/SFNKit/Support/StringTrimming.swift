extension StringProtocol {
  /// The text without leading and trailing spaces, tabs, CR and LF.
  public func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs (Unicode space separators too), as Foundation's
  /// `trimmingCharacters(in: .whitespaces)`.
  public func trimmingSpacesAndTabs() -> String {
    let scalars = String(self).unicodeScalars
    let isBlank: (Unicode.Scalar) -> Bool = { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    guard let first = scalars.firstIndex(where: { !isBlank($0) }),
          let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
    return String(scalars[first...last])
  }
}

extension String {
  /// The text without trailing `/` characters, for joining a base URL and a path.
  var withoutTrailingSlashes: String {
    var text = self
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }
}
