import SFNKit

/// A parsed intrinsic function call (`States.Format('{}', $.a)`), evaluated against a `QueryScope`.
public struct IntrinsicCall: Sendable, Equatable {
  /// The call as written.
  public let text: String
  private let tree: ASLIntrinsics.Argument
  /// The path arguments, parsed once (one that does not parse is reported, with its field, when evaluated).
  private let paths: [String: JSONPathQuery]

  /// Parses `text`; a malformed call is `States.IntrinsicFailure` (the validator normally rejects it earlier).
  public init(_ text: String) throws {
    do {
      tree = try ASLIntrinsics.parse(text)
    } catch let problem as ASLIntrinsics.Problem {
      throw StatesError("States.IntrinsicFailure", cause: "Invalid intrinsic function '\(text)': \(problem.message)")
    }
    self.text = text
    var paths: [String: JSONPathQuery] = [:]
    func collect(_ argument: ASLIntrinsics.Argument) {
      switch argument {
      case .path(let path): paths[path] = try? JSONPathQuery(path)
      case .call(_, let arguments): arguments.forEach(collect)
      default: break
      }
    }
    collect(tree)
    self.paths = paths
  }

  /// The call's result. `field` names the payload field holding it (`key.$`), for error causes; `random` supplies
  /// States.UUID's and unseeded States.MathRandom's randomness.
  public func evaluate(_ scope: QueryScope, field: String, random: inout some RandomNumberGenerator) throws -> JSON {
    try evaluate(tree, scope, field: field, random: &random)
  }

  private func evaluate(_ argument: ASLIntrinsics.Argument, _ scope: QueryScope, field: String,
                        random: inout some RandomNumberGenerator) throws -> JSON {
    switch argument {
    case .string(let value, _): return .string(value)
    case .number(let n): return .number(n)
    case .bool(let b): return .bool(b)
    case .null: return .null
    case .path(let path):
      if let parsed = paths[path] { return try PayloadTemplate.select(parsed, scope, field: field) }
      return try PayloadTemplate.select(path, scope, field: field)
    case .call(let name, let arguments):
      if name == "States.Format", case .string(_, let template)? = arguments.first {
        let values = try arguments.dropFirst().map { try evaluate($0, scope, field: field, random: &random) }
        return try IntrinsicFunctions.format(template: template, values)
      }
      let values = try arguments.map { try evaluate($0, scope, field: field, random: &random) }
      return try IntrinsicFunctions.call(name, values, random: &random)
    }
  }
}

/// The 18 `States.*` intrinsic functions over already evaluated arguments, with the argument checks Step
/// Functions makes. A wrong argument is `States.IntrinsicFailure` with a cause naming the function.
public enum IntrinsicFunctions {
  /// The most items States.ArrayRange may produce.
  static let maxRangeItems = 1000
  /// The longest input States.Base64Encode, States.Base64Decode and States.Hash accept.
  static let maxInputCharacters = 10_000

