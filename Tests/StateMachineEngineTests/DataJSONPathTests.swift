import XCTest
@testable import StateMachineEngine
import SFNKit

final class DataJSONPathTests: XCTestCase {
  private let store: JSON = try! JSONParser.parse("""
    {"book": [{"title": "A", "price": 8, "tags": ["x"]}, {"title": "B", "price": 12.5, "isbn": "1"},
              {"title": "C", "price": 30, "isbn": "2"}],
     "name": "shop", "nested": {"a": {"b": 1}}, "n": null, "empty": []}
    """)

  private func select(_ path: String, _ value: JSON? = nil, variables: [String: JSON] = [:]) throws -> JSON {
    try JSONPathQuery(path).select(QueryScope(input: value ?? store, context: ["Execution": ["Name": "run1"]],
                                              variables: variables))
  }

  func testDefinitePathsGiveTheNode() throws {
    XCTAssertEqual(try select("$"), store)
    XCTAssertEqual(try select("$.name"), "shop")
    XCTAssertEqual(try select("$.book[1].title"), "B")
    XCTAssertEqual(try select("$['book'][-1]['title']"), "C")
    XCTAssertEqual(try select("$.nested.a.b"), 1)
    XCTAssertEqual(try select("$.n"), .null)
    XCTAssertTrue(try JSONPathQuery("$.book[0].title").isDefinite)
  }

  func testIndefinitePathsGiveArrays() throws {
    XCTAssertEqual(try select("$.book[*].title"), ["A", "B", "C"])
    XCTAssertEqual(try select("$.book[1:].title"), ["B", "C"])
    XCTAssertEqual(try select("$.book[:2].price"), [8, 12.5])
    XCTAssertEqual(try select("$.book[-2:].title"), ["B", "C"])
    XCTAssertEqual(try select("$.book[0,2].title"), ["A", "C"])
    XCTAssertEqual(try select("$..b"), [1])
    XCTAssertEqual(try select("$..isbn"), ["1", "2"])
    XCTAssertEqual(try select("$.nested.*"), [["b": 1]])
    XCTAssertEqual(try select("$.missing[*]"), [])
    XCTAssertEqual(try select("$.item.items[1:5].itemValue", [:]), [])
  }

  func testMultiplePropertiesAtTheLeafMergeIntoAnObject() throws {
    XCTAssertEqual(try select("$.book[0]['title','price']"), ["title": "A", "price": 8])
  }

  func testFilters() throws {
    XCTAssertEqual(try select("$.book[?(@.price > 10)].title"), ["B", "C"])
    XCTAssertEqual(try select("$.book[?(@.price <= 12.5 && @.isbn)].title"), ["B"])
    XCTAssertEqual(try select("$.book[?(@.isbn)].title"), ["B", "C"])
    XCTAssertEqual(try select("$.book[?(!@.isbn)].title"), ["A"])
    XCTAssertEqual(try select("$.book[?(@.title == 'A' || @.title == \"C\")].price"), [8, 30])
    XCTAssertEqual(try select("$.book[?(@.title != 'A')].title"), ["B", "C"])
    XCTAssertEqual(try select("$.book[?(@.title =~ /[ab]/i)].title"), ["A", "B"])
    XCTAssertEqual(try select("$.book[?(@.title in ['A', 'B'])].title"), ["A", "B"])
    XCTAssertEqual(try select("$.book[?(@.title nin ['A', 'B'])].title"), ["C"])
    XCTAssertEqual(try select("$.book[?(@.tags size 1)].title"), ["A"])
    XCTAssertEqual(try select("$.book[?(@.price == '8')].title"), ["A"])
    let flags: JSON = ["flags": [["id": 1, "on": false], ["id": 2], ["id": 3, "on": .null]]]
    XCTAssertEqual(try select("$.flags[?(@.on)].id", flags), [1, 3])
    XCTAssertEqual(try select("$.book[?(@.price > $.book[0].price)].title"), ["B", "C"])
    let users: JSON = ["users": [["year": 1997, "status": 0], ["year": 1998, "status": 1]]]
    XCTAssertEqual(try select("$.users[?(@.status == 0)]", users), [["year": 1997, "status": 0]])
  }

  /// Filters written after a dot (`$.[?(...)]`), in a path argument of an intrinsic, and in OutputPath.
  func testFiltersAcrossFields() throws {
    var random = CountingGenerator()
    let users: JSON = ["users": [["year": 1997, "name": "A", "status": 0], ["year": 1998, "name": "B", "status": 0],
                                 ["year": 2001, "name": "C", "status": 0]]]
    let first = try PayloadTemplate(["FromInput.$": "$.users[?(@.status == 0)]"])
      .evaluate(QueryScope(input: users), random: &random)
    let state1 = try InputOutputPath.apply(JSONPathQuery("$.FromInput"), to: QueryScope(input: first))
    let template: JSON = ["InputValue.$": "$", "FromInput.$": "States.JsonToString($.[?(@.year <= 1998)])"]
    let second = try PayloadTemplate(template).evaluate(QueryScope(input: state1), random: &random)
    let expected = "[{\"year\":1997,\"name\":\"A\",\"status\":0},{\"year\":1998,\"name\":\"B\",\"status\":0}]"
    XCTAssertEqual(second["FromInput"]?.stringValue, expected)
    let input = try InputOutputPath.apply(JSONPathQuery("$.InputValue"), to: QueryScope(input: second))
    XCTAssertEqual(try InputOutputPath.apply(JSONPathQuery("$.[?(@.year < 1999)].name"), to: QueryScope(input: input)),
                   ["A", "B"])
  }

