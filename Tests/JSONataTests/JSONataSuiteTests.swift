import XCTest
import SFNJSON
@testable import JSONata

/// The jsonata-js v2.0.6 conformance suite (Fixtures/jsonata-suite): one test per group, each reporting every
/// failing case with its file, expression, expected and actual outcome.
/// Run one group with `swift test --skip-build --filter JSONataSuiteTests/test_function_sort`.
final class JSONataSuiteTests: XCTestCase {
  /// Cases that cannot pass, with the reason. A listed case that passes fails its group, so the list stays honest.
  static let exceptions: [String: String] = [
    "function-encodeUrl/case002": "a lone UTF-16 surrogate: JavaScript strings can hold one, Swift strings cannot",
    "function-encodeUrlComponent/case002":
      "a lone UTF-16 surrogate: JavaScript strings can hold one, Swift strings cannot",
  ]

  func test_array_constructor() throws { try runGroup("array-constructor") }
  func test_blocks() throws { try runGroup("blocks") }
  func test_boolean_expresssions() throws { try runGroup("boolean-expresssions") }
  func test_closures() throws { try runGroup("closures") }
  func test_comments() throws { try runGroup("comments") }
  func test_comparison_operators() throws { try runGroup("comparison-operators") }
  func test_conditionals() throws { try runGroup("conditionals") }
  func test_context() throws { try runGroup("context") }
  func test_descendent_operator() throws { try runGroup("descendent-operator") }
  func test_encoding() throws { try runGroup("encoding") }
  func test_errors() throws { try runGroup("errors") }
  func test_fields() throws { try runGroup("fields") }
  func test_flattening() throws { try runGroup("flattening") }
  func test_function_abs() throws { try runGroup("function-abs") }
  func test_function_append() throws { try runGroup("function-append") }
  func test_function_applications() throws { try runGroup("function-applications") }
  func test_function_assert() throws { try runGroup("function-assert") }
  func test_function_average() throws { try runGroup("function-average") }
  func test_function_boolean() throws { try runGroup("function-boolean") }
  func test_function_ceil() throws { try runGroup("function-ceil") }
  func test_function_contains() throws { try runGroup("function-contains") }
  func test_function_count() throws { try runGroup("function-count") }
  func test_function_decodeUrl() throws { try runGroup("function-decodeUrl") }
  func test_function_decodeUrlComponent() throws { try runGroup("function-decodeUrlComponent") }
  func test_function_distinct() throws { try runGroup("function-distinct") }
  func test_function_each() throws { try runGroup("function-each") }
  func test_function_encodeUrl() throws { try runGroup("function-encodeUrl") }
  func test_function_encodeUrlComponent() throws { try runGroup("function-encodeUrlComponent") }
  func test_function_error() throws { try runGroup("function-error") }
  func test_function_eval() throws { try runGroup("function-eval") }
  func test_function_exists() throws { try runGroup("function-exists") }
  func test_function_floor() throws { try runGroup("function-floor") }
  func test_function_formatBase() throws { try runGroup("function-formatBase") }
  func test_function_formatInteger() throws { try runGroup("function-formatInteger") }
  func test_function_formatNumber() throws { try runGroup("function-formatNumber") }
  func test_function_fromMillis() throws { try runGroup("function-fromMillis") }
  func test_function_join() throws { try runGroup("function-join") }
  func test_function_keys() throws { try runGroup("function-keys") }
  func test_function_length() throws { try runGroup("function-length") }
  func test_function_lookup() throws { try runGroup("function-lookup") }
  func test_function_lowercase() throws { try runGroup("function-lowercase") }
  func test_function_max() throws { try runGroup("function-max") }
  func test_function_merge() throws { try runGroup("function-merge") }
  func test_function_number() throws { try runGroup("function-number") }
  func test_function_pad() throws { try runGroup("function-pad") }
  func test_function_parseInteger() throws { try runGroup("function-parseInteger") }
  func test_function_power() throws { try runGroup("function-power") }
  func test_function_replace() throws { try runGroup("function-replace") }
  func test_function_reverse() throws { try runGroup("function-reverse") }
  func test_function_round() throws { try runGroup("function-round") }
  func test_function_shuffle() throws { try runGroup("function-shuffle") }
  func test_function_sift() throws { try runGroup("function-sift") }
  func test_function_signatures() throws { try runGroup("function-signatures") }
  func test_function_sort() throws { try runGroup("function-sort") }
  func test_function_split() throws { try runGroup("function-split") }
  func test_function_spread() throws { try runGroup("function-spread") }
  func test_function_sqrt() throws { try runGroup("function-sqrt") }
  func test_function_string() throws { try runGroup("function-string") }
  func test_function_substring() throws { try runGroup("function-substring") }
  func test_function_substringAfter() throws { try runGroup("function-substringAfter") }
  func test_function_substringBefore() throws { try runGroup("function-substringBefore") }
  func test_function_sum() throws { try runGroup("function-sum") }
  func test_function_tomillis() throws { try runGroup("function-tomillis") }
  func test_function_trim() throws { try runGroup("function-trim") }
  func test_function_typeOf() throws { try runGroup("function-typeOf") }
  func test_function_uppercase() throws { try runGroup("function-uppercase") }
  func test_function_zip() throws { try runGroup("function-zip") }
  func test_higher_order_functions() throws { try runGroup("higher-order-functions") }
  func test_hof_filter() throws { try runGroup("hof-filter") }
  func test_hof_map() throws { try runGroup("hof-map") }
  func test_hof_reduce() throws { try runGroup("hof-reduce") }
  func test_hof_single() throws { try runGroup("hof-single") }
  func test_hof_zip_map() throws { try runGroup("hof-zip-map") }
  func test_inclusion_operator() throws { try runGroup("inclusion-operator") }
  func test_joins() throws { try runGroup("joins") }
  func test_lambdas() throws { try runGroup("lambdas") }
  func test_literals() throws { try runGroup("literals") }
  func test_matchers() throws { try runGroup("matchers") }
  func test_missing_paths() throws { try runGroup("missing-paths") }
  func test_multiple_array_selectors() throws { try runGroup("multiple-array-selectors") }
  func test_null() throws { try runGroup("null") }
  func test_numeric_operators() throws { try runGroup("numeric-operators") }
  func test_object_constructor() throws { try runGroup("object-constructor") }
  func test_parent_operator() throws { try runGroup("parent-operator") }
  func test_parentheses() throws { try runGroup("parentheses") }
  func test_partial_application() throws { try runGroup("partial-application") }
  func test_performance() throws { try runGroup("performance") }
  func test_predicates() throws { try runGroup("predicates") }
  func test_quoted_selectors() throws { try runGroup("quoted-selectors") }
  func test_range_operator() throws { try runGroup("range-operator") }
  func test_regex() throws { try runGroup("regex") }
  func test_simple_array_selectors() throws { try runGroup("simple-array-selectors") }
  func test_sorting() throws { try runGroup("sorting") }
  func test_string_concat() throws { try runGroup("string-concat") }
  func test_tail_recursion() throws { try runGroup("tail-recursion") }
  func test_token_conversion() throws { try runGroup("token-conversion") }
  func test_transform() throws { try runGroup("transform") }
  func test_transforms() throws { try runGroup("transforms") }
  func test_variables() throws { try runGroup("variables") }
  func test_wildcards() throws { try runGroup("wildcards") }
}

