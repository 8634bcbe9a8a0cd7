import Foundation
import Testing

/// `marquee clips cut` on bad input: a replay cut short, damaged in the middle, without video, not a
/// video at all, or missing; cues outside the replay or backwards; bad options; and a disk that fills
/// up. Each broken clip fails alone with a message naming it, nothing crashes or hangs (every run has
/// a time limit), and no half-written clip is left under its final name.
@Suite struct ClipsCutBadInputTests {
    typealias F = ClipFixtures

    // MARK: - Running with a time limit

    struct Outcome {
        let status: Int32
        /// False when the process died of a signal (a crash) or was killed at the time limit.
        let exited: Bool
        let stdout: String
        let stderr: String
        let out: URL
        let clips: [String: [String: Any]]
        let failed: [String: String]
        func file(_ id: String) -> URL { out.appendingPathComponent("\(id).mp4") }
        var log: String { stdout + stderr }
    }

    /// Runs `marquee clips cut` on `replay` with `cues` written to a CSV in `dir`, killing it (and
    /// recording an issue) after `timeout` seconds. With `fileSizeLimitKiB`, it runs under bash with
    /// `ulimit -f` and SIGXFSZ ignored, so writes past the limit fail with EFBIG as on a full disk.
    static func cut(_ replay: URL, cues: String, in dir: URL, name: String = "out", _ args: [String] = [],
                    timeout: Double = 120, fileSizeLimitKiB: Int? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let sheet = dir.appendingPathComponent("\(name)-cues.csv")
        try cues.write(to: sheet, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent(name)
        return try run(["clips", "cut", replay.path, "--cues", sheet.path, "--out", out.path] + args, out: out, in: dir,
                       timeout: timeout, fileSizeLimitKiB: fileSizeLimitKiB, sourceLocation: sourceLocation)
    }

    static func run(_ args: [String], out: URL, in dir: URL, timeout: Double = 120, fileSizeLimitKiB: Int? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let stdoutURL = dir.appendingPathComponent("stdout-\(UUID().uuidString.prefix(6))")
        let stderrURL = dir.appendingPathComponent("stderr-\(UUID().uuidString.prefix(6))")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let so = try FileHandle(forWritingTo: stdoutURL), se = try FileHandle(forWritingTo: stderrURL)
        let p = Process()
        if let limit = fileSizeLimitKiB {
            // bash's `ulimit -f` counts 1024-byte blocks; `exec` makes marquee the process we time and kill.
            let quoted = ([TestSupport.marquee.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", "trap '' XFSZ; ulimit -f \(limit); exec " + quoted.joined(separator: " ")]
        } else {
            p.executableURL = TestSupport.marquee
            p.arguments = args
        }
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = so
        p.standardError = se
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        var killed = false
        if p.isRunning {
            killed = true
            p.terminate()                       // SIGTERM to this child only
            Thread.sleep(forTimeInterval: 2)
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            Issue.record("marquee \(args.joined(separator: " ")) still running after \(Int(timeout)) s: killed", sourceLocation: sourceLocation)
        }
        p.waitUntilExit()
        try so.close()
        try se.close()
        let stdout = String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
        var clips: [String: [String: Any]] = [:], failed: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: out.appendingPathComponent("clips.json").path),
           let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for c in doc["clips"] as? [[String: Any]] ?? [] { clips[c["id"] as? String ?? ""] = c }
            for f in doc["failures"] as? [[String: Any]] ?? [] { failed[f["item"] as? String ?? ""] = f["message"] as? String ?? "" }
        }
        let exited = !killed && p.terminationReason == .exit
        #expect(exited, "marquee did not exit normally (signal \(p.terminationStatus)):\n\(stderr.suffix(2000))", sourceLocation: sourceLocation)
        return Outcome(status: p.terminationStatus, exited: exited, stdout: stdout, stderr: stderr, out: out, clips: clips, failed: failed)
    }

    /// Files in the output folder whose names end in `suffix`.
    static func files(in dir: URL, endingIn suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Every `HH:MM:SS.mmm` in a message, as seconds.
    static func timecodes(in text: String) -> [Double] {
        let regex = try! NSRegularExpression(pattern: #"(\d\d):(\d\d):(\d\d\.\d{3})"#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            guard let h = Range(m.range(at: 1), in: text), let mi = Range(m.range(at: 2), in: text), let s = Range(m.range(at: 3), in: text),
                  let hv = Double(text[h]), let mv = Double(text[mi]), let sv = Double(text[s]) else { return nil }
            return hv * 3600 + mv * 60 + sv
        }
    }

    /// A clip made: decodes cleanly, its first frame is the replay's at `start`.
    func expectClean(_ r: Outcome, _ id: String, replay: URL, start: Double, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = r.file(id)
        guard FileManager.default.fileExists(atPath: file.path) else {
            Issue.record("\(id).mp4 missing: \(r.failed[id] ?? r.stderr)", sourceLocation: sourceLocation)
            return
        }
        let errors = try F.decodeErrors(file)
        #expect(errors.isEmpty, "\(id): decode errors: \(errors.prefix(300))", sourceLocation: sourceLocation)
        let psnr = try F.firstFramePSNR(clip: file, replay: replay, at: start)
        #expect(psnr >= 35, "\(id): first frame PSNR \(psnr) dB", sourceLocation: sourceLocation)
    }

    /// A clip that failed: a message naming it, and neither its `.mp4` nor a `.part` left behind.
    func expectFailed(_ r: Outcome, _ id: String, mentioning words: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        let reason = r.failed[id]
        #expect(reason != nil, "\(id) should have failed; clips.json has \(r.clips[id].map { "\($0)" } ?? "nothing")", sourceLocation: sourceLocation)
        guard let reason else { return }
        #expect(reason.contains(id), "\(id): the message does not name the clip: \(reason)", sourceLocation: sourceLocation)
        for w in words { #expect(reason.contains(w), "\(id): expected `\(w)` in: \(reason)", sourceLocation: sourceLocation) }
        #expect(!FileManager.default.fileExists(atPath: r.file(id).path), "\(id).mp4 was written for a failed clip", sourceLocation: sourceLocation)
        #expect(Self.files(in: r.out, endingIn: ".part").isEmpty, "left behind: \(Self.files(in: r.out, endingIn: ".part"))", sourceLocation: sourceLocation)
    }

    // MARK: - Damaged replays

    @Test func truncatedReplayMakesTheClipsBeforeTheBreakAndFailsTheRest() throws {
        let dir = try TestSupport.tempDir("bad-trunc")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("trunc.mp4")
        try F.truncatedReplay(replay, fraction: 0.6, seconds: 4)
        // Where the data really ends, by ffprobe (the index still says 4 s).
        let frames = try F.frames(replay)
        let lastEnd = (frames.last?.pts ?? 0) + 1.0 / 30
        try #require(lastEnd > 2.05 && lastEnd < 3.0, "the fixture's data ends at \(lastEnd) s")
        let cues = "id,start,end\nearly,0.2,1.2\nmid,1.0,2.0\nacross,1.5,3.5\nlate,3.0,3.9\n"
        for mode in ["smart", "copy"] {
            let r = try Self.cut(replay, cues: cues, in: dir, name: mode, ["--mode", mode])
            #expect(r.status == 1, "\(mode): exit \(r.status)\n\(r.log)")
            if mode == "smart" {
                try expectClean(r, "early", replay: replay, start: 0.2)
                try expectClean(r, "mid", replay: replay, start: 1.0)
            } else {
                // Copy starts on the keyframe at 0 s.
                try expectClean(r, "early", replay: replay, start: 0)
                try expectClean(r, "mid", replay: replay, start: 0)
            }
            func expectBreakNamed(_ id: String) {
                expectFailed(r, id)
                let times = Self.timecodes(in: r.failed[id] ?? "")
                #expect(times.contains { abs($0 - lastEnd) < 0.1 }, "\(mode) \(id): the message should say where the replay ends (\(lastEnd) s): \(r.failed[id] ?? "")")
            }
            // A cue wholly after the break, and one over it (it would be cut short): both fail, saying where
            // the replay ends, in every mode (copy must not make `late` from the last GOP before the break).
            expectBreakNamed("late")
            expectBreakNamed("across")
        }
    }

    @Test func corruptMiddleDoesNotStopTheOtherClips() throws {
        let dir = try TestSupport.tempDir("bad-corrupt")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("corrupt.mp4")
        try F.corruptedReplay(replay, bytes: 8192, seconds: 4)
        // Which packets the garbage hit: it is written over the middle of mdat.
        let mdat = try #require(try F.topLevelBoxes(replay).first { $0.type == "mdat" })
        let hit = (mdat.offset + mdat.size / 2 - 4096)..<(mdat.offset + mdat.size / 2 + 4096)
        let probe = try F.ffprobeJSON(["-show_entries", "packet=stream_index,pts_time,pos,size", replay.path])
        let damaged = (probe["packets"] as? [[String: Any]] ?? []).compactMap { p -> Double? in
            guard let pos = F.number(p["pos"]).map(Int.init), let size = F.number(p["size"]).map(Int.init),
                  pos < hit.upperBound && pos + size > hit.lowerBound else { return nil }
            return F.number(p["pts_time"])
        }
        let from = try #require(damaged.min()), to = try #require(damaged.max())
        try #require(from > 1.3 && to < 2.7, "damage at \(from)–\(to) s: the cues below assume it lies in 1.3–2.7 s")

        let cues = "id,start,end\nbefore,0.2,1.2\nover,1.2,2.8\nafter,3.0,3.9\n"
        for mode in ["smart", "reencode", "copy"] {
            let r = try Self.cut(replay, cues: cues, in: dir, name: mode, ["--mode", mode], timeout: 120)
            #expect(r.status == 0 || r.status == 1, "\(mode): exit \(r.status)")
            try expectClean(r, "before", replay: replay, start: mode == "copy" ? 0 : 0.2)
            #expect((r.clips["before"]?["warnings"] as? [String])?.isEmpty == true, "\(mode): before: \(r.clips["before"]?["warnings"] ?? "")")
            #expect(FileManager.default.fileExists(atPath: r.file("after").path), "\(mode): after: \(r.failed["after"] ?? "")")
            // A clip over (or decoded from) the damage completes with a warning or fails with a message;
            // a clip completed without a warning must decode cleanly.
            func expectHonest(_ id: String) throws {
                if let reason = r.failed[id] {
                    #expect(reason.contains(id) && !FileManager.default.fileExists(atPath: r.file(id).path), "\(mode) \(id): \(reason)")
                    return
                }
                let clip = try #require(r.clips[id], "\(mode) \(id): neither made nor failed")
                let warnings = clip["warnings"] as? [String] ?? []
                let errors = try F.decodeErrors(r.file(id))
                #expect(!warnings.isEmpty || errors.isEmpty,
                        "\(mode) \(id): clips.json has no warning but ffmpeg reports: \(errors.prefix(200))")
                if id == "over" { #expect(!warnings.isEmpty, "\(mode) over: no warning for a clip over damaged packets at \(from)–\(to) s") }
            }
            switch mode {
            case "reencode":
                try expectHonest("over")
                try expectHonest("after")
            case "smart":
                // The damaged packets sit in a stream-copied stretch, which is never decoded: the copy
                // checks their NAL unit lengths and says so in a warning.
                try expectHonest("over")
                try expectHonest("after")
            default:
                try expectHonest("over")
                try expectHonest("after")
            }
        }
    }

    // MARK: - Bad cues

    @Test func cuesOutsideTheReplayOrBackwardsFailAlone() throws {
        let dir = try TestSupport.tempDir("bad-cues")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 4, size: "320x180")
        let cues = "id,start,end\nok,0.5,1.5\npast,4.5,5.5\nback,2.0,1.0\nlong,3.0,4.5\nok2,2.0,3.0\n"
        let r = try Self.cut(replay, cues: cues, in: dir)
        #expect(r.status == 1, "exit \(r.status)\n\(r.log)")
        try expectClean(r, "ok", replay: replay, start: 0.5)
        try expectClean(r, "ok2", replay: replay, start: 2.0)
        // Row numbers count the header as row 1.
        expectFailed(r, "past", mentioning: ["row 3", "start", "00:00:04.500", "end of the replay", "00:00:04.000"])
        expectFailed(r, "back", mentioning: ["out-cues.csv", "row 4", "end 00:00:01.000", "before start 00:00:02.000"])
        expectFailed(r, "long", mentioning: ["row 5", "ends at 00:00:04.500", "00:00:04.000"])
        #expect(r.clips.keys.sorted() == ["ok", "ok2"], "\(r.clips.keys.sorted())")
    }

    // MARK: - Not a usable replay

    @Test func replayWithoutVideoFailsEachClipClearly() throws {
        let dir = try TestSupport.tempDir("bad-novideo")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("sound.m4a")
        try F.noVideoReplay(replay, seconds: 3)
        let r = try Self.cut(replay, cues: "id,start,end\na,0.5,1.5\nb,1.0,2.0\n", in: dir)
        #expect(r.status == 1, "exit \(r.status)\n\(r.log)")
        for id in ["a", "b"] { expectFailed(r, id, mentioning: ["sound.m4a", "no video"]) }
        #expect(Self.files(in: r.out, endingIn: ".mp4").isEmpty)
    }

    @Test func textFileNamedMP4IsRefused() throws {
        let dir = try TestSupport.tempDir("bad-text")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("notes.mp4")
        try "id,start,end\nthis is a cue sheet, not a video\n".write(to: replay, atomically: true, encoding: .utf8)
        let r = try Self.cut(replay, cues: "id,start,end\na,0.5,1.5\n", in: dir)
        #expect(r.status != 0 && r.exited, "exit \(r.status)")
        #expect(r.stderr.contains(replay.path) && r.stderr.contains("cannot be read"), r.stderr.isEmpty ? "no message" : "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"), "\(r.stderr)")
        #expect(Self.files(in: r.out, endingIn: ".mp4").isEmpty && Self.files(in: r.out, endingIn: ".part").isEmpty)
    }

    @Test func missingReplayIsNamed() throws {
        let dir = try TestSupport.tempDir("bad-missing")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("no-such-replay.mp4")
        // A missing input is a usage error (exit 2), like a missing manifest or cue sheet, found before any output exists.
        let r = try Self.cut(replay, cues: "id,start,end\na,0.5,1.5\n", in: dir)
        #expect(r.status == 2 && r.exited, "exit \(r.status)")
        #expect(r.stderr.contains("replay \(replay.path) not found"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.out.path), "the output folder is not made")
        let sheet = dir.appendingPathComponent("detect/cues.csv")
        let d = try Self.run(["clips", "detect", replay.path, "--out", sheet.path], out: sheet.deletingLastPathComponent(), in: dir)
        #expect(d.status == 2 && d.stderr.contains("replay \(replay.path) not found"), "exit \(d.status): \(d.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sheet.deletingLastPathComponent().path), "the cue sheet's folder is not made")
    }

    // MARK: - Bad options

    @Test func unknownModeOrFormatIsAUsageError() throws {
        let dir = try TestSupport.tempDir("bad-usage")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 2, size: "320x180", audio: .none)
        for (flag, value, choices) in [("--mode", "fast", ["copy", "smart", "reencode"]), ("--format", "square", ["source", "vertical"])] {
            let r = try Self.cut(replay, cues: "id,start,end\na,0.5,1.5\n", in: dir, name: value, [flag, value])
            #expect(r.status == 2, "\(flag) \(value): exit \(r.status)")
            #expect(r.stderr.contains("'\(value)'") && r.stderr.contains(flag) && r.stderr.contains("Usage:"), "\(r.stderr)")
            for c in choices { #expect(r.stderr.contains(c), "\(flag): the message should list `\(c)`: \(r.stderr)") }
            #expect(!FileManager.default.fileExists(atPath: r.out.path), "\(flag) \(value): the output folder was created before the options were checked")
        }
    }

    @Test func copyModeCannotMakeVerticalClips() throws {
        let dir = try TestSupport.tempDir("bad-copyvert")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 2, size: "320x180", audio: .none)
        let r = try Self.cut(replay, cues: "id,start,end\na,0.5,1.5\nb,1.0,1.8\n", in: dir, ["--mode", "copy", "--format", "vertical"])
        #expect(r.log.contains("--mode copy") && r.log.contains("vertical"), "\(r.log)")
        #expect(Self.files(in: r.out, endingIn: ".mp4").isEmpty)
        // The conflict is a usage error before any work (exit 2), not a failure of every clip.
        #expect(r.status == 2, "exit \(r.status)")
        #expect(r.failed.isEmpty, "reported as failed clips: \(r.failed)")
    }

    // MARK: - Full disk

    /// Checks a run under a file-size limit: it fails, each failed clip says why, nothing half-written
    /// sits under a final name; then redoes it without the limit and expects every clip.
    func expectFullDiskHandled(mode: String, limitKiB: Int, knownVagueMessages: Bool) throws {
        let dir = try TestSupport.tempDir("bad-disk-\(mode)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 4, size: "320x180")
        let ids = ["small", "big1", "big2"]
        let cues = "id,start,end\nsmall,0.0,0.3\nbig1,0.5,3.5\nbig2,1.0,3.9\n"
        let r = try Self.cut(replay, cues: cues, in: dir, ["--mode", mode], fileSizeLimitKiB: limitKiB)
        #expect(r.status != 0, "\(mode): exit \(r.status) under a \(limitKiB) KiB file-size limit\n\(r.log)")
        let failed = ids.filter { !FileManager.default.fileExists(atPath: r.file($0).path) }
        #expect(!failed.isEmpty, "\(mode): every clip fitted under \(limitKiB) KiB; the limit tests nothing")
        // Nothing half-written under a final name: every .mp4 there decodes and is in clips.json.
        for id in ids where FileManager.default.fileExists(atPath: r.file(id).path) {
            #expect(try F.decodeErrors(r.file(id)).isEmpty, "\(mode): \(id).mp4 is damaged")
            #expect(r.clips[id] != nil, "\(mode): \(id).mp4 exists but clips.json does not list it")
        }
        #expect(Self.files(in: r.out, endingIn: ".part").isEmpty, "\(mode): \(Self.files(in: r.out, endingIn: ".part"))")
        for id in failed {
            let reason = r.failed[id] ?? ""
            #expect(!reason.isEmpty || r.stderr.contains(id), "\(mode) \(id): no message at all\n\(r.log)")
            func clear() {
                #expect(reason.contains(id), "\(mode) \(id): the message does not name the clip: \(reason)")
                #expect(reason.localizedCaseInsensitiveContains("too large") || reason.localizedCaseInsensitiveContains("space"),
                        "\(mode) \(id): the message does not say the disk (or file-size limit) is full: \(reason)")
                #expect(!reason.contains("NSCocoaErrorDomain"), "\(mode) \(id): raw Foundation error: \(reason)")
            }
            if knownVagueMessages {
                clear()
            } else {
                clear()
            }
        }
        // Redo without the limit: the failed clips are made, the rest kept.
        let again = try Self.cut(replay, cues: cues, in: dir, ["--mode", mode])
        #expect(again.status == 0, "\(mode): re-run exit \(again.status)\n\(again.log)")
        for id in ids {
            #expect(FileManager.default.fileExists(atPath: again.file(id).path), "\(mode): \(id).mp4 after the re-run")
            #expect(try F.decodeErrors(again.file(id)).isEmpty, "\(mode): \(id).mp4 after the re-run")
        }
        #expect(Self.files(in: again.out, endingIn: ".part").isEmpty)
    }

    /// Copy mode: the clip spools are smaller than the limit, so the failure comes while writing the MP4.
    @Test func fullDiskWhileWritingACopiedClip() throws {
        try expectFullDiskHandled(mode: "copy", limitKiB: 200, knownVagueMessages: false)
    }

    /// Smart mode: the decoded-audio spool (48 kHz float) of a 3 s clip is over 500 KiB, so the
    /// failure comes while spooling; the catalog (about 30 KB) still fits.
    @Test func fullDiskWhileSpoolingASmartClip() throws {
        try expectFullDiskHandled(mode: "smart", limitKiB: 256, knownVagueMessages: true)
    }
}
