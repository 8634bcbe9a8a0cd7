import Foundation
import Batch
import Testing

/// The output-folder lock in the commands besides covers and cut: `quality --out`, `bench`, `bench
/// compare --out` and `clips detect`. This test process holds the folder's lock itself, so the
/// command meets another run deterministically: without `--wait` it exits 2 naming this PID; with
/// `--wait` it says it waits, and finishes once the lock is let go. `clips detect` writes into the
/// user's folder and leaves no lock file there.
@Suite(.serialized) struct ReliabilityLockCommandTests {
    /// Holds `folder` as another Marquee run would: its lock file locked and this PID recorded in it.
    /// Synchronous on purpose: blocking a concurrency thread to wait for an async claim deadlocked
    /// when two tests did it at once on 2 cores.
    final class HeldFolder {
        private let fd: Int32
        init(_ folder: URL) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            fd = open(folder.appendingPathComponent(OutputFolderLock.fileName).path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw CocoaError(.fileLocking) }
            let record = Array("\(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        func release() { _ = flock(fd, LOCK_UN) }
        deinit { close(fd) }
    }

    static func hold(_ folder: URL) throws -> HeldFolder { try HeldFolder(folder) }

    /// Runs `args` while this process holds `folder`: once without `--wait` (exit 2), once with it.
    func expectLockHonoured(_ args: [String], folder: URL, option: String = "--out") throws {
        let lock = try Self.hold(folder)
        let refused = try Reliability.start(args).wait()
        #expect(refused.status == 2, "\(refused.stderr.suffix(600))")
        #expect(refused.stderr.contains("\(folder.standardizedFileURL.path) is in use by another Marquee run (PID \(getpid()))"),
                "\(refused.stderr.suffix(600))")
        #expect(refused.stderr.contains("give another \(option)"), "\(refused.stderr.suffix(600))")
        let waiting = try Reliability.start(args + ["--wait"])
        let said = Reliability.wait(for: waiting.process, timeout: 60) {
            ((try? String(contentsOf: waiting.err, encoding: .utf8)) ?? "").contains("waiting: \(folder.standardizedFileURL.path) is in use")
        }
        #expect(said, "the waiting run did not say it waits")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(waiting.process.isRunning, "the run went on while the folder was held")
        lock.release()
        let done = waiting.wait()
        #expect(done.status == 0, "\(done.stderr.suffix(600))")
    }

    @Test func qualityOut() throws {
        let dir = try TestSupport.tempDir("lock-quality")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ref = dir.appendingPathComponent("ref.mkv"), dist = dir.appendingPathComponent("dist.mp4")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-frames:v", "10", "-c:v", "ffv1", ref.path])
        try ClipFixtures.ffmpeg(["-i", ref.path, "-c:v", "libx264", "-b:v", "60k", dist.path])
        let out = dir.appendingPathComponent("report")
        try expectLockHonoured(["quality", ref.path, dist.path, "--metrics", "psnr", "--out", out.path], folder: out)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }

    @Test func benchAndBenchCompare() throws {
        let dir = try TestSupport.tempDir("lock-bench")
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("src.mp4")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "1", "-c:v", "libx264", "-crf", "12",
                                 "-pix_fmt", "yuv420p", src.path])
        let out = dir.appendingPathComponent("bench")
        try expectLockHonoured(["bench", src.path, "--encoders", "x264-veryfast", "--resolutions", "180", "--bitrates", "100k",
                                      "--regions", "sea", "--out", out.path], folder: out)
        let cmp = dir.appendingPathComponent("cmp")
        try expectLockHonoured(["bench", "compare", "\(out.path)#1", "\(out.path)#1", "--out", cmp.path], folder: cmp)
        #expect(FileManager.default.fileExists(atPath: cmp.appendingPathComponent("compare.json").path))
    }

    @Test func clipsDetect() throws {
        let dir = try TestSupport.tempDir("lock-detect")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (replay, _) = try Reliability.replayAndCues(in: dir, seconds: 4, cues: [(0, 2)])
        let sheets = dir.appendingPathComponent("sheets")
        let sheet = sheets.appendingPathComponent("cues.csv")
        try expectLockHonoured(["clips", "detect", replay.path, "--min-length", "1", "--out", sheet.path], folder: sheets)
        #expect(FileManager.default.fileExists(atPath: sheet.path))
    }

    /// The cue sheet's folder is the user's: the run removes its lock file there when it ends.
    @Test func clipsDetectLeavesNoLockFile() throws {
        let dir = try TestSupport.tempDir("lock-detect-clean")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (replay, _) = try Reliability.replayAndCues(in: dir, seconds: 4, cues: [(0, 2)])
        for _ in 0..<2 {
            let run = try TestSupport.run(["clips", "detect", replay.path, "--min-length", "1", "--out", dir.appendingPathComponent("cues.csv").path])
            #expect(run.status == 0, "\(run.stderr.suffix(600))")
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(!names.contains(OutputFolderLock.fileName) && names.contains("cues.csv") && names.contains("detect.json"), "\(names)")
        }
    }

    /// SIGINT and SIGTERM on a covers run: it removes its work files (the record spool among them)
    /// and exits 130 / 143; a re-run makes the rest, each cover once.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func coversStoppedBySignal(signal: Int32, code: Int32) throws {
        let dir = try TestSupport.tempDir("signal-covers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 3)
        let out = dir.appendingPathComponent("out")
        let args = ["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok,youtube-thumbnail",
                    "--regions", "na,sea", "--jobs", "2", "--out", out.path]
        let run = try Reliability.start(args)
        #expect(Reliability.wait(for: run.process) { !Reliability.files(out, ext: "jpg").isEmpty }, "the run ended before the signal")
        kill(run.pid, signal)
        let stopped = run.wait()
        #expect(run.process.terminationReason == .exit && stopped.status == code, "\(stopped.status) \(stopped.stderr.suffix(500))")
        #expect(stopped.stderr.contains("stopped by \(signal == SIGINT ? "SIGINT" : "SIGTERM"): work files removed"))
        #expect(Reliability.strays(in: out).isEmpty, "\(Reliability.strays(in: out))")
        #expect(Reliability.files(out, ext: "jpg").count < 12, "the signal came after the last cover")
        try Reliability.expectCoversFinishedOnce(args, out: out, total: 12)
    }
}
