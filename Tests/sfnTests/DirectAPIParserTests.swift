import ArgumentParser
import XCTest

@testable import sfn

/// The direct parse path reads every API command line it accepts exactly as argument-parser does, and leaves the
/// rest to argument-parser.
final class DirectAPIParserTests: XCTestCase {
  func testTheTableMatchesTheCommands() throws {
    XCTAssertEqual(API.commandNames.count, API.commands.count)
    for (name, command) in zip(API.commandNames, API.commands) {
      XCTAssertEqual(command.configuration.commandName, name)
      let spec = try XCTUnwrap(API.spec(named: name), name)
      let invocation = try XCTUnwrap(try SFN.parseAsRoot([name]) as? APICommand, name).invocation
      XCTAssertEqual(invocation.values.map(\.member), spec.options.map(\.member), name)
      XCTAssertEqual(invocation.paging != nil, spec.paginated, name)
      XCTAssertEqual(invocation.validateDefinition, spec.validatesDefinition, name)
    }
    XCTAssertNil(API.spec(named: "machines"))
  }

  func testEveryCommandOptionParsesAsArgumentParserDoes() throws {
    for name in API.commandNames {
      let spec = try XCTUnwrap(API.spec(named: name))
      try assertSame([name])
      var all: [String] = [name]
      for option in spec.options {
        for form in Self.forms(of: option) { try assertSame([name] + form) }
        all += Self.forms(of: option)[0]
      }
      try assertSame(all)
      try assertSame(all + ["--output", "text", "--debug"])
      if spec.validatesDefinition {
        try assertSame([name, "--no-validate"])
        try assertSame(all + ["--no-validate", "--region", "eu-west-1"])
      }
      if spec.paginated {
        for paging in Self.pagingLines { try assertSame([name] + paging) }
        try assertSame(all + ["--max-items", "3", "--starting-token=t", "--page-size", "10"])
      }
    }
  }

  func testGlobalAndCLIInputOptionsParseAsArgumentParserDoes() throws {
    let name = "describe-state-machine"
    for line in Self.globalLines + Self.cliInputLines {
      try assertSame([name] + line)
      try assertSame([name, "--state-machine-arn", "arn:x"] + line)
    }
    for line in Self.globalLines {
      try assertSame(ArgumentOrder.globalsAfterCommand(line + [name, "--state-machine-arn", "arn:x"]))
    }
    try assertSame(ArgumentOrder.skeletonDefault([name, "--generate-cli-skeleton"]))
    try assertSame([name, "--profile", "p", "--region", "r", "--endpoint-url=http://127.0.0.1:1", "--output", "table",
                    "--query", "a.b", "--color=never", "--debug", "--no-verify-ssl", "--ca-bundle", "ca.pem",
                    "--cli-connect-timeout", "0", "--cli-read-timeout=2.5", "--max-attempts", "4", "--no-paginate",
                    "--no-cli-pager", "--cli-binary-format", "raw-in-base64-out", "--state-machine-arn", "arn:x"])
  }

  func testALoneDashIsAValueAsArgumentParserReadsIt() throws {
    try assertSame(["describe-state-machine", "--state-machine-arn", "-"])
    try assertSame(["start-execution", "--state-machine-arn", "a", "--input", "-"])
  }

  func testLinesArgumentParserRejectsAreLeftToIt() {
    for line in Self.rejected {
      XCTAssertNil(DirectAPIParser.parse(line), "\(line)")
      // An error, or help: never an API command to run.
      XCTAssertNil((try? SFN.parseAsRoot(line)) as? APICommand, "\(line)")
    }
  }

  func testUnusualLinesAreLeftToArgumentParser() {
    for line in Self.unusual { XCTAssertNil(DirectAPIParser.parse(line), "\(line)") }
  }

