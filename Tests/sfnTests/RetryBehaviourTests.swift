import Foundation
import XCTest

/// Retry settings, clock skew, Ctrl-C, long polls and idempotency tokens, seen from the proxy between sfn and moto.
final class RetryBehaviourTests: XCTestCase {
  static let port = 5651

  private func env(_ peer: Peer, _ proxy: FaultProxy, home: String? = nil) -> [String: String] {
    var env = peer.environment(home: home)
    env["AWS_ENDPOINT_URL"] = proxy.endpoint
    return env
  }

  func testThrottledAfterAllRetriesExits6AndAttemptsFollowFlagEnvironmentAndProfile() throws {
    let peer = try Peer.start(port: Self.port)
    let proxy = try FaultProxy(upstream: peer.endpoint, rate: 1, faults: ["throttle"])
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-retry-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    try """
      [profile one]
      max_attempts = 1
      aws_access_key_id = testing
      aws_secret_access_key = testing
      [profile legacy]
      retry_mode = legacy
      aws_access_key_id = testing
      aws_secret_access_key = testing
      [profile bogus]
      retry_mode = eventually
      aws_access_key_id = testing
      aws_secret_access_key = testing
      """.write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
    let cases: [(args: [String], env: [String: String], attempts: Int)] = [
      ([], [:], 3),
      (["--max-attempts", "2"], [:], 2),
      ([], ["AWS_MAX_ATTEMPTS": "4"], 4),
      (["--max-attempts", "1"], ["AWS_MAX_ATTEMPTS": "4"], 1),
      (["--profile", "one"], [:], 1),
      (["--profile", "legacy"], [:], 5),
      (["--profile", "one"], ["AWS_MAX_ATTEMPTS": "2"], 2),
    ]
    for c in cases {
      let before = proxy.entries().count
      let r = SFNRunner.sfn(["list-activities"] + c.args, env: env(peer, proxy, home: home.path).merging(c.env) { $1 })
      XCTAssertEqual(r.status, 6, "\(c): \(r.stderr)")
      XCTAssertEqual(r.stderr, "sfn: ThrottlingException: Rate exceeded; still throttled after retries, slow down or raise --max-attempts\n")
      XCTAssertEqual(proxy.entries().count - before, c.attempts, "\(c)")
    }
    let before = proxy.entries().count
    let bogus = SFNRunner.sfn(["list-activities", "--profile", "bogus"], env: env(peer, proxy, home: home.path))
    XCTAssertEqual(bogus.status, 7, bogus.stderr)
    XCTAssertTrue(bogus.stderr.hasPrefix("sfn: retry_mode must be standard, adaptive or legacy, got 'eventually'"), bogus.stderr)
    XCTAssertEqual(proxy.entries().count, before, "nothing sent with a bad retry_mode")
  }

  func testClockSkewIsCorrectedFromTheDateHeaderOnceAndKeptForLaterRequests() throws {
    let peer = try Peer.start(port: Self.port)
    let machine = makeMachine(peer)
    for i in 0..<3 {
      XCTAssertEqual(peer.sfn(["start-execution", "--state-machine-arn", machine, "--name", "skew-\(i)"]).status, 0)
    }
    let proxy = try FaultProxy(upstream: peer.endpoint, mode: "skew")
    let r = SFNRunner.sfn(["list-executions", "--state-machine-arn", machine, "--page-size", "1"], env: env(peer, proxy))
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual((r.object()["executions"] as? [Any])?.count, 3)
    let entries = proxy.entries()
    XCTAssertGreaterThanOrEqual(entries.count, 4, "one rejected request, then three pages")
    XCTAssertEqual(entries.first?["fault"] as? String, "skew")
    let first = amzDate(entries[0])
    for e in entries.dropFirst() {
      XCTAssertEqual(amzDate(e) - first, 7200, accuracy: 60, "signed 2 hours ahead, as the service's Date said: \(e)")
    }

    let always = try FaultProxy(upstream: peer.endpoint, mode: "skew_always")
    let refused = SFNRunner.sfn(["list-activities"], env: env(peer, always))
    XCTAssertEqual(refused.status, 5, refused.stderr)
    XCTAssertTrue(refused.stderr.hasPrefix("sfn: InvalidSignatureException: Signature expired"), refused.stderr)
    XCTAssertEqual(always.entries().count, 2, "one corrected retry, not more")
  }

  func testCtrlCDuringARequestExits130() throws {
    let peer = try Peer.start(port: Self.port)
    let proxy = try FaultProxy(upstream: peer.endpoint, mode: "hang")
    let sfn = try ChildProcess(SFNRunner.binary, ["list-activities"], env: env(peer, proxy))
    proxy.waitForEntries(1)
    sfn.signal(SIGINT)
    let r = sfn.result()
    XCTAssertEqual(r.status, 130, r.stderr)
    XCTAssertEqual(r.stderr, "sfn: interrupted\n")
    XCTAssertEqual(r.stdout, "")
  }

