import GRDB
import SFNJSON
import SFNKit
import StateMachineEngine

/// StartExecution, StartSyncExecution, Describe/List/StopExecution, GetExecutionHistory,
/// DescribeStateMachineForExecution and the task-token callbacks, on the embedded engine.
struct ExecutionService {
  let context: ServiceContext
  let runner: ExecutionRunner
  /// The mock configuration, when the server was started with one.
  let mocks: MockConfiguration?

  /// Adds this service's operations to `table`.
  func register(into table: inout OperationTable) {
    table.register(.startExecution) { try await start($0) }
    table.register(.startSyncExecution) { try await startSync($0) }
    table.register(.describeExecution) { try await describe($0) }
    table.register(.listExecutions) { try await list($0) }
    table.register(.stopExecution) { try await stop($0) }
    table.register(.getExecutionHistory) { try await history($0) }
    table.register(.describeStateMachineForExecution) { try await describeMachine($0) }
    table.register(.sendTaskSuccess) { try await sendSuccess($0) }
    table.register(.sendTaskFailure) { try await sendFailure($0) }
    table.register(.sendTaskHeartbeat) { try await heartbeat($0) }
  }

  /// What a StartExecution target resolves to: the definition to run and the ARNs DescribeExecution reports.
  private struct Target: Sendable {
    let machineArn: String
    let machineName: String
    let definition: String
    let roleArn: String
    let type: String
    let versionArn: String?
    let aliasArn: String?
  }

  /// Resolves a machine, version or alias ARN (an alias picks a version by its routing weights).
  private func resolve(_ text: String, db: Database) throws -> Target {
    let (arn, qualifier) = try ARNTarget.stateMachine(text)
    guard let machine = try db.row("SELECT name, definition, role_arn, type FROM state_machine WHERE arn = ?",
                                   [arn.text])
    else { throw APIError.stateMachineDoesNotExist(text) }
    var versionArn: String?, aliasArn: String?
    switch qualifier {
    case nil:
      return Target(machineArn: arn.text, machineName: machine["name"], definition: machine["definition"],
                    roleArn: machine["role_arn"], type: machine["type"], versionArn: nil, aliasArn: nil)
    case .version:
      versionArn = text
    case .alias:
      guard let alias = try Row.fetchOne(db, sql: "SELECT routing FROM state_machine_alias WHERE arn = ?",
                                         arguments: [text])
      else { throw APIError.stateMachineDoesNotExist(text) }
      aliasArn = text
      versionArn = pick(stored(alias["routing"])?.arrayValue ?? [])
    }
    guard let versionArn,
          let version = try Row.fetchOne(db, sql: "SELECT * FROM state_machine_version WHERE arn = ?",
                                         arguments: [versionArn])
    else { throw APIError.stateMachineDoesNotExist(text) }
    return Target(machineArn: arn.text, machineName: machine["name"], definition: version["definition"],
                  roleArn: version["role_arn"], type: version["type"], versionArn: versionArn, aliasArn: aliasArn)
  }

  /// The version a routing configuration sends this start to, drawn by weight.
  private func pick(_ routes: [JSON]) -> String? {
    var draw = context.random.number(below: 100)
    for route in routes {
      let weight = route["weight"]?.intValue ?? 0
      if draw < weight { return route.string("stateMachineVersionArn") }
      draw -= weight
    }
    return routes.last?.string("stateMachineVersionArn")
  }

  /// Splits `ARN#CASE` as Step Functions Local does: the ARN to start, and the mock test case to run it with.
  private func mockCase(_ text: String) throws -> (arn: String, testCase: MockTestCase?) {
    let (plain, name) = MockConfiguration.splitTestCase(text)
    guard name != nil else { return (text, nil) }
    guard let mocks else {
      throw APIError.validation("\(text) names a mock test case, but sfn local was started without --mock-config")
    }
    do { return (plain, try mocks.testCase(forStateMachineArn: text)) } catch {
      throw APIError.validation("\(error)")
    }
  }

