/// Reads an execution's history page by page, handing each event over as it arrives; can follow a running
/// execution to its end. Services that ignore `nextToken`, `maxResults` or `reverseOrder` (moto) are handled
/// by ordering and de-duplicating events by id.
public struct HistoryReader {
  public var schedule = WaitSchedule()
  /// Page size for the first read (the API's maximum).
  public var pageSize = 1000
  /// Page size when looking for new events from the newest end.
  public var followPageSize = 100
  private let call: NameResolver.Call
  private let sleep: (Double) -> Void
  private let random: () -> Double

  /// A reader calling the service through `call`.
  public init(call: @escaping NameResolver.Call, sleep: @escaping (Double) -> Void,
              random: @escaping () -> Double = { Double.random(in: 0..<1) }) {
    self.call = call
    self.sleep = sleep
    self.random = random
  }

  /// Calls `emit` with every event in id order, page by page. With `follow`, keeps polling for new events
  /// until `isFinished()` says the execution ended; `emit` returns false to stop early.
  public func stream(_ arn: String, follow: Bool, isFinished: () -> Bool, emit: (JSON) throws -> Bool) throws {
    var lastId = 0
    var token: String?
    repeat {
      var request = JSONObject([("executionArn", .string(arn)), ("maxResults", .integer(pageSize))])
      if let token { request["nextToken"] = .string(token) }
      let page = try call(.getExecutionHistory, .object(request))
      for event in sorted(page["events"]) where id(event) > lastId {
        lastId = id(event)
        guard try emit(event) else { return }
      }
      let next = nonEmpty(page["nextToken"])
      if next == token { break }
      token = next
    } while token != nil
    guard follow else { return }
    var attempt = 0
    while !isFinished() {
      sleep(schedule.delay(attempt: attempt, random: random()))
      let fresh = try newEvents(arn, after: lastId)
      // New events mean the execution is busy: poll quickly again.
      attempt = fresh.isEmpty ? attempt + 1 : 0
      for event in fresh {
        lastId = id(event)
        guard try emit(event) else { return }
      }
    }
  }

  /// The newest `limit` events (all when nil), oldest first, read from the newest end.
  public func latest(_ arn: String, limit: Int?) throws -> [JSON] {
    var collected: [Int: JSON] = [:]
    var token: String?
    repeat {
      var request = JSONObject([("executionArn", .string(arn)), ("reverseOrder", .bool(true)),
                                  ("maxResults", .integer(min(limit ?? pageSize, pageSize)))])
      if let token { request["nextToken"] = .string(token) }
      let page = try call(.getExecutionHistory, .object(request))
      for event in page["events"]?.arrayValue ?? [] { collected[id(event)] = event }
      if let limit, collected.count >= limit { break }
      let next = nonEmpty(page["nextToken"])
      if next == token { break }
      token = next
    } while token != nil
    let ordered = collected.keys.sorted().map { collected[$0]! }
    return limit.map { Array(ordered.suffix($0)) } ?? ordered
  }

  /// Events newer than `lastId`, oldest first: reads from the newest end until it reaches known events.
  private func newEvents(_ arn: String, after lastId: Int) throws -> [JSON] {
    var collected: [Int: JSON] = [:]
    var token: String?
    repeat {
      var request = JSONObject([("executionArn", .string(arn)), ("reverseOrder", .bool(true)),
                                  ("maxResults", .integer(followPageSize))])
      if let token { request["nextToken"] = .string(token) }
      let page = try call(.getExecutionHistory, .object(request))
      let events = page["events"]?.arrayValue ?? []
      for event in events where id(event) > lastId { collected[id(event)] = event }
      if events.contains(where: { id($0) <= lastId }) { break }
      let next = nonEmpty(page["nextToken"])
      if next == token { break }
      token = next
    } while token != nil
    return collected.keys.sorted().map { collected[$0]! }
  }

  private func sorted(_ events: JSON?) -> [JSON] {
    (events?.arrayValue ?? []).sorted { id($0) < id($1) }
  }

  private func id(_ event: JSON) -> Int { event["id"]?.intValue ?? 0 }

  private func nonEmpty(_ value: JSON?) -> String? {
    guard let s = value?.stringValue, !s.isEmpty else { return nil }
    return s
  }
}