  func testCtrlCDuringABackoffSleepExits130WithoutAnotherAttempt() throws {
    let peer = try Peer.start(port: Self.port)
    // 503 with x-amz-retry-after: 5000 makes the first backoff at least 5 s long.
    let proxy = try FaultProxy(upstream: peer.endpoint, mode: "unavailable")
    let sfn = try ChildProcess(SFNRunner.binary, ["list-activities", "--max-attempts", "5", "--debug"],
                                    env: env(peer, proxy))
    proxy.waitForEntries(1)
    sfn.signal(SIGINT)
    let r = sfn.result()
    XCTAssertEqual(r.status, 130, r.stderr)
    XCTAssertTrue(r.stderr.hasSuffix("\nsfn: interrupted\n"), r.stderr)
    XCTAssertEqual(proxy.entries().count, 1, "stopped in the sleep, no second attempt")
    // The backoff honoured x-amz-retry-after (clamped to at most 5 s beyond the computed U(0,1) s).
    let line = r.stderr.split(separator: "\n").first { $0.hasPrefix("debug: retrying in ") } ?? ""
    let delay = Int(line.dropFirst("debug: retrying in ".count).prefix { $0.isNumber }) ?? 0
    XCTAssertTrue((5000...6000).contains(delay), "\(line)")
    XCTAssertTrue(line.hasSuffix("because of HTTP 503"), "\(line)")
  }

  func testCtrlCWhileStartWaitPollsExits130() throws {
    let peer = try Peer.start(port: Self.port)
    let machine = makeMachine(peer, waitSeconds: 60)
    let proxy = try FaultProxy(upstream: peer.endpoint)
    let sfn = try ChildProcess(SFNRunner.binary, ["start", machine, "--name", uniqueName("int"), "--wait"],
                                    env: env(peer, proxy))
    // DescribeStateMachine, StartExecution, then the first DescribeExecution poll.
    proxy.waitForEntries(3)
    sfn.signal(SIGINT)
    let r = sfn.result()
    XCTAssertEqual(r.status, 130, r.stderr)
    XCTAssertEqual(r.stderr, "sfn: interrupted\n")
    XCTAssertEqual(r.stdout, "")
  }

  func testGetActivityTaskLongPollOutlastsTheReadTimeout() throws {
    let peer = try Peer.start(port: Self.port)
    // Every answer comes 3 s late; with --cli-read-timeout 1 only the long poll (at least 70 s) waits for it.
    let proxy = try FaultProxy(upstream: peer.endpoint, mode: "slowall", stall: 3)
    let list = SFNRunner.sfn(["list-activities", "--cli-read-timeout", "1", "--max-attempts", "1"], env: env(peer, proxy))
    XCTAssertEqual(list.status, 6, list.stderr)
    XCTAssertEqual(list.stderr, "sfn: request timed out: no data for 1 seconds; raise --cli-read-timeout or --cli-connect-timeout\n")
    let poll = SFNRunner.sfn(["get-activity-task", "--activity-arn", "arn:aws:states:us-east-1:123456789012:activity:w",
                              "--cli-read-timeout", "1", "--max-attempts", "1"], env: env(peer, proxy))
    // moto does not implement GetActivityTask (HTTP 500), but the answer arrived: no timeout.
    XCTAssertEqual(poll.status, 6, poll.stderr)
    XCTAssertFalse(poll.stderr.contains("timed out"), poll.stderr)
    XCTAssertTrue(poll.stderr.hasPrefix("sfn: HTTP 500"), poll.stderr)
  }

  func testRedriveAndUnnamedStartKeepOneIdempotencyKeyAcrossRetries() throws {
    let peer = try Peer.start(port: Self.port)
    let proxy = try FaultProxy(upstream: peer.endpoint, rate: 1, faults: ["e503"])
    let redrive = SFNRunner.sfn(["redrive-execution", "--execution-arn",
                                 "arn:aws:states:us-east-1:123456789012:execution:m:e"], env: env(peer, proxy))
    XCTAssertEqual(redrive.status, 6, redrive.stderr)
    let tokens = proxy.entries().map { $0["clientToken"] as? String ?? "" }
    XCTAssertEqual(tokens.count, 3)
    XCTAssertEqual(Set(tokens).count, 1, "the same token on every attempt: \(tokens)")
    XCTAssertEqual(tokens.first?.count, 36, "a generated UUID")

    let before = proxy.entries().count
    let start = SFNRunner.sfn(["start-execution", "--state-machine-arn",
                               "arn:aws:states:us-east-1:123456789012:stateMachine:m"], env: env(peer, proxy))
    XCTAssertEqual(start.status, 6, start.stderr)
    let names = proxy.entries().dropFirst(before).map { $0["name"] as? String ?? "" }
    XCTAssertEqual(names.count, 3)
    XCTAssertEqual(Set(names).count, 1, "the generated name is fixed before the first attempt: \(names)")
  }

  /// The X-Amz-Date of a logged request, in seconds since 1970.
  private func amzDate(_ entry: [String: Any]) -> Double {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return formatter.date(from: entry["amz_date"] as? String ?? "")?.timeIntervalSince1970 ?? 0
  }
}
