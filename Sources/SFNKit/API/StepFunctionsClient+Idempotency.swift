#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Idempotency keys, and recognising a start that a lost response had already made.
extension StepFunctionsClient {
  /// `input` with a StartExecution `name` or RedriveExecution `clientToken` added when missing: fixed before the
  /// first attempt, so every retry asks for the same execution.
  static func withIdempotencyKey(_ op: Operation, _ input: JSON) -> JSON {
    guard var object = input.objectValue else { return input }
    switch op.id {
    case .startExecution where object["name"] == nil:
      object["name"] = .string(UUID().uuidString.lowercased())
    case .redriveExecution where object["clientToken"] == nil:
      object["clientToken"] = .string(UUID().uuidString.lowercased())
    default: return input
    }
    return .object(object)
  }

  /// The StartExecution result of an execution that an earlier attempt of this call started, when a retry was told
  /// `ExecutionAlreadyExists`; nil when the existing execution is not ours (other state machine or input).
  ///
  /// The service returns the running execution for the same name and input, but once it has finished (or for a
  /// different input) it answers `ExecutionAlreadyExists`: after a lost response, that means our start worked.
  func recoverStart(_ op: Operation, _ input: JSON, _ error: ServiceError) throws -> JSON? {
    guard op.id == .startExecution, error.code == "ExecutionAlreadyExists",
      let machine = input["stateMachineArn"]?.stringValue, let name = input["name"]?.stringValue,
      let arn = Self.executionArn(stateMachine: machine, name: name)
    else { return nil }
    let described: JSON
    do { described = try call(.describeExecution, ["executionArn": .string(arn)]) } catch let e as ServiceError
      where e.kind == .rejected
    {
      return nil  // no such execution after all: the service's answer stands
    }
    guard described["stateMachineArn"]?.stringValue.map({ Self.sameMachine($0, machine) }) ?? false,
      Self.sameDocument(described["input"]?.stringValue, input["input"]?.stringValue)
    else { return nil }
    var result = JSONObject()
    result["executionArn"] = .string(arn)
    result["startDate"] = described["startDate"] ?? .null
    return .object(result)
  }

  /// `arn:aws:states:R:A:stateMachine:M[:qualifier]` -> `arn:aws:states:R:A:execution:M:NAME`.
  static func executionArn(stateMachine: String, name: String) -> String? {
    let parts = stateMachine.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 7, parts[0] == "arn", parts[5] == "stateMachine" else { return nil }
    return (parts[0..<5] + ["execution", parts[6], Substring(name)]).joined(separator: ":")
  }

  private static func sameMachine(_ described: String, _ requested: String) -> Bool {
    described == requested || requested.hasPrefix(described + ":")
  }

  /// Compares JSON documents by value (the service may reformat them); a missing input is `{}`.
  private static func sameDocument(_ a: String?, _ b: String?) -> Bool {
    let parse = { (s: String?) in try? JSONParser.parse(s ?? "{}") }
    guard let x = parse(a), let y = parse(b) else { return a == b }
    return equal(x, y)
  }

  /// Value equality with object members in any order.
  private static func equal(_ x: JSON, _ y: JSON) -> Bool {
    switch (x, y) {
    case (.object(let a), .object(let b)):
      return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
    case (.array(let a), .array(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
    default: return x == y
    }
  }
}
