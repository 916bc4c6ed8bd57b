import Foundation
import XCTest

/// The fault-injecting proxy (Fixtures/reliability/faultproxy.py) running between sfn and the peer.
final class FaultProxy {
  let endpoint: String
  let logPath: String
  private let process: ChildProcess

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
    process = try ChildProcess("/usr/bin/python3", args, env: ProcessInfo.processInfo.environment)
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
