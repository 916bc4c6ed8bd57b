import GRDB
import SFNJSON
import SFNKit
import StateMachineEngine

/// AWS's rules for RedriveExecution: which executions may be redriven, and why not (`redriveStatusReason`).
enum RedrivePolicy {
  /// The redrivable period after an execution stops: 14 days.
  static let redrivablePeriod: Double = 14 * 24 * 3600
  /// An execution's maximum open time: one year.
  static let maxOpenTime: Double = 365 * 24 * 3600
  /// A history must be shorter than this to take `ExecutionRedriven` and at least one more event.
  static let historyLimit = 24_999
  /// The client tokens answered again, and for how long (AWS: the last 10, for 15 minutes).
  static let tokenCount = 10
  static let tokenSeconds: Double = 15 * 60

  /// What DescribeExecution reports about an execution.
  struct Facts {
    var status: String
    var type: String
    var startDate: Double
    var stopDate: Double?
    var lastEventId: Int
    /// Whether the saved engine state has somewhere to continue (false for executions failed by an older server).
    var hasRedrivePoint: Bool
    /// A Distributed Map's child execution, which only a redrive of its parent runs again.
    var isMapRunChild = false
  }

  /// The refusal of a RedriveExecution on a map run's child execution.
  static let mapRunChild = "Execution is a child execution of a Map Run and is redriven by redriving its parent"


  /// Why the execution cannot be redriven at `now` (AWS's `redriveStatusReason` texts), or nil when it can.
  static func refusal(_ facts: Facts, now: Double) -> String? {
    switch facts.status {
    case "RUNNING", "SUCCEEDED", "PENDING_REDRIVE": return "Execution is \(facts.status) and cannot be redriven"
    default: break
    }
    guard facts.hasRedrivePoint else { return "Execution was started before the launch of RedriveExecution" }
    if facts.lastEventId >= historyLimit { return "Execution history event limit exceeded" }
    if now - facts.startDate > maxOpenTime { return "Execution has exceeded the max execution time" }
    // Stop dates are on the engine's clock, which `--wait-scale` runs ahead: one in the future counts as now.
    if let stop = facts.stopDate, now - stop > redrivablePeriod { return "Execution redrivable period exceeded" }
    return nil
  }

  /// `redriveCount`, `redriveDate`, `redriveStatus` and `redriveStatusReason` as DescribeExecution has them.
  static func describe(_ facts: Facts, redriveCount: Int, redriveDate: Double?, now: Double) -> [(String, JSON?)] {
    let reason = refusal(facts, now: now)
    if facts.isMapRunChild, ["FAILED", "TIMED_OUT", "ABORTED"].contains(facts.status) {
      return [("redriveCount", .integer(redriveCount)), ("redriveDate", redriveDate.map(JSON.float)),
              ("redriveStatus", "REDRIVABLE_BY_MAP_RUN")]
    }
    return [
      ("redriveCount", .integer(redriveCount)), ("redriveDate", redriveDate.map(JSON.float)),
      ("redriveStatus", .string(reason == nil ? "REDRIVABLE" : "NOT_REDRIVABLE")),
      ("redriveStatusReason", reason.map(JSON.string)),
    ]
  }

  /// The facts of the execution in `row` (a `SELECT *` of the execution table).
  static func facts(_ row: Row, db: Database) throws -> Facts {
    var facts = Facts(status: row["status"], type: row["type"], startDate: row["start_date"],
                      stopDate: row["stop_date"], lastEventId: 0, hasRedrivePoint: false,
                      isMapRunChild: (row["map_run_arn"] as String?) != nil)
    // Only an unsuccessful execution's history and saved state matter (DescribeExecution of others stays cheap).
    guard ["FAILED", "TIMED_OUT", "ABORTED"].contains(facts.status) else { return facts }
    let arn: String = row["arn"]
    facts.lastEventId = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM history_event WHERE execution_arn = ?",
                                         arguments: [arn]) ?? 0
    let saved = (row["engine_state"] as String?).flatMap { try? ExecutionState(json: JSONParser.parse($0)) }
    facts.hasRedrivePoint = saved?.canRedrive == true
    return facts
  }
}

/// The client tokens of the last successful redrives, so a retried request is answered instead of redriving again.
struct RedriveTokens {
  struct Entry {
    let token: String
    let usedAt: Double
    let redriveDate: Double
  }

  private(set) var entries: [Entry]

  /// The tokens saved as `text` (JSON written by `text`).
  init(_ text: String?) {
    entries = (stored(text)?.arrayValue ?? []).compactMap { item in
      guard let token = item.string("token"), let usedAt = item["usedAt"]?.doubleValue,
            let date = item["redriveDate"]?.doubleValue else { return nil }
      return Entry(token: token, usedAt: usedAt, redriveDate: date)
    }
  }

  /// The redrive date answered for `token`, when it redrove this execution less than 15 minutes ago.
  func redriveDate(for token: String, now: Double) -> Double? {
    entries.last { $0.token == token && now - $0.usedAt <= RedrivePolicy.tokenSeconds }?.redriveDate
  }

  /// Remembers `token` for a redrive at `date`, keeping the last ten.
  mutating func add(_ token: String, date: Double) {
    entries.append(Entry(token: token, usedAt: date, redriveDate: date))
    entries = Array(entries.suffix(RedrivePolicy.tokenCount))
  }

  /// The tokens as JSON text for the store.
  var text: String {
    JSONWriter.compact.string(.array(entries.map {
      object([("token", .string($0.token)), ("usedAt", .float($0.usedAt)), ("redriveDate", .float($0.redriveDate))])
    }))
  }
}

