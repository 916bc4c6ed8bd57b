import Foundation
import XCTest

/// A program started with posix_spawn: stdin from a file, stdout and stderr into files, signals at their defaults.
///
/// Every test process goes through this type rather than Foundation's Process, whose waitUntilExit can miss a
/// child's exit on Linux (it hung CI when `scripts/peer start` left a server behind). Waits poll waitpid and kill
/// the child after a deadline, so a hang fails one test with its name instead of stalling the whole run.
final class ChildProcess {
  /// The child's process id.
  let pid: pid_t
  /// Where stdout and stderr go.
  let outPath: String, errPath: String
  private let dir: URL
  private var exitStatus: Int32?
  private var timedOut = false

  /// Starts `executable args` with `env`, optional stdin text and working directory.
  init(_ executable: String, _ args: [String], env: [String: String], stdin: String? = nil, cwd: String? = nil) throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let inPath = dir.appendingPathComponent("in").path
    outPath = dir.appendingPathComponent("out").path
    errPath = dir.appendingPathComponent("err").path
    FileManager.default.createFile(atPath: inPath, contents: stdin.map { Data($0.utf8) } ?? Data())
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // Whatever the test runner ignores or blocks (CI harnesses differ), the child starts with the defaults.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t(), empty = sigset_t()
    sigfillset(&defaults)
    sigemptyset(&empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    // posix_spawn has no portable chdir action: let env(1) change directory.
    let command = cwd.map { ["/usr/bin/env", "-C", $0, executable] + args } ?? [executable] + args
    let argv = command.map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var child: pid_t = 0
    let rc = posix_spawn(&child, command[0], &actions, &attributes, argv, envp)
    guard rc == 0 else {
      try? FileManager.default.removeItem(at: dir)
      throw NSError(domain: "ChildProcess", code: Int(rc),
                    userInfo: [NSLocalizedDescriptionKey: "cannot run \(executable): errno \(rc)"])
    }
    pid = child
  }

  deinit {
    if exitStatus == nil {
      kill(pid, SIGKILL)
      _ = wait(timeout: 5)
    }
    try? FileManager.default.removeItem(at: dir)
  }

  /// True until the child has exited (and been reaped).
  var isRunning: Bool { poll() == nil }

  /// What the child wrote to stdout so far.
  var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }

  /// What the child wrote to stderr so far, plus a note when the harness killed it.
  var stderr: String {
    let text = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return timedOut ? text + "\n[test harness: killed, still running after its deadline]" : text
  }

  /// Sends `signal` to the child.
  func signal(_ signal: Int32) { if exitStatus == nil { kill(pid, signal) } }

  /// Waits for the exit and returns the status (128+N for signal N); kills the child after `timeout` seconds.
  @discardableResult
  func wait(timeout: TimeInterval) -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let status = poll() { return status }
      if Date() > deadline, !timedOut {
        timedOut = true
        kill(pid, SIGKILL)
      }
      usleep(5_000)
    }
  }

  /// The exit status once the child has ended, reaping it.
  private func poll() -> Int32? {
    if let exitStatus { return exitStatus }
    var status: Int32 = 0
    var rc: pid_t
    repeat { rc = waitpid(pid, &status, WNOHANG) } while rc == -1 && errno == EINTR
    guard rc == pid else { return nil }
    let signalled = status & 0x7f
    exitStatus = signalled == 0 ? (status >> 8) & 0xff : 128 + signalled
    return exitStatus
  }

  /// Waits for the exit (killing the child after `timeout` seconds) and returns its status and output.
  func result(timeout: TimeInterval = 900) -> RunResult {
    let status = wait(timeout: timeout)
    return RunResult(status: status, stdout: stdout, stderr: stderr)
  }

  /// Ends the child (SIGTERM, SIGKILL after 10 s) and returns what it printed.
  @discardableResult
  func stop() -> RunResult {
    signal(SIGTERM)
    return result(timeout: 10)
  }

  /// Polls until `condition` holds or the child ends or `timeout` passes; true when the condition held.
  func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition() { return true }
      if !isRunning { return condition() }
      usleep(10_000)
    }
    return condition()
  }
}
