import Support
import Foundation
import GRDB

/// The run catalog: a SQLite file (by default `catalog.sqlite` in the output folder) that records every
/// run and every attempt at every item: inputs hash, outputs, status, timings, metrics. A re-run skips
/// items already done with the same inputs whose outputs are still as they were written.
public final class RunCatalog: Sendable {
    public static let defaultName = "catalog.sqlite"
    let db: DatabaseQueue
    /// The catalog file, for messages.
    public let path: String

    public init(path: String) throws {
        self.path = path
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            db = try DatabaseQueue(path: path, configuration: config)
            try db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode=WAL") }
            try CatalogSchema.migrate(db)
        } catch {
            throw MarqueeError.usage(CatalogErrorText.opening(path, error))
        }
    }

    public func beginRun(job: String, command: String, total: Int) throws -> Int64 {
        try db.write { db in
            try db.execute(sql: "INSERT INTO run (job, command, started_at, total) VALUES (?, ?, ?, ?)",
                           arguments: [job, command, Date().timeIntervalSince1970, total])
            return db.lastInsertedRowID
        }
    }

    public func endRun(_ id: Int64, done: Int, skipped: Int, failed: Int) throws {
        try db.write {
            try $0.execute(sql: "UPDATE run SET finished_at = ?, done = ?, skipped = ?, failed = ? WHERE id = ?",
                           arguments: [Date().timeIntervalSince1970, done, skipped, failed, id])
        }
    }

    /// The latest completed attempt at `key`, when it was made from these inputs. An older attempt
    /// with the same inputs does not count: a newer one with other inputs has overwritten its outputs.
    public func completed(key: String, inputHash: String) throws -> CompletedItem? {
        try db.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT input_hash, outputs, output_stamps, record, problems FROM item WHERE key = ? AND status = 'done'
                ORDER BY id DESC LIMIT 1
                """, arguments: [key]), row["input_hash"] as String == inputHash else { return nil }
            let outputs = Self.decode([String].self, row["outputs"]) ?? []
            return CompletedItem(outputs: outputs, stamps: Self.decode([OutputStamp].self, row["output_stamps"]), record: row["record"],
                                 problems: Self.decode([String].self, row["problems"]) ?? [])
        }
    }

    public func startItem(run: Int64, key: String, inputHash: String, outputs: [String]) throws -> Int64 {
        try db.write { db in
            try db.execute(sql: "INSERT INTO item (run_id, key, input_hash, status, started_at, outputs) VALUES (?, ?, ?, 'running', ?, ?)",
                           arguments: [run, key, inputHash, Date().timeIntervalSince1970, Self.encode(outputs)])
            return db.lastInsertedRowID
        }
    }

    /// Records that a run skipped `key` because `prior` is done from the same inputs, so the run's
    /// item list (`marquee runs DIR RUN`) shows it. Skips are never found by `completed`.
    public func recordSkip(run: Int64, key: String, inputHash: String, prior: CompletedItem) throws {
        let now = Date().timeIntervalSince1970
        try db.write {
            try $0.execute(sql: """
                INSERT INTO item (run_id, key, input_hash, status, started_at, finished_at, seconds, outputs, problems)
                VALUES (?, ?, ?, 'skipped', ?, ?, 0, ?, ?)
                """, arguments: [run, key, inputHash, now, now, Self.encode(prior.outputs), Self.encode(prior.problems)])
        }
    }

    /// Records how an attempt ended; `stamps`: its outputs as written (size, time, hash) when it is done.
    public func finishItem(_ id: Int64, status: ItemStatus, seconds: Double, outcome: ItemOutcome?, error: String?,
                           stamps: [OutputStamp]? = nil) throws {
        try db.write {
            try $0.execute(sql: """
                UPDATE item SET status = ?, finished_at = ?, seconds = ?, metrics = ?, record = ?, problems = ?, error = ?,
                  output_stamps = ? WHERE id = ?
                """, arguments: [status.rawValue, Date().timeIntervalSince1970, seconds,
                                 outcome.map { Self.encode($0.metrics) }, outcome?.record,
                                 outcome.map { Self.encode($0.problems) }, error, stamps.map { Self.encode($0) }, id])
        }
    }

    /// How many attempts at each key ran to completion, over all runs.
    public func completionCounts() throws -> [String: Int] {
        try db.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, COUNT(*) AS n FROM item WHERE status = 'done' GROUP BY key")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as String, $0["n"] as Int) })
        }
    }

    /// The items of run `id` with their stored records, in the order they were started.
    public func storedItems(run id: Int64) throws -> [StoredItem] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT key, status, record, metrics, error FROM item WHERE run_id = ? ORDER BY id",
                             arguments: [id]).map {
                StoredItem(key: $0["key"], status: $0["status"], record: $0["record"],
                           metrics: Self.decode([String: Double].self, $0["metrics"]) ?? [:], error: $0["error"])
            }
        }
    }

    static func encode<T: Encodable>(_ v: T) -> String {
        (try? String(decoding: JSONEncoder().encode(v), as: UTF8.self)) ?? "null"
    }

    static func decode<T: Decodable>(_ t: T.Type, _ s: String?) -> T? {
        s.flatMap { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }
}

/// A finished item found in the catalog.
public struct CompletedItem: Sendable {
    public let outputs: [String]
    /// Its outputs as they were written; nil for items recorded before the catalog kept them.
    public let stamps: [OutputStamp]?
    public let record: Data?
    public let problems: [String]
}

/// An item as the catalog stored it.
public struct StoredItem: Sendable {
    public let key: String
    public let status: String
    public let record: Data?
    public let metrics: [String: Double]
    public let error: String?
}