  /// The input text checked as AWS checks it (JSON, at most 256 KiB).
  private static func input(_ input: JSON) throws -> (text: String, value: JSON) {
    let text = input.string("input") ?? "{}"
    do { return (text, try JSONParser.parse(text)) } catch {
      throw APIError("InvalidExecutionInput", "Invalid execution input: \(error)")
    }
  }

  /// StartExecution (also how `ChildExecutionLauncher` starts child executions).
  func start(_ input: JSON) async throws -> JSON {
    let requested = input.required("stateMachineArn")
    let (machineText, testCase) = try mockCase(requested)
    let mockCase = testCase == nil ? nil : requested
    let name = input.string("name") ?? context.random.uuid()
    try NameRules.check(name)
    let (inputText, inputValue) = try Self.input(input)
    let now = context.clock.now()
    let scope = context.scope, uuid = context.random.uuid()
    let (launch, response) = try await context.store.write { db -> (ExecutionRunner.Launch?, JSON) in
      let target = try resolve(machineText, db: db)
      if target.type == "EXPRESS" {
        let arn = ResourceARN(.express, [target.machineName, name, uuid], scope: scope).text
        let launch = ExecutionRunner.Launch(arn: arn, name: name, machineArn: target.machineArn,
                                            machineName: target.machineName, roleArn: target.roleArn,
                                            definition: target.definition, input: inputValue, startDate: now,
                                            persist: false, testCase: testCase)
        return (launch, object([("executionArn", .string(arn)), ("startDate", .float(now))]))
      }
      let arn = ResourceARN(.execution, [target.machineName, name], scope: scope).text
      if let existing = try db.row("SELECT status, input, start_date FROM execution WHERE arn = ?", [arn]) {
        // AWS's rule: the same name and input while the execution runs answers it again; anything else conflicts.
        guard (existing["status"] as String?) == "RUNNING", (existing["input"] as String?) == inputText else {
          throw APIError("ExecutionAlreadyExists", "Execution Already Exists: '\(arn)'")
        }
        return (nil, object([("executionArn", .string(arn)), ("startDate", .float(existing["start_date"]))]))
      }
      try db.run("""
        INSERT INTO execution (arn, machine_arn, version_arn, alias_arn, name, status, input, start_date, definition,
          role_arn, type, mock_case) VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?)
        """, [arn, target.machineArn, target.versionArn, target.aliasArn, name, inputText, now, target.definition,
              target.roleArn, target.type, mockCase])
      let launch = ExecutionRunner.Launch(arn: arn, name: name, machineArn: target.machineArn,
                                          machineName: target.machineName, roleArn: target.roleArn,
                                          definition: target.definition, input: inputValue, startDate: now,
                                          persist: true, testCase: testCase)
      return (launch, object([("executionArn", .string(arn)), ("startDate", .float(now))]))
    }
    // The row is committed before the answer; the engine runs on after it.
    if let launch {
      let runner = self.runner
      Task { await runner.start(launch) }
    }
    return response
  }

  private func startSync(_ input: JSON) async throws -> JSON {
    guard let answer = try await runExpress(input) else {
      throw APIError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")
    }
    return answer
  }

