import SFNKit
import StateMachineGraph
import XCTest

/// Reading a definition into the graph: transitions with their short labels, Retry notes, terminal states,
/// resource names, sub-graphs, and the main path the layout keeps straight.
final class StateGraphTests: XCTestCase {
  func testChoiceRulesCatchAndRetryBecomeShortLabels() throws {
    let graph = try StateGraph(definitionText: GraphLayoutGeometryTests.shapes["wide-choice"]!)
    let route = graph.edges.filter { $0.from == "Route" }.map { "\($0.kind.rawValue) \($0.label ?? "") -> \($0.to)" }
    XCTAssertEqual(route, [
      "choice $.n == 1 -> One", "choice $.n == 2 -> Two", "choice $.n > 100 -> Many",
      "choice $.a present and $.b == false -> Two", #"choice not $.c ~ "x*" -> One"#, "default default -> Other",
    ])
    let many = try XCTUnwrap(graph.state("Many"))
    XCTAssertEqual(many.retry, "States.ALL ×2")
    XCTAssertEqual(many.detail, "λ many")
    XCTAssertEqual(graph.edges.filter { $0.from == "Many" }.map { "\($0.kind.rawValue) \($0.label ?? "-") -> \($0.to)" },
                   ["next - -> Join", "catch States.TaskFailed +2 -> Other"])
    XCTAssertEqual(graph.states.filter(\.isTerminal).map(\.name), ["Join"])
    XCTAssertEqual(graph.mainPath, ["Route", "Other", "Join"], "a Choice's main way on is its Default")
  }

  func testParallelBranchesAndMapProcessorsAreSubGraphs() throws {
    let graph = try StateGraph(definitionText: GraphLayoutGeometryTests.shapes["map-in-parallel"]!)
    let both = try XCTUnwrap(graph.state("Both"))
    XCTAssertEqual(both.children.map(\.startAt), ["Each", "Side"])
    let each = try XCTUnwrap(both.children[0].state("Each"))
    XCTAssertEqual(each.children.map { $0.states.map(\.name) }, [["Inner", "InnerDone"]])
    XCTAssertTrue(each.isTerminal)
    XCTAssertEqual(both.children[1].state("Side")?.detail, "1.0s")
  }

  func testLongLabelsAreCutAndJSONataConditionsShownBare() throws {
    let graph = try StateGraph(definitionText: """
      {"QueryLanguage":"JSONata","StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.amount > 1000 and $states.input.vip %}","Next":"D"}],"Default":"D"},
        "D":{"Type":"Succeed"}}}
      """)
    let label = try XCTUnwrap(graph.edges.first { $0.kind == .choice }?.label)
    XCTAssertTrue(label.hasPrefix("$states.input.amount > 1000"), label)
    XCTAssertTrue(label.hasSuffix("…"), label)
    XCTAssertLessThanOrEqual(label.count, 28)
  }

  func testADefinitionWithoutStatesIsRejected() {
    XCTAssertThrowsError(try StateGraph(definitionText: #"{"StartAt":"A"}"#))
    XCTAssertThrowsError(try StateGraph(definitionText: "not json"))
  }
}
