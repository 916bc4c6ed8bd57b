import Foundation
import XCTest

/// TestState on `sfn local` driven by boto3 and the AWS CLI, `sfn test --remote` against it (the same verdicts as
/// offline), and `sfn test --init` from a deployed state machine.
final class TestStateRemoteTests: XCTestCase {
  private var directory: ScratchDirectory!
  private var scratch: URL { directory.url }

  override func setUpWithError() throws { directory = try ScratchDirectory("sfn-teststate") }

  override func tearDownWithError() throws { directory?.remove() }

  /// The server's environment for AWS SDKs, which send TestState to `sync-HOST` unless told not to (a loopback
  /// address has no such name).
  private func sdkEnvironment(_ server: LocalServerProcess) -> [String: String] {
    var env = server.environment(scratch: scratch)
    env["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true"
    return env
  }

  private var examples: String { SFNRunner.packageRoot.appendingPathComponent("examples").path }

  func testBoto3DrivesTestStateWithMocksInspectionAndAWSErrors() throws {
    let cli = try AWSCLI.locate()
    let server = try LocalServerProcess()
    let script = SFNRunner.packageRoot.appendingPathComponent("Tests/sfnTests/Fixtures/local/boto3_test_state.py")
    let result = SFNRunner.run(cli.python, [script.path, server.endpoint], env: sdkEnvironment(server), timeout: 300)
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.hasSuffix("done\n"), result.stdout + result.stderr)
  }