  /// StartSyncExecution's answer after running an EXPRESS machine to its end; nil, with nothing started, for a
  /// STANDARD one. The launcher runs `.sync` children of EXPRESS machines this way, as AWS runs them synchronously.
  func runExpress(_ input: JSON) async throws -> JSON? {
    let (machineText, testCase) = try mockCase(input.required("stateMachineArn"))
    let name = input.string("name") ?? context.random.uuid()
    try NameRules.check(name)
    let (inputText, inputValue) = try Self.input(input)
    let now = context.clock.now(), scope = context.scope, uuid = context.random.uuid()
    let target = try await context.store.read { db in try resolve(machineText, db: db) }
    guard target.type == "EXPRESS" else { return nil }
    let arn = ResourceARN(.express, [target.machineName, name, uuid], scope: scope).text
    let launch = ExecutionRunner.Launch(arn: arn, name: name, machineArn: target.machineArn,
                                        machineName: target.machineName, roleArn: target.roleArn,
                                        definition: target.definition, input: inputValue, startDate: now,
                                        persist: false, testCase: testCase)
    await runner.start(launch)
    await runner.waitForEnd(arn)
    let state = await runner.takeExpressResult(arn)
    let stop = state?.stopTime?.timeIntervalSince1970 ?? context.clock.now()
    let output: JSON? = state?.output.map { .string(JSONWriter.compact.string($0)) }
    let error: JSON? = state?.error.map { .string($0.error) }
    let cause: JSON? = state?.error?.cause.map(JSON.string)
    let status = state?.status.rawValue ?? "FAILED"
    let included: JSON = ["included": true]
    let billing: JSON = ["billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100]
    return object([
      ("executionArn", .string(arn)), ("stateMachineArn", .string(target.machineArn)), ("name", .string(name)),
      ("startDate", .float(now)), ("stopDate", .float(stop)), ("status", .string(status)),
      ("input", .string(inputText)), ("inputDetails", included), ("output", output),
      ("outputDetails", output == nil ? nil : included), ("error", error), ("cause", cause),
      ("billingDetails", billing),
    ])
  }

  private func executionRow(_ text: String, db: Database) throws -> Row {
    let arn = try ARNTarget.resource(text, kind: .execution, partCount: 2)
    guard let row = try db.row("SELECT * FROM execution WHERE arn = ?", [arn.text])
    else { throw APIError.executionDoesNotExist(text) }
    return row
  }

  /// The columns DescribeExecution reads, selected by name and read by position: GRDB finds a column by name by
  /// lowercasing each column name before it, which cost about 40,000 instructions a `SELECT *` DescribeExecution.
  /// `RedrivePolicy.facts` reads the first seven by name.
  private enum Described: Int {
    case arn, status, type, startDate, stopDate, mapRunArn, engineState, redriveCount, redriveDate, machineArn, name,
         input, output, error, cause, versionArn, aliasArn
    static let sql = """
      SELECT arn, status, type, start_date, stop_date, map_run_arn, engine_state, redrive_count, redrive_date,
        machine_arn, name, input, output, error, cause, version_arn, alias_arn
      FROM execution WHERE arn = ?
      """
  }

  /// DescribeExecution.
  func describe(_ input: JSON) async throws -> JSON {
    let text = input.required("executionArn")
    let now = context.clock.now()
    let arn = try ARNTarget.resource(text, kind: .execution, partCount: 2)
    return try await context.store.read { db in
      guard let row = try db.row(Described.sql, [arn.text]) else { throw APIError.executionDoesNotExist(text) }
      func string(_ column: Described) -> JSON? { (row[column.rawValue] as String?).map(JSON.string) }
      func date(_ column: Described) -> JSON? { (row[column.rawValue] as Double?).map(JSON.float) }
      let output = string(.output)
      let pairs: [(String, JSON?)] = [
        ("executionArn", .string(text)), ("stateMachineArn", string(.machineArn)), ("name", string(.name)),
        ("status", string(.status)), ("startDate", date(.startDate)), ("stopDate", date(.stopDate)),
        ("input", string(.input)), ("inputDetails", ["included": true]), ("output", output),
        ("outputDetails", output == nil ? nil : ["included": true]), ("error", string(.error)),
        ("cause", string(.cause)), ("stateMachineVersionArn", string(.versionArn)),
        ("stateMachineAliasArn", string(.aliasArn)), ("mapRunArn", string(.mapRunArn)),
      ]
      return object(pairs + RedrivePolicy.describe(try RedrivePolicy.facts(row, db: db),
                                                   redriveCount: row[Described.redriveCount.rawValue],
                                                   redriveDate: row[Described.redriveDate.rawValue], now: now))
    }
  }

  private func list(_ input: JSON) async throws -> JSON {
    // AWS lists either a state machine's executions or a map run's children, never both.
    if input.string("mapRunArn") != nil {
      guard input.string("stateMachineArn") == nil else {
        throw APIError.validation("Only one of stateMachineArn or mapRunArn may be specified")
      }
      return try await MapRunService.listChildren(input, context: context)
    }
    guard input.string("stateMachineArn") != nil else {
      throw APIError.validation("Must specify either stateMachineArn or mapRunArn")
    }
    let text = input.required("stateMachineArn")
    let (arn, qualifier) = try ARNTarget.stateMachine(text)
    let filter = input.string("statusFilter")
    // REDRIVEN: executions redriven at least once; NOT_REDRIVEN: the others.
    let redriven = input.string("redriveFilter").map { $0 == "REDRIVEN" }
    let page = try PageRequest(input, operation: "ListExecutions",
                               scope: text + "|" + (filter ?? "") + "|" + (input.string("redriveFilter") ?? ""))
    let rows = try await context.store.read { db in
      guard try db.row("SELECT 1 FROM state_machine WHERE arn = ?", [arn.text]) != nil
      else { throw APIError.stateMachineDoesNotExist(text) }
      // Newest first, as AWS lists them: the page position is the negated row number.
      let column: String
      switch qualifier {
      case nil: column = "machine_arn"
      case .version: column = "version_arn"
      case .alias: column = "alias_arn"
      }
      return try db.rows("""
        SELECT seq, arn, machine_arn, name, status, start_date, stop_date, version_arn, alias_arn, redrive_count,
          redrive_date FROM execution
        WHERE \(column) = ? AND (? IS NULL OR status = ?) AND (? IS NULL OR (redrive_count > 0) = ?) AND -seq > ?
        ORDER BY seq DESC LIMIT ?
        """, [text, filter, filter, redriven, redriven, page.after, page.size + 1]).map { row in
        (position: -(row["seq"] as Int64), item: object([
          ("executionArn", .string(row["arn"])), ("stateMachineArn", .string(row["machine_arn"])),
          ("name", .string(row["name"])), ("status", .string(row["status"])),
          ("startDate", .float(row["start_date"])), ("stopDate", (row["stop_date"] as Double?).map(JSON.float)),
          ("stateMachineVersionArn", (row["version_arn"] as String?).map(JSON.string)),
          ("stateMachineAliasArn", (row["alias_arn"] as String?).map(JSON.string)),
          ("redriveCount", (row["redrive_count"] as Int?).flatMap { $0 > 0 ? JSON.integer($0) : nil }),
          ("redriveDate", (row["redrive_date"] as Double?).map(JSON.float)),
        ]))
      }
    }
    let (items, token) = page.page(rows)
    return object([("executions", .array(items)), ("nextToken", token.map(JSON.string))])
  }

  /// StopExecution.
  func stop(_ input: JSON) async throws -> JSON {
    let text = input.required("executionArn")
    let error = input.string("error"), cause = input.string("cause")
    let now = context.clock.now()
    // A map run's child stops in its parent's engine, which records the abort and counts it against the run.
    let isChild = try await context.store.read { db in try executionRow(text, db: db)["map_run_arn"] as String? } != nil
    if isChild, await runner.stopMapRunChild(arn: text, error: error, cause: cause) {
      return object([("stopDate", .float(now))])
    }
    let stopped = try await context.store.write { db -> Bool in
      let row = try executionRow(text, db: db)
      guard (row["status"] as String?) == "RUNNING" else { return false }
      let last = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM history_event WHERE execution_arn = ?",
                                  arguments: [text]) ?? 0
      let details = object([("error", error.map(JSON.string)), ("cause", cause.map(JSON.string))])
      let event = object([
        ("timestamp", .float(now)), ("type", "ExecutionAborted"), ("id", .integer(last + 1)),
        ("previousEventId", .integer(last)), ("executionAbortedEventDetails", details),
      ])
      try db.execute(sql: "INSERT INTO history_event (execution_arn, id, body) VALUES (?, ?, ?)",
                     arguments: [text, last + 1, JSONWriter.compact.string(event)])
      try db.execute(sql: """
        UPDATE execution SET status = 'ABORTED', error = ?, cause = ?, stop_date = ? WHERE arn = ?
        """, arguments: [error, cause, now, text])
      return true
    }
    if stopped {
      await runner.abortMapRuns(text)
      await runner.drop(text)
    }
    return object([("stopDate", .float(now))])
  }

