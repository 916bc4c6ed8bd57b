import Foundation
import XCTest

/// The fault-injecting proxy (Fixtures/reliability/faultproxy.py) running between sfn and the peer.
final class FaultProxy {
  let endpoint: String
  let logPath: String
  private let process: BackgroundProcess

  /// Starts the proxy in front of `upstream`; fails the test when it does not come up.
  init(upstream: String, mode: String = "faults", rate: Double = 0, seed: String = "7", faults: [String] = [],
       stall: Double = 12, file: StaticString = #filePath, line: UInt = #line) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-proxy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let portFile = dir.appendingPathComponent("port").path
    logPath = dir.appendingPathComponent("log.jsonl").path
    FileManager.default.createFile(atPath: logPath, contents: Data())
    let script = SFNRunner.packageRoot.appendingPathComponent("Tests/sfnTests/Fixtures/reliability/faultproxy.py").path
    var args = [script, "--upstream", upstream, "--port-file", portFile, "--log", logPath, "--mode", mode,
                "--rate", String(rate), "--seed", seed, "--stall", String(stall)]
    if !faults.isEmpty { args += ["--faults", faults.joined(separator: ",")] }
    process = try BackgroundProcess("/usr/bin/python3", args, env: ProcessInfo.processInfo.environment)
    var port: String?
    for _ in 0..<200 where port == nil {
      port = try? String(contentsOfFile: portFile, encoding: .utf8)
      if port == nil { usleep(50_000) }
    }
    guard let port else {
      XCTFail("the fault proxy did not start: \(process.stop().stderr)", file: file, line: line)
      throw Peer.PeerError.notStarted
    }
    endpoint = "http://127.0.0.1:\(port)"
  }

  deinit { _ = process.stop() }

  /// Every request the proxy received so far, in arrival order.
  func entries() -> [[String: Any]] {
    let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }.sorted { ($0["seq"] as? Int ?? 0) < ($1["seq"] as? Int ?? 0) }
  }

  /// Waits until the proxy has logged `count` requests (or about 20 s passed).
  func waitForEntries(_ count: Int) {
    for _ in 0..<400 where entries().count < count { usleep(50_000) }
  }
}

/// A child process started without waiting (posix_spawn), output in temporary files.
final class BackgroundProcess {
  let pid: pid_t
  private let dir: URL
  private var result: RunResult?

  init(_ executable: String, _ args: [String], env: [String: String]) throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-bg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, dir.appendingPathComponent("out").path, O_WRONLY | O_CREAT, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, dir.appendingPathComponent("err").path, O_WRONLY | O_CREAT, 0o600)
    let argv = ([executable] + args).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
    self.pid = pid
  }

  /// Sends `signal` to the process.
  func signal(_ signal: Int32) { kill(pid, signal) }

  /// Waits for the process to end and returns its status (128 + signal when a signal ended it) and output.
  func wait() -> RunResult {
    if let result { return result }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let out = (try? String(contentsOfFile: dir.appendingPathComponent("out").path, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: dir.appendingPathComponent("err").path, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: dir)
    result = RunResult(status: code, stdout: out, stderr: err)
    return result!
  }

  /// Ends the process (SIGTERM) and reaps it.
  @discardableResult
  func stop() -> RunResult {
    if result == nil { kill(pid, SIGTERM) }
    return wait()
  }
}

/// Runs `body` for 0..<count on `width` threads at once.
func concurrently(_ count: Int, width: Int, _ body: @escaping @Sendable (Int) -> Void) {
  let group = DispatchGroup()
  let slots = DispatchSemaphore(value: width)
  let queue = DispatchQueue(label: "sfn-tests", attributes: .concurrent)
  for i in 0..<count {
    slots.wait()
    queue.async(group: group) {
      body(i)
      slots.signal()
    }
  }
  group.wait()
}

/// A state machine on the peer: a Pass machine, or one that waits `waitSeconds` first.
func makeMachine(_ peer: Peer, waitSeconds: Int? = nil) -> String {
  let definition = waitSeconds.map {
    #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":\#($0),"Next":"P"},"P":{"Type":"Pass","End":true}}}"#
  } ?? #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#
  let r = peer.sfn(["create-state-machine", "--name", uniqueName("rel"), "--definition", definition,
                    "--role-arn", "arn:aws:iam::123456789012:role/sfn"])
  XCTAssertEqual(r.status, 0, r.stderr)
  return r.object()["stateMachineArn"] as? String ?? ""
}
