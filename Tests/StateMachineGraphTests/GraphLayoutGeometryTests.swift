import Foundation
import SFNKit
import StateMachineGraph
import XCTest

/// Every valid definition we have (the examples, the ASL corpus's valid ones, and a few shapes written here to
/// stress loops, fan-outs and nesting) lays out without overlapping boxes, without an edge through a box that is
/// not one of its ends (or a frame around them), and with labels clear of boxes, lines and each other.
final class GraphLayoutGeometryTests: XCTestCase {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata/asl")

  func testExamplesLayOutCleanly() throws {
    let examples = packageRoot("examples")
    let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
    XCTAssertGreaterThanOrEqual(names.count, 4)
    for name in names {
      let file = examples.appendingPathComponent(name).appendingPathComponent("definition.asl.json")
      try checkAllStyles(String(contentsOf: file, encoding: .utf8), name: name)
    }
  }

  func testEveryValidCorpusDefinitionLaysOutCleanly() throws {
    let verdictsURL = Self.corpus.appendingPathComponent("awslabs-statelint-verdicts.json")
    let data = try Data(contentsOf: verdictsURL)
    let verdicts = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    let valid = verdicts.filter { $0.value["valid"] as? Bool == true }.keys.sorted()
    XCTAssertEqual(valid.count, 38, "the corpus README says 38 valid definitions")
    for name in valid {
      let text = try String(contentsOf: Self.corpus.appendingPathComponent("awslabs-statelint/" + name), encoding: .utf8)
      try checkAllStyles(text, name: name)
    }
  }

  func testLoopsFanOutsAndNestingLayOutCleanly() throws {
    for (name, text) in Self.shapes { try checkAllStyles(text, name: name) }
  }

  func testLoopEdgeGoesBackUpAndTheMainPathIsStraight() throws {
    let graph = try StateGraph(definitionText: Self.shapes["poll-loop"]!)
    let diagram = DiagramBuilder(style: GraphStyle()).diagram(graph)
    let back = try XCTUnwrap(diagram.edges.first { $0.backward })
    let from = diagram.boxes[back.from], to = diagram.boxes[back.to]
    XCTAssertEqual(from.name, "Wait")
    XCTAssertEqual(to.name, "Check")
    XCTAssertLessThan(to.rect.y, from.rect.y, "the loop's target is above its source")
    XCTAssertLessThan(back.points.last!.y, back.points.first!.y, "the loop edge ends higher than it starts")
    // Main path Submit -> Check -> Done? (the Choice's Default) share one centre column.
    let centres = graph.mainPath.map { name in diagram.boxes.first { $0.name == name }!.rect }.map { $0.x + ($0.width - 1) / 2 }
    XCTAssertEqual(Set(centres).count, 1, "main path \(graph.mainPath) centres \(centres)")
  }

  func testNestedFramesContainTheirStates() throws {
    let graph = try StateGraph(definitionText: Self.shapes["map-in-parallel"]!)
    let diagram = DiagramBuilder(style: GraphStyle()).diagram(graph)
    let inner = try XCTUnwrap(diagram.boxes.firstIndex { $0.name == "Inner" })
    let names = diagram.ancestors(of: inner).map { diagram.boxes[$0].name }
    XCTAssertEqual(names, ["Each", "Both"])
    XCTAssertEqual(diagram.separators.count, 1, "one separator between the two branches")
  }

  // MARK: checks

  private func packageRoot(_ path: String) -> URL { Self.packageRoot.appendingPathComponent(path) }

  private func checkAllStyles(_ text: String, name: String) throws {
    let graph = try StateGraph(definitionText: text)
    for style in [GraphStyle(unicode: true, maxText: 32), GraphStyle(unicode: false, maxText: 8)] {
      check(DiagramBuilder(style: style).diagram(graph), name: "\(name) (max \(style.maxText))")
    }
  }