  private func history(_ input: JSON) async throws -> JSON {
    let text = input.required("executionArn")
    let reverse = input["reverseOrder"]?.boolValue ?? false
    let page = try PageRequest(input, operation: "GetExecutionHistory", scope: text + (reverse ? "|r" : ""))
    let rows = try await context.store.read { db in
      _ = try executionRow(text, db: db)
      let sql = reverse
        ? "SELECT id, body FROM history_event WHERE execution_arn = ? AND -id > ? ORDER BY id DESC LIMIT ?"
        : "SELECT id, body FROM history_event WHERE execution_arn = ? AND id > ? ORDER BY id LIMIT ?"
      return try db.rows(sql, [text, page.after, page.size + 1]).map { row in
        let id: Int64 = row["id"]
        return (position: reverse ? -id : id, item: stored(row["body"]) ?? .null)
      }
    }
    let (items, token) = page.page(rows)
    return object([("events", .array(items)), ("nextToken", token.map(JSON.string))])
  }

  private func describeMachine(_ input: JSON) async throws -> JSON {
    let text = input.required("executionArn")
    return try await context.store.read { db in
      let row = try executionRow(text, db: db)
      // A map run's child runs as the labelled state machine `MACHINE/LABEL`; AWS describes the machine with the
      // map run and the label.
      let labelled: String = row["machine_arn"]
      let mapRun: String? = row["map_run_arn"]
      let slash = mapRun == nil ? nil : labelled.lastIndex(of: "/")
      let machine = try Row.fetchOne(db, sql: "SELECT * FROM state_machine WHERE arn = ?",
                                     arguments: [slash.map { String(labelled[..<$0]) } ?? labelled])
      let updated: Double = (machine?["update_date"] as Double?) ?? (machine?["creation_date"] as Double?)
        ?? row["start_date"]
      return object([
        ("stateMachineArn", .string(row["machine_arn"])),
        ("name", .string(ResourceARN(parsing: row["machine_arn"])?.parts.first ?? "")),
        ("definition", .string(row["definition"])), ("roleArn", .string(row["role_arn"])),
        ("updateDate", .float(updated)),
        ("loggingConfiguration", stored(machine?["logging"]) ?? StateMachineService.defaultLogging),
        ("tracingConfiguration", stored(machine?["tracing"]) ?? StateMachineService.defaultTracing),
        ("mapRunArn", mapRun.map(JSON.string)),
        ("label", slash.map { .string(String(labelled[labelled.index(after: $0)...])) }),
      ])
    }
  }

