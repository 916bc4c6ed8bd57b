import Foundation
import GRDB

/// The server's SQLite database (through GRDB): a WAL-mode file under `--data`, or memory with `--in-memory`.
public struct Store: Sendable {
  /// Where the state lives.
  public enum Location: Equatable, Sendable {
    case directory(String)
    case memory
  }

  /// The database file's name inside the data directory.
  public static let fileName = "sfn-local.sqlite"

  /// The connection(s): one writer, and with a pool several readers.
  let writer: any DatabaseWriter
  /// With `--in-memory`, the one connection (the same as `writer`).
  private let memory: DatabaseQueue?

  /// Opens (creating when needed) the database at `location` and brings its schema up to date.
  public init(location: Location) throws {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    // Concurrent writers wait for each other instead of failing with SQLITE_BUSY.
    configuration.busyMode = .timeout(10)
    switch location {
    case .memory:
      let queue = try DatabaseQueue(configuration: configuration)
      memory = queue
      writer = queue
    case .directory(let dir):
      memory = nil
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      // A pool opens the file in WAL mode: readers never wait for the writer.
      writer = try DatabasePool(path: dir + "/" + Self.fileName, configuration: configuration)
    }
    try Schema.migrator.migrate(writer)
  }

  // Both run on the calling thread. A transaction here takes tens of microseconds (WAL with synchronous=NORMAL: a
  // commit appends to the log without syncing it), less than GRDB's async API spent handing the work to its queue
  // and the result back: two thread switches a call, which made up half the server's CPU time per request
  // (bench/RESULTS.md section 9).

  /// Runs `body` in a write transaction, committed before this returns.
  func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    try writeNow(body)
  }

  /// Runs `body` on a consistent snapshot.
  func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    try readNow(body)
  }

  private func writeNow<T>(_ body: (Database) throws -> T) throws -> T { try writer.write(body) }

  private func readNow<T>(_ body: (Database) throws -> T) throws -> T {
    // GRDB's read on a queue sets `PRAGMA query_only` around the block, and setting it expires every compiled
    // statement, so each later statement compiled again. The queue runs one block at a time, so nothing changes
    // under this one: it needs no read-only transaction to see a consistent state.
    if let memory { return try memory.inDatabase(body) }
    return try writer.read(body)
  }
}

