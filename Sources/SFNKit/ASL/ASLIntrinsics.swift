import SFNJSON

/// Parser for intrinsic function calls such as `States.Format('{} items', $.count)`.
public enum ASLIntrinsics {
  /// An argument of a call.
  public indirect enum Argument: Sendable, Equatable {
    /// A string literal: its value with escapes decoded, and its text between the quotes as written (States.Format
    /// tells an escaped `\{` from a placeholder by it).
    case string(String, source: String)
    /// A number literal, integer or float as written.
    case number(JSONNumber)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// A JSONPath (`$.a`, `$$.Execution.Id`, `$var`), as written.
    case path(String)
    /// A nested call.
    case call(name: String, arguments: [Argument])
  }

  /// The number of arguments each intrinsic function accepts.
  public static let arity: [String: ClosedRange<Int>] = [
    "States.Format": 1...Int.max, "States.StringToJson": 1...1, "States.JsonToString": 1...1,
    "States.Array": 0...Int.max, "States.ArrayPartition": 2...2, "States.ArrayContains": 2...2,
    "States.ArrayRange": 3...3, "States.ArrayGetItem": 2...2, "States.ArrayLength": 1...1,
    "States.ArrayUnique": 1...1, "States.Base64Encode": 1...1, "States.Base64Decode": 1...1,
    "States.Hash": 2...2, "States.JsonMerge": 3...3, "States.MathRandom": 2...3, "States.MathAdd": 2...2,
    "States.StringSplit": 2...2, "States.UUID": 0...0,
  ]

  /// Algorithms `States.Hash` accepts.
  static let hashAlgorithms = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"]

  /// Why a call is malformed, or a finding that is legal but suspicious.
  public struct Problem: Error {
    /// What is wrong, in words.
    public var message: String
    var isWarning = false
  }

  /// The call `text` as a tree, or the first reason it is malformed (arity is not checked here).
  public static func parse(_ text: String) throws -> Argument {
    var parser = Parser(s: Array(text.unicodeScalars))
    let call = try parser.parseCall()
    parser.skipSpaces()
    if parser.i < parser.s.count { throw Problem(message: "unexpected text after the closing ')'") }
    return call
  }

  /// True when `text` is meant as a call (it starts with `States.`).
  static func looksLikeCall(_ text: String) -> Bool { text.hasPrefix("States.") }

  /// The problems of a call: empty when it is well formed.
  static func problems(_ text: String) -> [Problem] {
    var parser = Parser(s: Array(text.unicodeScalars))
    do {
      let call = try parser.parseCall()
      parser.skipSpaces()
      if parser.i < parser.s.count { throw Problem(message: "unexpected text after the closing ')'") }
      return semanticProblems(call)
    } catch let p as Problem {
      return [p]
    } catch {
      return [Problem(message: "\(error)")]
    }
  }

  /// Arity and literal-argument checks, recursively.
  private static func semanticProblems(_ arg: Argument) -> [Problem] {
    guard case .call(let name, let args) = arg else { return [] }
    var out: [Problem] = []
    if let range = arity[name], !range.contains(args.count) {
      let expected = range.upperBound == Int.max ? "at least \(range.lowerBound)"
        : range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
      let plural = expected.hasSuffix(" 1") || expected == "1" ? "" : "s"
      out.append(Problem(message: "\(name) takes \(expected) argument\(plural), got \(args.count)"))
    }
    switch (name, args.first, args.count > 1 ? args[1] : nil) {
    case ("States.Format", .string(_, let template)?, _):
      let placeholders = countPlaceholders(template)
      if placeholders != args.count - 1 {
        out.append(Problem(message: "States.Format template has \(placeholders) '{}' placeholder(s) but "
                             + "\(args.count - 1) value(s) follow", isWarning: true))
      }
    case ("States.Hash", _, .string(let algorithm, _)?) where !hashAlgorithms.contains(algorithm):
      out.append(Problem(message: "States.Hash algorithm '\(algorithm)' is not one of "
                           + hashAlgorithms.joined(separator: ", ")))
    case ("States.JsonMerge", _, _) where args.count == 3:
      if case .bool(true) = args[2] { out.append(Problem(message: "States.JsonMerge does not support deep merge; "
                                                           + "the third argument must be false")) }
    case ("States.Format", .number?, _), ("States.Format", .bool?, _), ("States.Format", .null?, _):
      out.append(Problem(message: "the first argument of States.Format must be a string template"))
    default: break
    }
    for a in args { out += semanticProblems(a) }
    return out
  }

