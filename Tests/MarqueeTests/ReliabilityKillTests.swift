import Foundation
import Batch
import Testing

/// Runs stopped at several points: SIGKILL (nothing can clean up; the next run sweeps), SIGINT and
/// SIGTERM (the run cleans up and exits 130 / 143). After a re-run every output is present, decodes,
/// was made once, and no work folder or `.part` file is left; a normal run leaves none either.
@Suite(.serialized) struct ReliabilityKillTests {
    static func clipArgs(_ replay: URL, _ sheet: URL, _ out: URL) -> [String] {
        ["clips", "cut", replay.path, "--cues", sheet.path, "--format", "vertical", "--overlays", "none", "--out", out.path]
    }

    /// Kills a clips run when `point` holds, re-runs it, and checks the folder.
    func killClipsAndResume(_ name: String, signal: Int32, point: (URL) -> Bool) throws -> (TestSupport.Run, URL) {
        let dir = try TestSupport.tempDir(name)
        let (replay, sheet) = try Reliability.replayAndCues(in: dir, seconds: 9, cues: [(0, 2), (3.5, 5.5), (7, 9)])
        let out = dir.appendingPathComponent("out")
        let first = try Reliability.start(Self.clipArgs(replay, sheet, out))
        #expect(Reliability.wait(for: first.process) { point(out) }, "the run ended before the kill point; make it longer")
        kill(first.pid, signal)
        let killed = first.wait()
        let again = try TestSupport.run(Self.clipArgs(replay, sheet, out))
        #expect(again.status == 0, "\(again.stderr.suffix(800))")
        #expect(Reliability.files(out, ext: "mp4") == ["c1.mp4", "c2.mp4", "c3.mp4"])
        for c in Reliability.files(out, ext: "mp4") { #expect(try Reliability.decodesCleanly(out.appendingPathComponent(c)), "\(c)") }
        let counts = try Reliability.completions(out)
        #expect(counts.count == 3 && counts.values.allSatisfy { $0 == 1 }, "\(counts)")
        #expect(Reliability.strays(in: out).isEmpty, "\(Reliability.strays(in: out))")
        return (killed, dir)
    }

    static func workFolderExists(_ out: URL) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).contains { $0.hasPrefix(RunCleanup.workPrefix) }
    }

    @Test func clipsKilledBeforeTheFirstClip() throws {
        let (killed, dir) = try killClipsAndResume("kill-clips-early", signal: SIGKILL) { Self.workFolderExists($0) }
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(killed.status == SIGKILL)
    }

    @Test func clipsKilledAfterTheFirstClip() throws {
        let (_, dir) = try killClipsAndResume("kill-clips-mid", signal: SIGKILL) {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("c1.mp4").path)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
    }

    /// SIGTERM and SIGINT: the run removes its work files itself and exits with the shell's code.
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func clipsStoppedBySignalCleanUp(signal: Int32, code: Int32) throws {
        let dir = try TestSupport.tempDir("signal-clips")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (replay, sheet) = try Reliability.replayAndCues(in: dir, seconds: 9, cues: [(0, 2), (3.5, 5.5), (7, 9)])
        let out = dir.appendingPathComponent("out")
        let run = try Reliability.start(Self.clipArgs(replay, sheet, out))
        #expect(Reliability.wait(for: run.process) { Self.workFolderExists(out) }, "the run ended before the signal")
        kill(run.pid, signal)
        let stopped = run.wait()
        #expect(run.process.terminationReason == .exit && stopped.status == code, "\(stopped.status) \(stopped.stderr.suffix(500))")
        #expect(stopped.stderr.contains("work files removed"))
        #expect(Reliability.strays(in: out).isEmpty, "\(Reliability.strays(in: out))")
    }

    @Test func normalClipsRunLeavesNoWorkFolder() throws {
        let dir = try TestSupport.tempDir("clean-clips")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (replay, sheet) = try Reliability.replayAndCues(in: dir)
        let out = dir.appendingPathComponent("out")
        for _ in 0..<2 {
            let run = try TestSupport.run(["clips", "cut", replay.path, "--cues", sheet.path, "--mode", "reencode", "--out", out.path])
            #expect(run.status == 0, "\(run.stderr.suffix(500))")
            #expect(Reliability.strays(in: out).isEmpty, "\(Reliability.strays(in: out))")
        }
    }

    /// Covers killed as soon as the first cover is written, then finished by a re-run.
    @Test func coversKilledAfterTheFirstCover() throws {
        let dir = try TestSupport.tempDir("kill-covers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 3)
        let out = dir.appendingPathComponent("out")
        let args = ["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok,youtube-thumbnail",
                    "--regions", "na,sea", "--jobs", "2", "--out", out.path]
        let first = try Reliability.start(args)
        #expect(Reliability.wait(for: first.process) { !Reliability.files(out, ext: "jpg").isEmpty })
        kill(first.pid, SIGKILL)
        _ = first.wait()
        try Reliability.expectCoversFinishedOnce(args, out: out, total: 12)
    }
}
