import Foundation
import XCTest

/// Runs every command the README shows, so it cannot go stale: each ```sh block, and the `$ ` lines of each
/// ```console block, run as one bash script against a peer, with `sfn` on PATH as the built binary.
final class ReadmeTests: XCTestCase {
  /// The README's examples name this endpoint (where scripts/try-local starts the peer).
  static let readmeEndpoint = "http://127.0.0.1:5600"

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

  func testEveryReadmeCommandRuns() throws {
    let peer = try Peer.start(port: 5681)
    let readme = try String(contentsOf: SFNRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let blocks = Self.blocks(in: readme)
    XCTAssertGreaterThan(blocks.count, 3)
    let bin = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("readme-bin"))
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try? FileManager.default.removeItem(at: bin.appendingPathComponent("sfn"))
    try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("sfn").path, withDestinationPath: SFNRunner.binary)
    var env = peer.environment()
    env["PATH"] = bin.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["SFN_BIN"] = SFNRunner.binary
    env["SFN_PEER_PORT"] = String(peer.port)
    // scripts/try-local starts (reuses) the test's peer: point it at the real venv and state, not the scratch HOME.
    let realHome = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    let real = ProcessInfo.processInfo.environment
    env["SFN_PEER_VENV"] = real["SFN_PEER_VENV"] ?? realHome + "/.cache/sfn-peer/venv5"
    env["SFN_PEER_STATE"] = real["SFN_PEER_STATE"] ?? realHome + "/.cache/sfn-peer/state"
    for block in blocks {
      // The test suite itself is what CI runs (.ci/run); running it from inside itself would recurse.
      let lines = block.script.split(separator: "\n").filter { !$0.hasPrefix("scripts/test") }
      let script = "set -euo pipefail\n" + lines.joined(separator: "\n").replacing(Self.readmeEndpoint, with: peer.endpoint)
      let r = SFNRunner.run("/bin/bash", ["-c", script], env: env, cwd: SFNRunner.packageRoot.path)
      XCTAssertEqual(r.status, 0, "README.md block at line \(block.line) failed:\n\(block.script)\nstdout: \(r.stdout.suffix(1500))\nstderr: \(r.stderr.suffix(1500))")
    }
  }
}