  private func sendSuccess(_ input: JSON) async throws -> JSON {
    let token = input.required("taskToken")
    let output: JSON
    do { output = try JSONParser.parse(input.required("output")) } catch {
      throw APIError("InvalidOutput", "Invalid Output: '\(error)'")
    }
    try await complete(token, .succeeded(output))
    return object([])
  }

  private func sendFailure(_ input: JSON) async throws -> JSON {
    let token = input.required("taskToken")
    try await complete(token, .failed(StatesError(input.string("error") ?? "", cause: input.string("cause"))))
    return object([])
  }

  private func heartbeat(_ input: JSON) async throws -> JSON {
    // The task's HeartbeatSeconds count again from now (no event is recorded, as on AWS).
    let token = input.required("taskToken")
    guard await runner.heartbeat(token: token) else { throw await Self.taskGone(token, runner: runner) }
    return object([])
  }

  /// Why a SendTask* call finds no task on `token`: TaskTimedOut when its task has ended (AWS's answer to a late
  /// or repeated callback), TaskDoesNotExist when this server never handed it out.
  private static func taskGone(_ token: String, runner: ExecutionRunner) async -> APIError {
    guard await runner.isClosed(token) else { return APIError("TaskDoesNotExist", "Task Does Not Exist") }
    return APIError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")
  }

  private func complete(_ token: String, _ outcome: TaskOutcome) async throws {
    guard await runner.complete(token: token, with: outcome) else {
      throw await Self.taskGone(token, runner: runner)
    }
  }
}