  private func check(_ d: Diagram, name: String, file: StaticString = #filePath, line: UInt = #line) {
    let bounds = Rect(x: 0, y: 0, width: d.width, height: d.height)
    for (i, box) in d.boxes.enumerated() {
      XCTAssertTrue(bounds.encloses(box.rect), "\(name): box \(box.name) outside the picture", file: file, line: line)
      if box.kind == .state {
        for text in box.lines {
          XCTAssertLessThanOrEqual(text.count, box.rect.width - 4, "\(name): text of \(box.name) wider than its box", file: file, line: line)
        }
      }
      for j in (i + 1)..<d.boxes.count {
        let other = d.boxes[j]
        if d.ancestors(of: j).contains(i) {
          XCTAssertTrue(box.rect.encloses(other.rect), "\(name): \(other.name) sticks out of frame \(box.name)", file: file, line: line)
        } else {
          XCTAssertFalse(box.rect.intersects(other.rect), "\(name): boxes \(box.name) and \(other.name) overlap", file: file, line: line)
        }
      }
    }
    var edgeCells: [Point: [Int]] = [:]
    for (e, edge) in d.edges.enumerated() {
      let allowed = Set(d.ancestors(of: edge.from) + d.ancestors(of: edge.to))
      let cells = edge.cells
      XCTAssertGreaterThanOrEqual(cells.count, 2, "\(name): edge \(e) too short", file: file, line: line)
      for cell in cells {
        XCTAssertTrue(bounds.contains(cell), "\(name): edge \(e) leaves the picture at \(cell)", file: file, line: line)
        edgeCells[cell, default: []].append(e)
        for (b, box) in d.boxes.enumerated() where !allowed.contains(b) && box.rect.contains(cell) {
          XCTAssertTrue(false, "\(name): edge \(d.boxes[edge.from].name) -> \(d.boxes[edge.to].name) runs through \(box.name) at \(cell)",
                        file: file, line: line)
        }
      }
      for (segmentStart, segmentEnd) in zip(edge.points, edge.points.dropFirst()) {
        XCTAssertTrue(segmentStart.x == segmentEnd.x || segmentStart.y == segmentEnd.y, "\(name): edge \(e) has a diagonal", file: file, line: line)
      }
      XCTAssertTrue(touches(cells.first!, d.boxes[edge.from].rect), "\(name): edge \(e) does not start at its source", file: file, line: line)
      XCTAssertTrue(touches(cells.last!, d.boxes[edge.to].rect), "\(name): edge \(e) does not end at its target", file: file, line: line)
    }
    for (i, label) in d.labels.enumerated() {
      let edge = d.edges[label.edge]
      let allowed = Set(d.ancestors(of: edge.from) + d.ancestors(of: edge.to))
      for (b, box) in d.boxes.enumerated() where !allowed.contains(b) {
        XCTAssertFalse(box.rect.intersects(label.rect), "\(name): label \(label.text) over \(box.name)", file: file, line: line)
      }
      for x in label.rect.x..<label.rect.maxX where edgeCells[Point(x, label.origin.y)] != nil {
        XCTAssertTrue(false, "\(name): a line runs through label \(label.text)", file: file, line: line)
      }
      for other in d.labels[(i + 1)...] {
        XCTAssertFalse(label.rect.intersects(other.rect), "\(name): labels \(label.text) and \(other.text) overlap", file: file, line: line)
      }
    }
  }

  /// True when `cell` is just outside `rect`, above or below it.
  private func touches(_ cell: Point, _ rect: Rect) -> Bool {
    cell.x >= rect.x && cell.x < rect.maxX && (cell.y == rect.y - 1 || cell.y == rect.maxY)
  }

  static let shapes: [String: String] = [
    "poll-loop": """
      {"StartAt":"Submit","States":{
        "Submit":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Check"},
        "Check":{"Type":"Choice","Choices":[{"Variable":"$.status","StringEquals":"FAILED","Next":"Failed"},
                                            {"Variable":"$.status","StringEquals":"RUNNING","Next":"Wait"}],
                 "Default":"Done"},
        "Wait":{"Type":"Wait","Seconds":30,"Next":"Check"},
        "Failed":{"Type":"Fail","Error":"JobFailed"},
        "Done":{"Type":"Succeed"}}}
      """,
    "wide-choice": """
      {"StartAt":"Route","States":{
        "Route":{"Type":"Choice","Choices":[
          {"Variable":"$.n","NumericEquals":1,"Next":"One"},{"Variable":"$.n","NumericEquals":2,"Next":"Two"},
          {"Variable":"$.n","NumericGreaterThan":100,"Next":"Many"},{"And":[{"Variable":"$.a","IsPresent":true},
          {"Variable":"$.b","BooleanEquals":false}],"Next":"Two"},{"Not":{"Variable":"$.c","StringMatches":"x*"},"Next":"One"}],
          "Default":"Other"},
        "One":{"Type":"Pass","Next":"Join"},"Two":{"Type":"Pass","Next":"Join"},
        "Many":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:many","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],
                "Catch":[{"ErrorEquals":["States.TaskFailed","States.Timeout","Custom"],"Next":"Other"}],"Next":"Join"},
        "Other":{"Type":"Pass","Next":"Join"},
        "Join":{"Type":"Pass","End":true}}}
      """,
    "catch-back-to-start": """
      {"StartAt":"A","States":{
        "A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"Next":"B"},
        "Recover":{"Type":"Pass","Next":"A"},
        "B":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Catch":[{"ErrorEquals":["States.ALL"],"Next":"A"}],"End":true}}}
      """,
    "map-in-parallel": """
      {"StartAt":"Both","States":{
        "Both":{"Type":"Parallel","Branches":[
          {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemProcessor":{"StartAt":"Inner","States":{
             "Inner":{"Type":"Pass","Next":"InnerDone"},"InnerDone":{"Type":"Succeed"}}},"End":true}}},
          {"StartAt":"Side","States":{"Side":{"Type":"Wait","Seconds":1,"Next":"SideDone"},"SideDone":{"Type":"Pass","End":true}}}],
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Oops"}],"Next":"After"},
        "After":{"Type":"Pass","End":true},
        "Oops":{"Type":"Fail","Error":"Broken"}}}
      """,
  ]
}
