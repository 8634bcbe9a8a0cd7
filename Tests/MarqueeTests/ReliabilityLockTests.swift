import Foundation
import Batch
import Testing

/// Two runs on one output folder: exactly one writes it. Without `--wait` the other exits 2 with a
/// sentence naming the folder and the PID that holds it; with `--wait` it starts when the first ends
/// and finds everything done. Either way every output is made once and decodes.
@Suite(.serialized) struct ReliabilityLockTests {
    static func coverArgs(_ manifest: URL, _ out: URL, variants: Int = 2) -> [String] {
        ["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok,youtube-thumbnail", "--regions", "na,sea",
         "--variants", "\(variants)", "--jobs", "2", "--out", out.path]
    }

    static func clipArgs(_ replay: URL, _ sheet: URL, _ out: URL) -> [String] {
        ["clips", "cut", replay.path, "--cues", sheet.path, "--mode", "reencode", "--out", out.path]
    }

    /// Starts both at once; returns them in the order given.
    static func race(_ a: [String], _ b: [String]) throws -> [(pid: Int32, run: TestSupport.Run)] {
        let first = try Reliability.start(a), second = try Reliability.start(b)
        return [(first.pid, first.wait()), (second.pid, second.wait())]
    }

    /// One run made everything, the other exited 2 naming the folder and the winner's PID.
    static func expectOneWinner(_ runs: [(pid: Int32, run: TestSupport.Run)], out: URL) {
        let winners = runs.filter { $0.run.status == 0 }, losers = runs.filter { $0.run.status == 2 }
        #expect(winners.count == 1 && losers.count == 1,
                "statuses \(runs.map(\.run.status)): \(runs.map { $0.run.stderr.suffix(600) })")
        guard let winner = winners.first, let loser = losers.first else { return }
        #expect(loser.run.stderr.contains("\(out.path) is in use by another Marquee run (PID \(winner.pid))"), "\(loser.run.stderr)")
        #expect(!loser.run.stderr.contains("already exists"))
    }

    @Test func coversOnANewFolderOneRunWins() throws {
        let dir = try TestSupport.tempDir("lock-covers-new")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 3)
        let out = dir.appendingPathComponent("out")
        let runs = try Self.race(Self.coverArgs(manifest, out), Self.coverArgs(manifest, out))
        Self.expectOneWinner(runs, out: out)
        try expectCoversOnce(out, total: 24)
    }

    @Test func coversOnAnExistingFolderWaitAndFindThemDone() throws {
        let dir = try TestSupport.tempDir("lock-covers-wait")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 3)
        let out = dir.appendingPathComponent("out")
        #expect(try TestSupport.run(Self.coverArgs(manifest, out, variants: 1)).status == 0)
        let runs = try Self.race(Self.coverArgs(manifest, out) + ["--wait"], Self.coverArgs(manifest, out) + ["--wait"])
        #expect(runs.allSatisfy { $0.run.status == 0 }, "\(runs.map { $0.run.stderr.suffix(600) })")
        #expect(runs.contains { $0.run.stderr.contains("waiting: \(out.path) is in use by another Marquee run (PID ") })
        #expect(runs.contains { $0.run.stdout.contains("24 covers: 0 made, 24 already done") }, "\(runs.map(\.run.stdout))")
        try expectCoversOnce(out, total: 24)
    }

    @Test func clipsOnANewFolderWaitAndAreMadeOnce() throws {
        let dir = try TestSupport.tempDir("lock-clips-new")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (replay, sheet) = try Reliability.replayAndCues(in: dir)
        let out = dir.appendingPathComponent("out")
        let runs = try Self.race(Self.clipArgs(replay, sheet, out) + ["--wait"], Self.clipArgs(replay, sheet, out) + ["--wait"])
        #expect(runs.allSatisfy { $0.run.status == 0 }, "\(runs.map { $0.run.stderr.suffix(600) })")
        #expect(runs.contains { $0.run.stdout.contains("3 clips: 0 made, 3 already done") }, "\(runs.map(\.run.stdout))")
        try expectClipsOnce(out)
    }

    @Test func clipsOnAnExistingFolderOneRunWins() throws {
        let dir = try TestSupport.tempDir("lock-clips-old")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (replay, sheet) = try Reliability.replayAndCues(in: dir)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = try RunCatalog(path: out.appendingPathComponent(RunCatalog.defaultName).path)
        let runs = try Self.race(Self.clipArgs(replay, sheet, out), Self.clipArgs(replay, sheet, out))
        Self.expectOneWinner(runs, out: out)
        try expectClipsOnce(out)
    }

    func expectCoversOnce(_ out: URL, total: Int) throws {
        let covers = Reliability.files(out, ext: "jpg")
        #expect(covers.count == total)
        for c in covers { #expect(Reliability.decodesCleanly(cover: out.appendingPathComponent(c)), "\(c)") }
        let counts = try Reliability.completions(out)
        #expect(counts.count == total && counts.values.allSatisfy { $0 == 1 }, "\(counts.filter { $0.value != 1 })")
        #expect(Reliability.strays(in: out).isEmpty, "\(Reliability.strays(in: out))")
    }

    func expectClipsOnce(_ out: URL) throws {
        #expect(Reliability.files(out, ext: "mp4") == ["c1.mp4", "c2.mp4", "c3.mp4"])
        for c in Reliability.files(out, ext: "mp4") { #expect(try Reliability.decodesCleanly(out.appendingPathComponent(c)), "\(c)") }
        let counts = try Reliability.completions(out)
        #expect(counts == ["c1": 1, "c2": 1, "c3": 1])
        #expect(Reliability.strays(in: out).isEmpty, "\(Reliability.strays(in: out))")
    }
}
