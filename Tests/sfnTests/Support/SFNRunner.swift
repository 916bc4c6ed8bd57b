import Foundation
import XCTest

/// The result of running the sfn binary.
struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String

  /// stdout parsed as JSON (fails the test when it is not).
  func json(file: StaticString = #filePath, line: UInt = #line) -> Any? {
    guard let data = stdout.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
      XCTFail("stdout is not JSON: \(stdout)\nstderr: \(stderr)", file: file, line: line)
      return nil
    }
    return value
  }

  /// stdout parsed as a JSON object.
  func object(file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
    (json(file: file, line: line) as? [String: Any]) ?? [:]
  }
}

/// Runs the built `sfn` binary (or any program) as a real process.
enum SFNRunner {
  /// The package root, from this file's location.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `$SFN_BIN`, else `.build/debug/sfn` in the package.
  static var binary: String {
    if let bin = ProcessInfo.processInfo.environment["SFN_BIN"], !bin.isEmpty { return bin }
    return packageRoot.appendingPathComponent(".build/debug/sfn").path
  }

  /// An environment with no AWS settings from the developer's shell, a scratch HOME and no proxies.
  static func cleanEnvironment(home: String? = nil) -> [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { key, _ in
      !key.hasPrefix("AWS_") && !key.lowercased().hasSuffix("_proxy") && key != "NO_COLOR"
    }
    env["HOME"] = home ?? scratchHome
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    return env
  }

  /// A HOME without ~/.aws, shared by tests that need none.
  static let scratchHome: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-test-home-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }()

  /// Runs `sfn args` with `env` (defaults to a clean one) and optional stdin.
  static func sfn(_ args: [String], env: [String: String]? = nil, stdin: String? = nil) -> RunResult {
    run(binary, args, env: env ?? cleanEnvironment(), stdin: stdin)
  }

  /// Runs any executable and captures its output.
  ///
  /// Uses posix_spawn and waitpid with output in temporary files: Foundation's Process.waitUntilExit can miss a
  /// child's exit on Linux when the child leaves background processes behind (the peer script does).
  static func run(_ executable: String, _ args: [String], env: [String: String], stdin: String? = nil,
                  cwd: String? = nil) -> RunResult {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-run-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inPath = dir.appendingPathComponent("in").path, outPath = dir.appendingPathComponent("out").path
    let errPath = dir.appendingPathComponent("err").path
    FileManager.default.createFile(atPath: inPath, contents: stdin.map { Data($0.utf8) } ?? Data())
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // posix_spawn has no portable chdir action: let env(1) change directory.
    let command = cwd.map { ["/usr/bin/env", "-C", $0, executable] + args } ?? [executable] + args
    let argv = command.map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
    guard rc == 0 else { return RunResult(status: -1, stdout: "", stderr: "cannot run \(executable): errno \(rc)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let exited = status & 0x7f == 0
    let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return RunResult(status: code, stdout: out, stderr: err)
  }
}
