import Foundation
import XCTest

/// `sfn validate` run as a real process on real files (offline: no endpoint is configured).
final class ValidateCommandTests: XCTestCase {
  func testValidFilePrintsNothingAndExitsZero() {
    let r = Authoring.sfn(["validate", Authoring.fixture("hello.asl.json")])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  func testErrorsPrintFileLineColumnAndPathAndExit65() {
    let file = Authoring.fixture("broken.asl.json")
    let r = Authoring.sfn(["validate", file])
    XCTAssertEqual(r.status, 65)
    XCTAssertEqual(r.stdout, """
      \(file):6:15: error: Next 'Nowhere' does not name a state in this scope ($.States.First.Next)
      \(file):8:5: error: State 'Orphan' is not reachable from StartAt ($.States.Orphan)

      """)
  }

  func testWarningsOnlyExitZero() {
    let file = Authoring.fixture("choice-no-default.json")
    let r = Authoring.sfn(["validate", file])
    XCTAssertEqual(r.status, 0)
    XCTAssertTrue(r.stdout.hasPrefix("\(file):4:13: warning: Choice state has no Default"), r.stdout)
    XCTAssertTrue(r.stdout.hasSuffix(" ($.States.Pick)\n"), r.stdout)
  }

  func testYAMLFindingsPointIntoTheYAML() {
    let file = Authoring.fixture("broken.yml")
    let r = Authoring.sfn(["validate", file])
    XCTAssertEqual(r.status, 65)
    XCTAssertEqual(r.stdout, """
      \(file):5:11: error: Next 'Nowhere' does not name a state in this scope ($.States.First.Next)
      \(file):6:3: error: State 'Orphan' is not reachable from StartAt ($.States.Orphan)

      """)
  }

  func testValidYAMLExitsZero() {
    let r = Authoring.sfn(["validate", Authoring.fixture("hello.yaml")])
    XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  func testSyntaxErrorsArePositioned() {
    let json = Authoring.fixture("syntax-error.json")
    let yaml = Authoring.fixture("syntax-error.yaml")
    let r = Authoring.sfn(["validate", json, yaml])
    XCTAssertEqual(r.status, 65)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 2, r.stdout)
    XCTAssertTrue(lines[0].hasPrefix("\(json):4:43: error: Invalid JSON"), lines[0])
    XCTAssertTrue(lines[1].hasPrefix("\(yaml):5:4: error: invalid YAML"), lines[1])
  }

  func testMultipleFilesInCommandLineOrder() {
    let good = Authoring.fixture("hello.asl.json")
    let yaml = Authoring.fixture("broken.yml")
    let warn = Authoring.fixture("choice-no-default.json")
    let r = Authoring.sfn(["validate", warn, good, yaml])
    XCTAssertEqual(r.status, 65)
    let files = r.stdout.split(separator: "\n").map { String($0.prefix { $0 != ":" }) }
    XCTAssertEqual(files, [warn, yaml, yaml])
  }

  func testStandardInputJSONAndYAML() throws {
    let json = try String(contentsOfFile: Authoring.fixture("broken.asl.json"), encoding: .utf8)
    let r = Authoring.sfn(["validate", "-"], stdin: json)
    XCTAssertEqual(r.status, 65)
    XCTAssertTrue(r.stdout.hasPrefix("-:6:15: error: Next 'Nowhere'"), r.stdout)

    // No file name on stdin: YAML is recognised by its content.
    let yaml = try String(contentsOfFile: Authoring.fixture("broken.yml"), encoding: .utf8)
    let y = Authoring.sfn(["validate", "-"], stdin: yaml)
    XCTAssertEqual(y.status, 65)
    XCTAssertTrue(y.stdout.hasPrefix("-:5:11: error: Next 'Nowhere'"), y.stdout)

    let good = try String(contentsOfFile: Authoring.fixture("hello.yaml"), encoding: .utf8)
    XCTAssertEqual(Authoring.sfn(["validate", "-"], stdin: good).status, 0)
  }

  func testJSONOutputHasTheDocumentedShape() throws {
    let broken = Authoring.fixture("broken.yml")
    let warn = Authoring.fixture("choice-no-default.json")
    let r = Authoring.sfn(["validate", "--output", "json", broken, warn])
    XCTAssertEqual(r.status, 65)
    let list = try XCTUnwrap(r.json() as? [[String: Any]])
    XCTAssertEqual(list.count, 3)
    let first = list[0]
    XCTAssertEqual(Set(first.keys), ["file", "line", "column", "severity", "code", "message", "path", "source"])
    XCTAssertEqual(first["file"] as? String, broken)
    XCTAssertEqual(first["line"] as? Int, 5)
    XCTAssertEqual(first["column"] as? Int, 11)
    XCTAssertEqual(first["severity"] as? String, "error")
    XCTAssertEqual(first["code"] as? String, "unknown-state")
    XCTAssertEqual(first["path"] as? String, "$.States.First.Next")
    XCTAssertEqual(first["source"] as? String, "local")
    XCTAssertEqual(list[2]["severity"] as? String, "warning")
    XCTAssertEqual(list[2]["file"] as? String, warn)
    // Key order is part of the documented shape.
    XCTAssertTrue(r.stdout.contains("\"file\": \"\(broken)\",\n        \"line\": 5,\n        \"column\": 11,"), r.stdout)
  }

  func testJSONOutputIsAnEmptyListWhenClean() {
    let r = Authoring.sfn(["validate", "--output", "json", Authoring.fixture("hello.yaml")])
    XCTAssertEqual(r.status, 0)
    XCTAssertEqual((r.json() as? [Any])?.count, 0)
  }

  func testMissingFileExits66AndNoFilesIsUsage() {
    let missing = Authoring.sfn(["validate", "/nonexistent/definition.json"])
    XCTAssertEqual(missing.status, 66)
    XCTAssertTrue(missing.stderr.contains("cannot read /nonexistent/definition.json"), missing.stderr)
    XCTAssertEqual(missing.stdout, "")

    let none = Authoring.sfn(["validate"])
    XCTAssertEqual(none.status, 64)
    XCTAssertTrue(none.stderr.contains("at least one definition file"), none.stderr)
  }
}
