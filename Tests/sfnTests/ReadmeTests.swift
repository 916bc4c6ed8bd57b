import Foundation
import XCTest

/// Runs every command the README shows, so it cannot go stale: each ```sh block, and the `$ ` lines of each
/// ```console block, run as one bash script, with `sfn` on PATH as the built binary, against the `sfn local` that
/// the first one (scripts/try-local) starts.
final class ReadmeTests: XCTestCase {
  struct Block {
    var line: Int
    var script: String
  }

  static func blocks(in text: String) -> [Block] {
    var blocks: [Block] = []
    var current: (line: Int, kind: String, lines: [String])?
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let open = current {
        if line.hasPrefix("```") {
          let commands = open.kind == "console"
            ? open.lines.filter { $0.hasPrefix("$ ") }.map { String($0.dropFirst(2)) } : open.lines
          if !commands.isEmpty { blocks.append(Block(line: open.line, script: commands.joined(separator: "\n"))) }
          current = nil
        } else {
          current?.lines.append(String(line))
        }
      } else if line == "```sh" || line == "```console" {
        current = (i + 1, String(line.dropFirst(3)), [])
      }
    }
    return blocks
  }

  /// Where the README's commands find `sfn local` (the server scripts/try-local leaves running).
  static let readmeEndpoint = "http://127.0.0.1:8083"

  func testEveryReadmeCommandRuns() throws {
    let readme = try String(contentsOf: SFNRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let blocks = Self.blocks(in: readme)
    XCTAssertGreaterThan(blocks.count, 3)
    // The README's first command is scripts/try-local: sfn against `sfn local`, with no AWS account and no Python.
    XCTAssertTrue(blocks.first?.script.hasPrefix("scripts/try-local") ?? false, blocks.first?.script ?? "no blocks")
    let bin = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("readme-bin"))
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try? FileManager.default.removeItem(at: bin.appendingPathComponent("sfn"))
    try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("sfn").path, withDestinationPath: SFNRunner.binary)
    var env = SFNRunner.cleanEnvironment()
    env["PATH"] = bin.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["SFN_BIN"] = SFNRunner.binary
    env["SFN_LOCAL_PORT"] = "0"  // try-local's server takes a free port; the commands after it are pointed there
    // try-local's server log goes to TMPDIR: a directory of this test's, removed with the server.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("readme-tmp"))
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    env["TMPDIR"] = scratch.path
    var server: (pid: pid_t, endpoint: String)?
    defer {
      if let server { Self.stop(server.pid) }
      try? FileManager.default.removeItem(at: scratch)
    }
    for block in blocks {
      // The test suite itself is what CI runs (.ci/run); running it from inside itself would recurse.
      let lines = block.script.split(separator: "\n").filter { !$0.hasPrefix("scripts/test") }
      var script = lines.joined(separator: "\n")
      if let server { script = script.replacing(Self.readmeEndpoint, with: server.endpoint) }
      let r = SFNRunner.run("/bin/bash", ["-c", "set -euo pipefail\n" + script], env: env, cwd: SFNRunner.packageRoot.path)
      XCTAssertEqual(r.status, 0, "README.md block at line \(block.line) failed:\n\(block.script)\nstdout: \(r.stdout.suffix(1500))\nstderr: \(r.stderr.suffix(1500))")
      if server == nil, let started = Self.localServer(in: r.stderr) {
        server = started
        // The README's later blocks each run on their own: the endpoint comes from their environment.
        env["AWS_ENDPOINT_URL"] = started.endpoint
        env["AWS_DEFAULT_REGION"] = "us-east-1"
        env["AWS_ACCESS_KEY_ID"] = "local"
        env["AWS_SECRET_ACCESS_KEY"] = "local"
        XCTAssertTrue(r.stdout.contains("Hello, sfn local!"), "try-local ran no execution: \(r.stdout)")
      }
    }
    XCTAssertNotNil(server, "no README block started sfn local (scripts/try-local)")
  }

  /// The pid and endpoint of the server scripts/try-local started, from its last words.
  static func localServer(in stderr: String) -> (pid: pid_t, endpoint: String)? {
    guard let match = stderr.firstMatch(of: #/sfn local \(pid (\d+)\) is listening on (http:\S+),/#),
          let pid = pid_t(match.1) else { return nil }
    return (pid, String(match.2))
  }

  /// Stops the server try-local left running, once sure the pid is still that server.
  static func stop(_ pid: pid_t) {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
    guard exe.hasSuffix("/sfn-local-server") else { return }
    kill(pid, SIGTERM)
  }
}
