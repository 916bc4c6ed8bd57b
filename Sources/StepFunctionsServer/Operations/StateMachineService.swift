import GRDB
import SFNJSON
import SFNKit

/// CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine and ListStateMachines.
struct StateMachineService {
  let context: ServiceContext

  /// Adds this service's operations to `table`.
  func register(into table: inout OperationTable) {
    table.register(.createStateMachine) { try await create($0) }
    table.register(.describeStateMachine) { try await describe($0) }
    table.register(.updateStateMachine) { try await update($0) }
    table.register(.deleteStateMachine) { try await delete($0) }
    table.register(.listStateMachines) { try await list($0) }
  }

  /// AWS's logging configuration when none was given.
  static let defaultLogging: JSON = .object(JSONObject([("level", "OFF"), ("includeExecutionData", false)]))
  /// AWS's tracing configuration when none was given.
  static let defaultTracing: JSON = .object(JSONObject([("enabled", false)]))

  private func create(_ input: JSON) async throws -> JSON {
    let name = input.required("name")
    try NameRules.check(name)
    let definition = input.required("definition")
    let check = DefinitionCheck(definition)
    guard check.isValid else { throw check.invalidDefinition }
    let roleArn = input.required("roleArn")
    try Self.checkRole(roleArn)
    let publish = input["publish"]?.boolValue ?? false
    if input.string("versionDescription") != nil, !publish {
      throw APIError.validation("Version description can only be set when publish is true")
    }
    let tags = try TagService.tags(in: input)
    let arn = ResourceARN(.stateMachine, [name], scope: context.scope).text
    let type = input.string("type") ?? "STANDARD"
    let logging = input.text("loggingConfiguration"), tracing = input.text("tracingConfiguration")
    let encryption = input.text("encryptionConfiguration")
    let now = context.clock.now(), revision = context.random.uuid()
    let versionDescription = input.string("versionDescription")
    return try await context.store.write { db in
      if let existing = try Row.fetchOne(db, sql: "SELECT * FROM state_machine WHERE arn = ?", arguments: [arn]) {
        // AWS answers a repeated identical create with the machine it already has.
        let same = existing["definition"] == definition && existing["role_arn"] == roleArn
          && existing["type"] == type && existing["logging"] == logging && existing["tracing"] == tracing
        guard same, !publish else {
          throw APIError("StateMachineAlreadyExists", "State Machine Already Exists: '\(arn)'")
        }
        return object([("stateMachineArn", .string(arn)), ("creationDate", .float(existing["creation_date"]))])
      }
      try db.execute(sql: """
        INSERT INTO state_machine (arn, name, type, definition, role_arn, logging, tracing, encryption, revision_id,
          creation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, arguments: [arn, name, type, definition, roleArn, logging, tracing, encryption, revision, now])
      try TagService.add(tags, to: arn, db: db)
      var versionArn: String?
      if publish {
        versionArn = try VersionService.publish(machineArn: arn, description: versionDescription, now: now,
                                                db: db).arn
      }
      return object([
        ("stateMachineArn", .string(arn)), ("creationDate", .float(now)),
        ("stateMachineVersionArn", versionArn.map(JSON.string)),
      ])
    }
  }

  private func describe(_ input: JSON) async throws -> JSON {
    let text = input.required("stateMachineArn")
    let (arn, qualifier) = try ARNTarget.stateMachine(text)
    return try await context.store.read { db in
      switch qualifier {
      case nil:
        guard let row = try db.row("SELECT * FROM state_machine WHERE arn = ?", [arn.text])
        else { throw APIError.stateMachineDoesNotExist(text) }
        return Self.description(row, arn: arn.text)
      case .version:
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM state_machine_version WHERE arn = ?",
                                         arguments: [text])
        else { throw APIError.stateMachineDoesNotExist(text) }
        return Self.description(row, arn: text)
      case .alias:
        throw APIError.invalidArn("Resource type not valid in this context: \(text)")
      }
    }
  }

  /// DescribeStateMachine's output for a machine or version row.
  static func description(_ row: Row, arn: String) -> JSON {
    object([
      ("stateMachineArn", .string(arn)), ("name", .string(row["name"] ?? ResourceARN(parsing: arn)?.parts[0] ?? "")),
      ("status", "ACTIVE"), ("definition", .string(row["definition"])), ("roleArn", .string(row["role_arn"])),
      ("type", .string(row["type"])), ("creationDate", .float(row["creation_date"])),
      ("loggingConfiguration", stored(row["logging"]) ?? defaultLogging),
      ("tracingConfiguration", stored(row["tracing"]) ?? defaultTracing),
      ("revisionId", .string(row["revision_id"])),
      ("description", row.hasColumn("description") ? (row["description"] as String?).map(JSON.string) : nil),
      ("encryptionConfiguration", stored(row["encryption"])),
    ])
  }

  private func update(_ input: JSON) async throws -> JSON {
    let text = input.required("stateMachineArn")
    let (arn, qualifier) = try ARNTarget.stateMachine(text)
    guard qualifier == nil else { throw APIError.invalidArn("Resource type not valid in this context: \(text)") }
    let fields = ["definition", "roleArn", "loggingConfiguration", "tracingConfiguration", "encryptionConfiguration"]
    guard fields.contains(where: { input[$0] != nil && input[$0] != .null }) else {
      throw APIError("MissingRequiredParameter", "Either the definition, the role ARN, the LoggingConfiguration, "
        + "the EncryptionConfiguration or the TracingConfiguration must be specified")
    }
    let definition = input.string("definition")
    if let definition {
      let check = DefinitionCheck(definition)
      guard check.isValid else { throw check.invalidDefinition }
    }
    if let role = input.string("roleArn") { try Self.checkRole(role) }
    let publish = input["publish"]?.boolValue ?? false
    if input.string("versionDescription") != nil, !publish {
      throw APIError.validation("Version description can only be set when publish is true")
    }
    let logging = input.text("loggingConfiguration"), tracing = input.text("tracingConfiguration")
    let encryption = input.text("encryptionConfiguration"), role = input.string("roleArn")
    let now = context.clock.now(), revision = context.random.uuid()
    let versionDescription = input.string("versionDescription")
    return try await context.store.write { db in
      guard try Row.fetchOne(db, sql: "SELECT 1 FROM state_machine WHERE arn = ?", arguments: [arn.text]) != nil
      else { throw APIError.stateMachineDoesNotExist(text) }
      try db.execute(sql: """
        UPDATE state_machine SET definition = COALESCE(?, definition), role_arn = COALESCE(?, role_arn),
          logging = COALESCE(?, logging), tracing = COALESCE(?, tracing), encryption = COALESCE(?, encryption),
          revision_id = ?, update_date = ? WHERE arn = ?
        """, arguments: [definition, role, logging, tracing, encryption, revision, now, arn.text])
      var versionArn: String?
      if publish {
        versionArn = try VersionService.publish(machineArn: arn.text, description: versionDescription, now: now,
                                                db: db).arn
      }
      return object([
        ("updateDate", .float(now)), ("revisionId", .string(revision)),
        ("stateMachineVersionArn", versionArn.map(JSON.string)),
      ])
    }
  }

  private func delete(_ input: JSON) async throws -> JSON {
    let text = input.required("stateMachineArn")
    let (arn, qualifier) = try ARNTarget.stateMachine(text)
    guard qualifier == nil else { throw APIError.invalidArn("Resource type not valid in this context: \(text)") }
    // Deleting what does not exist succeeds on AWS; versions and aliases go with the machine.
    try await context.store.write { db in
      try db.execute(sql: "DELETE FROM state_machine WHERE arn = ?", arguments: [arn.text])
      try db.execute(sql: "DELETE FROM tag WHERE resource_arn = ?", arguments: [arn.text])
    }
    return object([])
  }

  private func list(_ input: JSON) async throws -> JSON {
    let page = try PageRequest(input, operation: "ListStateMachines")
    let rows = try await context.store.read { db in
      try db.rows("SELECT seq, arn, name, type, creation_date FROM state_machine WHERE seq > ? ORDER BY seq LIMIT ?",
                  [page.after, page.size + 1]).map { row in
        (position: row["seq"] as Int64, item: object([
          ("stateMachineArn", .string(row["arn"])), ("name", .string(row["name"])), ("type", .string(row["type"])),
          ("creationDate", .float(row["creation_date"])),
        ]))
      }
    }
    let (items, token) = page.page(rows)
    return object([("stateMachines", .array(items)), ("nextToken", token.map(JSON.string))])
  }

  /// AWS checks that the role is an IAM role ARN.
  static func checkRole(_ role: String) throws {
    let fields = role.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard fields.count == 6, fields[0] == "arn", fields[2] == "iam", fields[5].hasPrefix("role/") else {
      throw APIError.invalidArn("Invalid ARN prefix: \(role)")
    }
  }
}
