extension Builtins {
  static let strings: [Builtin] = [
    .typed("string", "<x-b?:s>") { a, _ in try StringFunctions.string(a[0], prettify: try a.bool(1) ?? false) },
    .typed("substring", "<s-nn?:s>") { a, _ in
      guard let s = try a.string(0) else { return nil }
      return .string(StringFunctions.substring(s, start: try a.number(1) ?? 0, length: try a.number(2)))
    },
    .typed("substringBefore", "<s-s:s>") { a, _ in
      guard let s = try a.string(0) else { return nil }
      let text = UTF16Text(s)
      guard let chars = try a.string(1), let found = text.index(of: UTF16Text(chars)) else { return .string(s) }
      return .string(text.text(from: 0, to: found))
    },
    .typed("substringAfter", "<s-s:s>") { a, _ in
      guard let s = try a.string(0) else { return nil }
      let text = UTF16Text(s)
      let chars = UTF16Text(try a.string(1) ?? "")
      guard let found = text.index(of: chars) else { return .string(s) }
      return .string(text.text(from: found + chars.count))
    },
    .typed("lowercase", "<s-:s>") { a, _ in try a.string(0).map { .string(StringFunctions.lowercase($0)) } },
    .typed("uppercase", "<s-:s>") { a, _ in try a.string(0).map { .string($0.uppercased()) } },
    .typed("length", "<s-:n>") { a, _ in try a.string(0).map { .number(Double($0.unicodeScalars.count)) } },
    .typed("trim", "<s-:s>") { a, _ in try a.string(0).map { .string(StringFunctions.trim($0)) } },
    .typed("pad", "<s-ns?:s>") { a, _ in
      guard let s = try a.string(0) else { return nil }
      return .string(try StringFunctions.pad(s, width: try a.number(1) ?? 0, with: try a.string(2)))
    },
    .typed("contains", "<s-(sf):b>") { a, context in
      guard let s = try a.string(0) else { return nil }
      switch a[1] {
      case .string(let token)?: return .bool(UTF16Text(s).index(of: UTF16Text(token)) != nil)
      case .function(let matcher)?: return .bool(try Matches.first(matcher, in: s, context: context) != nil)
      default: throw a.mismatch(1, a[1] ?? .null)
      }
    },
    .typed("split", "<s-(sf)n?:a<s>>") { a, context in try StringFunctions.split(a, context: context) },
    .typed("join", "<a<s>s?:s>") { a, _ in
      guard let strings = try a.strings(0) else { return nil }
      return .string(strings.joined(separator: try a.string(1) ?? ""))
    },
    .typed("match", "<s-f<s:o>n?:a<o>>") { a, context in try StringFunctions.match(a, context: context) },
    .typed("replace", "<s-(sf)(sf)n?:s>") { a, context in try StringFunctions.replace(a, context: context) },
  ]
}

/// The bodies of the string functions that need more than a line.
enum StringFunctions {
  /// `$string`: strings unchanged, functions "", other values as JSON (numbers to 15 significant digits);
  /// a non-finite number is error D3001.
  static func string(_ value: Value?, prettify: Bool) throws -> Value? {
    guard var value else { return nil }
    switch value {
    case .string: return value
    case .function: return .string("")
    case .number(let n) where !n.isFinite: throw JSONataError(code: "D3001", value: value)
    case .array(let a) where a.outerWrapper:
      // jsonata-js stringifies the single item a path wrapped in an outer array.
      guard let first = a.items.first else { return nil }
      value = first
    default: break
    }
    return .string(try JSONStringifier(prettify: prettify).string(value))
  }

