#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One property as written in a file: its value (raw, with continuation lines joined by `\n`) and where its key was.
public struct ProfileValue: Sendable, Equatable {
  /// The trimmed value; continuation and sub-property lines follow after `\n`.
  public var value: String
  /// The file and line of the `key = value` line.
  public var location: SourceLocation

  /// A value written at `location`.
  public init(_ value: String, at location: SourceLocation) {
    self.value = value
    self.location = location
  }
}

/// A `[...]` section exactly as read, before deciding whether it is a profile, an sso-session or ignored.
struct RawSection {
  /// The text between the brackets, trimmed (e.g. `profile foo`).
  var header: String
  /// The line of the header.
  var location: SourceLocation
  /// Keys (lower-cased) in order of first appearance.
  var keys: [String] = []
  /// Lower-cased key to value.
  var values: [String: ProfileValue] = [:]

  mutating func set(_ key: String, _ value: ProfileValue) {
    if values[key] == nil { keys.append(key) }
    values[key] = value
  }
}

/// Reads the AWS shared config/credentials INI dialect into raw sections, keeping line numbers.
///
/// The rules follow the cross-SDK conformance suite (`profile-parser-tests.json`): full-line comments start with
/// `#` or `;`; on a section line any `#`/`;` starts a comment; in a property value only one preceded by whitespace
/// does; an indented line continues the previous property (or, under an empty value, adds a sub-property);
/// keys are case-insensitive.
struct ProfileFileParser {
  static let whitespace: Set<Character> = [" ", "\t"]
  static let commentStarts: Set<Character> = ["#", ";"]

  let path: String

  private var sections: [RawSection] = []
  /// The key of the property a continuation line would extend, and whether it takes sub-properties.
  private var currentProperty: (key: String, isParent: Bool)?

  init(path: String) { self.path = path }

  /// Parses `text`; sections repeat in the output in file order (merging is the caller's job).
  static func parse(_ text: String, path: String) throws -> [RawSection] {
    var parser = ProfileFileParser(path: path)
    var lineNumber = 0
    // Windows editors may start the file with a byte-order mark; it is not part of the first line.
    let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
      lineNumber += 1
      try parser.read(line, number: lineNumber)
    }
    return parser.sections
  }

  private mutating func read(_ line: Substring, number: Int) throws {
    let trimmed = Self.trim(line)
    // Python's configparser (used by the AWS CLI) also treats indented `#`/`;` lines as comments.
    if trimmed.isEmpty || Self.commentStarts.contains(trimmed.first!) { return }
    let location = SourceLocation(path: path, line: number)
    if line.first == "[" {
      try readSectionHeader(line, at: location)
    } else if Self.whitespace.contains(line.first!) {
      try readContinuation(trimmed, at: location)
    } else {
      try readProperty(line, at: location)
    }
  }

  private mutating func readSectionHeader(_ line: Substring, at location: SourceLocation) throws {
    let text = Self.stripComment(line, needsWhitespace: false)
    guard text.hasSuffix("]") else {
      throw ConfigError(.malformedFile, "Profile definition must end with ']'", location: location)
    }
    let header = Self.trim(text.dropFirst().dropLast())
    sections.append(RawSection(header: String(header), location: location))
    currentProperty = nil
  }

  private mutating func readProperty(_ line: Substring, at location: SourceLocation) throws {
    guard !sections.isEmpty else {
      throw ConfigError(.malformedFile, "Expected a profile definition before the property", location: location)
    }
    let (key, value) = try inSection { try Self.splitProperty(Self.stripComment(line, needsWhitespace: true),
                                                              what: "property", at: location) }
    currentProperty = (key, value.isEmpty)
    // Keys with characters outside the identifier set are ignored, as every SDK does.
    guard Self.isValidIdentifier(key) else { return }
    sections[sections.count - 1].set(key, ProfileValue(value, at: location))
  }

  private mutating func readContinuation(_ trimmed: Substring, at location: SourceLocation) throws {
    guard !sections.isEmpty else {
      throw ConfigError(.malformedFile, "Expected a profile definition, found a continuation line", location: location)
    }
    guard let (key, isParent) = currentProperty else {
      throw malformed("Expected a property definition, found continuation", at: location)
    }
    if isParent {
      // Sub-properties are checked for shape but kept as raw text, like the other SDKs do.
      _ = try inSection { try Self.splitProperty(Self.stripComment(trimmed, needsWhitespace: true),
                                                 what: "sub-property", at: location) }
    }
    let index = sections.count - 1
    guard var existing = sections[index].values[key] else { return }  // an ignored (invalid) key
    existing.value += "\n" + trimmed
    sections[index].values[key] = existing
  }

  /// A malformed-file error that also names the section being read (`in [profile dev]`).
  private func malformed(_ message: String, at location: SourceLocation) -> ConfigError {
    guard let header = sections.last?.header else { return ConfigError(.malformedFile, message, location: location) }
    return ConfigError(.malformedFile, "\(message) (in [\(header)])", location: location,
                       profile: header.split(separator: " ").last.map(String.init))
  }

  /// Runs `body`, adding the current section to a malformed-file error it throws.
  private func inSection<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ConfigError where error.reason == .malformedFile {
      throw malformed(error.message, at: error.location ?? SourceLocation(path: path, line: 0))
    }
  }

  /// Splits `key = value`, lower-casing and trimming the key and trimming the value.
  static func splitProperty(_ text: Substring, what: String, at location: SourceLocation) throws
    -> (String, String)
  {
    guard let equals = text.firstIndex(of: "=") else {
      throw ConfigError(.malformedFile, "Expected an '=' sign defining a \(what)", location: location)
    }
    let key = trim(text[..<equals])
    guard !key.isEmpty else {
      let capitalised = what.prefix(1).uppercased() + what.dropFirst()
      throw ConfigError(.malformedFile, "\(capitalised) did not have a name", location: location)
    }
    return (key.lowercased(), String(trim(text[text.index(after: equals)...])))
  }

  /// Cuts a trailing comment; in property values a comment needs whitespace before it (`a;b` stays whole).
  static func stripComment(_ line: Substring, needsWhitespace: Bool) -> Substring {
    let text = trim(line)
    var previousIsWhitespace = false
    for index in text.indices {
      let character = text[index]
      if commentStarts.contains(character) && (previousIsWhitespace || !needsWhitespace) {
        return trim(text[..<index])
      }
      previousIsWhitespace = whitespace.contains(character)
    }
    return text
  }

  /// Trims spaces and tabs (not other Unicode whitespace) from both ends.
  static func trim(_ text: Substring) -> Substring {
    var text = text
    while let first = text.first, whitespace.contains(first) { text = text.dropFirst() }
    while let last = text.last, whitespace.contains(last) { text = text.dropLast() }
    return text
  }

  /// Profile, section and property names: ASCII letters, digits and `_ - / . % @ : +`.
  static func isValidIdentifier<S: StringProtocol>(_ name: S) -> Bool {
    !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "/", ".", "%", "@", ":", "+": return true
      default: return false
      }
    }
  }
}
