import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips
import H264
import Loudness
import Testing

/// A batch killed with SIGKILL half-way and run again ends with every output present, valid and
/// produced once: the catalog shows no item run twice to completion.
@Suite(.serialized) struct ResumeAfterKillTests {
    @Test func killedBatchResumesWithoutRedoingOrLosingItems() throws {
        let dir = try TestSupport.tempDir("resume")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 3)
        let out = dir.appendingPathComponent("out")
        let args = ["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok,youtube-thumbnail",
                    "--regions", "na,sea", "--variants", "3", "--jobs", "1", "--out", out.path]
        let total = 3 * 2 * 2 * 3

        // First run: kill it once about a third of the covers exist.
        let first = TestSupport.start(args)
        let deadline = Date().addingTimeInterval(300)
        var made = 0
        while Date() < deadline && first.process.isRunning {
            made = covers(in: out).count
            if made >= total / 3 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(first.process.isRunning, "the batch finished before it could be killed; make it longer")
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(first.process.terminationReason == .uncaughtSignal)
        let afterKill = covers(in: out)
        #expect(afterKill.count >= total / 3 && afterKill.count < total)
        // Whatever carries a final name is a whole, decodable image.
        for f in afterKill { try expectValidCover(out.appendingPathComponent(f)) }

        // Second run finishes the rest and redoes nothing.
        let second = try TestSupport.run(args + ["--json"])
        #expect(second.status == 0, "\(second.stdout.suffix(3000))")
        let report = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
        let done = report?["made"] as? Int ?? -1, skipped = report?["skipped"] as? Int ?? -1
        #expect(done + skipped == total)
        #expect(skipped >= afterKill.count - 1, "items finished before the kill must not be redone")
        let final = covers(in: out)
        #expect(final.count == total)
        for f in final { try expectValidCover(out.appendingPathComponent(f)) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(AtomicFile.partSuffix) }
        #expect(leftovers.isEmpty)

        let catalog = try RunCatalog(path: out.appendingPathComponent(RunCatalog.defaultName).path)
        let counts = try catalog.completionCounts()
        #expect(counts.count == total)
        #expect(counts.values.allSatisfy { $0 == 1 }, "an item ran twice to completion: \(counts.filter { $0.value != 1 })")
        #expect(try catalog.runs().count == 2)
    }

    func covers(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".jpg") }.sorted()
    }

    func expectValidCover(_ url: URL) throws {
        let img = try Image.open(url.path)
        #expect(img.width > 0 && img.height > 0)
        // Decoding every pixel fails on a truncated JPEG.
        #expect(try img.bandMeans().count == 3)
    }
}