  func testContextObjectAndVariables() throws {
    XCTAssertEqual(try select("$$.Execution.Name"), "run1")
    XCTAssertEqual(try select("$$"), ["Execution": ["Name": "run1"]])
    XCTAssertEqual(try select("$total", variables: ["total": 3]), 3)
    XCTAssertEqual(try select("$cfg.limits[0]", variables: ["cfg": ["limits": [5, 6]]]), 5)
    XCTAssertThrowsError(try select("$nope")) { error in
      XCTAssertEqual((error as? JSONPathError)?.kind, .undefinedVariable)
    }
  }

  func testDefinitePathErrorsUseJaywayWording() {
    func message(_ path: String, _ value: JSON) -> String? {
      do {
        _ = try select(path, value)
        return nil
      } catch {
        return (error as? JSONPathError)?.message
      }
    }
    XCTAssertEqual(message("$.NoSuchOutputPath", [:]), "No results for path: $['NoSuchOutputPath']")
    XCTAssertEqual(message("$.no.such.result.path", [:]), "Missing property in path $['no']")
    XCTAssertEqual(message("$.a[3]", ["a": [1]]), "No results for path: $['a'][3]")
    XCTAssertEqual(message("$.a[0]", ["a": .null]), "The path $['a'] is null")
    XCTAssertTrue(message("$.a.b", ["a": 1])?.hasPrefix("Expected to find an object with property ['b'] in path "
                                                        + "$['a'] but found 'java.lang.Integer'") == true)
  }

  func testSyntaxErrors() {
    for bad in ["", "a.b", "$.", "$[", "$['a'", "$[?(@.a == 1]", "$.a[x]"] {
      XCTAssertThrowsError(try JSONPathQuery(bad), bad) { error in
        XCTAssertEqual((error as? JSONPathError)?.kind, .syntax, bad)
      }
    }
  }

  func testInputAndOutputPath() throws {
    let scope = QueryScope(input: ["a": ["b": 1]])
    XCTAssertEqual(try InputOutputPath.apply(JSONPathQuery("$.a"), to: scope), ["b": 1])
    XCTAssertEqual(try InputOutputPath.apply(nil, to: scope), [:])
    XCTAssertThrowsError(try InputOutputPath.apply(JSONPathQuery("$.NoSuchOutputPath"), to: scope)) { error in
      XCTAssertEqual(error as? StatesError, .runtime(
        "Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']"))
    }
    XCTAssertThrowsError(try InputOutputPath.apply(JSONPathQuery("$.no.such.result.path"), to: scope)) { error in
      XCTAssertEqual(error as? StatesError, .runtime(
        "Invalid path '$.no.such.result.path' : Missing property in path $['no']"))
    }
  }

  func testResultPath() throws {
    let input: JSON = ["a": 1, "list": [1, 2]]
    XCTAssertEqual(try ResultPath.apply(JSONPathQuery("$"), result: "r", to: input), "r")
    XCTAssertEqual(try ResultPath.apply(nil, result: "r", to: input), input)
    XCTAssertEqual(try ResultPath.apply(JSONPathQuery("$.b"), result: "r", to: input),
                   ["a": 1, "list": [1, 2], "b": "r"])
    XCTAssertEqual(try ResultPath.apply(JSONPathQuery("$.a"), result: ["x": 1], to: input),
                   ["a": ["x": 1], "list": [1, 2]])
    XCTAssertEqual(try ResultPath.apply(JSONPathQuery("$.x.y.z"), result: true, to: input),
                   ["a": 1, "list": [1, 2], "x": ["y": ["z": true]]])
    XCTAssertEqual(try ResultPath.apply(JSONPathQuery("$.list[1]"), result: 9, to: input), ["a": 1, "list": [1, 9]])
    XCTAssertThrowsError(try ResultPath.apply(JSONPathQuery("$.a.b"), result: 1, to: input)) { error in
      XCTAssertEqual((error as? StatesError)?.error, "States.Runtime")
    }
    XCTAssertThrowsError(try ResultPath.apply(JSONPathQuery("$.x"), result: 1, to: "text")) { error in
      XCTAssertEqual(error as? StatesError, .runtime("Unable to apply ReferencePath $.x to input \"text\""))
    }
  }
}

/// Random path-like and intrinsic-like texts never crash parsing or evaluation: they parse and select, or fail
/// with an error.
final class DataRobustnessTests: XCTestCase {
  func testRandomTextsParseOrFailCleanly() {
    var generator = CountingGenerator()
    let pathAlphabet = Array("$$.[]*?()@'\"0123456789:-,ab =<>!&|~/\\i")
    let callAlphabet = Array("States.Format(Array'{}\\, $.a1)[]-0.5e")
    let document: JSON = ["a": [1, ["b": [2, 3]], "x"], "b": ["a": .null], "1": true]
    let scope = QueryScope(input: document, context: document, variables: ["ab": document])
    var selected = 0
    for n in 0..<4000 {
      let alphabet = n % 2 == 0 ? pathAlphabet : callAlphabet
      let length = Int.random(in: 1...24, using: &generator)
      var text = n % 2 == 0 ? "$" : "States."
      for _ in 0..<length { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
      do {
        if n % 2 == 0 {
          _ = try JSONPathQuery(text).select(scope)
        } else {
          _ = try IntrinsicCall(text).evaluate(scope, field: "f.$", random: &generator)
        }
        selected += 1
      } catch {
        // Only the documented error types escape.
        XCTAssertTrue(error is JSONPathError || error is StatesError, "\(text): \(error)")
      }
    }
    XCTAssertGreaterThan(selected, 0)
  }
}
