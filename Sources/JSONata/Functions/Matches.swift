/// One match found by a matcher (a regex, or a user function that behaves like one), as jsonata-js's
/// `evaluateMatcher` returns it: the matched text, its offsets in UTF-16 units, the groups, and the way to the next.
struct MatchStep {
  /// The matched text.
  var match: String
  /// Offset of the match.
  var start: Int
  /// Offset just after the match.
  var end: Int
  /// The capture groups.
  var groups: [Value]
  /// The object a replacement function receives: `{match, start, end, groups}` (a custom matcher's own object).
  var object: Value
  /// Finds the match after this one, or nil at the end.
  var next: () throws -> MatchStep?
}

/// Runs a matcher over a string, as jsonata-js's `$contains`, `$match`, `$replace` and `$split` do.
enum Matches {
  /// The first match of `matcher` in `text`, or nil. A regex literal is run directly; any other function is called
  /// through the evaluation with the text, and must return jsonata-js's matcher structure (else T1010).
  static func first(_ matcher: FunctionValue, in text: String, context: EvaluationContext) throws -> MatchStep? {
    if case .regex(let regex) = matcher.kind {
      return try regexStep(regex, in: text, length: text.utf16.count, from: 0, isFirst: true)
    }
    return try customStep(try context.apply(matcher, [.string(text)]), context: context)
  }

  /// The match of `regex` at or after `offset`. As jsonata-js's regex closure, a later match starts where the
  /// previous one ended, there is none once that reaches the end of the text, and an empty later match is error
  /// D1004 (it would never advance).
  private static func regexStep(_ regex: RegexMatcher, in text: String, length: Int, from offset: Int,
                                isFirst: Bool) throws -> MatchStep? {
    guard let found = try regex.firstMatch(in: text, from: offset) else { return nil }
    if !isFirst && found.match.isEmpty {
      throw JSONataError(code: "D1004", value: .string(regex.pattern))
    }
    let groups = found.groups.map { Value.string($0) }
    let object = Value.object(ObjectValue([
      ("match", .string(found.match)), ("start", .number(Double(found.start))), ("end", .number(Double(found.end))),
      ("groups", .array(ArrayValue(groups))),
    ]))
    return MatchStep(match: found.match, start: found.start, end: found.end, groups: groups, object: object) {
      found.end >= length ? nil : try regexStep(regex, in: text, length: length, from: found.end, isFirst: false)
    }
  }

  /// A custom matcher's result read as a match: undefined (or a falsy value) is no match; an object with a numeric
  /// `start`, an array `groups` or a function `next` is a match; anything else is error T1010.
  private static func customStep(_ result: Value?, context: EvaluationContext) throws -> MatchStep? {
    guard JavaScript.isTruthy(result), let result else { return nil }
    guard case .object(let o) = result, isMatcherResult(o) else { throw JSONataError(code: "T1010") }
    var match = ""
    if case .string(let s)? = o["match"] { match = s }
    let start = number(o["start"]) ?? 0
    let end = number(o["end"]) ?? start + match.utf16.count
    var groups: [Value] = []
    if case .array(let a)? = o["groups"] { groups = a.items }
    var nextFunction: FunctionValue?
    if case .function(let f)? = o["next"] { nextFunction = f }
    return MatchStep(match: match, start: start, end: end, groups: groups, object: result) {
      guard let nextFunction else { return nil }
      return try customStep(try context.apply(nextFunction, [nil]), context: context)
    }
  }

  /// jsonata-js's structural check of a matcher's result.
  private static func isMatcherResult(_ o: ObjectValue) -> Bool {
    if case .number? = o["start"] { return true }
    if case .array? = o["groups"] { return true }
    if case .function? = o["next"] { return true }
    return false
  }

  /// An integral offset from a custom matcher's number.
  private static func number(_ value: Value?) -> Int? {
    guard case .number(let n)? = value, abs(n) < 9_007_199_254_740_992 else { return nil }
    return Int(n)
  }
}
