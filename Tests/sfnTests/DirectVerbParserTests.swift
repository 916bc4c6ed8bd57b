import ArgumentParser
import XCTest

@testable import sfn

/// The direct parse path reads every verb line it accepts exactly as argument-parser does, and leaves the rest
/// to argument-parser.
final class DirectVerbParserTests: XCTestCase {
  /// Each verb read directly, with a line of its positional arguments and every option of its own.
  private static let verbs: [(name: String, positionals: [String], options: [[String]])] = [
    ("describe", ["hello"], [["--raw"]]),
    ("output", ["hello/run-1"], [["--raw"]]),
    ("start", ["hello:prod"], [
      ["--raw"], ["--wait"], ["--input", "{\"a\": [1, 2]}"], ["--input", "-"], ["--input=@in.json"], ["--input", "file://in.json"],
      ["--name", "run-1"], ["--name=a=b"], ["--timeout", "90"], ["--timeout=1h30m"], ["--timeout", "soon"],
      ["--trace-header", "Root=1-abc"], ["--trace-header=Root=2"],
    ]),
    ("wait", ["hello/run-1", "arn:aws:states:us-east-1:1:execution:m:e"], [
      ["--raw"], ["--timeout", "10m"], ["--timeout=0"],
    ]),
    ("history", ["arn:aws:states:us-east-1:1:execution:m:e"], [
      ["--raw"], ["--follow"], ["--reverse"], ["--limit", "5"], ["--limit=1"], ["--limit", "+3"],
    ]),
    ("executions", ["hello"], [
      ["--status", "RUNNING"], ["--status=failed"], ["--status", "Timed_Out"], ["--since", "1h"],
      ["--since=2026-11-24T10:00:00Z"], ["--until", "2026-11-24"], ["--name-prefix", "nightly-"],
      ["--name-prefix=a=b"], ["--limit", "20"], ["--limit=1"],
    ]),
  ]

  func testEveryVerbOptionParsesAsArgumentParserDoes() throws {
    for verb in Self.verbs {
      let base = [verb.name] + verb.positionals
      try assertSame(base)
      for option in verb.options {
        try assertSame(base + option)
        // Options before, between and after the positional arguments.
        try assertSame([verb.name] + option + verb.positionals)
        if verb.positionals.count > 1 { try assertSame([verb.name, verb.positionals[0]] + option + verb.positionals.dropFirst()) }
      }
      // Every option at once, each kind once (a flag and a value of each option), in both orders.
      var all = base
      var seen: Set<String> = []
      for option in verb.options where seen.insert(option[0].split(separator: "=")[0].description).inserted {
        if option == ["--reverse"] { continue }  // --follow and --reverse exclude each other
        all += option
      }
      try assertSame(all)
      try assertSame([verb.name] + all.dropFirst(1 + verb.positionals.count) + verb.positionals)
      try assertSame(all + ["--output", "text", "--debug", "--query", "a.b"])
    }
  }

  func testPositionalArgumentsParseAsArgumentParserDoes() throws {
    for value in ["help", "-", "a=b", "hello:3", "hello/run-1", "arn:aws:states:us-east-1:1:stateMachine:m", "x y", "é"] {
      for name in ["describe", "output", "start", "wait", "history", "executions"] { try assertSame([name, value]) }
    }
    try assertSame(["wait", "a", "b", "c", "--raw", "d"])
  }

  func testGlobalOptionsParseAsArgumentParserDoes() throws {
    for verb in Self.verbs {
      for line in DirectAPIParserTests.globalLines {
        try assertSame([verb.name] + verb.positionals + line)
        try assertSame(ArgumentOrder.globalsAfterCommand(line + [verb.name] + verb.positionals))
      }
    }
    try assertSame(["describe", "hello", "--profile", "p", "--region", "r", "--endpoint-url=http://127.0.0.1:1",
                    "--output", "table", "--query", "a.b", "--color=never", "--debug", "--no-verify-ssl",
                    "--ca-bundle", "ca.pem", "--cli-connect-timeout", "0", "--cli-read-timeout=2.5", "--max-attempts",
                    "4", "--no-paginate", "--no-cli-pager", "--cli-binary-format", "raw-in-base64-out",
                    "--error-format", "json", "--raw"])
  }