  /// The result of `name` applied to `arguments`.
  public static func call(_ name: String, _ arguments: [JSON],
                          random: inout some RandomNumberGenerator) throws -> JSON {
    let args = Arguments(name: name, values: arguments)
    switch name {
    case "States.Format":
      try args.count(atLeast: 1)
      let template = try args.string(0)
      return try format(template: escapeSource(template), Array(arguments.dropFirst()))
    case "States.StringToJson":
      try args.count(1)
      let text = try args.string(0)
      do {
        return try JSONParser.parse(text)
      } catch {
        throw args.failure("the argument is not valid JSON text: \(text)")
      }
    case "States.JsonToString":
      try args.count(1)
      return .string(JavaText.json(arguments[0]))
    case "States.Array":
      return .array(arguments)
    case "States.ArrayPartition":
      try args.count(2)
      let items = try args.array(0)
      let size = try args.integer(1)
      guard size > 0 else { throw args.failure("the chunk size must be a positive integer, but was \(size)") }
      // `items.count - start` cannot overflow where `start + size` could (a huge chunk size).
      return .array(stride(from: 0, to: items.count, by: size).map { start in
        .array(Array(items[start..<(items.count - start > size ? start + size : items.count)]))
      })
    case "States.ArrayContains":
      try args.count(2)
      return .bool(try args.array(0).contains(arguments[1]))
    case "States.ArrayRange":
      try args.count(3)
      let (start, end, step) = (try args.integer(0), try args.integer(1), try args.integer(2))
      guard step != 0 else { throw args.failure("the step must not be 0") }
      // Count in floating point first: stepping past Int.max would trap.
      let span = (Double(end) - Double(start)) / Double(step)
      guard span < Double(maxRangeItems) else {
        throw args.failure("the range would have more than \(maxRangeItems) items")
      }
      let count = span < 0 ? 0 : Int(span.rounded(.down)) + 1
      return .array((0..<count).map { .integer(start + $0 * step) })
    case "States.ArrayGetItem":
      try args.count(2)
      let items = try args.array(0)
      let index = try args.integer(1)
      guard index >= 0, index < items.count else {
        throw args.failure("index \(index) is out of bounds for an array of length \(items.count)")
      }
      return items[index]
    case "States.ArrayLength":
      try args.count(1)
      return .integer(try args.array(0).count)
    case "States.ArrayUnique":
      try args.count(1)
      var unique: [JSON] = []
      for item in try args.array(0) where !unique.contains(item) { unique.append(item) }
      return .array(unique)
    case "States.Base64Encode":
      try args.count(1)
      let text = try args.string(0, maxLength: maxInputCharacters)
      return .string(Base64.encode(Array(text.utf8)))
    case "States.Base64Decode":
      try args.count(1)
      let text = try args.string(0, maxLength: maxInputCharacters)
      guard let bytes = Base64.decode(text) else { throw args.failure("the argument is not valid Base64: \(text)") }
      return .string(String(decoding: bytes, as: UTF8.self))
    case "States.Hash":
      try args.count(2)
      let data = try args.string(0, maxLength: maxInputCharacters)
      let name = try args.string(1)
      guard let algorithm = Crypto.DigestAlgorithm(rawValue: name) else {
        let known = Crypto.DigestAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
        throw args.failure("the hash algorithm '\(name)' is not supported; use one of \(known)")
      }
      return .string(Crypto.hex(Crypto.digest(Array(data.utf8), algorithm: algorithm)))
    case "States.JsonMerge":
      try args.count(3)
      var merged = try args.object(0)
      let other = try args.object(1)
      guard case .bool(let deep) = arguments[2] else { throw args.failure("the third argument must be a boolean") }
      guard !deep else { throw args.failure("deep merge is not supported; the third argument must be false") }
      for (key, value) in other { merged[key] = value }
      return .object(merged)
    case "States.MathRandom":
      try args.count(2...3)
      let start = try args.integer(0, rounding: true)
      let end = try args.integer(1, rounding: true)
      guard start < end else { throw args.failure("the start (\(start)) must be less than the end (\(end))") }
      if arguments.count == 3 {
        var seeded = JavaRandom(seed: Int64(try args.integer(2, rounding: true)))
        return .integer(start + Int(seeded.nextInt(bound: Int32(clamping: end - start))))
      }
      return .integer(Int.random(in: start..<end, using: &random))
    case "States.MathAdd":
      try args.count(2)
      let (sum, overflow) = try args.integer(0, rounding: true).addingReportingOverflow(args.integer(1, rounding: true))
      guard !overflow else { throw args.failure("the sum overflows") }
      return .integer(sum)
    case "States.StringSplit":
      try args.count(2)
      let text = try args.string(0)
      let separators = Set(try args.string(1))
      return .array(text.split(whereSeparator: { separators.contains($0) }).map { .string(String($0)) })
    case "States.UUID":
      try args.count(0)
      return .string(UUIDText.random(using: &random))
    default:
      throw StatesError("States.IntrinsicFailure", cause: "Unknown intrinsic function '\(name)'")
    }
  }