  /// `$substring`: characters are code points; a negative start counts from the end; positions are truncated to
  /// integers as JavaScript's `Array.prototype.slice` does.
  static func substring(_ s: String, start: Double, length: Double?) -> String {
    let chars = Array(s.unicodeScalars)
    let count = Double(chars.count)
    var start = start
    if count + start < 0 { start = 0 }
    var end = count
    if let length {
      if length <= 0 { return "" }
      end = start >= 0 ? start + length : count + start + length
    }
    let from = sliceIndex(start, count: chars.count)
    let to = sliceIndex(end, count: chars.count)
    guard from < to else { return "" }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: chars[from..<to])
    return String(out)
  }

  /// A `slice` position: truncated towards zero, negative counted from the end, clamped to the bounds.
  private static func sliceIndex(_ position: Double, count: Int) -> Int {
    if position.isNaN { return 0 }
    let truncated = position.rounded(.towardZero)
    if truncated < 0 { return max(Int(max(truncated, -Double(count) - 1)) + count, 0) }
    return Int(min(truncated, Double(count)))
  }

  /// `$lowercase` as JavaScript's `toLowerCase`: Unicode's default mappings, which Swift's `lowercased()` applies
  /// too, plus the one context-dependent rule: a capital sigma that ends a word becomes final sigma "ς".
  static func lowercase(_ s: String) -> String {
    let scalars = Array(s.unicodeScalars)
    guard scalars.contains("\u{3A3}") else { return s.lowercased() }
    var out = String.UnicodeScalarView()
    for (i, scalar) in scalars.enumerated() {
      if scalar == "\u{3A3}" && isFinalSigma(scalars, at: i) {
        out.append("\u{3C2}")
      } else {
        out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
      }
    }
    return String(out)
  }

  /// Unicode's Final_Sigma condition: a cased letter before (past case-ignorable characters), none after.
  private static func isFinalSigma(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
    func casedLetter(in range: some Sequence<Int>) -> Bool {
      for i in range {
        let properties = scalars[i].properties
        if properties.isCaseIgnorable { continue }
        return properties.isCased
      }
      return false
    }
    return casedLetter(in: (0..<index).reversed()) && !casedLetter(in: (index + 1)..<scalars.count)
  }

  /// `$trim`: runs of spaces, tabs and line breaks become one space, and a leading and a trailing space go.
  static func trim(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var inRun = false
    for scalar in s.unicodeScalars {
      if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
        if !inRun { out.append(" ") }
        inRun = true
      } else {
        out.append(scalar)
        inRun = false
      }
    }
    if out.first == " " { out.removeFirst() }
    if out.last == " " { out.removeLast() }
    return String(out)
  }

  /// `$pad`: pads to |width| code points with `padding` (default a space) repeated, on the right for a positive
  /// width and on the left for a negative one. A width past what a JavaScript string can hold is JavaScript's
  /// RangeError, as jsonata-js lets it through.
  static func pad(_ s: String, width: Double, with padding: String?) throws -> String {
    var fill = padding ?? " "
    if fill.isEmpty { fill = " " }
    let target = abs(width).rounded(.towardZero)
    guard target <= maxStringLength else {
      throw JSONataError(code: "RangeError", value: .number(width), message: "Invalid string length")
    }
    let missing = Int(target) - s.unicodeScalars.count
    guard missing > 0 else { return s }
    var padding = String.UnicodeScalarView()
    var source = fill.unicodeScalars.makeIterator()
    while padding.count < missing {
      guard let scalar = source.next() else {
        source = fill.unicodeScalars.makeIterator()
        continue
      }
      padding.append(scalar)
    }
    return width > 0 ? s + String(padding) : String(padding) + s
  }

  /// The longest string V8 (and so Node, which jsonata-js runs on) can make, in UTF-16 units.
  static let maxStringLength = 536_870_888.0

  /// `$split(str, separator, limit)`: by a string or a matcher, at most `limit` pieces (D3020 when negative).
  static func split(_ a: Arguments, context: EvaluationContext) throws -> Value? {
    guard let s = try a.string(0) else { return nil }
    let limit = try a.number(2)
    if let limit, limit < 0 { throw JSONataError.argument("D3020", index: 3, value: .number(limit)) }
    var pieces: [String] = []
    if limit == nil || limit! > 0 {
      switch a[1] {
      case .string(let separator)?:
        let max = limit.map { Int(JavaScriptNumber.toUInt32($0)) } ?? Int(UInt32.max)
        pieces = UTF16Text(s).split(by: UTF16Text(separator), limit: max)
      case .function(let matcher)?:
        let text = UTF16Text(s)
        var step = try Matches.first(matcher, in: s, context: context)
        if step == nil {
          pieces = [s]
        } else {
          var count = 0.0
          var start = 0
          while let found = step, limit == nil || count < limit! {
            pieces.append(text.text(from: start, to: found.start))
            start = found.end
            step = try found.next()
            count += 1
          }
          if limit == nil || count < limit! { pieces.append(text.text(from: start)) }
        }
      default: throw a.mismatch(1, a[1] ?? .null)
      }
    }
    return .array(ArrayValue(pieces.map { .string($0) }))
  }

  /// `$match(str, matcher, limit)`: a sequence of `{match, index, groups}`, at most `limit` (D3040 when negative).
  static func match(_ a: Arguments, context: EvaluationContext) throws -> Value? {
    guard let s = try a.string(0) else { return nil }
    let limit = try a.number(2)
    if let limit, limit < 0 { throw JSONataError.argument("D3040", index: 3, value: .number(limit)) }
    var result = ArrayValue.sequence()
    if limit == nil || limit! > 0, let matcher = try a.function(1) {
      var step = try Matches.first(matcher, in: s, context: context)
      var count = 0.0
      while let found = step, limit == nil || count < limit! {
        result.items.append(.object(ObjectValue([
          ("match", .string(found.match)), ("index", .number(Double(found.start))),
          ("groups", .array(ArrayValue(found.groups))),
        ])))
        step = try found.next()
        count += 1
      }
    }
    return .array(result)
  }

  /// `$replace(str, pattern, replacement, limit)`: a string or matcher pattern ("" is D3010), a template or a
  /// function replacement (whose result must be a string, else D3012), at most `limit` times (D3011 when negative).
  static func replace(_ a: Arguments, context: EvaluationContext) throws -> Value? {
    guard let s = try a.string(0) else { return nil }
    if case .string("")? = a[1] { throw JSONataError.argument("D3010", index: 2, value: .string("")) }
    let limit = try a.number(3)
    if let limit, limit < 0 { throw JSONataError.argument("D3011", index: 4, value: .number(limit)) }
    guard limit == nil || limit! > 0 else { return .string(s) }
    let text = UTF16Text(s)
    let replacer = try Replacer(a[2], arguments: a, context: context)
    var out = ""
    var position = 0
    var count = 0.0
    switch a[1] {
    case .string(let pattern)?:
      let needle = UTF16Text(pattern)
      while let found = text.index(of: needle, from: position), limit == nil || count < limit! {
        out += text.text(from: position, to: found)
        out += try replacer.replacement(forText: pattern, at: found)
        position = found + needle.count
        count += 1
      }
    case .function(let matcher)?:
      var step = try Matches.first(matcher, in: s, context: context)
      guard step != nil else { return .string(s) }
      while let found = step, limit == nil || count < limit! {
        out += text.text(from: position, to: found.start)
        out += try replacer.replacement(for: found)
        position = found.start + found.match.utf16.count
        count += 1
        step = try found.next()
      }
    default: throw a.mismatch(1, a[1] ?? .null)
    }
    out += text.text(from: position)
    return .string(out)
  }
}

