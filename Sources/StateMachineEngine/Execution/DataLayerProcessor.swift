#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import JSONata
import SFNKit

/// The interpreter's data processing done by the Data/ types (JSONPath, payload templates, ResultPath, Choice
/// rules, JSONata), with paths parsed once per text and randomness (States.UUID, States.MathRandom) injected.
public final class DataLayerProcessor: StateDataProcessor {
  private var random: EngineRandom
  private var paths: [String: JSONPathQuery] = [:]
  private var rules: [String: ChoiceRule] = [:]
  private var templates: [String: JSONataTemplate] = [:]
  private let now: () -> Double

  /// A processor drawing randomness from the system, or from a seeded generator for reproducible runs;
  /// `now` (seconds since the epoch) is what JSONata's `$now()` reads.
  public init(seed: UInt64? = nil, now: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
    random = EngineRandom(seed: seed)
    self.now = now
  }

  private func query(_ text: String) throws -> JSONPathQuery {
    if let cached = paths[text] { return cached }
    do {
      let parsed = try JSONPathQuery(text)
      paths[text] = parsed
      return parsed
    } catch let error as JSONPathError {
      throw StatesError.runtime("Invalid path '\(text)' : \(error.message)")
    }
  }

  public func select(_ path: String, field: String, input: JSON, context: JSON,
                     variables: [String: JSON]) throws -> JSON {
    let scope = QueryScope(input: input, context: context, variables: variables)
    if path.hasPrefix("States.") {
      return try IntrinsicCall(path).evaluate(scope, field: field, random: &random)
    }
    let q = try query(path)
    switch field {
    case "InputPath", "OutputPath", "ItemsPath":
      return try InputOutputPath.apply(q, to: scope)
    default:
      do {
        return try q.select(scope)
      } catch is JSONPathError {
        throw StatesError.runtime("The JSONPath '\(path)' specified for the field '\(field)' could not be found in "
                                    + "the input '\(JSONWriter.compact.string(input))'")
      }
    }
  }

  public func payload(_ template: JSON, field: String, input: JSON, context: JSON,
                      variables: [String: JSON]) throws -> JSON {
    try PayloadTemplate(template).evaluate(QueryScope(input: input, context: context, variables: variables),
                                           random: &random)
  }

  public func merge(_ result: JSON, into input: JSON, at resultPath: String) throws -> JSON {
    try ResultPath.apply(try query(resultPath), result: result, to: input)
  }

  public func matches(_ rule: JSONObject, input: JSON, context: JSON, variables: [String: JSON]) throws -> Bool {
    let key = JSONWriter.compact.string(.object(rule))
    let compiled: ChoiceRule
    if let cached = rules[key] {
      compiled = cached
    } else {
      compiled = try ChoiceRule(rule)
      rules[key] = compiled
    }
    return try compiled.matches(QueryScope(input: input, context: context, variables: variables))
  }

  public func evaluate(_ value: JSON, field: String, states: JSONataStates, variables: [String: JSON],
                       expecting: JSONKind?) throws -> JSON {
    if !Self.hasExpression(value) { return value }
    let key = field + "\u{0}" + JSONWriter.compact.string(value)
    do {
      let template: JSONataTemplate
      if let cached = templates[key] {
        template = cached
      } else {
        template = try JSONataTemplate(value, field: field)
        templates[key] = template
      }
      let environment = EvaluationEnvironment(startMillis: now() * 1000, random: { [unowned self] in
        Double(self.random.next() >> 11) / Double(UInt64(1) << 53)
      }, clock: { Date().timeIntervalSince1970 * 1000 })
      if let expecting {
        return try template.evaluate(states, variables: variables, environment: environment, expecting: expecting)
      }
      return try template.evaluate(states, variables: variables, environment: environment)
    } catch let error as QueryEvaluationError {
      throw FieldEvaluationFailure(error.statesError, location: error.location)
    }
  }

  /// True when a value holds a `{% ... %}` string anywhere.
  static func hasExpression(_ value: JSON) -> Bool {
    switch value {
    case .string(let s): return s.hasPrefix("{%") && s.hasSuffix("%}")
    case .array(let items): return items.contains(where: hasExpression)
    case .object(let o): return o.values.contains(where: hasExpression)
    default: return false
    }
  }
}

/// Randomness for intrinsics and jitter: the system's, or a seeded SplitMix64 sequence.
struct EngineRandom: RandomNumberGenerator {
  private var state: UInt64?
  private var system = SystemRandomNumberGenerator()

  init(seed: UInt64?) { state = seed }

  mutating func next() -> UInt64 {
    guard var s = state else { return system.next() }
    s &+= 0x9E37_79B9_7F4A_7C15
    state = s
    var z = s
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
