import Foundation
import XCTest

/// sfn through a proxy that throttles, fails, resets, stalls and garbles 30% of requests (fixed seed): every
/// invocation must end with the exit code the proxy log calls for, and start its execution exactly once.
final class FaultInjectionTests: XCTestCase {
  static let port = 5651

  /// What one invocation ran and how it ended.
  struct Start {
    let index: Int
    let machine: String
    let name: String?
    let input: String
  }

  func testTwoHundredStartsThroughFaultsDefaultAttempts() throws {
    let peer = try Peer.start(port: Self.port)
    let proxy = try FaultProxy(upstream: peer.endpoint, rate: 0.3, seed: "2026")
    let (starts, results) = try runStarts(200, peer: peer, proxy: proxy, maxAttempts: nil)
    let succeeded = check(starts, results, proxy: proxy, peer: peer, maxAttempts: 3)
    XCTAssertGreaterThan(succeeded.count, 150)
    pollUntilDone(succeeded, proxy: proxy, peer: peer)
  }

  func testTwoHundredStartWaitsThroughFaults() throws {
    let peer = try Peer.start(port: Self.port)
    let proxy = try FaultProxy(upstream: peer.endpoint, rate: 0.3, seed: "wait")
    let (starts, results) = try runStarts(200, peer: peer, proxy: proxy, maxAttempts: nil, wait: true)
    checkWaits(starts, results, proxy: proxy, peer: peer)
  }

  func testStartsThroughFaultsWithFiveAttemptsFromEnvironment() throws {
    let peer = try Peer.start(port: Self.port)
    let proxy = try FaultProxy(upstream: peer.endpoint, rate: 0.3, seed: "five")
    let (starts, results) = try runStarts(40, peer: peer, proxy: proxy, maxAttempts: 5)
    _ = check(starts, results, proxy: proxy, peer: peer, maxAttempts: 5)
  }