/// What `$replace` puts in place of each match: an expanded template, or a function's result.
private enum Replacer {
  case template(ReplacementTemplate, literal: String)
  case function(FunctionValue, EvaluationContext)

  /// The replacer for `$replace`'s third argument, a string or a function.
  init(_ value: Value?, arguments: Arguments, context: EvaluationContext) throws {
    switch value {
    case .string(let s)?: self = .template(ReplacementTemplate(s), literal: s)
    case .function(let f)?: self = .function(f, context)
    default: throw arguments.mismatch(2, value ?? .null)
    }
  }

  /// The text for an occurrence of a string pattern: a template is taken literally, as jsonata-js does. A function
  /// is called with a match object (jsonata-js would insert the function's JavaScript source text instead).
  func replacement(forText pattern: String, at start: Int) throws -> String {
    switch self {
    case .template(_, let literal): return literal
    case .function(let f, let context):
      let object = Value.object(ObjectValue([
        ("match", .string(pattern)), ("start", .number(Double(start))),
        ("end", .number(Double(start + pattern.utf16.count))), ("groups", .array(ArrayValue())),
      ]))
      return try Replacer.call(f, with: object, context: context)
    }
  }

  /// The text for a matcher's match.
  func replacement(for step: MatchStep) throws -> String {
    switch self {
    case .template(let template, _): return template.expand(match: step.match, groups: step.groups)
    case .function(let f, let context): return try Replacer.call(f, with: step.object, context: context)
    }
  }

  /// The replacement function's result for a match object; it must be a string (else D3012).
  private static func call(_ f: FunctionValue, with object: Value, context: EvaluationContext) throws -> String {
    let result = try context.apply(f, [object])
    guard case .string(let s)? = result else { throw JSONataError(code: "D3012", value: result) }
    return s
  }
}
