import GRDB
import SFNJSON
import SFNKit
import StateMachineEngine

/// ListMapRuns, DescribeMapRun and UpdateMapRun, and the children of a map run for ListExecutions.
struct MapRunService {
  let context: ServiceContext
  let runner: ExecutionRunner

  /// Adds this service's operations to `table`.
  func register(into table: inout OperationTable) {
    table.register(.listMapRuns) { try await list($0) }
    table.register(.describeMapRun) { try await describe($0) }
    table.register(.updateMapRun) { try await update($0) }
  }

  /// A map run ARN checked as AWS checks it: `arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:UUID`.
  static func mapRunArn(_ text: String) throws -> ResourceARN {
    try ARNTarget.resource(text, kind: .mapRun, partCount: 2)
  }

  /// The saved record of map run `text`; ResourceNotFound when there is none.
  static func record(_ text: String, db: Database) throws -> MapRunRecord {
    _ = try mapRunArn(text)
    guard let body = try String.fetchOne(db, sql: "SELECT body FROM map_run WHERE arn = ?", arguments: [text]),
          let json = stored(body), let record = try? MapRunRecord(json: json)
    else { throw APIError.resourceNotFound(text) }
    return record
  }

  private func list(_ input: JSON) async throws -> JSON {
    let text = input.required("executionArn")
    _ = try ARNTarget.resource(text, kind: .execution, partCount: 2)
    let page = try PageRequest(input, operation: "ListMapRuns", scope: text)
    let rows = try await context.store.read { db in
      guard try Row.fetchOne(db, sql: "SELECT 1 FROM execution WHERE arn = ?", arguments: [text]) != nil
      else { throw APIError.executionDoesNotExist(text) }
      return try Row.fetchAll(db, sql: """
        SELECT seq, body FROM map_run WHERE execution_arn = ? AND seq > ? ORDER BY seq LIMIT ?
        """, arguments: [text, page.after, page.size + 1]).map { row in
        (position: row["seq"] as Int64,
         item: (stored(row["body"]).flatMap { try? MapRunRecord(json: $0) })?.listItemJSON ?? .null)
      }
    }
    let (items, token) = page.page(rows)
    return object([("mapRuns", .array(items)), ("nextToken", token.map(JSON.string))])
  }

  private func describe(_ input: JSON) async throws -> JSON {
    let text = input.required("mapRunArn")
    return try await context.store.read { db in try Self.record(text, db: db).describeJSON }
  }

  private func update(_ input: JSON) async throws -> JSON {
    let text = input.required("mapRunArn")
    let maxConcurrency = input["maxConcurrency"]?.intValue
    let count = input["toleratedFailureCount"]?.intValue
    let percentage = input["toleratedFailurePercentage"]?.doubleValue
    if maxConcurrency == nil, count == nil, percentage == nil {
      throw APIError.validation("At least one of the parameters maxConcurrency, toleratedFailurePercentage or "
                                  + "toleratedFailureCount must be specified")
    }
    if let percentage, !(0...100).contains(percentage) {
      throw APIError.validation("1 validation error detected: Value '\(percentage)' at 'toleratedFailurePercentage' "
                                  + "failed to satisfy constraint: Member must have value less than or equal to 100")
    }
    var record = try await context.store.read { db in try Self.record(text, db: db) }
    // A running map run changes in its engine (which saves the record with its next step); an ended one only here.
    if await runner.updateMapRun(arn: text, maxConcurrency: maxConcurrency, toleratedFailureCount: count,
                                 toleratedFailurePercentage: percentage) {
      return object([])
    }
    if let maxConcurrency { record.maxConcurrency = maxConcurrency }
    if let count { record.toleratedFailureCount = count }
    if let percentage { record.toleratedFailurePercentage = percentage }
    let body = JSONWriter.compact.string(record.json)
    try await context.store.write { db in
      try db.execute(sql: "UPDATE map_run SET body = ? WHERE arn = ?", arguments: [body, text])
    }
    return object([])
  }