/// RedriveExecution: a failed, timed-out or aborted Standard execution continues from the states that did not
/// succeed, on the engine, with `ExecutionRedriven` in its history.
struct RedriveService {
  let context: ServiceContext
  let runner: ExecutionRunner
  /// The mock configuration an execution started with `ARN#CASE` finds its test case in again.
  let mocks: MockConfiguration?

  /// Adds this service's operation to `table`.
  func register(into table: inout OperationTable) {
    table.register(.redriveExecution) { try await redrive($0) }
  }

  /// What the redrive continues: the execution's row as read before the engine prepares it.
  private struct Candidate: Sendable {
    let launch: ExecutionRunner.Launch
    let engineState: String
    let mockCounts: String?
    let lastEventId: Int
    let redriveCount: Int
  }

  private enum Answer: Sendable {
    case again(Double)
    case redrive(Candidate)
  }

  private func redrive(_ input: JSON) async throws -> JSON {
    let text = input.required("executionArn")
    let token = input.string("clientToken")
    let arn = try ARNTarget.resource(text, kind: .execution, partCount: 2).text
    let now = context.clock.now(), mocks = self.mocks
    let answer = try await context.store.read { db -> Answer in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM execution WHERE arn = ?", arguments: [arn])
      else { throw APIError.executionDoesNotExist(text) }
      if let token, let date = RedriveTokens(row["redrive_tokens"]).redriveDate(for: token, now: now) {
        return .again(date)
      }
      let facts = try RedrivePolicy.facts(row, db: db)
      if facts.isMapRunChild, facts.status != "RUNNING", facts.status != "SUCCEEDED" {
        throw APIError("ExecutionNotRedrivable", RedrivePolicy.mapRunChild)
      }
      if let reason = RedrivePolicy.refusal(facts, now: now) { throw APIError("ExecutionNotRedrivable", reason) }
      let count: Int = row["redrive_count"]
      return .redrive(Candidate(launch: try Self.launch(row, redriveCount: count + 1, mocks: mocks),
                                engineState: row["engine_state"], mockCounts: row["mock_counts"],
                                lastEventId: facts.lastEventId, redriveCount: count))
    }
    guard case .redrive(let candidate) = answer else {
      if case .again(let date) = answer { return object([("redriveDate", .float(date))]) }
      return object([])
    }
    let counts = try candidate.mockCounts.map { try MockTaskSource.invocationCounts(json: JSONParser.parse($0)) }
    let before = candidate.redriveCount
    // The row changes in the same transaction as the ExecutionRedriven event and the engine state are saved, and
    // only if nobody redrove it meanwhile: a crash right after still finds a consistent, running execution.
    let outcome = try await runner.redrive(candidate.launch, engineState: candidate.engineState,
                                           lastEventId: candidate.lastEventId, mockCounts: counts ?? [:]) { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT status, redrive_count, redrive_tokens FROM execution WHERE arn = ?",
                                       arguments: [arn]) else { throw APIError.executionDoesNotExist(text) }
      if let token, let date = RedriveTokens(row["redrive_tokens"]).redriveDate(for: token, now: now) {
        return date
      }
      guard (row["redrive_count"] as Int) == before, (row["status"] as String) != "RUNNING" else {
        throw APIError("ExecutionNotRedrivable", "Execution is RUNNING and cannot be redriven")
      }
      var tokens = RedriveTokens(row["redrive_tokens"])
      if let token { tokens.add(token, date: now) }
      try db.execute(sql: """
        UPDATE execution SET status = 'RUNNING', output = NULL, error = NULL, cause = NULL, stop_date = NULL,
          redrive_count = ?, redrive_date = ?, redrive_tokens = ?
        WHERE arn = ?
        """, arguments: [before + 1, now, tokens.text, arn])
      return nil
    }
    return object([("redriveDate", .float(outcome ?? now))])
  }

  /// The engine launch of the execution in `row`, with its mock test case found again.
  private static func launch(_ row: Row, redriveCount: Int, mocks: MockConfiguration?) throws
    -> ExecutionRunner.Launch {
    var testCase: MockTestCase?
    if let caseText = row["mock_case"] as String? {
      guard let mocks else {
        throw APIError("ExecutionNotRedrivable",
                       "the mock test case \(caseText) cannot be found: sfn local was started without --mock-config")
      }
      do { testCase = try mocks.testCase(forStateMachineArn: caseText) } catch {
        throw APIError("ExecutionNotRedrivable", "the mock test case \(caseText) cannot be found: \(error)")
      }
    }
    let machineArn: String = row["machine_arn"]
    return ExecutionRunner.Launch(
      arn: row["arn"], name: row["name"], machineArn: machineArn,
      machineName: String(machineArn.split(separator: ":").last ?? ""), roleArn: row["role_arn"],
      definition: row["definition"], input: (try? JSONParser.parse(row["input"] as String)) ?? .null,
      startDate: row["start_date"], persist: true, testCase: testCase, redriveCount: redriveCount)
  }
}

/// The columns RedriveExecution keeps (registered after the other migrations).
enum RedriveSchema {
  /// Adds the redrive count and date, and the recent client tokens, to executions.
  static func register(in migrator: inout DatabaseMigrator) {
    migrator.registerMigration("redrive: counts, dates and client tokens") { db in
      try db.execute(sql: """
        ALTER TABLE execution ADD COLUMN redrive_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE execution ADD COLUMN redrive_date REAL;
        ALTER TABLE execution ADD COLUMN redrive_tokens TEXT;
        """)
    }
  }
}