  func testAWSCLITestsAStateOfAWholeMachine() throws {
    let cli = try AWSCLI.locate()
    let server = try LocalServerProcess()
    var env = sdkEnvironment(server)
    env["AWS_ENDPOINT_URL"] = nil
    let definition = try String(contentsOfFile: examples + "/saga/definition.asl.json", encoding: .utf8)
    let r = cli.run(["stepfunctions", "--endpoint-url", server.endpoint, "test-state", "--definition", definition,
                     "--state-name", "ReserveHotel", "--input", #"{"trip":"T1"}"#,
                     "--mock", #"{"errorOutput":{"error":"Hotel.Full","cause":"no rooms"}}"#,
                     "--inspection-level", "DEBUG"], env: env)
    XCTAssertEqual(r.status, 0, r.stderr)
    let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(o["status"] as? String, "CAUGHT_ERROR", r.stdout)
    XCTAssertEqual(o["nextState"] as? String, "CancelFlight", r.stdout)
    XCTAssertEqual(o["error"] as? String, "Hotel.Full", r.stdout)
    let inspection = try XCTUnwrap(o["inspectionData"] as? [String: Any])
    XCTAssertEqual(inspection["input"] as? String, #"{"trip":"T1"}"#)
  }

  func testSFNsTestStateCommandAgainstSFNLocal() throws {
    let server = try LocalServerProcess()
    let task = #"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","ResultPath":"$.r","Next":"B"}"#
    let r = SFNRunner.sfn(["test-state", "--definition", task, "--input", #"{"a":1}"#,
                           "--mock", #"{"result":"{\"Payload\":2}"}"#, "--inspection-level", "DEBUG"],
                          env: server.environment(scratch: scratch))
    XCTAssertEqual(r.status, 0, r.stderr)
    let o = r.object()
    XCTAssertEqual(o["status"] as? String, "SUCCEEDED", r.stdout)
    XCTAssertEqual(o["nextState"] as? String, "B", r.stdout)
    XCTAssertEqual(o["output"] as? String, #"{"a":1,"r":{"Payload":2}}"#, r.stdout)
    let refused = SFNRunner.sfn(["test-state", "--definition", #"{"Type":"Pass","End":true}"#,
                                 "--mock", #"{"result":"{}"}"#], env: server.environment(scratch: scratch))
    XCTAssertNotEqual(refused.status, 0)
    XCTAssertTrue(refused.stderr.contains("State type 'Pass' is not supported when a mock is specified"),
                  refused.stderr)
  }

  /// The examples' test files get the same verdict through TestState on sfn local as in the embedded engine.
  func testRemoteGivesTheExamplesTheirOfflineVerdicts() throws {
    let server = try LocalServerProcess()
    let offline = SFNRunner.sfn(["test", examples, "--output", "json"])
    let remote = SFNRunner.sfn(["test", examples, "--remote", "--endpoint-url", server.endpoint, "--output", "json"],
                               env: server.environment(scratch: scratch))
    XCTAssertEqual(offline.status, 0, offline.stdout + offline.stderr)
    XCTAssertEqual(remote.status, 0, remote.stdout + remote.stderr)
    let verdicts = { (r: RunResult) -> [String: String] in
      var out: [String: String] = [:]
      for c in r.object()["cases"] as? [[String: Any]] ?? [] {
        let verdict = c["unchecked"] != nil ? "unchecked" : (c["passed"] as? Bool == true ? "pass" : "fail")
        out["\(c["file"] ?? ""): \(c["name"] ?? "")"] = verdict
      }
      return out
    }
    let offlineVerdicts = verdicts(offline)
    let remoteVerdicts = verdicts(remote)
    XCTAssertEqual(offlineVerdicts.count, 11, offline.stdout)
    XCTAssertEqual(Set(remoteVerdicts.keys), Set(offlineVerdicts.keys))
    let checked = remoteVerdicts.filter { $0.value != "unchecked" }
    XCTAssertGreaterThanOrEqual(checked.count, 9, remote.stdout)
    for (name, verdict) in checked { XCTAssertEqual(verdict, offlineVerdicts[name], "\(name): \(remote.stdout)") }
  }

  func testRemoteReportsFailuresAndCasesItCannotCheck() throws {
    let saga = SFNRunner.packageRoot.appendingPathComponent("examples/saga/definition.asl.json").path
    let tests = try directory.file("saga.test.yaml", """
      definition: \(saga)
      cases:
        - name: booked
          input: {trip: T7, hotelFull: false}
          expect: {status: SUCCEEDED, outputQuery: {car: CR-T7}}
        - name: wrong flight
          input: {trip: T7, hotelFull: false}
          expect: {outputContains: {flight: FL-T9}}
        - name: timed out
          input: {trip: T7}
          expect: {status: TIMED_OUT}
      """)
    let server = try LocalServerProcess()
    let junit = scratch.appendingPathComponent("junit.xml").path
    let r = SFNRunner.sfn(["test", tests, "--remote", "--endpoint-url", server.endpoint, "--junit", junit],
                          env: server.environment(scratch: scratch))
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertEqual(r.stdout, """
      PASS  \(tests): booked
      FAIL  \(tests): wrong flight
            output.flight: expected "FL-T9", got "FL-T7"
            path: ReserveFlight > ReserveHotel > ReserveCar > Booked => SUCCEEDED
      UNCHECKED  \(tests): timed out
            expect.status TIMED_OUT is an execution's outcome that no single state reports
      1 passed, 1 failed, 1 unchecked, 3 cases in 1 file

      """)
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    XCTAssertTrue(xml.contains("failures=\"1\" errors=\"0\" skipped=\"1\""), xml)
    XCTAssertTrue(xml.contains("<skipped message=\"expect.status TIMED_OUT"), xml)
  }

  func testRemoteStopsWhenTheEndpointCannotBeReached() throws {
    // Nothing listens on this port (one of those set aside for this class's tests).
    let r = SFNRunner.sfn(["test", examples + "/hello-world", "--remote", "--endpoint-url", "http://127.0.0.1:5741"],
                          env: SFNRunner.cleanEnvironment().merging(["AWS_ACCESS_KEY_ID": "k",
                                                                     "AWS_SECRET_ACCESS_KEY": "s",
                                                                     "AWS_REGION": "us-east-1",
                                                                     "AWS_MAX_ATTEMPTS": "1"]) { $1 })
    XCTAssertEqual(r.status, 6, r.stdout + r.stderr)  // unreachable, as for every command
    XCTAssertEqual(r.stdout, "")
    XCTAssertTrue(r.stderr.hasPrefix("sfn: "), r.stderr)
    XCTAssertEqual(r.stderr.split(separator: "\n").filter { $0.hasPrefix("sfn: ") }.count, 1, r.stderr)
  }

  func testInitWritesATestFileForADeployedMachine() throws {
    let server = try LocalServerProcess()
    let env = server.environment(scratch: scratch)
    let saga = SFNRunner.packageRoot.appendingPathComponent("examples/saga/definition.asl.json").path
    let definition = try String(contentsOfFile: saga, encoding: .utf8)
    let created = SFNRunner.sfn(["create-state-machine", "--name", "trips", "--definition", definition,
                                 "--role-arn", "arn:aws:iam::123456789012:role/test"], env: env)
    XCTAssertEqual(created.status, 0, created.stderr)
    let r = SFNRunner.run(SFNRunner.binary, ["test", "--init", "trips"], env: env, cwd: scratch.path)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stderr, "wrote trips.asl.json\nwrote trips.test.yaml\n")
    let yaml = try String(contentsOfFile: scratch.appendingPathComponent("trips.test.yaml").path, encoding: .utf8)
    XCTAssertTrue(yaml.contains("definition: \"trips.asl.json\""), yaml)
    XCTAssertTrue(yaml.contains("ReserveFlight > ReserveHotel"), yaml)
    // The written pair is a test file that runs, offline and remote.
    let offline = SFNRunner.run(SFNRunner.binary, ["test", "trips.test.yaml"], env: env, cwd: scratch.path)
    XCTAssertTrue(offline.stdout.contains("cases in 1 file"), offline.stdout + offline.stderr)
    let remote = SFNRunner.run(SFNRunner.binary, ["test", "trips.test.yaml", "--remote"], env: env,
                               cwd: scratch.path)
    XCTAssertTrue(remote.stdout.contains("cases in 1 file"), remote.stdout + remote.stderr)
    XCTAssertEqual(SFNRunner.run(SFNRunner.binary, ["test", "--init", "trips"], env: env, cwd: scratch.path).status,
                   64)
  }
}
