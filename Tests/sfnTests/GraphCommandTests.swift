import Foundation
import XCTest

/// `sfn graph` end to end: goldens for every format on the examples, the SVG rendered by rsvg-convert and
/// compared with a stored PNG, DOT read by Graphviz, executions drawn from `sfn run --history` and from the moto
/// peer, terminal behaviour (width, colour, ASCII) and the errors.
final class GraphCommandTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/graph")
  static let examples = SFNRunner.packageRoot.appendingPathComponent("examples")
  static let exampleNames = ["callback-approval", "hello-world", "map-fan-out", "saga"]
  static let peerPort = 5761
  static let role = "arn:aws:iam::123456789012:role/graph"

  /// A clean environment with a UTF-8 (or, with `utf8: false`, the C) locale and no terminal width.
  private func env(utf8: Bool = true) -> [String: String] {
    var env = SFNRunner.cleanEnvironment()
    for key in ["LC_ALL", "LC_CTYPE", "LANG", "COLUMNS"] { env[key] = nil }
    env["LANG"] = utf8 ? "C.UTF-8" : "C"
    env["AWS_DEFAULT_REGION"] = "us-east-1"
    return env
  }

  private func definition(_ name: String) -> String {
    Self.examples.appendingPathComponent(name).appendingPathComponent("definition.asl.json").path
  }

  /// Compares `actual` with the golden file; SFN_UPDATE_GOLDENS=1 rewrites the golden instead.
  private func assertGolden(_ actual: String, _ file: String, line: UInt = #line) throws {
    let url = Self.fixtures.appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["SFN_UPDATE_GOLDENS"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    XCTAssertEqual(actual, expected, "\(file) differs from the golden (SFN_UPDATE_GOLDENS=1 rewrites it)", line: line)
  }

  // MARK: formats

  func testEveryFormatOfEveryExampleMatchesItsGolden() throws {
    for name in Self.exampleNames {
      for (format, suffix, utf8) in [("text", "txt", true), ("text", "ascii.txt", false), ("svg", "svg", true),
                                     ("dot", "dot", true), ("mermaid", "mmd", true)] {
        let r = SFNRunner.sfn(["graph", definition(name), "--format", format], env: env(utf8: utf8))
        XCTAssertEqual(r.status, 0, "\(name) \(format): \(r.stderr)")
        XCTAssertEqual(r.stderr, "")
        try assertGolden(r.stdout, "\(name).\(suffix)")
      }
    }
  }

  func testTextIsTheDefaultAndANonUTF8LocaleOrAsciiFlagDrawsPlainASCII() throws {
    let unicode = SFNRunner.sfn(["graph", definition("saga")], env: env())
    XCTAssertEqual(unicode.status, 0, unicode.stderr)
    XCTAssertTrue(unicode.stdout.contains("╔"), unicode.stdout)
    XCTAssertFalse(unicode.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    for r in [SFNRunner.sfn(["graph", definition("saga")], env: env(utf8: false)),
              SFNRunner.sfn(["graph", definition("saga"), "--ascii"], env: env())] {
      XCTAssertEqual(r.status, 0, r.stderr)
      XCTAssertTrue(r.stdout.unicodeScalars.allSatisfy(\.isASCII), r.stdout)
      XCTAssertTrue(r.stdout.contains("ReserveHotel"))
    }
  }

  func testAYAMLDefinitionOrStandardInputDrawsLikeItsJSON() throws {
    let dir = try ScratchDirectory("sfn-graph-yaml")
    defer { dir.remove() }
    let yaml = try dir.file("flow.asl.yaml", """
      StartAt: Check
      States:
        Check:
          Type: Choice
          Choices:
            - Variable: $.ok
              BooleanEquals: true
              Next: Done
          Default: Oops
        Oops:
          Type: Fail
          Error: NotOk
        Done:
          Type: Succeed
      """)
    let json = #"{"StartAt":"Check","States":{"Check":{"Type":"Choice","Choices":[{"Variable":"$.ok","BooleanEquals":true,"Next":"Done"}],"Default":"Oops"},"Oops":{"Type":"Fail","Error":"NotOk"},"Done":{"Type":"Succeed"}}}"#
    let fromYAML = SFNRunner.sfn(["graph", yaml], env: env())
    XCTAssertEqual(fromYAML.status, 0, fromYAML.stderr)
    XCTAssertTrue(fromYAML.stdout.contains("$.ok == true"), fromYAML.stdout)
    let fromStdin = SFNRunner.sfn(["graph", "-"], env: env(), stdin: json)
    XCTAssertEqual(fromStdin.status, 0, fromStdin.stderr)
    XCTAssertEqual(fromYAML.stdout, fromStdin.stdout)
  }

  func testOutputFileTakesItsFormatFromTheExtension() throws {
    let dir = try ScratchDirectory("sfn-graph")
    defer { dir.remove() }
    for (file, start) in [("g.svg", "<?xml"), ("g.dot", "digraph"), ("g.mmd", "flowchart TD"), ("g.txt", " ")] {
      let path = dir.url.appendingPathComponent(file).path
      let r = SFNRunner.sfn(["graph", definition("hello-world"), "--output-file", path], env: env())
      XCTAssertEqual(r.status, 0, r.stderr)
      XCTAssertEqual(r.stdout, "", "nothing on stdout with --output-file")
      XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(start), file)
    }
  }

  func testSVGIsSelfContainedAndRendersLikeTheStoredPNG() throws {
    let svg = try String(contentsOf: Self.fixtures.appendingPathComponent("saga.svg"), encoding: .utf8)
    for forbidden in ["<script", "@font-face", "href=", "url(http", "<image"] {
      XCTAssertFalse(svg.contains(forbidden), "the SVG must be self-contained: found \(forbidden)")
    }
    let rsvg = try tool("rsvg-convert", package: "librsvg2-bin")
    let dir = try ScratchDirectory("sfn-graph-png")
    defer { dir.remove() }
    let svgPath = dir.url.appendingPathComponent("saga.svg").path
    let r = SFNRunner.sfn(["graph", definition("saga"), "--output-file", svgPath], env: env())
    XCTAssertEqual(r.status, 0, r.stderr)
    let png = dir.url.appendingPathComponent("saga.png").path
    let rendered = SFNRunner.run(rsvg, ["-o", png, svgPath], env: env())
    XCTAssertEqual(rendered.status, 0, rendered.stderr)
    let stored = Self.fixtures.appendingPathComponent("saga.png").path
    if ProcessInfo.processInfo.environment["SFN_UPDATE_GOLDENS"] == "1" {
      try? FileManager.default.removeItem(atPath: stored)
      try FileManager.default.copyItem(atPath: png, toPath: stored)
    }
    let diff = SFNRunner.run("/usr/bin/env", ["python3", Self.fixtures.appendingPathComponent("pngdiff.py").path, png, stored], env: env())
    XCTAssertEqual(diff.status, 0, diff.stderr)
    let fields = diff.stdout.split(separator: " ").map(String.init)
    XCTAssertEqual(fields.count, 3, diff.stdout)
    XCTAssertEqual(fields.first, fields.dropFirst().first, "the rendered size changed: \(diff.stdout)")
    // Font hinting and anti-aliasing differ between renderer versions; the layout must not.
    XCTAssertLessThan(Double(fields.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "1") ?? 1, 0.01, diff.stdout)
  }

  func testGraphvizReadsTheDOTOfEveryExampleAndOfAnExecution() throws {
    let dot = try tool("dot", package: "graphviz")
    let dir = try ScratchDirectory("sfn-graph-dot")
    defer { dir.remove() }
    var inputs = Self.exampleNames.map { (definition($0), [String]()) }
    let history = try runHistory(in: dir)
    inputs.append((definition("saga"), ["--history", history]))
    for (file, extra) in inputs {
      let path = dir.url.appendingPathComponent("g.dot").path
      let r = SFNRunner.sfn(["graph", file, "--format", "dot", "--output-file", path] + extra, env: env())
      XCTAssertEqual(r.status, 0, r.stderr)
      let parsed = SFNRunner.run(dot, ["-Tsvg", "-o", "/dev/null", path], env: env())
      XCTAssertEqual(parsed.status, 0, "dot rejected the graph of \(file): \(parsed.stderr)")
      XCTAssertEqual(parsed.stderr, "", "dot warned about the graph of \(file)")
    }
  }

  // MARK: executions

  /// `sfn run --history --output json` of the saga with the hotel full (it fails after compensating); the file's path.
  private func runHistory(in dir: ScratchDirectory) throws -> String {
    let run = SFNRunner.sfn(["run", definition("saga"), "--input", "@" + Self.examples.appendingPathComponent("saga/input-hotel-full.json").path,
                             "--history", "--output", "json"], env: env())
    XCTAssertEqual(run.status, 1, "the saga with the hotel full fails: \(run.stderr)")
    return try dir.file("run.json", run.stdout)
  }

  /// The saga's failed run as the Mermaid output shows it: class per state name, and the style of each link.
  private func assertSagaFailure(_ mermaid: String, line: UInt = #line) {
    var ids: [String: String] = [:]
    var classes: [String: String] = [:]
    var links: [String] = []
    var styles: [Int: String] = [:]
    for row in mermaid.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      let declaration = row.hasPrefix("subgraph ") ? String(row.dropFirst("subgraph ".count)) : row
      if let open = declaration.firstIndex(where: { $0 == "[" || $0 == "(" }), declaration.hasPrefix("s"),
        !row.contains("-->"), !row.contains(".->") {
        let row = declaration
        let id = String(row[..<open]).trimmingCharacters(in: .whitespaces)
        let name = row[open...].drop { "[(\"".contains($0) }.prefix { $0 != "<" && $0 != "\"" }
        ids[String(name)] = id
      } else if row.hasPrefix("class ") {
        let parts = row.split(separator: " ")
        classes[String(parts[1])] = String(parts[2])
      } else if row.contains("-->") || row.contains(".->") {
        links.append(row)
      } else if row.hasPrefix("linkStyle ") {
        let parts = row.split(separator: " ")
        styles[Int(parts[1]) ?? -1] = String(parts[2])
      }
    }
    let expected = ["ReserveFlight": "succeeded", "ReserveHotel": "caught", "HotelHasRoom?": "succeeded",
                    "HotelFull": "failed", "HotelReserved": "notRun", "ReserveCar": "notRun", "Booked": "notRun",
                    "CancelFlight": "succeeded", "BookingFailed": "failed"]
    for (state, outcome) in expected {
      XCTAssertEqual(ids[state].flatMap { classes[$0] }, outcome, "\(state) in\n\(mermaid)", line: line)
    }
    // The Catch that fired is drawn taken (catch colour), the Next it skipped is not.
    let catchLink = links.firstIndex { $0.hasPrefix("\(ids["ReserveHotel"] ?? "?") -.") && $0.hasSuffix(ids["CancelFlight"] ?? "?") }
    let nextLink = links.firstIndex { $0 == "\(ids["ReserveHotel"] ?? "?") --> \(ids["ReserveCar"] ?? "?")" }
    XCTAssertEqual(catchLink.flatMap { styles[$0] }, "stroke:#b7791f,stroke-width:3px", line: line)
    XCTAssertEqual(nextLink.flatMap { styles[$0] }, "stroke:#c4c9d0", line: line)
    XCTAssertTrue(mermaid.contains("✗ failed"), line: line)
  }

  func testAnOfflineRunsHistoryIsDrawnOverTheGraph() throws {
    let dir = try ScratchDirectory("sfn-graph-run")
    defer { dir.remove() }
    let history = try runHistory(in: dir)
    let mermaid = SFNRunner.sfn(["graph", definition("saga"), "--history", history, "--format", "mermaid"], env: env())
    XCTAssertEqual(mermaid.status, 0, mermaid.stderr)
    assertSagaFailure(mermaid.stdout)
    let text = SFNRunner.sfn(["graph", definition("saga"), "--history", history], env: env())
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(text.stdout.contains("Hotel.Full"), text.stdout)
    XCTAssertTrue(text.stdout.contains("✗ caught"), text.stdout)
    XCTAssertTrue(text.stdout.contains("┅"), "the Catch taken is drawn heavy and dashed:\n\(text.stdout)")
    XCTAssertTrue(text.stdout.contains("╔┄┄┄┄┄┄┄┄╗"), "states that never ran are outlined dotted:\n\(text.stdout)")
    XCTAssertTrue(text.stdout.hasSuffix("\nexecution FAILED: BookingFailed: A reservation failed; the flight reservation was cancelled.\n"),
                  text.stdout)
  }

  func testAnExecutionOnThePeerIsDrawnWithItsPathRetriesAndCatch() throws {
    let peer = try Peer.start(port: Self.peerPort)
    let home = try ScratchDirectory("sfn-graph-home")
    defer { home.remove() }
    var env = peer.environment(home: home.url.path)
    env["LANG"] = "C.UTF-8"
    env["LC_ALL"] = nil
    let machine = uniqueName("saga")
    let created = SFNRunner.sfn(["create-state-machine", "--name", machine, "--definition", "file://" + definition("saga"),
                                 "--role-arn", Self.role], env: env)
    XCTAssertEqual(created.status, 0, created.stderr)
    let started = SFNRunner.sfn(["start", machine, "--name", "full", "--wait", "--input",
                                 "@" + Self.examples.appendingPathComponent("saga/input-hotel-full.json").path], env: env)
    XCTAssertEqual(started.status, 1, started.stderr)
    let mermaid = SFNRunner.sfn(["graph", "\(machine)/full", "--format", "mermaid"], env: env)
    XCTAssertEqual(mermaid.status, 0, mermaid.stderr)
    assertSagaFailure(mermaid.stdout)

    // `sfn history --output json` (JSON lines) saved to a file draws the same.
    let lines = SFNRunner.sfn(["history", "\(machine)/full", "--output", "json"], env: env)
    XCTAssertEqual(lines.status, 0, lines.stderr)
    let historyFile = try home.file("history.jsonl", lines.stdout)
    let fromLines = SFNRunner.sfn(["graph", definition("saga"), "--history", historyFile, "--format", "mermaid"], env: env)
    XCTAssertEqual(fromLines.status, 0, fromLines.stderr)
    assertSagaFailure(fromLines.stdout)

    // The deployed machine, and its published version, draw exactly as the definition file does.
    let offline = SFNRunner.sfn(["graph", definition("saga")], env: self.env()).stdout
    let deployed = SFNRunner.sfn(["graph", machine], env: env)
    XCTAssertEqual(deployed.status, 0, deployed.stderr)
    XCTAssertEqual(deployed.stdout, offline)
    let published = uniqueName("saga-v")
    XCTAssertEqual(SFNRunner.sfn(["create-state-machine", "--name", published, "--definition", "file://" + definition("saga"),
                                  "--role-arn", Self.role, "--publish"], env: env).status, 0)
    let version = SFNRunner.sfn(["graph", published + ":1"], env: env)
    XCTAssertEqual(version.status, 0, version.stderr)
    XCTAssertEqual(version.stdout, offline)

    // Retries and the Catch after them: a DynamoDB read of a table that does not exist fails three times.
    let retrying = """
      {"StartAt":"Lookup","States":{
       "Lookup":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","Parameters":{"TableName":"missing-\(machine)","Key":{"id":{"S":"1"}}},
         "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2,"IntervalSeconds":1,"BackoffRate":1.0}],
         "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"Next":"Done"},
       "Recover":{"Type":"Pass","Next":"Done"},
       "Done":{"Type":"Succeed"}}}
      """
    let second = uniqueName("retry")
    XCTAssertEqual(SFNRunner.sfn(["create-state-machine", "--name", second, "--definition", retrying, "--role-arn", Self.role], env: env).status, 0)
    let run = SFNRunner.sfn(["start", second, "--name", "r1", "--wait"], env: env)
    XCTAssertEqual(run.status, 0, run.stderr)
    let text = SFNRunner.sfn(["graph", "\(second)/r1"], env: env)
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(text.stdout.contains("2 retries"), text.stdout)
    XCTAssertTrue(text.stdout.contains("✗ caught"), text.stdout)
    XCTAssertTrue(text.stdout.contains("DynamoDB.ResourceNotFound"), text.stdout)
    XCTAssertTrue(text.stdout.hasSuffix("\nexecution SUCCEEDED\n"), text.stdout)
  }

  func testMapItemsAndLoopRepeatsAreCounted() throws {
    let dir = try ScratchDirectory("sfn-graph-map")
    defer { dir.remove() }
    let map = SFNRunner.sfn(["run", definition("map-fan-out"), "--input", "@" + Self.examples.appendingPathComponent("map-fan-out/input.json").path,
                             "--history", "--output", "json"], env: env())
    XCTAssertEqual(map.status, 0, map.stderr)
    let items = try XCTUnwrap((map.object()["input"] as? [String: Any])?["lines"] as? [Any]).count
    let drawn = SFNRunner.sfn(["graph", definition("map-fan-out"), "--history", try dir.file("map.json", map.stdout)], env: env())
    XCTAssertEqual(drawn.status, 0, drawn.stderr)
    XCTAssertTrue(drawn.stdout.contains("\(items) items"), drawn.stdout)
    XCTAssertTrue(drawn.stdout.contains("×\(items)"), "the processor's state ran once per item:\n\(drawn.stdout)")

    // A loop of three rounds: the loop's states show ×3 and the edge back up is drawn taken (heavy).
    let loop = try dir.file("loop.json", """
      {"StartAt":"Init","States":{
        "Init":{"Type":"Pass","Result":{"n":0},"Next":"Bump"},
        "Bump":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Again?"},
        "Again?":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":3,"Next":"Bump"}],"Default":"Done"},
        "Done":{"Type":"Succeed"}}}
      """)
    let run = SFNRunner.sfn(["run", loop, "--history", "--output", "json"], env: env())
    XCTAssertEqual(run.status, 0, run.stderr)
    let looped = SFNRunner.sfn(["graph", loop, "--history", try dir.file("loop-run.json", run.stdout)], env: env())
    XCTAssertEqual(looped.status, 0, looped.stderr)
    XCTAssertEqual(looped.stdout.components(separatedBy: "×3").count - 1, 2, "Bump and Again? ran three times:\n\(looped.stdout)")
    XCTAssertTrue(looped.stdout.contains("▲"), looped.stdout)
    let lightLines = looped.stdout.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "│" }
    XCTAssertEqual(lightLines.count, 0, "every transition was taken, so every line is heavy:\n\(looped.stdout)")
    XCTAssertTrue(looped.stdout.contains("┗━"), looped.stdout)
  }

  // MARK: terminal

  func testOnATerminalTheTextFitsTheWidthAndIsColouredUnlessNoColor() throws {
    var env = self.env()
    env["TERM"] = "xterm"
    let coloured = VerbsHarness.sfnOnTerminal(["graph", definition("callback-approval")], env: env, columns: 50)
    XCTAssertEqual(coloured.status, 0, coloured.stdout)
    XCTAssertTrue(coloured.stdout.contains("\u{1B}["), "colour on a terminal")
    let plain = coloured.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    for row in plain.split(separator: "\n") {
      XCTAssertLessThanOrEqual(row.count, 50, "wider than the 50-column terminal: \(row)")
    }
    XCTAssertTrue(plain.contains("…"), "long names are cut to fit")
    env["NO_COLOR"] = "1"
    let uncoloured = VerbsHarness.sfnOnTerminal(["graph", definition("callback-approval")], env: env, columns: 50)
    XCTAssertEqual(uncoloured.status, 0, uncoloured.stdout)
    XCTAssertFalse(uncoloured.stdout.contains("\u{1B}["), "NO_COLOR turns colour off")
  }

  // MARK: errors

  func testMissingFilesInvalidDefinitionsAndBadHistoriesAreReported() throws {
    let dir = try ScratchDirectory("sfn-graph-bad")
    defer { dir.remove() }
    let missing = SFNRunner.sfn(["graph", dir.url.appendingPathComponent("nope.asl.json").path], env: env())
    XCTAssertEqual(missing.status, 66, missing.stderr)
    XCTAssertTrue(missing.stderr.hasPrefix("sfn: "), missing.stderr)

    let invalid = try dir.file("bad.json", #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}"#)
    let rejected = SFNRunner.sfn(["graph", invalid], env: env())
    XCTAssertEqual(rejected.status, 65, rejected.stderr)
    XCTAssertTrue(rejected.stderr.contains("Nowhere"), rejected.stderr)
    XCTAssertEqual(rejected.stdout, "")

    let notHistory = try dir.file("history.json", "this is not JSON\n")
    let bad = SFNRunner.sfn(["graph", definition("saga"), "--history", notHistory], env: env())
    XCTAssertEqual(bad.status, 65, bad.stderr)
    XCTAssertTrue(bad.stderr.hasPrefix("sfn: ") && bad.stderr.contains("history"), bad.stderr)

    let format = SFNRunner.sfn(["graph", definition("saga"), "--format", "png"], env: env())
    XCTAssertEqual(format.status, 64, format.stderr)
  }

  /// The path of a program the tests need; fails the test naming the Debian package when it is missing.
  private func tool(_ name: String, package: String) throws -> String {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    XCTFail("\(name) is missing: apt-get install \(package) (scripts/install-deps installs it)")
    throw CocoaError(.fileNoSuchFile)
  }
}
