import Foundation
import Batch
import OracleSupport
import Testing

/// A re-run trusts only outputs that still match what the catalog recorded: one truncated or touched
/// by hand is made again and the others are skipped; with `--verify` a change of content that kept
/// size and time is caught too. Catalogs of older versions and catalogs opened at once stay whole.
@Suite(.serialized) struct ReliabilityResumeTests {
    static func summary(_ run: TestSupport.Run) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    @Test func truncatedCoverIsRedoneOthersSkipped() throws {
        let dir = try TestSupport.tempDir("verify-covers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 3)
        let out = dir.appendingPathComponent("out")
        let args = ["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok", "--regions", "na,sea",
                    "--jobs", "2", "--out", out.path, "--json"]
        #expect(try TestSupport.run(args).status == 0)
        let victim = out.appendingPathComponent("p1-tiktok-sea-v1.jpg")
        let handle = try FileHandle(forWritingTo: victim)
        try handle.truncate(atOffset: 2000)
        try handle.close()
        let touched = out.appendingPathComponent("p2-tiktok-na-v1.jpg")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: touched.path)

        let again = try TestSupport.run(args)
        let report = Self.summary(again)
        #expect(again.status == 0 && report["made"] as? Int == 2 && report["skipped"] as? Int == 4, "\(again.stdout.prefix(800))")
        #expect(Reliability.decodesCleanly(cover: victim))

        // Same size, same time, other bytes: only --verify sees it.
        var st = stat()
        #expect(stat(victim.path, &st) == 0)
        let fd = open(victim.path, O_WRONLY)
        var byte: UInt8 = 0x5A
        #expect(pwrite(fd, &byte, 1, off_t(st.st_size / 2)) == 1)
        var times = [st.st_atim, st.st_mtim]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        #expect(Self.summary(try TestSupport.run(args))["made"] as? Int == 0)
        let verified = Self.summary(try TestSupport.run(args + ["--verify"]))
        #expect(verified["made"] as? Int == 1 && verified["skipped"] as? Int == 5, "\(verified)")
    }

    @Test func truncatedClipIsRedoneOthersSkipped() throws {
        let dir = try TestSupport.tempDir("verify-clips")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (replay, sheet) = try Reliability.replayAndCues(in: dir)
        let out = dir.appendingPathComponent("out")
        let args = ["clips", "cut", replay.path, "--cues", sheet.path, "--mode", "reencode", "--out", out.path, "--json"]
        let first = try TestSupport.run(args)
        #expect(first.status == 0, "\(first.stderr.suffix(1500))")
        let victim = out.appendingPathComponent("c2.mp4")
        let handle = try FileHandle(forWritingTo: victim)
        try handle.truncate(atOffset: 4000)
        try handle.close()
        #expect(try !Reliability.decodesCleanly(victim))

        let again = try TestSupport.run(args)
        let report = Self.summary(again)
        #expect(again.status == 0 && report["made"] as? Int == 1 && report["skipped"] as? Int == 2, "\(again.stdout.prefix(800))")
        for c in ["c1", "c2", "c3"] { #expect(try Reliability.decodesCleanly(out.appendingPathComponent("\(c).mp4")), "\(c)") }
        #expect(try Reliability.completions(out) == ["c1": 1, "c2": 2, "c3": 1])
    }

    /// Many processes' worth of connections opening one new catalog at once all find its tables.
    @Test func catalogsOpenedAtOnceAllGetTheSchema() async throws {
        let dir = try TestSupport.tempDir("schema-race")
        defer { try? FileManager.default.removeItem(at: dir) }
        for round in 0..<5 {
            let path = dir.appendingPathComponent("c\(round).sqlite").path
            let errors = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do { _ = try RunCatalog(path: path).runCount(); return nil } catch { return "\(error)" }
                    }
                }
                return await group.reduce(into: [String]()) { if let e = $1 { $0.append(e) } }
            }
            #expect(errors.isEmpty, "\(errors)")
        }
    }

    /// A catalog written by an older version (GRDB's migration table, no output stamps) keeps its
    /// history and is brought up to date; its items are trusted while their files are there.
    @Test func olderCatalogIsMigrated() throws {
        let dir = try TestSupport.tempDir("schema-old")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(RunCatalog.defaultName).path
        try Data("made".utf8).write(to: dir.appendingPathComponent("a.jpg"))
        let sql = """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1');
            CREATE TABLE "run" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "job" TEXT NOT NULL, "command" TEXT NOT NULL, "started_at" DOUBLE NOT NULL, "finished_at" DOUBLE, "total" INTEGER NOT NULL, "done" INTEGER, "skipped" INTEGER, "failed" INTEGER);
            CREATE TABLE "item" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "run_id" INTEGER NOT NULL REFERENCES "run"("id"), "key" TEXT NOT NULL, "input_hash" TEXT NOT NULL, "status" TEXT NOT NULL, "started_at" DOUBLE NOT NULL, "finished_at" DOUBLE, "seconds" DOUBLE, "outputs" TEXT NOT NULL, "metrics" TEXT, "record" BLOB, "problems" TEXT, "error" TEXT);
            CREATE INDEX "item_lookup" ON "item"("key", "status");
            INSERT INTO run VALUES (1, 'covers compose', 'marquee', 0, 1, 1, 1, 0, 0);
            INSERT INTO item (run_id, key, input_hash, status, started_at, outputs) VALUES (1, 'a', 'h', 'done', 0, '["a.jpg"]');
            """
        let py = try OracleTools.run("/usr/bin/python3", ["-c", "import sqlite3,sys; sqlite3.connect(sys.argv[1]).executescript(sys.argv[2])", path, sql])
        #expect(py.status == 0, "\(py.stderr)")
        let catalog = try RunCatalog(path: path)
        #expect(try catalog.runCount() == 1)
        #expect(try catalog.trustedCompletion(key: "a", inputHash: "h", in: dir, verify: true) != nil)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("a.jpg"))
        #expect(try catalog.trustedCompletion(key: "a", inputHash: "h", in: dir, verify: false) == nil)
    }
}