  /// ListExecutions with `mapRunArn`: the map run's child executions, newest first, with `mapRunArn` and
  /// `itemCount` as AWS gives them only in this listing.
  static func listChildren(_ input: JSON, context: ServiceContext) async throws -> JSON {
    let text = input.required("mapRunArn")
    _ = try mapRunArn(text)
    let filter = input.string("statusFilter")
    let page = try PageRequest(input, operation: "ListExecutions", scope: text + "|" + (filter ?? ""))
    let rows = try await context.store.read { db in
      _ = try record(text, db: db)
      return try Row.fetchAll(db, sql: """
        SELECT seq, arn, machine_arn, name, status, start_date, stop_date, item_count FROM execution
        WHERE map_run_arn = ? AND (? IS NULL OR status = ?) AND -seq > ? ORDER BY seq DESC LIMIT ?
        """, arguments: [text, filter, filter, page.after, page.size + 1]).map { row in
        (position: -(row["seq"] as Int64), item: object([
          ("executionArn", .string(row["arn"])), ("stateMachineArn", .string(row["machine_arn"])),
          ("name", .string(row["name"])), ("status", .string(row["status"])),
          ("startDate", .float(row["start_date"])), ("stopDate", (row["stop_date"] as Double?).map(JSON.float)),
          ("mapRunArn", .string(text)), ("itemCount", (row["item_count"] as Int?).map(JSON.integer)),
          ("redriveCount", 0),
        ]))
      }
    }
    let (items, token) = page.page(rows)
    return object([("executions", .array(items)), ("nextToken", token.map(JSON.string))])
  }
}

/// What an engine execution changed in its map runs since the last save: the records and child executions (last
/// version of each) and the children's new events, saved in the transaction of the step that made them.
final class MapRunJournal {
  private let definition: String
  private let roleArn: String
  private var mapRuns: [String: MapRunRecord] = [:]
  private var mapRunOrder: [String] = []
  private var children: [String: MapRunChildExecution] = [:]
  private var childOrder: [String] = []
  private var events: [(String, HistoryEvent)] = []

  /// A journal for the children of an execution of `definition` run as `roleArn`.
  init(definition: String, roleArn: String) {
    self.definition = definition
    self.roleArn = roleArn
  }

  /// Collects `execution`'s map-run changes from now on (Standard child executions only: AWS keeps no history of
  /// Express ones).
  func attach(to execution: Execution) {
    execution.onMapRun = { [unowned self] record in
      if mapRuns.updateValue(record, forKey: record.arn) == nil { mapRunOrder.append(record.arn) }
    }
    execution.onChildExecution = { [unowned self] child in
      guard child.executionType == "STANDARD" else { return }
      if children.updateValue(child, forKey: child.arn) == nil { childOrder.append(child.arn) }
    }
    execution.onChildEvent = { [unowned self] arn, event in
      if children[arn]?.executionType ?? "STANDARD" == "STANDARD" { events.append((arn, event)) }
    }
  }

  /// The changes so far, as rows ready to save; the journal starts empty again.
  func drain() -> Changes {
    let changes = Changes(
      mapRuns: mapRunOrder.map { (arn: $0, execution: mapRuns[$0]!.executionArn,
                                  body: JSONWriter.compact.string(mapRuns[$0]!.json)) },
      children: childOrder.map { children[$0]! }, events: events.map { ($0.0, $0.1.id, JSONWriter.compact.string($0.1.json)) },
      definition: definition, roleArn: roleArn)
    mapRuns = [:]
    mapRunOrder = []
    children = [:]
    childOrder = []
    events = []
    return changes
  }

  /// Rows to save.
  struct Changes: Sendable {
    let mapRuns: [(arn: String, execution: String, body: String)]
    let children: [MapRunChildExecution]
    let events: [(String, Int, String)]
    let definition: String
    let roleArn: String

    /// Saves the rows in `db` (inside the step's transaction).
    func save(_ db: Database) throws {
      for run in mapRuns {
        try db.execute(sql: """
          INSERT INTO map_run (arn, execution_arn, body) VALUES (?, ?, ?)
          ON CONFLICT(arn) DO UPDATE SET body = excluded.body
          """, arguments: [run.arn, run.execution, run.body])
      }
      for child in children {
        let output = child.output.map { JSONWriter.compact.string($0) }
        try db.execute(sql: """
          INSERT INTO execution (arn, machine_arn, name, status, input, output, error, cause, start_date, stop_date,
            definition, role_arn, type, map_run_arn, item_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(arn) DO UPDATE SET status = excluded.status, output = excluded.output, error = excluded.error,
            cause = excluded.cause, stop_date = excluded.stop_date
          """, arguments: [child.arn, child.stateMachineArn, child.name, child.status.rawValue,
                           JSONWriter.compact.string(child.input), output, child.error?.error, child.error?.cause,
                           child.startDate.timeIntervalSince1970, child.stopDate?.timeIntervalSince1970, definition,
                           roleArn, child.executionType, child.mapRunArn, child.itemCount])
      }
      for (arn, id, body) in events {
        try db.execute(sql: "INSERT OR IGNORE INTO history_event (execution_arn, id, body) VALUES (?, ?, ?)",
                       arguments: [arn, id, body])
      }
    }
  }
}
