import Foundation
import XCTest

/// The committed completion scripts work in bash, zsh and fish, for commands and flags and for the names
/// they ask the service for (state machines, executions, activities) through the built sfn.
final class CompletionScriptTests: XCTestCase {
  /// What bash's completion function offers for `line` (the cursor at its end).
  private func bashCompletions(_ line: String, environment: [String: String]) throws -> [String] {
    var words = line.split(separator: " ").map(String.init)
    if line.hasSuffix(" ") { words.append("") }
    let quoted = words.map { "'\($0)'" }.joined(separator: " ")
    let script = """
      source completions/sfn.bash
      COMP_LINE='\(line)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_POINT=${#COMP_LINE}
      _sfn_colons sfn "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    // Not under `set -u`: completion functions, like the shells running them, expect unset variables to be empty.
    let result = try Shipping.run(["bash", "-c", script], environment: environment)
    XCTAssertEqual(result.status, 0, result.stderr)
    return result.stdout.split(separator: "\n").map(String.init)
  }

  /// What zsh's completion system offers for `line`, through a real interactive zsh.
  private func zshCompletions(_ line: String, environment: [String: String]) throws -> [String] {
    let result = try Shipping.run(["zsh", "-f", Shipping.fixtures + "/zsh-complete.zsh", Shipping.root + "/completions",
                                   line], environment: environment, timeout: 60)
    XCTAssertEqual(result.status, 0, result.stderr)
    return result.stdout.split(separator: "\n").map(String.init)
  }

  /// What fish's `complete -C` offers for `line` (names only, descriptions dropped).
  private func fishCompletions(_ line: String) throws -> [String] {
    let result = try Shipping.run(["fish", "--no-config", "-c", "source completions/sfn.fish; complete -C'\(line)'"],
                                  environment: Shipping.environment())
    XCTAssertEqual(result.status, 0, result.stderr)
    return result.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
  }

  func testBashRegistersTheFunctionAndCompletesCommandsAndFlags() throws {
    let registered = try Shipping.bash("source completions/sfn.bash; complete -p sfn")
    XCTAssertEqual(registered.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "complete -o filenames -F _sfn_colons sfn")
    let env = Shipping.environment()
    XCTAssertEqual(try bashCompletions("sfn describe-ex", environment: env), ["describe-execution"])
    let flags = try bashCompletions("sfn list-executions --status", environment: env)
    XCTAssertEqual(flags, ["--status-filter"])
    let values = try bashCompletions("sfn list-executions --output ", environment: env)
    XCTAssertEqual(Set(values), ["json", "table", "text"])
  }

  func testZshCompletesCommandsAndFlags() throws {
    let env = Shipping.environment()
    XCTAssertEqual(try zshCompletions("sfn describe-ex", environment: env), ["describe-execution"])
    let flags = try zshCompletions("sfn start-execution --", environment: env)
    XCTAssertTrue(flags.contains("--state-machine-arn"), "\(flags)")
    XCTAssertTrue(flags.contains("--region"), "\(flags)")
    XCTAssertFalse(flags.contains("--status-filter"), "\(flags)")
  }

  func testFishCompletesCommandsAndFlags() throws {
    XCTAssertEqual(try fishCompletions("sfn describe-ex"), ["describe-execution"])
    let flags = try fishCompletions("sfn send-task-success --task-")
    XCTAssertEqual(Set(flags), ["--task-token", "--task-output"])
  }

  func testHiddenCompleteCommandIsNotOffered() throws {
    let env = Shipping.environment()
    XCTAssertFalse(try bashCompletions("sfn __", environment: env).contains("__complete"))
    XCTAssertFalse(try fishCompletions("sfn __").contains("__complete"))
  }

  func testEveryShellCompletesNamesFromTheService() throws {
    let fixture = try CompletionPeerFixture()
    let env = fixture.environment
    let machineLine = "sfn start-execution --state-machine-arn "
    let activityLine = "sfn describe-activity --activity-arn "

    XCTAssertTrue(try zshCompletions(machineLine, environment: env).contains(fixture.machineArn))
    XCTAssertEqual(try zshCompletions("sfn describe-execution --execution-arn \(fixture.executionPrefix)", environment: env),
                   [fixture.executionArn])
    XCTAssertTrue(try zshCompletions(activityLine, environment: env).contains(fixture.activityArn))

    // bash splits words at colons, zsh's _describe splits at colons, fish reads the line with `commandline`:
    // type into the real shells and read back the line they completed.
    for shell in [InteractiveShell.bash, .zsh, .fish] {
      // Part of the machine name, TAB: the execution ARN prefix of that machine; TAB again: its one execution.
      let typed = "sfn describe-execution --execution-arn " + fixture.executionPrefix.dropLast(4)
      XCTAssertEqual(try shell.complete(typed, tabs: 2, environment: env),
                     "sfn describe-execution --execution-arn \(fixture.executionArn)", "\(shell)")
      XCTAssertEqual(try shell.complete(machineLine + fixture.machineArn.dropLast(3), tabs: 1, environment: env),
                     machineLine + fixture.machineArn, "\(shell)")
      XCTAssertEqual(try shell.complete(activityLine + fixture.activityArn.dropLast(3), tabs: 1, environment: env),
                     activityLine + fixture.activityArn, "\(shell)")
      // Verbs take names: MACHINE/ first, then MACHINE/EXECUTION-NAME.
      XCTAssertEqual(try shell.complete("sfn history " + fixture.machineName.dropLast(2), tabs: 2, environment: env),
                     "sfn history \(fixture.machineName)/\(fixture.executionName)", "\(shell)")
      XCTAssertEqual(try shell.complete("sfn start " + fixture.machineName.dropLast(2), tabs: 1, environment: env),
                     "sfn start " + fixture.machineName, "\(shell)")
    }
  }
}

/// An interactive bash, zsh or fish in tmux with sfn's completions loaded: type, press TAB, read the line back.
enum InteractiveShell: String {
  case bash, zsh, fish

  private var start: String {
    switch self {
    case .bash: return "bash --norc --noprofile -i"
    case .zsh: return "zsh -f -i"
    case .fish: return "fish --no-config -i"
    }
  }

  private var setup: String {
    switch self {
    case .bash: return "PS1='> '; source completions/sfn.bash; clear"
    case .zsh: return "PS1='> '; fpath=(\(Shipping.root)/completions \\$fpath); autoload -U compinit; compinit -u -D; clear"
    case .fish: return "function fish_prompt; echo '> '; end; source completions/sfn.fish; clear"
    }
  }

  /// The command line after typing `line` and pressing TAB `tabs` times (each TAB waits for the line to change).
  func complete(_ line: String, tabs: Int, environment: [String: String]) throws -> String {
    let socket = "sfn-shipping-\(rawValue)-\(getpid())"
    let tmux = "tmux -L \(socket)"
    let script = """
      \(tmux) kill-server 2>/dev/null || true
      trap '\(tmux) kill-server 2>/dev/null || true' EXIT
      \(tmux) new-session -d -x 250 -y 20 "\(start)"
      \(tmux) send-keys "\(setup)" Enter
      screen() { \(tmux) capture-pane -p | grep '^> sfn' | tail -1 || true; }
      for _ in $(seq 1 50); do [ -z "$(\(tmux) capture-pane -p | grep -v '^> *$' | grep -v '^$' || true)" ] && break; sleep 0.1; done
      \(tmux) send-keys '\(line)'
      for _ in $(seq 1 50); do [ "$(screen)" = "> \(line)" ] && break; sleep 0.1; done
      for _ in $(seq 1 \(tabs)); do
        before=$(screen)
        \(tmux) send-keys Tab
        for _ in $(seq 1 100); do [ "$(screen)" != "$before" ] && break; sleep 0.1; done
      done
      sleep 0.3
      screen
      """
    let result = try Shipping.bash(script, environment: environment, timeout: 60)
    XCTAssertEqual(result.status, 0, result.stderr)
    return String(result.stdout.trimmingCharacters(in: .newlines).dropFirst(2)).trimmingCharacters(in: .whitespaces)
  }
}

/// A state machine with one execution and an activity on the peer, with a fresh completion cache.
struct CompletionPeerFixture {
  let environment: [String: String]
  let machineArn: String
  let executionArn: String
  let activityArn: String

  /// The state machine's name.
  var machineName: String { String(machineArn.split(separator: ":").last!) }

  /// The execution's name.
  var executionName: String { String(executionArn.split(separator: ":").last!) }

  /// `arn:...:execution:MACHINE:`, what a user types before asking for the execution names.
  var executionPrefix: String {
    machineArn.replacingOccurrences(of: ":stateMachine:", with: ":execution:") + ":"
  }

  init() throws {
    let suffix = UUID().uuidString.prefix(8).lowercased()
    environment = Shipping.environment(try Shipping.peer().merging(
      ["XDG_CACHE_HOME": try Shipping.temporaryDirectory()]) { $1 })
    let env = environment
    let sfn = { (args: [String]) throws -> String in try Shipping.sfnText(args, environment: env) }
    machineArn = try sfn(["create-state-machine", "--name", "compl-\(suffix)", "--role-arn",
      "arn:aws:iam::123456789012:role/sfn", "--definition", #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#,
      "--query", "stateMachineArn"])
    executionArn = try sfn(["start-execution", "--state-machine-arn", machineArn, "--name", "run-\(suffix)",
      "--query", "executionArn"])
    activityArn = try sfn(["create-activity", "--name", "act-\(suffix)", "--query", "activityArn"])
  }
}