  /// States.Format: `template` as written between its quotes (`\{`, `\}`, `\'` and `\\` escaped), each unescaped
  /// `{}` replaced by the next value (strings as they are, other values as Java writes them).
  static func format(template source: String, _ values: [JSON]) throws -> JSON {
    let s = Array(source.unicodeScalars)
    var out = String.UnicodeScalarView()
    var next = 0
    var i = 0
    while i < s.count {
      if s[i] == "\\", i + 1 < s.count {
        out.append(s[i + 1])
        i += 2
      } else if s[i] == "{", i + 1 < s.count, s[i + 1] == "}" {
        guard next < values.count else {
          throw StatesError("States.IntrinsicFailure", cause: "Invalid arguments in States.Format: the template has "
                              + "more '{}' placeholders than the \(values.count) value(s) given")
        }
        if case .string(let text) = values[next] { out.append(contentsOf: text.unicodeScalars) } else {
          out.append(contentsOf: JavaText.render(values[next]).unicodeScalars)
        }
        next += 1
        i += 2
      } else {
        out.append(s[i])
        i += 1
      }
    }
    guard next == values.count else {
      throw StatesError("States.IntrinsicFailure", cause: "Invalid arguments in States.Format: the template has "
                          + "\(next) '{}' placeholder(s) but \(values.count) value(s) were given")
    }
    return .string(String(out))
  }

  /// A template string from a path (not a literal) has no escapes: protect its backslashes.
  private static func escapeSource(_ text: String) -> String {
    var out = ""
    for c in text {
      if c == "\\" { out += "\\\\" } else { out.append(c) }
    }
    return out
  }
}

/// The evaluated arguments of one call, with checks that name the function in their failures.
private struct Arguments {
  let name: String
  let values: [JSON]

  func failure(_ why: String) -> StatesError {
    StatesError("States.IntrinsicFailure", cause: "Invalid arguments in \(name): \(why)")
  }

  func count(_ n: Int) throws { try count(n...n) }

  func count(atLeast n: Int) throws { try count(n...Int.max) }

  func count(_ range: ClosedRange<Int>) throws {
    guard range.contains(values.count) else {
      let expected = range.upperBound == Int.max ? "at least \(range.lowerBound)"
        : range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
      throw failure("expected \(expected) argument(s), but got \(values.count)")
    }
  }

  func string(_ i: Int, maxLength: Int = .max) throws -> String {
    guard case .string(let s) = values[i] else { throw failure("argument \(i + 1) must be a string") }
    guard s.count <= maxLength else { throw failure("argument \(i + 1) is longer than \(maxLength) characters") }
    return s
  }

  func array(_ i: Int) throws -> [JSON] {
    guard case .array(let a) = values[i] else { throw failure("argument \(i + 1) must be an array") }
    return a
  }

  func object(_ i: Int) throws -> JSONObject {
    guard case .object(let o) = values[i] else { throw failure("argument \(i + 1) must be a JSON object") }
    return o
  }

  /// An integer argument; with `rounding`, a float is rounded half up as Java's Math.round (AWS's MathAdd does so).
  func integer(_ i: Int, rounding: Bool = false) throws -> Int {
    guard case .number(let n) = values[i] else { throw failure("argument \(i + 1) must be a number") }
    if let exact = n.intValue, !n.isFloat || n.isIntegral { return exact }
    guard rounding, n.doubleValue.isFinite, abs(n.doubleValue) < 9.2e18 else {
      throw failure("argument \(i + 1) must be an integer, but was \(n.text)")
    }
    return Int((n.doubleValue + 0.5).rounded(.down))
  }
}