extension Database {
  /// Executes `sql` as a statement compiled once per connection (GRDB's statement cache) instead of on every call.
  func run(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws {
    try cachedStatement(sql: sql).execute(arguments: arguments)
  }

  /// The first row of `sql`, through the statement cache.
  func row(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> Row? {
    try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
  }

  /// The rows of `sql`, through the statement cache.
  func rows(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [Row] {
    try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
  }
}

/// The tables, created by numbered migrations so that an older data directory is brought forward.
enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: resources") { db in
      // Listings page in insertion order: `seq` (an INTEGER PRIMARY KEY, i.e. the rowid) is the page position.
      try db.execute(sql: """
        CREATE TABLE state_machine (
          seq INTEGER PRIMARY KEY,
          arn TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          type TEXT NOT NULL,
          definition TEXT NOT NULL,
          role_arn TEXT NOT NULL,
          logging TEXT,
          tracing TEXT,
          encryption TEXT,
          revision_id TEXT NOT NULL,
          creation_date REAL NOT NULL,
          update_date REAL,
          last_version INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE state_machine_version (
          seq INTEGER PRIMARY KEY,
          arn TEXT NOT NULL UNIQUE,
          machine_arn TEXT NOT NULL REFERENCES state_machine(arn) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          type TEXT NOT NULL,
          definition TEXT NOT NULL,
          role_arn TEXT NOT NULL,
          logging TEXT,
          tracing TEXT,
          encryption TEXT,
          revision_id TEXT NOT NULL,
          description TEXT,
          creation_date REAL NOT NULL
        );
        CREATE INDEX state_machine_version_machine ON state_machine_version(machine_arn, version);
        CREATE TABLE state_machine_alias (
          seq INTEGER PRIMARY KEY,
          arn TEXT NOT NULL UNIQUE,
          machine_arn TEXT NOT NULL REFERENCES state_machine(arn) ON DELETE CASCADE,
          name TEXT NOT NULL,
          description TEXT,
          routing TEXT NOT NULL,
          creation_date REAL NOT NULL,
          update_date REAL NOT NULL
        );
        CREATE INDEX state_machine_alias_machine ON state_machine_alias(machine_arn);
        CREATE TABLE activity (
          seq INTEGER PRIMARY KEY,
          arn TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          encryption TEXT,
          creation_date REAL NOT NULL
        );
        CREATE TABLE tag (
          resource_arn TEXT NOT NULL,
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (resource_arn, key)
        );
        """)
    }
    migrator.registerMigration("v2: executions") { db in
      // Executions outlive their state machine (AWS lists them after a delete), so no foreign key to it.
      try db.execute(sql: """
        CREATE TABLE execution (
          seq INTEGER PRIMARY KEY,
          arn TEXT NOT NULL UNIQUE,
          machine_arn TEXT NOT NULL,
          version_arn TEXT,
          alias_arn TEXT,
          name TEXT NOT NULL,
          status TEXT NOT NULL,
          input TEXT NOT NULL,
          output TEXT,
          error TEXT,
          cause TEXT,
          start_date REAL NOT NULL,
          stop_date REAL,
          definition TEXT NOT NULL,
          role_arn TEXT NOT NULL,
          type TEXT NOT NULL
        );
        CREATE INDEX execution_machine ON execution(machine_arn, seq);
        CREATE INDEX execution_version ON execution(version_arn, seq);
        CREATE INDEX execution_alias ON execution(alias_arn, seq);
        CREATE TABLE history_event (
          execution_arn TEXT NOT NULL,
          id INTEGER NOT NULL,
          body TEXT NOT NULL,
          PRIMARY KEY (execution_arn, id)
        ) WITHOUT ROWID;
        """)
    }
    migrator.registerMigration("v3: resumable executions") { db in
      // A running execution's engine state and mock counts are saved with the events of each step, so a restarted
      // server continues it; `mock_case` (`ARN#CASE`) finds its mock test case again. The engine clock's origin is
      // kept so that saved timer due times still mean the same instant under `--wait-scale`.
      try db.execute(sql: """
        ALTER TABLE execution ADD COLUMN engine_state TEXT;
        ALTER TABLE execution ADD COLUMN mock_counts TEXT;
        ALTER TABLE execution ADD COLUMN mock_case TEXT;
        CREATE TABLE engine_clock (id INTEGER PRIMARY KEY CHECK (id = 1), origin REAL NOT NULL);
        """)
    }
    migrator.registerMigration("v4: saved activity tasks") { db in
      // Activity tasks no worker has taken yet, saved with the step that scheduled them, so a restarted server
      // hands them out again; GetActivityTask deletes a task as it hands it out.
      try db.execute(sql: """
        CREATE TABLE activity_task (
          token TEXT PRIMARY KEY,
          execution_arn TEXT NOT NULL,
          activity_arn TEXT NOT NULL,
          input TEXT NOT NULL
        );
        CREATE INDEX activity_task_execution ON activity_task(execution_arn);
        """)
    }
    migrator.registerMigration("v5: map runs") { db in
      // A Distributed Map's runs (`body`: the engine's MapRunRecord JSON, saved with each step), and its child
      // executions as executions with `map_run_arn` set (their histories in history_event, like any execution).
      try db.execute(sql: """
        CREATE TABLE map_run (
          seq INTEGER PRIMARY KEY,
          arn TEXT NOT NULL UNIQUE,
          execution_arn TEXT NOT NULL,
          body TEXT NOT NULL
        );
        CREATE INDEX map_run_execution ON map_run(execution_arn, seq);
        ALTER TABLE execution ADD COLUMN map_run_arn TEXT;
        ALTER TABLE execution ADD COLUMN item_count INTEGER;
        CREATE INDEX execution_map_run ON execution(map_run_arn, seq);
        """)
    }
    RedriveSchema.register(in: &migrator)
    migrator.registerMigration("v6: child executions") { db in
      // The `.sync` / `.sync:2` task (parent execution, token) each running child execution completes.
      try db.execute(sql: """
        CREATE TABLE child_execution (
          child_arn TEXT PRIMARY KEY,
          parent_arn TEXT NOT NULL,
          token TEXT NOT NULL,
          pattern TEXT NOT NULL
        );
        """)
    }
    return migrator
  }
}

extension Store {
  /// The engine clock's origin saved in the store, or `now` saved as the origin when there is none yet.
  func engineClockOrigin(now: Date) throws -> Date {
    try writer.write { db in
      if let saved = try Double.fetchOne(db, sql: "SELECT origin FROM engine_clock WHERE id = 1") {
        return Date(timeIntervalSince1970: saved)
      }
      try db.execute(sql: "INSERT INTO engine_clock (id, origin) VALUES (1, ?)",
                     arguments: [now.timeIntervalSince1970])
      return now
    }
  }
}