extension JSONataSuiteTests {
  static let suiteDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/jsonata-suite/suite")

  /// One case of the suite, as read from its file.
  struct SuiteCase {
    var id: String
    var json: JSON
    var directory: URL
  }

  /// Parses a case file. A lone surrogate escape (which a Swift string cannot hold) is kept as the JSONata
  /// escape `\\uXXXX` in the expression, so the case loads and fails on its own (see `exceptions`).
  static func parseCase(_ text: String) throws -> JSON {
    do {
      return try JSONParser.parse(text)
    } catch {
      var out = ""
      var chars = Array(text)[...]
      while let c = chars.first {
        chars = chars.dropFirst()
        if c == "\\", let next = chars.first {
          chars = chars.dropFirst()
          if next == "u", let d = chars.first, d == "D" || d == "d",
             let e = chars.dropFirst().first, "89abAB".contains(e) || "cdefCDEF".contains(e) {
            out += "\\\\u"
          } else {
            out.append(c)
            out.append(next)
          }
          continue
        }
        out.append(c)
      }
      return try JSONParser.parse(out)
    }
  }

  func runGroup(_ group: String) throws {
    let directory = Self.suiteDirectory.appendingPathComponent("groups/\(group)")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    var cases: [SuiteCase] = []
    for file in files {
      let json = try Self.parseCase(String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
      let name = String(file.dropLast(5))
      if case .array(let items) = json {
        for (i, item) in items.enumerated() {
          cases.append(SuiteCase(id: "\(group)/\(name)[\(i)]", json: item, directory: directory))
        }
      } else {
        cases.append(SuiteCase(id: "\(group)/\(name)", json: json, directory: directory))
      }
    }
    var failures: [String] = []
    var passed = 0
    for testCase in cases {
      let failure = try SuiteRunner.run(testCase)
      if let reason = Self.exceptions[testCase.id] {
        if failure == nil { failures.append("\(testCase.id): listed as an exception (\(reason)) but passes") }
        continue
      }
      if let failure { failures.append("\(testCase.id): \(failure)") } else { passed += 1 }
    }
    if !failures.isEmpty {
      XCTFail("\(group): \(failures.count) of \(cases.count) cases fail\n" + failures.joined(separator: "\n"))
    }
  }
}

/// Evaluates one suite case and compares the outcome with its expectation; nil when it matches.
enum SuiteRunner {
  static var datasets: [String: JSON] = [:]
  private static let lock = NSLock()

