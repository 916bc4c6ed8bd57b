import GRDB
import SFNJSON
import SFNKit

/// CreateActivity, DescribeActivity, DeleteActivity and ListActivities.
struct ActivityService {
  let context: ServiceContext
  /// Activity tasks waiting for workers.
  let queue: ActivityQueue
  /// How long GetActivityTask waits for a task (60 s on AWS).
  let pollSeconds: Double
  /// Records `ActivityStarted` in the execution whose task a worker takes.
  let runner: ExecutionRunner

  /// Adds this service's operations to `table`.
  func register(into table: inout OperationTable) {
    table.register(.createActivity) { try await create($0) }
    table.register(.describeActivity) { try await describe($0) }
    table.register(.deleteActivity) { try await delete($0) }
    table.register(.listActivities) { try await list($0) }
    table.register(.getActivityTask) { try await getTask($0) }
  }

  private func create(_ input: JSON) async throws -> JSON {
    let name = input.required("name")
    try NameRules.check(name)
    let tags = try TagService.tags(in: input)
    let arn = ResourceARN(.activity, [name], scope: context.scope).text
    let encryption = input.text("encryptionConfiguration"), now = context.clock.now()
    return try await context.store.write { db in
      // CreateActivity is idempotent on AWS: the same name answers the activity that exists.
      if let existing = try Row.fetchOne(db, sql: "SELECT creation_date FROM activity WHERE arn = ?",
                                         arguments: [arn]) {
        return object([("activityArn", .string(arn)), ("creationDate", .float(existing["creation_date"]))])
      }
      try db.execute(sql: "INSERT INTO activity (arn, name, encryption, creation_date) VALUES (?, ?, ?, ?)",
                     arguments: [arn, name, encryption, now])
      try TagService.add(tags, to: arn, db: db)
      return object([("activityArn", .string(arn)), ("creationDate", .float(now))])
    }
  }

  private func describe(_ input: JSON) async throws -> JSON {
    let arn = try ARNTarget.resource(input.required("activityArn"), kind: .activity, partCount: 1).text
    return try await context.store.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM activity WHERE arn = ?", arguments: [arn])
      else { throw APIError.activityDoesNotExist(arn) }
      return object([
        ("activityArn", .string(arn)), ("name", .string(row["name"])), ("creationDate", .float(row["creation_date"])),
        ("encryptionConfiguration", stored(row["encryption"])),
      ])
    }
  }

  private func delete(_ input: JSON) async throws -> JSON {
    let arn = try ARNTarget.resource(input.required("activityArn"), kind: .activity, partCount: 1).text
    try await context.store.write { db in
      try db.execute(sql: "DELETE FROM activity WHERE arn = ?", arguments: [arn])
      try db.execute(sql: "DELETE FROM tag WHERE resource_arn = ?", arguments: [arn])
    }
    return object([])
  }

  /// Long-polls for a task of the activity; an empty answer when none comes within the poll time.
  private func getTask(_ input: JSON) async throws -> JSON {
    let arn = try ARNTarget.resource(input.required("activityArn"), kind: .activity, partCount: 1).text
    let exists = try await context.store.read { db in
      try Row.fetchOne(db, sql: "SELECT 1 FROM activity WHERE arn = ?", arguments: [arn]) != nil
    }
    guard exists else { throw APIError.activityDoesNotExist(arn) }
    guard let task = await queue.take(arn, waitingUpTo: pollSeconds) else { return object([]) }
    // Handed out: a restarted server must not hand it out again (the token stays answerable).
    let token = task.token
    try await context.store.write { db in
      try db.execute(sql: "DELETE FROM activity_task WHERE token = ?", arguments: [token])
    }
    await runner.activityStarted(token: token, workerName: input.string("workerName"))
    return object([("taskToken", .string(task.token)), ("input", .string(JSONWriter.compact.string(task.input)))])
  }

  private func list(_ input: JSON) async throws -> JSON {
    let page = try PageRequest(input, operation: "ListActivities")
    let rows = try await context.store.read { db in
      try Row.fetchAll(db, sql: "SELECT seq, arn, name, creation_date FROM activity WHERE seq > ? ORDER BY seq LIMIT ?",
                       arguments: [page.after, page.size + 1]).map { row in
        (position: row["seq"] as Int64, item: object([
          ("activityArn", .string(row["arn"])), ("name", .string(row["name"])),
          ("creationDate", .float(row["creation_date"])),
        ]))
      }
    }
    let (items, token) = page.page(rows)
    return object([("activities", .array(items)), ("nextToken", token.map(JSON.string))])
  }
}
