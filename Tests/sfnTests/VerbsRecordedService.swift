import Foundation
import SFNKit

/// The verb tests' Step Functions account, answered in-process: the responses recorded from the scripted fake server
/// (Fixtures/verbs/recorded.json: machines `fast` (EXPRESS) and `slow`, executions `slow:timed`, `slow:broken`,
/// `slow:hist` with a 14-event history, fixed timestamps), plus the little behaviour the verbs need from it:
/// history pages, StartSyncExecution echoing its input, a redriven execution running once and then succeeding.
final class VerbsRecordedService {
  static let prefix = "arn:aws:states:us-east-1:123456789012"
  let transport = RecordingTransport()
  private let recorded: JSONObject
  private var redriven: [String: Int] = [:]

  init() throws {
    let url = VerbsHarness.fixtures.appendingPathComponent("recorded.json")
    recorded = try JSONParser.parse(bytes: Array(try Data(contentsOf: url))).objectValue ?? JSONObject()
    for name in ["ListStateMachines", "ListActivities"] {
      let body = recorded[name] ?? .null
      transport.on(name) { _ in .ok(body) }
    }
    transport.on("DescribeStateMachine") { [recorded] body in
      let name = body["stateMachineArn"]?.stringValue?.split(separator: ":").last.map(String.init) ?? ""
      guard let machine = recorded["DescribeStateMachine \(name)"] else {
        return .error(type: "StateMachineDoesNotExist", message: "State Machine Does Not Exist: '\(name)'")
      }
      return .ok(machine)
    }
    transport.on("DescribeStateMachineAlias") { body in
      .error(type: "ResourceNotFound", message: "Resource not found: '\(body["stateMachineAliasArn"]?.stringValue ?? "")'")
    }
    transport.on("DescribeMapRun") { [recorded] body in
      guard var run = recorded["DescribeMapRun"]?.objectValue else { return .ok(.null) }
      run["mapRunArn"] = body["mapRunArn"]
      return .ok(.object(run))
    }
    transport.on("DescribeExecution") { [unowned self] body in describeExecution(body) }
    transport.on("GetExecutionHistory") { [unowned self] body in history(body) }
    transport.on("StartSyncExecution") { body in Self.startSync(body) }
    transport.on("RedriveExecution") { [unowned self] body in redrive(body) }
  }

  /// An environment for the in-process runner with test keys, the fake's region and `home` as HOME.
  func environment(home: String = VerbsHarness.scratch()) -> [String: String] {
    var env = InProcessSFN.environment(home: home)
    env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9"  // never dialled: the transport answers
    env["AWS_ACCESS_KEY_ID"] = "testing"
    env["AWS_SECRET_ACCESS_KEY"] = "testing"
    env["AWS_DEFAULT_REGION"] = "us-east-1"
    env["TERM"] = "xterm"
    return env
  }

  /// The execution's recorded description; one redriven shows RUNNING once, then SUCCEEDED with a redrive count.
  private func describeExecution(_ body: JSON) -> RecordingTransport.Reply {
    let arn = body["executionArn"]?.stringValue ?? ""
    let key = "DescribeExecution " + arn.split(separator: ":").suffix(2).joined(separator: ":")
    guard arn.hasPrefix(Self.prefix + ":execution:"), var execution = recorded[key]?.objectValue else {
      return .error(type: "ExecutionDoesNotExist", message: "Execution Does Not Exist: '\(arn)'")
    }
    guard let looks = redriven[arn] else { return .ok(.object(execution)) }
    redriven[arn] = looks + 1
    for member in ["status", "error", "cause", "output", "stopDate"] { execution[member] = nil }
    execution["redriveCount"] = .integer(1)
    if looks == 0 {
      execution["status"] = "RUNNING"
    } else {
      execution["status"] = "SUCCEEDED"
      execution["output"] = #"{"redriven":true}"#
      execution["stopDate"] = recorded[key]?["stopDate"]
    }
    return .ok(.object(execution))
  }

  private func history(_ body: JSON) -> RecordingTransport.Reply {
    let arn = body["executionArn"]?.stringValue ?? ""
    let key = "GetExecutionHistory " + arn.split(separator: ":").suffix(2).joined(separator: ":")
    guard var events = recorded[key]?["events"]?.arrayValue else {
      return .error(type: "ExecutionDoesNotExist", message: "Execution Does Not Exist: '\(arn)'")
    }
    if body["reverseOrder"]?.boolValue == true { events.reverse() }
    let start = body["nextToken"]?.stringValue.flatMap { Int($0) } ?? 0
    let size = body["maxResults"]?.intValue ?? 100
    var page = JSONObject([("events", .array(Array(events[min(start, events.count)..<min(start + size, events.count)])))])
    if start + size < events.count { page["nextToken"] = .string(String(start + size)) }
    return .ok(.object(page))
  }

  private static func startSync(_ body: JSON) -> RecordingTransport.Reply {
    let arn = body["stateMachineArn"]?.stringValue ?? ""
    guard arn == prefix + ":stateMachine:fast" else {
      return .error(type: "StateMachineTypeNotSupported", message: "This operation is only supported for EXPRESS state machines")
    }
    let inputText = body["input"]?.stringValue ?? "{}"
    let input = (try? JSONParser.parse(inputText)) ?? .null
    let name = body["name"]?.stringValue ?? UUID().uuidString.lowercased()
    var out = JSONObject([
      ("executionArn", .string(prefix + ":express:fast:\(name):\(UUID().uuidString.lowercased())")),
      ("stateMachineArn", .string(arn)), ("name", .string(name)), ("startDate", .float(1764072000)),
      ("stopDate", .float(1764072000.25)), ("input", .string(inputText)),
    ])
    if input["fail"]?.boolValue == true {
      out["status"] = "FAILED"
      out["error"] = "Express.Failure"
      out["cause"] = "asked to fail"
    } else {
      out["status"] = "SUCCEEDED"
      out["output"] = .string(JSONWriter.compact.string(.object(JSONObject([("echo", input)]))))
    }
    return .ok(.object(out))
  }

  private func redrive(_ body: JSON) -> RecordingTransport.Reply {
    let arn = body["executionArn"]?.stringValue ?? ""
    let key = "DescribeExecution " + arn.split(separator: ":").suffix(2).joined(separator: ":")
    guard let execution = recorded[key] else {
      return .error(type: "ExecutionDoesNotExist", message: "Execution Does Not Exist: '\(arn)'")
    }
    if execution["status"]?.stringValue == "SUCCEEDED" {
      return .error(type: "ExecutionNotRedrivable", message: "Execution is not redrivable")
    }
    redriven[arn] = 0
    return .ok(.object(JSONObject([("redriveDate", .float(Date().timeIntervalSince1970))])))
  }
}
