import GRDB
import SFNJSON
import SFNKit

/// TagResource, UntagResource and ListTagsForResource, for state machines and activities.
struct TagService {
  let context: ServiceContext

  /// AWS's limit of tags per resource.
  static let maxTags = 50

  /// Adds this service's operations to `table`.
  func register(into table: inout OperationTable) {
    table.register(.tagResource) { try await tag($0) }
    table.register(.untagResource) { try await untag($0) }
    table.register(.listTagsForResource) { try await list($0) }
  }

  /// The `tags` member of a create request as (key, value) pairs; too many is TooManyTags.
  static func tags(in input: JSON) throws -> [(String, String)] {
    let pairs = (input["tags"]?.arrayValue ?? []).map { ($0.required("key"), $0.required("value")) }
    if Set(pairs.map(\.0)).count > maxTags {
      throw APIError("TooManyTags", "Too many tags: a resource can have at most \(maxTags) tags")
    }
    return pairs
  }

  /// Adds (or overwrites) `tags` on `arn`, failing with TooManyTags past the limit.
  static func add(_ tags: [(String, String)], to arn: String, db: Database) throws {
    for (key, value) in tags {
      try db.execute(sql: "INSERT OR REPLACE INTO tag (resource_arn, key, value) VALUES (?, ?, ?)",
                     arguments: [arn, key, value])
    }
    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tag WHERE resource_arn = ?", arguments: [arn]) ?? 0
    if count > maxTags {
      throw APIError("TooManyTags", "Too many tags: a resource can have at most \(maxTags) tags")
    }
  }

  /// Checks that `text` names an existing taggable resource (state machine or activity).
  private static func checkResource(_ text: String, db: Database) throws {
    guard let arn = ResourceARN(parsing: text) else { throw APIError.invalidArn("Invalid ARN prefix: \(text)") }
    let table: String
    switch (arn.kind, arn.parts.count) {
    case (.stateMachine, 1): table = "state_machine"
    case (.activity, 1): table = "activity"
    default: throw APIError.invalidArn("Resource type not valid in this context: \(arn.kind.rawValue)")
    }
    guard try Row.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE arn = ?", arguments: [text]) != nil
    else { throw APIError.resourceNotFound(text) }
  }

  private func tag(_ input: JSON) async throws -> JSON {
    let arn = input.required("resourceArn")
    let tags = try Self.tags(in: input)
    try await context.store.write { db in
      try Self.checkResource(arn, db: db)
      try Self.add(tags, to: arn, db: db)
    }
    return object([])
  }

  private func untag(_ input: JSON) async throws -> JSON {
    let arn = input.required("resourceArn")
    let keys = (input["tagKeys"]?.arrayValue ?? []).compactMap(\.stringValue)
    try await context.store.write { db in
      try Self.checkResource(arn, db: db)
      for key in keys {
        try db.execute(sql: "DELETE FROM tag WHERE resource_arn = ? AND key = ?", arguments: [arn, key])
      }
    }
    return object([])
  }

  private func list(_ input: JSON) async throws -> JSON {
    let arn = input.required("resourceArn")
    let tags = try await context.store.read { db in
      try Self.checkResource(arn, db: db)
      return try Row.fetchAll(db, sql: "SELECT key, value FROM tag WHERE resource_arn = ? ORDER BY rowid",
                              arguments: [arn]).map { row in
        object([("key", .string(row["key"])), ("value", .string(row["value"]))])
      }
    }
    return object([("tags", .array(tags))])
  }
}
