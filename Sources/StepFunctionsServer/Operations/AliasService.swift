import GRDB
import SFNJSON
import SFNKit

/// Create/Describe/Update/Delete/ListStateMachineAliases: names pointing at one or two versions with weights.
struct AliasService {
  let context: ServiceContext

  /// Adds this service's operations to `table`.
  func register(into table: inout OperationTable) {
    table.register(.createStateMachineAlias) { try await create($0) }
    table.register(.describeStateMachineAlias) { try await describe($0) }
    table.register(.updateStateMachineAlias) { try await update($0) }
    table.register(.deleteStateMachineAlias) { try await delete($0) }
    table.register(.listStateMachineAliases) { try await list($0) }
  }

  private func create(_ input: JSON) async throws -> JSON {
    let name = input.required("name"), description = input.string("description")
    let routing = input["routingConfiguration"] ?? .array([])
    let now = context.clock.now()
    return try await context.store.write { db in
      let machine = try Self.checkRouting(routing, db: db)
      let arn = "\(machine):\(name)"
      let routingText = JSONWriter.compact.string(routing)
      if let existing = try Row.fetchOne(db, sql: "SELECT * FROM state_machine_alias WHERE arn = ?",
                                         arguments: [arn]) {
        guard existing["routing"] == routingText, existing["description"] == description else {
          throw APIError.conflict("Failed to create alias because an alias with the same name and a different "
            + "routing configuration already exists.")
        }
        return object([("stateMachineAliasArn", .string(arn)), ("creationDate", .float(existing["creation_date"]))])
      }
      try db.execute(sql: """
        INSERT INTO state_machine_alias (arn, machine_arn, name, description, routing, creation_date, update_date)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """, arguments: [arn, machine, name, description, routingText, now, now])
      return object([("stateMachineAliasArn", .string(arn)), ("creationDate", .float(now))])
    }
  }

  /// Checks a routing configuration as AWS does and returns the state machine ARN its versions share.
  static func checkRouting(_ routing: JSON, db: Database) throws -> String {
    let routes = routing.arrayValue ?? []
    var machine: String?
    var seen: Set<String> = []
    for route in routes {
      let versionArn = route.required("stateMachineVersionArn")
      let (arn, qualifier) = try ARNTarget.stateMachine(versionArn)
      guard case .version = qualifier else {
        throw APIError.validation("Routing configuration must contain state machine version ARNs: \(versionArn)")
      }
      if let machine, machine != arn.text {
        throw APIError.validation("Routing configuration must contain versions of the same state machine")
      }
      machine = arn.text
      guard seen.insert(versionArn).inserted else {
        throw APIError.validation("Routing configuration must contain distinct state machine version ARNs")
      }
      guard try Row.fetchOne(db, sql: "SELECT 1 FROM state_machine_version WHERE arn = ?",
                             arguments: [versionArn]) != nil
      else { throw APIError.resourceNotFound(versionArn) }
    }
    let total = routes.reduce(0) { $0 + ($1["weight"]?.intValue ?? 0) }
    guard total == 100 else {
      throw APIError.validation("Sum of routing configuration weights must equal 100: got \(total)")
    }
    return machine ?? ""
  }

  private func describe(_ input: JSON) async throws -> JSON {
    let text = try Self.aliasArn(input.required("stateMachineAliasArn"))
    return try await context.store.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM state_machine_alias WHERE arn = ?", arguments: [text])
      else { throw APIError.resourceNotFound(text) }
      return object([
        ("stateMachineAliasArn", .string(text)), ("name", .string(row["name"])),
        ("description", (row["description"] as String?).map(JSON.string)),
        ("routingConfiguration", stored(row["routing"])), ("creationDate", .float(row["creation_date"])),
        ("updateDate", .float(row["update_date"])),
      ])
    }
  }

  private func update(_ input: JSON) async throws -> JSON {
    let text = try Self.aliasArn(input.required("stateMachineAliasArn"))
    let description = input.string("description"), routing = input["routingConfiguration"]
    guard description != nil || routing != nil else {
      throw APIError.validation("Either the description or the RoutingConfiguration must be specified")
    }
    let now = context.clock.now()
    return try await context.store.write { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT machine_arn FROM state_machine_alias WHERE arn = ?",
                                       arguments: [text])
      else { throw APIError.resourceNotFound(text) }
      var routingText: String?
      if let routing {
        guard try Self.checkRouting(routing, db: db) == row["machine_arn"] else {
          throw APIError.validation("Routing configuration must contain versions of the alias's state machine")
        }
        routingText = JSONWriter.compact.string(routing)
      }
      try db.execute(sql: """
        UPDATE state_machine_alias SET description = COALESCE(?, description), routing = COALESCE(?, routing),
          update_date = ? WHERE arn = ?
        """, arguments: [description, routingText, now, text])
      return object([("updateDate", .float(now))])
    }
  }

  private func delete(_ input: JSON) async throws -> JSON {
    let text = try Self.aliasArn(input.required("stateMachineAliasArn"))
    try await context.store.write { db in
      guard try Row.fetchOne(db, sql: "SELECT 1 FROM state_machine_alias WHERE arn = ?", arguments: [text]) != nil
      else { throw APIError.resourceNotFound(text) }
      try db.execute(sql: "DELETE FROM state_machine_alias WHERE arn = ?", arguments: [text])
    }
    return object([])
  }

  private func list(_ input: JSON) async throws -> JSON {
    let text = input.required("stateMachineArn")
    let (arn, qualifier) = try ARNTarget.stateMachine(text)
    guard qualifier == nil else { throw APIError.invalidArn("Resource type not valid in this context: \(text)") }
    let page = try PageRequest(input, operation: "ListStateMachineAliases", scope: arn.text)
    let rows = try await context.store.read { db in
      guard try Row.fetchOne(db, sql: "SELECT 1 FROM state_machine WHERE arn = ?", arguments: [arn.text]) != nil
      else { throw APIError.resourceNotFound(text) }
      return try Row.fetchAll(db, sql: """
        SELECT seq, arn, creation_date FROM state_machine_alias WHERE machine_arn = ? AND seq > ? ORDER BY seq LIMIT ?
        """, arguments: [arn.text, page.after, page.size + 1]).map { row in
        (position: row["seq"] as Int64, item: object([
          ("stateMachineAliasArn", .string(row["arn"])), ("creationDate", .float(row["creation_date"])),
        ]))
      }
    }
    let (items, token) = page.page(rows)
    return object([("stateMachineAliases", .array(items)), ("nextToken", token.map(JSON.string))])
  }

  /// Checks that `text` is an alias ARN (a state machine ARN qualified by a name, not a number).
  static func aliasArn(_ text: String) throws -> String {
    let (_, qualifier) = try ARNTarget.stateMachine(text)
    guard case .alias = qualifier else { throw APIError.invalidArn("Resource type not valid in this context: \(text)") }
    return text
  }
}
