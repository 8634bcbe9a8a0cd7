import Foundation
import Batch
import OracleSupport
import Testing

/// System conditions as sentences that name the path, the cause and what to do, never a raw
/// `NSCocoaErrorDomain` code or advice to delete the catalog; a full disk stops the batch cleanly.
/// The tests run as root, who may write anywhere: permission cases run `marquee` as `nobody`.
@Suite(.serialized) struct ReliabilitySystemTests {
    static let raw = ["NSCocoaErrorDomain", "Code=51", "remove it", "start afresh", "SQLite error 14"]

    static func expectSentence(_ run: TestSupport.Run, _ parts: [String], code: Int32 = 2) {
        #expect(run.status == code, "exit \(run.status): \(run.stderr.suffix(800))")
        for p in parts { #expect(run.stderr.contains(p), "missing `\(p)` in: \(run.stderr.suffix(800))") }
        for r in raw { #expect(!run.stderr.contains(r), "raw `\(r)` in: \(run.stderr.suffix(800))") }
    }

    @Test func readOnlyOutputFolderKeepsItsCatalog() throws {
        let dir = try TestSupport.tempDir("ro-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (replay, sheet) = try Reliability.replayAndCues(in: dir)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let catalogPath = out.appendingPathComponent(RunCatalog.defaultName).path
        _ = try RunCatalog(path: catalogPath).runCount()
        let before = try Data(contentsOf: URL(fileURLWithPath: catalogPath))
        let run = try Reliability.runAsNobody(["clips", "cut", replay.path, "--cues", sheet.path, "--out", out.path])
        Self.expectSentence(run, ["cannot write in the output folder \(out.path): permission denied", "give another --out"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: catalogPath)) == before)
    }

    @Test func readOnlyParentFolder() throws {
        let dir = try TestSupport.tempDir("ro-parent")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 1)
        let (replay, sheet) = try Reliability.replayAndCues(in: dir)
        let target = dir.appendingPathComponent("new/out")
        let covers = try Reliability.runAsNobody(["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok",
                                                  "--regions", "na", "--out", target.path])
        Self.expectSentence(covers, ["cannot make the output folder \(target.path): permission denied in \(dir.path)"])
        let clips = try Reliability.runAsNobody(["clips", "cut", replay.path, "--cues", sheet.path, "--out", target.path])
        Self.expectSentence(clips, ["cannot make the output folder \(target.path): permission denied in \(dir.path)"])
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func outPointingAtAFile() throws {
        let dir = try TestSupport.tempDir("out-file")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (replay, sheet) = try Reliability.replayAndCues(in: dir)
        let run = try TestSupport.run(["clips", "cut", replay.path, "--cues", sheet.path, "--out", sheet.path])
        Self.expectSentence(run, ["--out \(sheet.path) is a file"])
        let below = try TestSupport.run(["clips", "cut", replay.path, "--cues", sheet.path, "--out", sheet.path + "/clips"])
        Self.expectSentence(below, ["\(sheet.path) is a file, not a folder"])
    }

    /// Under `ulimit -f` a write past the limit fails with EFBIG (SIGXFSZ is ignored): each cover fails
    /// with a sentence naming the limit, the summary is printed, the process is not killed.
    @Test func fileSizeLimit() throws {
        let dir = try TestSupport.tempDir("fsize")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try Reliability.noiseManifest(in: dir, count: 2)
        let out = dir.appendingPathComponent("out")
        let (run, process) = try Reliability.runLimited(fileSizeKB: 256, ["covers", "compose", "--manifest", manifest.path,
                                                                        "--platforms", "tiktok", "--regions", "na", "--out", out.path])
        #expect(process.terminationReason == .exit, "killed by signal \(run.status)")
        #expect(run.status == 1)
        #expect(run.stdout.contains("2 covers: 0 made"), "\(run.stdout)")
        #expect(run.stdout.contains("a file-size limit is set (ulimit -f)"), "\(run.stdout)")
        #expect(Reliability.strays(in: out).isEmpty)
    }

    /// A full disk (a small tmpfs): the batch stops at the first item that cannot be written, the
    /// rest are reported as not attempted in one line, the summary is printed, the exit code is 1,
    /// and after space is freed a re-run finishes the rest without redoing anything.
    @Test func fullDiskStopsTheBatchCleanly() throws {
        let dir = try TestSupport.tempDir("full-disk")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try Reliability.noiseManifest(in: dir, count: 3)
        let disk = dir.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mounted = try OracleTools.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1600k", "tmpfs", disk.path])
        guard mounted.status == 0 else {
            throw OracleError("SETUP FAILED: cannot mount a small tmpfs for the full-disk test (needs root): \(mounted.stderr)")
        }
        defer { _ = try? OracleTools.run("/bin/umount", [disk.path]) }
        let out = disk.appendingPathComponent("out")
        let args = ["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok,instagram-reels", "--regions", "na,sea",
                    "--jobs", "1", "--out", out.path]
        let full = try TestSupport.run(args)
        #expect(full.status == 1, "\(full.stderr.suffix(800))")
        #expect(full.stdout.contains("12 covers: "), "no summary: \(full.stdout)")
        #expect(full.stdout.contains("the disk is full"), "\(full.stdout)")
        #expect(full.stdout.contains(" not attempted ("), "\(full.stdout)")
        let failedLines = full.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(failedLines.count <= 1, "every remaining item reported its own error: \(failedLines)")
        let made = Reliability.files(out, ext: "jpg")
        #expect(!made.isEmpty && made.count < 12)

        let grown = try OracleTools.run("/bin/mount", ["-o", "remount,size=64m", disk.path])
        #expect(grown.status == 0, "\(grown.stderr)")
        let again = try TestSupport.run(args + ["--json"])
        #expect(again.status == 0, "\(again.stderr.suffix(800))")
        let report = (try? JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]) ?? [:]
        let skipped = report["skipped"] as? Int ?? -1
        // Every cover recorded before the disk filled is kept (the last one may not have been recorded).
        #expect(skipped >= made.count - 1 && skipped + (report["made"] as? Int ?? -1) == 12, "\(report)")
        for c in Reliability.files(out, ext: "jpg") { #expect(Reliability.decodesCleanly(cover: out.appendingPathComponent(c)), "\(c)") }
        let counts = try Reliability.completions(out)
        #expect(counts.count == 12 && counts.values.allSatisfy { $0 == 1 }, "\(counts)")
        #expect(Reliability.strays(in: out).isEmpty, "\(Reliability.strays(in: out))")
    }
}