  static func dataset(_ name: String) throws -> JSON {
    lock.lock()
    defer { lock.unlock() }
    if let cached = datasets[name] { return cached }
    let url = JSONataSuiteTests.suiteDirectory.appendingPathComponent("datasets/\(name).json")
    let json = try JSONParser.parse(String(contentsOf: url, encoding: .utf8))
    datasets[name] = json
    return json
  }

  /// A deterministic environment: a fixed start time, a seeded random sequence, the real clock for time limits.
  static func environment(_ json: JSON) -> EvaluationEnvironment {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return EvaluationEnvironment(
      startMillis: 1_700_000_000_000,
      random: {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
      },
      maxDepth: json["depth"]?.intValue,
      timeLimitMillis: json["timelimit"]?.doubleValue,
      clock: { Date().timeIntervalSince1970 * 1000 })
  }

  static func run(_ testCase: JSONataSuiteTests.SuiteCase) throws -> String? {
    let json = testCase.json
    var text = json["expr"]?.stringValue ?? ""
    if let file = json["expr-file"]?.stringValue {
      text = try String(contentsOf: testCase.directory.appendingPathComponent(file), encoding: .utf8)
    }
    var input: Value?
    if let data = json["data"] {
      input = Value(data)
    } else if let name = json["dataset"]?.stringValue {
      input = Value(try dataset(name))
    }
    var bindings: [String: Value] = [:]
    if case .object(let b)? = json["bindings"] {
      for (k, v) in b { bindings[k] = Value(v) }
    }
    let header = "\(text)\n    "
    let outcome: Result<Value?, JSONataError>
    do {
      let expression = try JSONataExpression(text)
      outcome = .success(try expression.evaluate(input: input, bindings: bindings, environment: environment(json)))
    } catch let error as JSONataError {
      outcome = .failure(error)
    } catch {
      return header + "unexpected error \(error)"
    }
    func describe(_ outcome: Result<Value?, JSONataError>) -> String {
      switch outcome {
      case .success(nil): return "undefined"
      case .success(let v?): return (try? Value.stringify(v, pretty: false)) ?? "?"
      case .failure(let e): return "error \(e.code) token=\(e.token ?? "-") (\(e.message))"
      }
    }
    if let expected = json["result"] {
      guard case .success(let actual) = outcome, let actual else {
        return header + "expected \(Value.stringifyForTest(Value(expected))), got \(describe(outcome))"
      }
      let unordered = json["unordered"]?.boolValue == true
      if !matches(actual, Value(expected), unordered: unordered) {
        return header + "expected \(Value.stringifyForTest(Value(expected))), got \(describe(outcome))"
      }
      return nil
    }
    if json["undefinedResult"] != nil {
      if case .success(nil) = outcome { return nil }
      return header + "expected undefined, got \(describe(outcome))"
    }
    if let code = json["code"]?.stringValue {
      guard case .failure(let error) = outcome, error.code == code else {
        return header + "expected error \(code), got \(describe(outcome))"
      }
      if let token = json["token"]?.stringValue, error.token != token {
        return header + "expected error \(code) with token \(token), got \(describe(outcome))"
      }
      return nil
    }
    if case .object(let expected)? = json["error"] {
      guard case .failure(let error) = outcome else { return header + "expected an error, got \(describe(outcome))" }
      for (key, value) in expected {
        let ok: Bool
        switch key {
        case "code": ok = value.stringValue == error.code
        case "message": ok = value.stringValue == error.message
        case "token": ok = value.stringValue == error.token
        case "position": ok = value.intValue == error.position
        case "value": ok = Value.deepEqual(Value(value), error.value)
        default: ok = true
        }
        if !ok { return header + "expected error field \(key) = \(value), got \(describe(outcome))" }
      }
      return nil
    }
    return header + "case has no expectation"
  }

  /// Deep equality where numbers compare as JSON numbers; with `unordered`, array items in any order.
  static func matches(_ actual: Value, _ expected: Value, unordered: Bool) -> Bool {
    guard unordered, case .array(let a) = actual, case .array(let e) = expected else {
      return Value.deepEqual(actual, expected)
    }
    guard a.items.count == e.items.count else { return false }
    var remaining = e.items
    for item in a.items {
      guard let i = remaining.firstIndex(where: { Value.deepEqual(item, $0) }) else { return false }
      remaining.remove(at: i)
    }
    return true
  }
}

extension Value {
  static func stringifyForTest(_ v: Value) -> String { (try? stringify(v, pretty: false)) ?? "?" }
}