  /// Counts unescaped `{}` in a Format template's source text.
  private static func countPlaceholders(_ template: String) -> Int {
    let s = Array(template.unicodeScalars)
    var n = 0
    var i = 0
    while i + 1 < s.count {
      if s[i] == "\\" {
        i += 2
      } else if s[i] == "{" && s[i + 1] == "}" {
        n += 1
        i += 2
      } else {
        i += 1
      }
    }
    return n
  }

  private struct Parser {
    let s: [Unicode.Scalar]
    var i = 0

    mutating func skipSpaces() {
      while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
    }

    func text(_ from: Int, _ to: Int) -> String { String(String.UnicodeScalarView(s[from..<to])) }

    mutating func parseCall() throws -> Argument {
      let start = i
      guard s.count - i >= 7, text(i, i + 7) == "States." else { throw Problem(message: "expected 'States.'") }
      i += 7
      while i < s.count, s[i].properties.isAlphabetic || (s[i] >= "0" && s[i] <= "9") { i += 1 }
      let name = text(start, i)
      guard ASLIntrinsics.arity[name] != nil else { throw Problem(message: "unknown intrinsic function '\(name)'") }
      guard i < s.count, s[i] == "(" else { throw Problem(message: "expected '(' after \(name)") }
      i += 1
      var args: [Argument] = []
      skipSpaces()
      if i < s.count, s[i] == ")" {
        i += 1
        return .call(name: name, arguments: args)
      }
      while true {
        skipSpaces()
        args.append(try parseArgument(in: name))
        skipSpaces()
        guard i < s.count else { throw Problem(message: "missing ')' to close \(name)") }
        if s[i] == "," {
          i += 1
          continue
        }
        if s[i] == ")" {
          i += 1
          return .call(name: name, arguments: args)
        }
        throw Problem(message: "expected ',' or ')' in the arguments of \(name), found '\(s[i])'")
      }
    }

    mutating func parseArgument(in name: String) throws -> Argument {
      guard i < s.count else { throw Problem(message: "missing argument in \(name)") }
      let c = s[i]
      if c == "'" {
        let open = i
        let value = try parseString()
        return .string(value, source: text(open + 1, i - 1))
      }
      if c == "$" { return .path(try parsePath()) }
      if c == "-" || (c >= "0" && c <= "9") { return try parseNumber() }
      if s.count - i >= 7, text(i, i + 7) == "States." { return try parseCall() }
      for (word, value) in [("true", Argument.bool(true)), ("false", .bool(false)), ("null", .null)]
      where s.count - i >= word.unicodeScalars.count && text(i, i + word.unicodeScalars.count) == word {
        i += word.unicodeScalars.count
        return value
      }
      throw Problem(message: "unexpected '\(c)' in the arguments of \(name); strings use single quotes")
    }

    mutating func parseString() throws -> String {
      let open = i
      i += 1
      var out = String.UnicodeScalarView()
      while i < s.count {
        let c = s[i]
        if c == "'" {
          i += 1
          return String(out)
        }
        if c == "\\" {
          guard i + 1 < s.count else { break }
          let e = s[i + 1]
          guard "'{}\\".unicodeScalars.contains(e) else {
            throw Problem(
              message: "invalid escape '\\\(e)' in a string literal; only \\', \\{, \\} and \\\\ are allowed")
          }
          out.append(e)
          i += 2
          continue
        }
        out.append(c)
        i += 1
      }
      throw Problem(message: "unterminated string literal starting at offset \(open)")
    }

    mutating func parsePath() throws -> String {
      let start = i
      var depth = 0
      var quote: Unicode.Scalar?
      while i < s.count {
        let c = s[i]
        if let q = quote {
          if c == q { quote = nil }
        } else if c == "'" || c == "\"" {
          quote = c
        } else if c == "[" || c == "(" {
          depth += 1
        } else if c == "]" || (c == ")" && depth > 0) {
          depth -= 1
        } else if depth == 0 && (c == "," || c == ")" || c == " ") {
          break
        }
        i += 1
      }
      let path = text(start, i)
      if let p = ASLPath.problem(path, .path) { throw Problem(message: "invalid path argument '\(path)': \(p)") }
      return path
    }

    mutating func parseNumber() throws -> Argument {
      let start = i
      if s[i] == "-" { i += 1 }
      while i < s.count, (s[i] >= "0" && s[i] <= "9") || s[i] == "." || s[i] == "e" || s[i] == "E" { i += 1 }
      let t = text(start, i)
      guard let v = Double(t) else { throw Problem(message: "invalid number '\(t)'") }
      return .number(JSONNumber(literal: t, value: v))
    }
  }
}
