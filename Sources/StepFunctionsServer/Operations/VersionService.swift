import GRDB
import SFNJSON
import SFNKit

/// PublishStateMachineVersion, ListStateMachineVersions and DeleteStateMachineVersion.
struct VersionService {
  let context: ServiceContext

  /// AWS's limit of versions per state machine.
  static let maxVersions = 1000

  /// Adds this service's operations to `table`.
  func register(into table: inout OperationTable) {
    table.register(.publishStateMachineVersion) { try await publish($0) }
    table.register(.listStateMachineVersions) { try await list($0) }
    table.register(.deleteStateMachineVersion) { try await delete($0) }
  }

  private func publish(_ input: JSON) async throws -> JSON {
    let text = input.required("stateMachineArn")
    let (arn, qualifier) = try ARNTarget.stateMachine(text)
    guard qualifier == nil else { throw APIError.invalidArn("Resource type not valid in this context: \(text)") }
    let expected = input.string("revisionId"), description = input.string("description")
    let now = context.clock.now()
    return try await context.store.write { db in
      guard let machine = try Row.fetchOne(db, sql: "SELECT revision_id FROM state_machine WHERE arn = ?",
                                           arguments: [arn.text])
      else { throw APIError.stateMachineDoesNotExist(text) }
      let current: String = machine["revision_id"]
      if let expected, expected != current {
        throw APIError.conflict("Failed to publish the State Machine version for revision \(expected). "
          + "The current State Machine revision is \(current).")
      }
      let version = try Self.publish(machineArn: arn.text, description: description, now: now, db: db)
      return object([("creationDate", .float(version.creationDate)), ("stateMachineVersionArn", .string(version.arn))])
    }
  }

  /// Publishes the machine's current revision as its next version; when the latest version already is that
  /// revision, AWS returns it instead of making another.
  static func publish(machineArn: String, description: String?, now: Double, db: Database) throws
    -> (arn: String, creationDate: Double)
  {
    guard let machine = try Row.fetchOne(db, sql: "SELECT * FROM state_machine WHERE arn = ?", arguments: [machineArn])
    else { throw APIError.stateMachineDoesNotExist(machineArn) }
    let revision: String = machine["revision_id"]
    if let latest = try Row.fetchOne(db, sql: """
      SELECT arn, revision_id, creation_date FROM state_machine_version WHERE machine_arn = ?
      ORDER BY version DESC LIMIT 1
      """, arguments: [machineArn]), latest["revision_id"] == revision {
      return (latest["arn"], latest["creation_date"])
    }
    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM state_machine_version WHERE machine_arn = ?",
                                 arguments: [machineArn]) ?? 0
    guard count < maxVersions else {
      throw APIError("ServiceQuotaExceededException",
                     "Exceeded the maximum of \(maxVersions) versions for state machine '\(machineArn)'")
    }
    let number = (machine["last_version"] as Int) + 1
    let arn = "\(machineArn):\(number)"
    try db.execute(sql: """
      INSERT INTO state_machine_version (arn, machine_arn, version, type, definition, role_arn, logging, tracing,
        encryption, revision_id, description, creation_date)
      SELECT ?, arn, ?, type, definition, role_arn, logging, tracing, encryption, revision_id, ?, ?
      FROM state_machine WHERE arn = ?
      """, arguments: [arn, number, description, now, machineArn])
    try db.execute(sql: "UPDATE state_machine SET last_version = ? WHERE arn = ?", arguments: [number, machineArn])
    return (arn, now)
  }

  private func list(_ input: JSON) async throws -> JSON {
    let text = input.required("stateMachineArn")
    let (arn, qualifier) = try ARNTarget.stateMachine(text)
    guard qualifier == nil else { throw APIError.invalidArn("Resource type not valid in this context: \(text)") }
    let page = try PageRequest(input, operation: "ListStateMachineVersions", scope: arn.text)
    let rows = try await context.store.read { db in
      guard try Row.fetchOne(db, sql: "SELECT 1 FROM state_machine WHERE arn = ?", arguments: [arn.text]) != nil
      else { throw APIError.stateMachineDoesNotExist(text) }
      // Newest first, as AWS lists them: the page position is the negated version number.
      return try Row.fetchAll(db, sql: """
        SELECT arn, version, creation_date FROM state_machine_version WHERE machine_arn = ? AND -version > ?
        ORDER BY version DESC LIMIT ?
        """, arguments: [arn.text, page.after, page.size + 1]).map { row in
        (position: -(row["version"] as Int64), item: object([
          ("stateMachineVersionArn", .string(row["arn"])), ("creationDate", .float(row["creation_date"])),
        ]))
      }
    }
    let (items, token) = page.page(rows)
    return object([("stateMachineVersions", .array(items)), ("nextToken", token.map(JSON.string))])
  }

  private func delete(_ input: JSON) async throws -> JSON {
    let text = input.required("stateMachineVersionArn")
    let (_, qualifier) = try ARNTarget.stateMachine(text)
    guard case .version = qualifier else {
      throw APIError.invalidArn("Resource type not valid in this context: \(text)")
    }
    try await context.store.write { db in
      let aliases = try Row.fetchAll(db, sql: "SELECT arn, routing FROM state_machine_alias").filter { row in
        let routing = stored(row["routing"])?.arrayValue ?? []
        return routing.contains { $0["stateMachineVersionArn"]?.stringValue == text }
      }.map { $0["arn"] as String }
      guard aliases.isEmpty else {
        throw APIError.conflict("Version to be deleted must not be referenced by an alias. "
          + "Current list of aliases referencing this version: [\(aliases.joined(separator: ", "))]")
      }
      // Deleting a version that does not exist succeeds, as on AWS.
      try db.execute(sql: "DELETE FROM state_machine_version WHERE arn = ?", arguments: [text])
    }
    return object([])
  }
}