  /// Runs `count` start-execution invocations through the proxy, 8 at a time; every 8th without --name.
  /// With `wait`, runs `sfn start MACHINE --name N --wait` instead.
  private func runStarts(_ count: Int, peer: Peer, proxy: FaultProxy, maxAttempts: Int?, wait: Bool = false) throws
    -> ([Start], [RunResult])
  {
    let pass = makeMachine(peer), waiting = makeMachine(peer, waitSeconds: 2)
    let run = uniqueName("f")
    let starts = (0..<count).map { i in
      Start(index: i, machine: i % 4 == 0 ? waiting : pass, name: i % 8 == 3 && !wait ? nil : "\(run)-\(i)",
            input: #"{"run":"\#(run)","i":\#(i)}"#)
    }
    var env = peer.environment()
    env["AWS_ENDPOINT_URL"] = proxy.endpoint
    if let maxAttempts { env["AWS_MAX_ATTEMPTS"] = String(maxAttempts) }
    let results = Results(count)
    concurrently(count, width: 8) { [env] i in
      let s = starts[i]
      var args = wait ? ["start", s.machine, "--wait", "--input", s.input, "--cli-read-timeout", "2"]
        : ["start-execution", "--state-machine-arn", s.machine, "--input", s.input, "--cli-read-timeout", "2"]
      if let name = s.name { args += ["--name", name] }
      results.set(i, SFNRunner.sfn(args, env: env))
    }
    return (starts, results.all)
  }

  /// Checks exit codes, output and the peer's executions against the proxy log; returns the started ARNs.
  private func check(_ starts: [Start], _ results: [RunResult], proxy: FaultProxy, peer: Peer, maxAttempts: Int)
    -> [String]
  {
    let entries = proxy.entries()
    let byInput = Dictionary(grouping: entries.filter { $0["target"] as? String == "StartExecution" }) {
      $0["input"] as? String ?? ""
    }
    let onPeer = executionNames(peer, machines: Set(starts.map(\.machine)))
    var started: [String] = [], failures = 0, recovered = 0
    for (s, r) in zip(starts, results) {
      let attempts = byInput[s.input] ?? []
      let what = "start \(s.index) (exit \(r.status), stderr \(r.stderr)): \(attempts.map { $0["fault"] ?? "-" })"
      guard let last = attempts.last else {
        XCTFail("the proxy never saw \(what)")
        continue
      }
      let names = Set(attempts.compactMap { $0["name"] as? String })
      XCTAssertEqual(names.count, 1, "one name, fixed before the first attempt: \(what)")
      if let given = s.name { XCTAssertEqual(names.first, given, what) }
      let name = names.first ?? ""
      XCTAssertEqual(Set(attempts.compactMap { $0["invocation"] as? String }).count, 1, what)
      XCTAssertLessThanOrEqual(attempts.count, maxAttempts, what)
      XCTAssertFalse(attempts.dropLast().contains { $0["clean"] as? Bool == true }, "nothing after an answer: \(what)")

      var expected: Int32 = 6
      if last["clean"] as? Bool == true {
        if last["upstream_type"] as? String == "ExecutionAlreadyExists" {
          // An earlier attempt started it and lost the answer: the client asks DescribeExecution and reports success.
          recovered += 1
          let describe = entries.filter { $0["target"] as? String == "DescribeExecution" && $0["name"] as? String == name }
          expected = describe.last?["clean"] as? Bool == true ? 0 : 6
        } else {
          XCTAssertEqual(last["upstream"] as? Int, 200, what)
          expected = 0
        }
      } else {
        XCTAssertEqual(attempts.count, maxAttempts, "gave up before max attempts: \(what)")
      }
      XCTAssertEqual(r.status, expected, what)
      if r.status == 0 {
        let arn = r.object()["executionArn"] as? String ?? ""
        XCTAssertTrue(arn.hasSuffix(":" + name), "\(arn) \(what)")
        started.append(arn)
      } else {
        failures += 1
        XCTAssertTrue(r.stderr.hasPrefix("sfn: ") && r.stderr.filter { $0 == "\n" }.count == 1, what)
        XCTAssertEqual(r.stdout, "", what)
      }
      let forwarded = attempts.contains { $0["forwarded"] as? Bool == true }
      XCTAssertEqual(onPeer[name, default: 0], forwarded ? 1 : 0, "executions on the peer for \(what)")
    }
    let forwardedCount = starts.filter { s in (byInput[s.input] ?? []).contains { $0["forwarded"] as? Bool == true } }.count
    XCTAssertEqual(onPeer.values.reduce(0, +), forwardedCount, "one execution per invocation that reached the peer")
    let faults = entries.compactMap { $0["fault"] as? String }
    if starts.count >= 200 {
      XCTAssertEqual(Set(faults).count, 10, "every kind of fault was injected: \(Set(faults))")
    }
    print("fault injection: \(starts.count) starts, \(entries.count) requests, \(faults.count) faults, "
          + "\(failures) exit 6, \(recovered) recovered from ExecutionAlreadyExists")
    return started
  }

  /// `start --wait` makes several calls (DescribeStateMachine, StartExecution, DescribeExecution polls): the
  /// invocation exits 0 with SUCCEEDED when every call got an answer, and 6 when one call failed every attempt.
  private func checkWaits(_ starts: [Start], _ results: [RunResult], proxy: FaultProxy, peer: Peer) {
    let entries = proxy.entries()
    let byName = Dictionary(grouping: entries.filter { $0["name"] is String }) { $0["name"] as? String ?? "" }
    let onPeer = executionNames(peer, machines: Set(starts.map(\.machine)))
    var beforeStart = 0, failures = 0
    for (s, r) in zip(starts, results) {
      let name = s.name ?? ""
      let mine = byName[name] ?? []
      let calls = Dictionary(grouping: mine) { $0["invocation"] as? String ?? "" }.values
        .sorted { ($0.first?["seq"] as? Int ?? 0) < ($1.first?["seq"] as? Int ?? 0) }
      let what = "start --wait \(s.index) (exit \(r.status), stderr \(r.stderr)): "
        + "\(calls.map { c in c.map { "\($0["target"] ?? "")/\($0["fault"] ?? "-")" } })"
      let failed = calls.filter { $0.last?["clean"] as? Bool != true }
      XCTAssertTrue(calls.allSatisfy { $0.count <= 3 }, what)
      XCTAssertTrue(failed.allSatisfy { $0.count == 3 }, "a call gives up after 3 attempts only: \(what)")
      XCTAssertLessThanOrEqual(failed.count, 1, what)
      if let f = failed.first { XCTAssertEqual(f.first?["seq"] as? Int, calls.last?.first?["seq"] as? Int, "nothing after: \(what)") }
      // No request named the execution: the DescribeStateMachine before the start failed.
      let expected: Int32 = mine.isEmpty || !failed.isEmpty ? 6 : 0
      if mine.isEmpty { beforeStart += 1 }
      XCTAssertEqual(r.status, expected, what)
      if r.status == 0 {
        XCTAssertEqual(r.object()["status"] as? String, "SUCCEEDED", what)
        XCTAssertTrue((r.object()["executionArn"] as? String ?? "").hasSuffix(":" + name), what)
      } else {
        failures += 1
        XCTAssertTrue(r.stderr.hasPrefix("sfn: ") && r.stderr.filter { $0 == "\n" }.count == 1, what)
      }
      let starts = mine.filter { $0["target"] as? String == "StartExecution" }
      XCTAssertLessThanOrEqual(Set(starts.compactMap { $0["invocation"] as? String }).count, 1, "one StartExecution call: \(what)")
      let forwarded = starts.contains { $0["forwarded"] as? Bool == true }
      XCTAssertEqual(onPeer[name, default: 0], forwarded ? 1 : 0, "executions on the peer for \(what)")
    }
    let machineCalls = Dictionary(grouping: entries.filter { $0["target"] as? String == "DescribeStateMachine" }) {
      $0["invocation"] as? String ?? ""
    }
    XCTAssertEqual(machineCalls.values.filter { $0.last?["clean"] as? Bool != true }.count, beforeStart,
                   "invocations that never reached StartExecution = DescribeStateMachine calls that failed")
    print("fault injection (start --wait): \(starts.count) invocations, \(entries.count) requests, "
          + "\(entries.filter { $0["fault"] is String }.count) faults, \(failures) exit 6")
  }

  /// Polls describe-execution through the proxy until each execution SUCCEEDED; a describe that failed (exit 6)
  /// must be one the proxy failed on every attempt.
  private func pollUntilDone(_ arns: [String], proxy: FaultProxy, peer: Peer) {
    let boundary = proxy.entries().count
    var env = peer.environment()
    env["AWS_ENDPOINT_URL"] = proxy.endpoint
    let exits = Results(arns.count)
    concurrently(arns.count, width: 8) { [env] i in
      var last: RunResult?
      for _ in 0..<60 {
        let r = SFNRunner.sfn(["describe-execution", "--execution-arn", arns[i], "--cli-read-timeout", "2"], env: env)
        XCTAssertTrue([0, 6].contains(r.status), r.stderr)
        if r.status == 6 { exits.count6() }
        last = r
        if r.status == 0, r.object()["status"] as? String != "RUNNING" { break }
        usleep(300_000)
      }
      XCTAssertEqual(last?.object()["status"] as? String, "SUCCEEDED", arns[i])
    }
    let calls = Dictionary(grouping: proxy.entries().dropFirst(boundary)) { $0["invocation"] as? String ?? "" }
    let failed = calls.values.filter { !$0.contains { $0["clean"] as? Bool == true } }
    XCTAssertEqual(failed.count, exits.sixes, "describe calls the proxy failed 3 times = describe exits 6")
    XCTAssertTrue(failed.allSatisfy { $0.count == 3 })
    XCTAssertTrue(calls.values.allSatisfy { $0.count <= 3 })
  }

  /// Execution name -> how many executions of that name the machines have, asked of the peer directly.
  private func executionNames(_ peer: Peer, machines: Set<String>) -> [String: Int] {
    var counts: [String: Int] = [:]
    for machine in machines {
      let r = peer.sfn(["list-executions", "--state-machine-arn", machine])
      XCTAssertEqual(r.status, 0, r.stderr)
      for e in r.object()["executions"] as? [[String: Any]] ?? [] {
        counts[e["name"] as? String ?? "", default: 0] += 1
      }
    }
    return counts
  }
}

/// Results written from several threads.
final class Results: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [RunResult?]
  private(set) var sixes = 0

  init(_ count: Int) { values = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ r: RunResult) {
    lock.lock()
    values[i] = r
    lock.unlock()
  }

  func count6() {
    lock.lock()
    sixes += 1
    lock.unlock()
  }

  var all: [RunResult] {
    lock.lock()
    defer { lock.unlock() }
    return values.map { $0 ?? RunResult(status: -1, stdout: "", stderr: "not run") }
  }
}