  /// Both parsers accept `args` and produce the same invocation.
  private func assertSame(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws {
    try assertParsersAgree(args, read: { ($0 as? APICommand)?.invocation }, direct: DirectAPIParser.parse,
                           file: file, line: line)
  }

  /// Ways to give `option` a value: space and `=` forms, the kind's usual values.
  private static func forms(of option: APIOptionSpec) -> [[String]] {
    let f = option.flag
    switch option.kind {
    case .text:
      return [[f, "some value"], ["\(f)=v=1"], [f, "{\"a\": [1, 2]}"], [f, "file:///tmp/x.json"], [f, ""], [f, "help"]]
    case .words:
      return [[f, "a", "b=c"], ["\(f)=k=v"], ["\(f)=x", "y", "z"], [f, "Key=a,Value=b"]]
    case .integer:
      return [[f, "5"], ["\(f)=0"], [f, "+7"], [f, "2147483648"]]
    case .number:
      return [[f, "1.5"], ["\(f)=2"], [f, "1e3"]]
    case .flag:
      return [[f], ["--no-" + f.dropFirst(2)]]
    }
  }

  private static let pagingLines = [["--max-items", "3"], ["--max-items=3"], ["--starting-token", "tok"],
                                    ["--starting-token=a=b"], ["--page-size", "10"], ["--page-size=1"]]

  /// Each global option in its forms and usual values (the verbs' direct parser is checked with them too).
  static let globalLines = [
    ["--profile", "dev"], ["--profile=dev"], ["--region", "eu-west-1"], ["--region=us-east-2"],
    ["--endpoint-url", "http://127.0.0.1:5661"], ["--endpoint-url=http://h/?a=b"], ["--output", "json"],
    ["--output=text"], ["--output", "table"], ["--query", "[0].name"], ["--query=a || b"], ["--color", "always"],
    ["--color=never"], ["--color", "auto"], ["--debug"], ["--no-verify-ssl"], ["--ca-bundle", "/etc/ca.pem"],
    ["--ca-bundle=ca.pem"], ["--cli-connect-timeout", "3"], ["--cli-connect-timeout=0.5"], ["--cli-read-timeout", "0"],
    ["--cli-read-timeout=60"], ["--max-attempts", "1"], ["--max-attempts=10"], ["--no-paginate"], ["--no-cli-pager"],
    ["--cli-binary-format", "raw-in-base64-out"], ["--cli-binary-format=base64"], ["--error-format", "json"],
    ["--error-format=text"],
  ]

  private static let cliInputLines = [
    ["--cli-input-json", "{\"stateMachineArn\": \"a\"}"], ["--cli-input-json=file://in.json"],
    ["--generate-cli-skeleton", "input"], ["--generate-cli-skeleton=output"],
  ]

  /// Lines argument-parser answers with an error, help or the version, never an API command.
  private static let rejected: [[String]] = [
    [], ["--help"], ["-h"], ["--version"], ["help"], ["help", "describe-state-machine"],
    ["describe-state-machine", "--help"], ["describe-state-machine", "-h"], ["describe-state-machine", "--version"],
    ["describe-state-machine", "--generate-completion-script", "bash"], ["--generate-completion-script=zsh"],
    ["describe-state-machine", "--state-machine-arn"], ["describe-state-machine", "--state-machine-arn", "--debug"],
    ["describe-state-machine", "--state-machine-arn="], ["describe-state-machine", "--unknown", "x"],
    ["describe-state-machine", "--state-machine-arn", "a", "extra"], ["describe-state-machine", "extra"],
    ["describe-state-machine", "--", "a"],
    ["describe-state-machine", "-"], ["describe-state-machine", "--debug=yes"], ["describe-state-machine", "--max-items", "1"],
    ["describe-state-machine", "--no-validate"], ["describe-state-machine", "--output", "yaml"],
    ["describe-state-machine", "--output=JSON"], ["describe-state-machine", "--color", "sometimes"],
    ["describe-state-machine", "--generate-cli-skeleton", "both"], ["describe-state-machine", "--generate-cli-skeleton"],
    ["describe-state-machine", "--max-attempts", "0"], ["describe-state-machine", "--max-attempts", "two"],
    ["describe-state-machine", "--max-attempts=-1"], ["describe-state-machine", "--cli-connect-timeout", "-1"],
    ["describe-state-machine", "--cli-read-timeout=-0.5"], ["describe-state-machine", "--cli-read-timeout", "soon"],
    ["list-executions", "--max-items", "0"], ["list-executions", "--page-size=0"], ["list-executions", "--page-size", "x"],
    ["list-executions", "--max-results", "ten"], ["list-executions", "--max-results", "-5"],
    ["list-executions", "--max-results", "1.5"], ["list-executions", "--max-results", "99999999999999999999"],
    ["update-map-run", "--tolerated-failure-percentage", "lots"], ["tag-resource", "--tags"],
    ["tag-resource", "--tags", "--resource-arn", "a"], ["tag-resource", "--tags="],
    ["create-state-machine", "--publish=true"], ["create-state-machine", "--no-validate=1"], ["create-state-machine", "--no-publish", "x"],
    ["machines", "--max-items", "1", "x", "y"],
  ]

  /// Lines argument-parser may accept but reads by rules of its own (repeats, values that look like options, verbs).
  private static let unusual: [[String]] = [
    ["describe-state-machine", "--state-machine-arn", "a", "--state-machine-arn", "b"],
    ["describe-state-machine", "--debug", "--debug"], ["describe-state-machine", "--output", "json", "--output=text"],
    ["create-state-machine", "--publish", "--no-publish"], ["tag-resource", "--tags", "a", "--tags", "b"],
    ["describe-state-machine", "--state-machine-arn=-a"],
    ["list-executions", "--max-items", "-1"], ["machines"], ["describe", "x"], ["validate", "def.json"],
    ["describe-state-machine", "--state-machine-arn", "a", "--"], ["describe-state-machine", "-state-machine-arn", "a"],
  ]
}
