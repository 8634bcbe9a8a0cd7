import Support
import Foundation
import GRDB

/// The read side of the run catalog: past runs and each run's items, for `marquee runs`.
extension RunCatalog {
    /// The catalog of an existing output folder; never creates one.
    public static func existing(in dir: URL) throws(MarqueeError) -> RunCatalog {
        let path = dir.appendingPathComponent(defaultName).path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw .usage("\(dir.path): no such folder; give the --out folder of a `covers compose` or `clips cut` run")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw .usage("\(dir.path) has no run catalog (\(defaultName)): `covers compose` and `clips cut` write one in their --out folder; give that folder")
        }
        do { return try RunCatalog(path: path) } catch let e as MarqueeError { throw e } catch {
            throw .usage("cannot open the run catalog \(path): \(error)")
        }
    }

    /// Past runs, newest first.
    public func runs(limit: Int = 20) throws -> [RunInfo] {
        try db.read { db in
            try Row.fetchAll(db, sql: "\(Self.runQuery) ORDER BY id DESC LIMIT ?", arguments: [limit]).map(RunInfo.init)
        }
    }

    /// How many runs the catalog holds.
    public func runCount() throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM run") ?? 0 }
    }

    /// One run, or nil when the catalog has no run with this id.
    public func run(_ id: Int64) throws -> RunInfo? {
        try db.read { db in try Row.fetchOne(db, sql: "\(Self.runQuery) WHERE id = ?", arguments: [id]).map(RunInfo.init) }
    }

    /// Runs with their items counted, for runs that never recorded their end (stopped, or still going).
    private static let runQuery = """
        SELECT run.*,
          (SELECT COUNT(*) FROM item WHERE run_id = run.id AND status = 'done') AS items_done,
          (SELECT COUNT(*) FROM item WHERE run_id = run.id AND status = 'skipped') AS items_skipped,
          (SELECT COUNT(*) FROM item WHERE run_id = run.id AND status = 'failed') AS items_failed
        FROM run
        """

    /// The items a run made, skipped or failed, in the order they finished (unfinished ones last).
    public func items(run: Int64) throws -> [RunItemInfo] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT key, status, started_at, finished_at, seconds, outputs, problems, error FROM item
                WHERE run_id = ? ORDER BY finished_at IS NULL, finished_at, id
                """, arguments: [run]).map { row in
                RunItemInfo(key: row["key"], status: ItemStatus(rawValue: row["status"]) ?? .running, startedAt: row["started_at"],
                            finishedAt: row["finished_at"], seconds: row["seconds"],
                            outputs: Self.decode([String].self, row["outputs"]) ?? [],
                            problems: Self.decode([String].self, row["problems"]) ?? [], error: row["error"])
            }
        }
    }
}

/// A run as listed in the catalog's history.
public struct RunInfo: Sendable, Codable {
    public let id: Int64
    public let job: String
    public let command: String
    /// Seconds since 1970.
    public let startedAt: Double
    /// Nil while the run goes on, or when it was stopped before its end.
    public let finishedAt: Double?
    public let total: Int
    /// Items made, skipped and failed: as the run recorded at its end, else counted from its items so far.
    public let done: Int
    public let skipped: Int
    public let failed: Int

    init(_ row: Row) {
        id = row["id"]; job = row["job"]; command = row["command"]; startedAt = row["started_at"]
        finishedAt = row["finished_at"]; total = row["total"]
        done = row["done"] ?? row["items_done"]; skipped = row["skipped"] ?? row["items_skipped"]; failed = row["failed"] ?? row["items_failed"]
    }
}

/// One item of a run, as the catalog recorded it.
public struct RunItemInfo: Sendable {
    public let key: String
    /// `done`, `skipped`, `failed`, or `running` when no end was recorded (still running, or stopped).
    public let status: ItemStatus
    public let startedAt: Double
    public let finishedAt: Double?
    public let seconds: Double?
    public let outputs: [String]
    /// Check errors that did not stop the item.
    public let problems: [String]
    public let error: String?
}
