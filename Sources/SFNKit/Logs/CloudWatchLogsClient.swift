#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One CloudWatch Logs event as FilterLogEvents returns it.
public struct LogEvent: Sendable, Equatable {
  /// When the event happened, in epoch milliseconds.
  public var timestamp: Int64
  /// The text written (for Step Functions, one JSON object).
  public var message: String
  public var logStreamName: String?
  public var eventId: String?

  /// An event with these fields.
  public init(timestamp: Int64, message: String, logStreamName: String? = nil, eventId: String? = nil) {
    (self.timestamp, self.message, self.logStreamName, self.eventId) = (timestamp, message, logStreamName, eventId)
  }
}

/// What FilterLogEvents should search: a log group, an optional filter pattern and time range.
public struct LogEventFilter: Sendable, Equatable {
  public var logGroupName: String
  /// A CloudWatch Logs filter pattern (`{ $.execution_arn = "..." }`), or nil for every event.
  public var pattern: String?
  /// Epoch milliseconds, inclusive.
  public var startTime: Int64?
  /// Epoch milliseconds, inclusive.
  public var endTime: Int64?

  /// A filter over `logGroupName`.
  public init(logGroupName: String, pattern: String? = nil, startTime: Int64? = nil, endTime: Int64? = nil) {
    (self.logGroupName, self.pattern, self.startTime, self.endTime) = (logGroupName, pattern, startTime, endTime)
  }

  /// The FilterLogEvents request for one page.
  func request(nextToken: String?, limit: Int) -> JSON {
    var object = JSONObject([("logGroupName", .string(logGroupName)), ("limit", .integer(limit))])
    if let pattern { object["filterPattern"] = .string(pattern) }
    if let startTime { object["startTime"] = .integer(Int(startTime)) }
    if let endTime { object["endTime"] = .integer(Int(endTime)) }
    if let nextToken { object["nextToken"] = .string(nextToken) }
    return .object(object)
  }
}

/// CloudWatch Logs over AWS JSON 1.1 (FilterLogEvents), sent through the Step Functions client so it shares its
/// credentials, signer, retries, clock-skew correction and `--debug` log.
public struct CloudWatchLogsClient {
  /// Calls one CloudWatch Logs operation (`FilterLogEvents`) with its JSON input.
  public typealias Call = (_ operation: String, _ input: JSON) throws -> JSON

  private let call: Call
  /// Events per FilterLogEvents page (the API's maximum is 10,000).
  public var pageSize = 10_000

  /// A client calling the service through `call`.
  public init(call: @escaping Call) { self.call = call }

  /// A client for the endpoint `setup` resolves for CloudWatch Logs, sending through `client`.
  public init(client: StepFunctionsClient, setup: ClientSetup) throws {
    let service = try Self.service(setup: setup, region: client.configuration.region)
    self.init(call: { [client] in try client.call(service, $0, $1) })
  }

  /// Where CloudWatch Logs is for `region`: `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`, `AWS_ENDPOINT_URL`, the profile's
  /// `services` section (`cloudwatch_logs`) and `endpoint_url`, else `logs.REGION.amazonaws.com` (and FIPS, dual-stack).
  public static func service(setup: ClientSetup, region: String) throws -> JSONService {
    let resolver = EndpointResolver(service: .logs, commandLine: nil, environment: setup.context.environment,
                                    profile: setup.context.profile, files: setup.context.files)
    let endpoint = try resolver.resolve(region: region)
    return JSONService(endpoint: endpoint.value, signingName: "logs", region: region, targetPrefix: "Logs_20140328",
                       contentType: "application/x-amz-json-1.1")
  }

  /// Calls `page` with each page of matching events, following `nextToken` to the end (pages may be empty while
  /// the service searches); `page` returns false to stop.
  public func filterLogEvents(_ filter: LogEventFilter, page: ([LogEvent]) throws -> Bool) throws {
    var token: String?
    repeat {
      let response = try call("FilterLogEvents", filter.request(nextToken: token, limit: pageSize))
      let events = (response["events"]?.arrayValue ?? []).compactMap(Self.event)
      guard try page(events) else { return }
      let next = response["nextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
      if next == token { break }
      token = next
    } while token != nil
  }

  private static func event(_ json: JSON) -> LogEvent? {
    guard let message = json["message"]?.stringValue else { return nil }
    let timestamp = json["timestamp"]?.doubleValue.map { Int64($0) } ?? 0
    return LogEvent(timestamp: timestamp, message: message, logStreamName: json["logStreamName"]?.stringValue,
                    eventId: json["eventId"]?.stringValue)
  }
}