  func testLinesArgumentParserRejectsAreLeftToIt() {
    for line in Self.rejected {
      XCTAssertNil(DirectVerbParser.parse(line), "\(line)")
      // An error, or help: never a verb to run.
      XCTAssertNil((try? SFN.parseAsRoot(line)) as? VerbCommand, "\(line)")
    }
  }

  func testAnotherVerbsOptionsAreLeftToArgumentParser() {
    for verb in Self.verbs {
      let own = Set(verb.options.map { $0[0].split(separator: "=")[0].description })
      for other in Self.verbs.flatMap(\.options) where !own.contains(other[0].split(separator: "=")[0].description) {
        let line = [verb.name] + verb.positionals + other
        XCTAssertNil(DirectVerbParser.parse(line), "\(line)")
        XCTAssertNil((try? SFN.parseAsRoot(line)) as? VerbCommand, "\(line)")
      }
    }
  }

  func testUnusualLinesAreLeftToArgumentParser() {
    for line in Self.unusual { XCTAssertNil(DirectVerbParser.parse(line), "\(line)") }
  }

  /// Both parsers accept `args` and produce the same invocation.
  private func assertSame(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws {
    try assertParsersAgree(args, read: { ($0 as? VerbCommand)?.invocation }, direct: DirectVerbParser.parse,
                           file: file, line: line)
  }

  /// Lines argument-parser answers with an error, help or the version, never a verb to run.
  private static let rejected: [[String]] = [
    ["describe"], ["describe", "--help"], ["describe", "-h"], ["describe", "hello", "--help"], ["describe", "--version"],
    ["help", "describe"], ["describe", "a", "b"], ["describe", "hello", "--raw=yes"], ["describe", "hello", "--wait"],
    ["describe", "hello", "--unknown"], ["describe", "hello", "--generate-completion-script", "bash"],
    ["describe", "hello", "--output", "yaml"], ["describe", "hello", "--max-attempts", "0"],
    ["describe", "hello", "--cli-read-timeout", "soon"], ["describe", "hello", "--status", "RUNNING"],
    ["output"], ["output", "a", "b"], ["output", "e", "--limit", "2"],
    ["start"], ["start", "m", "n"], ["start", "m", "--input"], ["start", "m", "--input="], ["start", "m", "--wait=1"],
    ["start", "m", "--follow"], ["wait"], ["wait", "--timeout", "1m"], ["wait", "e", "--timeout"],
    ["history"], ["history", "e", "--follow", "--reverse"], ["history", "e", "--limit", "0"],
    ["history", "e", "--limit", "x"], ["history", "e", "--limit=1.5"], ["history", "a", "b"],
    ["executions"], ["executions", "m", "--status", "SLEEPING"], ["executions", "m", "--limit", "0"],
    ["executions", "m", "--limit", "many"], ["executions", "m", "--raw"], ["executions", "m", "n"],
  ]

  /// Lines argument-parser may accept but reads by rules of its own (repeats, dashes, `--`), and verbs not read directly.
  private static let unusual: [[String]] = [
    ["describe", "a", "--raw", "--raw"], ["describe", "a", "--output", "json", "--output=text"],
    ["describe", "--", "-x"], ["describe", "a", "--"],
    ["start", "m", "--name", "a", "--name", "b"], ["start", "m", "--input=-1"], ["wait", "a", "--", "b"],
    ["history", "e", "--limit", "-1"], ["executions", "m", "--since", "-1h"], ["describe", "-hello"],
    ["logs", "e"], ["machines"], ["stop", "e"], ["describe-state-machine", "--state-machine-arn", "a"],
  ]
}
