import Foundation
import GRDB

/// The run catalog's tables, made or brought up to date in one immediate transaction, so two
/// processes opening a new catalog at once never both try to make them (the second waits, then
/// finds them). Every step is idempotent (`IF NOT EXISTS`, columns added only when missing), and
/// catalogs written by older versions (which recorded their schema in `grdb_migrations`) keep
/// their history. `PRAGMA user_version` holds the schema version.
enum CatalogSchema {
    /// 1: runs and items. 2: each output's size, modification time and content hash (`output_stamps`).
    static let version = 2

    static func migrate(_ db: DatabaseQueue) throws {
        try db.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if current < version {
                    try createTables(db)
                    try addColumn(db, table: "item", column: "output_stamps", type: "TEXT")
                    try db.execute(sql: "PRAGMA user_version = \(version)")
                }
                return .commit
            }
        }
    }

    private static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS run (
              id INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL, command TEXT NOT NULL,
              started_at DOUBLE NOT NULL, finished_at DOUBLE, total INTEGER NOT NULL,
              done INTEGER, skipped INTEGER, failed INTEGER);
            CREATE TABLE IF NOT EXISTS item (
              id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL REFERENCES run(id),
              key TEXT NOT NULL, input_hash TEXT NOT NULL, status TEXT NOT NULL,
              started_at DOUBLE NOT NULL, finished_at DOUBLE, seconds DOUBLE, outputs TEXT NOT NULL,
              metrics TEXT, record BLOB, problems TEXT, error TEXT);
            CREATE INDEX IF NOT EXISTS item_lookup ON item(key, status);
            """)
    }

    private static func addColumn(_ db: Database, table: String, column: String, type: String) throws {
        let existing = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
        if !existing.contains(column) { try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(column) \(type)") }
    }
}
