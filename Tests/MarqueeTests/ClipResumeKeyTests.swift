import Foundation
import Testing

/// A re-run of `marquee clips cut` into the same folder redoes exactly the clips whose output would
/// change, and skips the rest: each input and option is changed in turn, and which clip files were
/// rewritten is read from the files themselves (a redone clip is renamed into place: a new inode).
@Suite struct ClipResumeKeyTests {
    typealias F = ClipFixtures

    struct Run {
        let done: Int, skipped: Int
        let redone: Set<String>
        let clips: [String: [String: Any]]
    }

    static func inode(_ url: URL) -> UInt64? {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.systemFileNumber] as? NSNumber)?.uint64Value
    }

    @Test func everyOutputAffectingChangeRedoesItsClipsOnly() throws {
        let dir = try TestSupport.tempDir("resume-key")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 4, size: "320x180")
        let srt = dir.appendingPathComponent("subs.srt")
        func captions(_ first: String, at start: String = "00:00:00,600") throws {
            try "1\n\(start) --> 00:00:01,200\n\(first)\n\n2\n00:00:02,200 --> 00:00:02,800\nWorld\n"
                .write(to: srt, atomically: true, encoding: .utf8)
        }
        try captions("Hello")
        var cues = "id,start,end,title,price\na,0.5,1.5,Serum,100\nb,2.0,3.0,Toner,200\n"
        var args = ["--format", "vertical", "--size", "360x640", "--captions", srt.path, "--json"]
        func run(_ what: String) throws -> Run {
            let out = dir.appendingPathComponent("out")
            let before = ["a", "b"].map { Self.inode(out.appendingPathComponent("\($0).mp4")) }
            let r = try ClipRun.cut(replay, cues: cues, in: dir, name: "out", args)
            #expect(r.run.status == 0, "\(what): exit \(r.run.status)\n\(r.run.stderr)")
            let report = (try? JSONSerialization.jsonObject(with: Data(r.run.stdout.utf8))) as? [String: Any] ?? [:]
            let after = ["a", "b"].map { Self.inode(r.file($0)) }
            let redone = Set(zip(["a", "b"], zip(before, after)).filter { $0.1.0 != $0.1.1 }.map(\.0))
            return Run(done: report["made"] as? Int ?? -1, skipped: report["skipped"] as? Int ?? -1, redone: redone, clips: r.clips)
        }
        let first = try run("first run")
        #expect(first.done == 2 && first.redone == ["a", "b"])
        let steps = first.clips["a"]?["steps"] as? [String] ?? []
        #expect(steps == ["reframe:subject-track", "overlay:title-overlay", "overlay:captions"], "clips.json steps: \(steps)")
        let same = try run("unchanged")
        #expect(same.skipped == 2 && same.redone.isEmpty, "an unchanged re-run skips every clip: \(same)")

        // Each change, kept for the runs after it, and the clips it must redo.
        let changes: [(String, () throws -> Void, Set<String>)] = [
            ("caption text", { try captions("Hello there") }, ["a"]),
            ("caption time", { try captions("Hello there", at: "00:00:00,800") }, ["a"]),
            ("region", { args += ["--region", "mena"] }, ["a", "b"]),
            ("platform", { args += ["--platform", "tiktok"] }, ["a", "b"]),
            ("title", { cues = cues.replacingOccurrences(of: "Serum", with: "Serum XL") }, ["a"]),
            ("price", { cues = cues.replacingOccurrences(of: "200", with: "250") }, ["b"]),
            ("reframe", { args += ["--reframe", "blur-fit"] }, ["a", "b"]),
            ("stage parameter", { args += ["--param", "blur-fit.dim=0.6"] }, ["a", "b"]),
            ("loudness target", { args += ["--loudness=-16"] }, ["a", "b"]),
            ("mode", { args += ["--mode", "smart"] }, ["a", "b"]),
            ("replay", { try F.replay(replay, seconds: 4, size: "320x180", audio: .surround51) }, ["a", "b"]),
        ]
        for (what, change, expected) in changes {
            try change()
            let r = try run(what)
            #expect(r.redone == expected && r.done == expected.count && r.skipped == 2 - expected.count,
                    "\(what): redid \(r.redone.sorted()) (done \(r.done), skipped \(r.skipped)), expected \(expected.sorted())")
        }
        let last = try run("unchanged again")
        #expect(last.skipped == 2 && last.redone.isEmpty)
    }
}
