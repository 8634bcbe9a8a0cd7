import Foundation
import Batch
import Testing

/// `marquee runs`: the run history and one run's items from an output folder's run catalog, as text
/// and as JSON, after a real covers batch and its re-run; clear errors for a folder with no catalog.
@Suite struct RunsCommandTests {
    @Test func historyAndItemsAfterARunAndARerun() throws {
        let dir = try TestSupport.tempDir("runs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 2, categories: ["apparel"])
        let out = dir.appendingPathComponent("out")
        let compose = ["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok", "--regions", "na", "--out", out.path]
        for _ in 0..<2 {
            let r = try TestSupport.run(compose)
            #expect(r.status == 0, "\(r.stderr.suffix(1000))")
        }

        let table = try TestSupport.run(["runs", out.path])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("RUN  JOB") == true, "\(table.stdout)")
        // Newest first: run 2 skipped both covers, run 1 made them; the command without the executable's folder.
        let run2 = lines.first { $0.hasPrefix("2 ") } ?? "", run1 = lines.first { $0.hasPrefix("1 ") } ?? ""
        #expect(run2.contains("covers compose") && run2.contains("  0     2        0") && run2.contains("marquee covers compose"),
                "\(table.stdout)")
        #expect(run1.contains("  2     0        0"), "\(table.stdout)")

        let history = try TestSupport.run(["runs", out.path, "--json"])
        let h = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])
        let runs = h["runs"] as? [[String: Any]] ?? []
        #expect(h["kind"] as? String == "runs" && h["total_runs"] as? Int == 2)
        #expect(runs.map { $0["run_id"] as? String } == ["2", "1"])
        #expect(runs.map { $0["made"] as? Int } == [0, 2] && runs.map { $0["skipped"] as? Int } == [2, 0])
        #expect(runs.allSatisfy { $0["status"] as? String == "finished" && ($0["wall_s"] as? Double ?? -1) >= 0 })

        let second = try TestSupport.run(["runs", out.path, "2", "--json"])
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        let items = detail["items"] as? [[String: Any]] ?? []
        #expect(items.map { $0["status"] as? String } == ["skipped", "skipped"], "\(second.stdout)")
        #expect(Set(items.compactMap { ($0["files"] as? [String])?.first }) == ["p0-tiktok-na-v1.jpg", "p1-tiktok-na-v1.jpg"])

        let first = try TestSupport.run(["runs", out.path, "1"])
        #expect(first.status == 0 && first.stdout.contains("run 1: covers compose") && first.stdout.contains("2 made, 0 skipped, 0 failed of 2"),
                "\(first.stdout)")
        #expect(first.stdout.split(separator: "\n").filter { $0.contains(" made ") && $0.contains(".jpg") }.count == 2, "\(first.stdout)")
    }

    @Test func aFolderWithoutACatalogOrAnUnknownRunIsAClearError() throws {
        let dir = try TestSupport.tempDir("runs-none")
        defer { try? FileManager.default.removeItem(at: dir) }
        let none = try TestSupport.run(["runs", dir.path])
        #expect(none.status == 2 && none.stderr.contains("has no run catalog (catalog.sqlite)"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(RunCatalog.defaultName).path), "a catalog was created")
        let missing = try TestSupport.run(["runs", dir.appendingPathComponent("nowhere").path])
        #expect(missing.status == 2 && missing.stderr.contains("no such folder"), "\(missing.stderr)")

        let catalog = try RunCatalog(path: dir.appendingPathComponent(RunCatalog.defaultName).path)
        let run = try catalog.beginRun(job: "covers compose", command: "marquee covers compose", total: 3)
        let item = try catalog.startItem(run: run, key: "a", inputHash: "h", outputs: ["a.jpg"])
        try catalog.finishItem(item, status: .done, seconds: 0.25, outcome: ItemOutcome(), error: nil)
        _ = try catalog.startItem(run: run, key: "b", inputHash: "h", outputs: ["b.jpg"])
        let unknown = try TestSupport.run(["runs", dir.path, "7"])
        #expect(unknown.status == 2 && unknown.stderr.contains("run 7 is not in") && unknown.stderr.contains("its runs are 1…1"),
                "\(unknown.stderr)")

        // A run stopped half-way: unfinished, counted from its items.
        let stopped = try TestSupport.run(["runs", dir.path, "1", "--json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(stopped.stdout.utf8)) as? [String: Any])
        let info = doc["run"] as? [String: Any] ?? [:]
        #expect(info["status"] as? String == "unfinished" && info["made"] as? Int == 1 && info["wall_s"] == nil, "\(info)")
        let items = doc["items"] as? [[String: Any]] ?? []
        #expect(items.map { $0["status"] as? String } == ["made", "unfinished"], "\(items)")
        #expect(items.first?["wall_s"] as? Double == 0.25)
    }
}
