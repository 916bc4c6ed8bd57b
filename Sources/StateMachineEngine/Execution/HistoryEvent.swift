#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// One history event as GetExecutionHistory returns it.
public struct HistoryEvent: Sendable, Equatable {
  /// Its number, from 1.
  public var id: Int
  /// The event it follows (0 for none), as AWS links them.
  public var previousEventId: Int
  /// When it happened, on the execution's clock.
  public var timestamp: Date
  /// `PassStateEntered`, `TaskScheduled`, ...
  public var type: String
  /// The member holding its details (`stateEnteredEventDetails`), nil when it has none.
  public var detailsKey: String?
  /// The details, with inputs and outputs as JSON text as the API returns them.
  public var details: JSONObject?

  /// An event with these parts.
  public init(id: Int, previousEventId: Int, timestamp: Date, type: String, detailsKey: String? = nil,
              details: JSONObject? = nil) {
    self.id = id
    self.previousEventId = previousEventId
    self.timestamp = timestamp
    self.type = type
    self.detailsKey = detailsKey
    self.details = details
  }

  /// The event as the API's JSON (timestamp as epoch seconds, as the wire format has it).
  public var json: JSON {
    var o = JSONObject()
    o["timestamp"] = .float(timestamp.timeIntervalSince1970)
    o["type"] = .string(type)
    o["id"] = .integer(id)
    o["previousEventId"] = .integer(previousEventId)
    if let detailsKey { o[detailsKey] = .object(details ?? JSONObject()) }
    return .object(o)
  }
}

/// Builders for the details objects the events carry.
enum EventDetails {
  /// `{"truncated": false}`: payloads are never truncated here (the size limit fails the state first).
  static let notTruncated: JSON = ["truncated": false]

  /// JSON text of a payload, as history stores inputs and outputs.
  static func text(_ value: JSON) -> JSON { .string(JSONWriter.compact.string(value)) }

  /// `stateEnteredEventDetails`.
  static func entered(_ name: String, input: JSON) -> JSONObject {
    JSONObject([("name", .string(name)), ("input", text(input)), ("inputDetails", notTruncated)])
  }

  /// `stateExitedEventDetails`, with the variables the state assigned, if any.
  static func exited(_ name: String, output: JSON, assigned: [(String, JSON)]?) -> JSONObject {
    var o = JSONObject([("name", .string(name)), ("output", text(output)), ("outputDetails", notTruncated)])
    if let assigned, !assigned.isEmpty {
      o["assignedVariables"] = .object(JSONObject(assigned.map { ($0.0, text($0.1)) }))
      o["assignedVariablesDetails"] = ["truncated": false]
    }
    return o
  }

  /// Details with `error` and `cause` (cause only when there is one).
  static func failure(_ error: StatesError, extra: [(String, JSON)] = []) -> JSONObject {
    var o = JSONObject(extra)
    o["error"] = .string(error.error)
    if let cause = error.cause { o["cause"] = .string(cause) }
    return o
  }

  /// `output` with `outputDetails`.
  static func output(_ value: JSON, extra: [(String, JSON)] = []) -> JSONObject {
    var o = JSONObject(extra)
    o["output"] = text(value)
    o["outputDetails"] = notTruncated
    return o
  }
}
