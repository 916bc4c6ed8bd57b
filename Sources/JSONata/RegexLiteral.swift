/// A `/pattern/flags` literal compiled with the standard library's `Regex`, matching with JavaScript's
/// semantics where they differ: Unicode scalars rather than characters, ASCII `\d` and `\w`, offsets in UTF-16.
final class RegexLiteral: RegexMatcher {
  let pattern: String
  let flags: String
  private let regex: Regex<AnyRegexOutput>
  /// The pattern may assert something about the text before a match (`^`, `\b`, `\B`, lookbehind), so a search
  /// from an offset must see the whole string rather than the rest of it.
  private let looksBehind: Bool

  init(pattern: String, flags: String, position: Int) throws {
    self.pattern = pattern
    self.flags = flags
    looksBehind = pattern.contains("^") || pattern.contains("\\b") || pattern.contains("\\B")
      || pattern.contains("(?<=") || pattern.contains("(?<!")
    do {
      var regex = try Regex(RegexLiteral.translate(pattern))
        .matchingSemantics(.unicodeScalar)
        .asciiOnlyDigits()
        .asciiOnlyWordCharacters()
      if flags.contains("i") { regex = regex.ignoresCase() }
      if flags.contains("m") { regex = regex.anchorsMatchLineEndings() }
      self.regex = regex
    } catch {
      throw JSONataError(code: "S0303", position: position, token: pattern, value: .string(pattern))
    }
  }

  /// Rewrites the JavaScript constructs Swift's regex syntax reads differently: `[^]` (any character) and `$`
  /// (only the end of the input, not before a final newline, unless multiline).
  private static func translate(_ pattern: String) -> String {
    var out = ""
    var chars = Array(pattern)[...]
    var inClass = false
    while let c = chars.first {
      chars = chars.dropFirst()
      if c == "\\", let next = chars.first {
        chars = chars.dropFirst()
        out.append(c)
        out.append(next)
        continue
      }
      if !inClass && c == "[" {
        if chars.starts(with: "^]") {
          chars = chars.dropFirst(2)
          out += "[\\s\\S]"
          continue
        }
        if chars.first == "]" {
          // `[]` matches nothing in JavaScript
          chars = chars.dropFirst()
          out += "(?!)"
          continue
        }
        inClass = true
      } else if inClass && c == "]" {
        inClass = false
      }
      out.append(c)
    }
    return out
  }

  func firstMatch(in text: String, from offset: Int) throws -> RegexMatch? {
    let utf16 = text.utf16
    guard offset <= utf16.count else { return nil }
    let start = utf16.index(utf16.startIndex, offsetBy: offset)
    let found: Regex<AnyRegexOutput>.Match?
    if offset == 0 {
      found = try regex.firstMatch(in: text)
    } else if looksBehind {
      // Searching the rest of the string would make `^` and `\b` see its start as the text's start; the matches
      // of the whole text, in order, are the ones JavaScript's successive searches find.
      found = text.matches(of: regex).first { $0.range.lowerBound >= start }
    } else {
      found = try regex.firstMatch(in: text[start...])
    }
    guard let match = found else { return nil }
    let range = match.range
    let lower = utf16.distance(from: utf16.startIndex, to: range.lowerBound)
    let length = utf16.distance(from: range.lowerBound, to: range.upperBound)
    var groups: [String] = []
    if match.output.count > 1 {
      for i in 1..<match.output.count { groups.append(match.output[i].substring.map(String.init) ?? "") }
    }
    return RegexMatch(match: String(text[range]), start: lower, end: lower + length, groups: groups)
  }
}
