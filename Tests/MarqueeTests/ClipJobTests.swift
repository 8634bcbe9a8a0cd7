import ClipFinders
import ClipStages
import Foundation
import Testing
import Support
import PluginKit
import Presets
import Clips

/// The `clips cut` and `clips detect` descriptors: everything is checked when they are built (before
/// any work), and a clip's resume key changes with everything that changes its output.
@Suite struct ClipJobTests {
    typealias F = ClipFixtures

    static func registry() throws -> PluginRegistry {
        var r = PluginRegistry()
        for p in ClipStages.all + ClipFinders.all { try r.register(p) }
        return r
    }

    /// A replay (4 s, 320x180, stereo), a cue sheet and an SRT file in `dir`.
    struct Inputs {
        let dir: URL, replay: URL, cues: URL, srt: URL
        init(_ name: String) throws {
            dir = try TestSupport.tempDir(name)
            replay = dir.appendingPathComponent("replay.mp4")
            cues = dir.appendingPathComponent("cues.csv")
            srt = dir.appendingPathComponent("subs.srt")
            try F.replay(replay, seconds: 4, size: "320x180")
            try write(cues: "id,start,end,title,price\na,0.5,1.5,Serum,100\nb,2.0,3.0,Toner,200\n")
            try write(srt: "1\n00:00:00,600 --> 00:00:01,200\nHello\n\n2\n00:00:02,200 --> 00:00:02,800\nWorld\n")
        }
        func write(cues text: String) throws { try text.write(to: cues, atomically: true, encoding: .utf8) }
        func write(srt text: String) throws { try text.write(to: srt, atomically: true, encoding: .utf8) }
        func request(_ change: (inout ClipRequest) -> Void = { _ in }) -> ClipRequest {
            var r = ClipRequest(replay: replay.path, cues: cues.path, out: dir.appendingPathComponent("out").path)
            r.format = .vertical
            r.captions = srt.path
            change(&r)
            return r
        }
    }

    static func job(_ r: ClipRequest) throws -> ClipJob {
        try ClipJob(r, presets: ClipStageTests.presets, registry: try registry())
    }

    @Test func aGoodRequestIsResolvedWhole() throws {
        let inputs = try Inputs("job-good")
        defer { try? FileManager.default.removeItem(at: inputs.dir) }
        try inputs.write(cues: "id,start,end,title,region\na,0.5,1.5,Serum,\nb,2.0,3.0,Toner,atlantis\nc,3.5,9,Late,\n")
        let job = try Self.job(inputs.request())
        #expect(job.mode == .reencode, "vertical clips are re-encoded unless a mode is given")
        #expect(job.reframe?.stage.metadata.name == "subject-track", "vertical clips track the subject unless told otherwise")
        #expect(job.overlays.map(\.stage.metadata.name) == ["title-overlay", "captions"])
        #expect(job.captions.map(\.text) == ["Hello", "World"] && job.loudness.integrated == -14)
        #expect(job.replay.video != nil && job.replay.audio != nil && abs(job.replay.duration - 4) < 0.1)
        // Cue problems are found now too: they fail their clip, the others are cut.
        #expect(job.problems["b"]?.contains("region \"atlantis\"") == true, "\(job.problems)")
        #expect(job.problems["c"]?.contains("after the end of the replay") == true, "\(job.problems)")
        #expect(job.cues.map(\.id) == ["a"])
    }

    @Test func everyBadOptionOrFileIsRefusedBeforeWork() throws {
        let inputs = try Inputs("job-bad")
        defer { try? FileManager.default.removeItem(at: inputs.dir) }
        let missing = inputs.dir.appendingPathComponent("missing").path
        let cases: [(String, (inout ClipRequest) -> Void, [String])] = [
            ("size", { $0.size = "721x1280" }, ["--size 721x1280"]),
            ("loudness", { $0.loudness = "-50" }, ["--loudness -50"]),
            ("true peak", { $0.truePeak = 2 }, ["--true-peak"]),
            ("encoder", { $0.encoder = "x265-medium" }, ["--encoder x265-medium", "x264"]),
            ("platform", { $0.platform = "myspace" }, ["myspace"]),
            ("region", { $0.region = "atlantis" }, ["atlantis"]),
            ("reframe", { $0.reframe = "centre-crap" }, ["centre-crap", "centre-crop"]),
            ("overlay kind", { $0.overlays = ["blur-fit"] }, ["blur-fit", "clip-stage"]),
            ("parameter", { $0.parameters = ["blur-fit": ["dimm": .string("0.5")]] }, ["blur-fit", "dimm"]),
            ("parameter value", { $0.parameters = ["title-overlay": ["scrim": .string("2")]] }, ["title-overlay", "scrim"]),
            ("copy vertical", { $0.mode = .copy; $0.captions = nil }, ["--mode copy", "vertical"]),
            ("copy captions", { $0.mode = .copy; $0.format = .source }, ["--mode copy", "overlays"]),
            ("captions file", { $0.captions = missing }, [missing, "not found"]),
            ("cue sheet", { $0.cues = missing }, [missing]),
            ("replay", { $0.replay = missing }, [missing, "not found"]),
            ("audio track", { $0.audioTrack = 3 }, ["--audio-track 3", "1 audio track"]),
            ("out is a file", { $0.out = inputs.srt.path }, ["--out", "is a file"]),
        ]
        for (what, change, words) in cases {
            do {
                _ = try Self.job(inputs.request(change))
                Issue.record("\(what): accepted")
            } catch {
                for w in words { #expect("\(error)".contains(w), "\(what): \(error)") }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: inputs.dir.appendingPathComponent("out").path), "nothing is created while checking")
    }

    @Test func theResumeKeyChangesWithEverythingThatChangesTheClip() throws {
        let inputs = try Inputs("job-key")
        defer { try? FileManager.default.removeItem(at: inputs.dir) }
        func keys(_ r: ClipRequest) throws -> [String: String] {
            let job = try Self.job(r)
            return Dictionary(uniqueKeysWithValues: job.cues.map { ($0.id, job.key(for: $0)) })
        }
        let base = try keys(inputs.request())
        #expect(try keys(inputs.request()) == base, "the same request gives the same keys")
        let global: [(String, (inout ClipRequest) -> Void)] = [
            ("region", { $0.region = "mena" }), ("platform", { $0.platform = "tiktok" }),
            ("reframe", { $0.reframe = "blur-fit" }), ("stage parameter", { $0.parameters = ["subject-track": ["dead_zone": .number(0.2)]] }),
            ("overlay parameter", { $0.parameters = ["title-overlay": ["position": .string("bottom")]] }),
            ("loudness", { $0.loudness = "-16" }), ("true peak", { $0.truePeak = -2 }), ("mode", { $0.mode = .smart }),
            ("format", { $0.format = .source }), ("size", { $0.size = "1080x1920" }), ("encoder", { $0.encoder = "x264-medium" }),
            ("overlays", { $0.overlays = ["captions"] }),
        ]
        for (what, change) in global {
            let k = try keys(inputs.request(change))
            #expect(k["a"] != base["a"] && k["b"] != base["b"], "\(what) leaves a key as it was")
        }
        #expect(try keys(inputs.request { $0.audioTrack = 0 }) == base, "naming the audio track used anyway changes nothing")
        // Per-cue inputs change only their clip's key.
        try inputs.write(cues: "id,start,end,title,price\na,0.5,1.5,Serum XL,100\nb,2.0,3.0,Toner,200\n")
        var k = try keys(inputs.request())
        #expect(k["a"] != base["a"] && k["b"] == base["b"], "title")
        try inputs.write(cues: "id,start,end,title,price\na,0.5,1.5,Serum,100\nb,2.0,3.0,Toner,250\n")
        k = try keys(inputs.request())
        #expect(k["a"] == base["a"] && k["b"] != base["b"], "price")
        try inputs.write(cues: "id,start,end,title,price,platform\na,0.5,1.5,Serum,100,tiktok\nb,2.0,3.0,Toner,200,\n")
        k = try keys(inputs.request())
        #expect(k["a"] != base["a"] && k["b"] == base["b"], "a cue's platform")
        try inputs.write(cues: "id,start,end,title,price\na,0.5,1.5,Serum,100\nb,2.0,3.0,Toner,200\n")
        try inputs.write(srt: "1\n00:00:00,600 --> 00:00:01,200\nHello there\n\n2\n00:00:02,200 --> 00:00:02,800\nWorld\n")
        k = try keys(inputs.request())
        #expect(k["a"] != base["a"] && k["b"] == base["b"], "caption text")
        try inputs.write(srt: "1\n00:00:00,700 --> 00:00:01,200\nHello\n\n2\n00:00:02,200 --> 00:00:02,800\nWorld\n")
        k = try keys(inputs.request())
        #expect(k["a"] != base["a"] && k["b"] == base["b"], "caption time")
        try inputs.write(srt: "1\n00:00:00,600 --> 00:00:01,200\nHello\n\n2\n00:00:02,200 --> 00:00:02,800\nWorld\n")
        #expect(try keys(inputs.request()) == base, "back as it was")
        // Another replay at the same path.
        try F.replay(inputs.replay, seconds: 4, size: "320x180", audio: .surround51)
        k = try keys(inputs.request())
        #expect(k["a"] != base["a"] && k["b"] != base["b"], "replay")
    }

    @Test func detectJobChecksFindersLimitsAndStreams() throws {
        let dir = try TestSupport.tempDir("job-detect")
        defer { try? FileManager.default.removeItem(at: dir) }
        let silent = dir.appendingPathComponent("silent.mp4")
        try F.replay(silent, seconds: 2, size: "320x180", audio: .none)
        let registry = try Self.registry()
        func request(_ change: (inout DetectRequest) -> Void) -> DetectRequest {
            var r = DetectRequest(replay: silent.path, out: dir.appendingPathComponent("cues.csv").path)
            change(&r)
            return r
        }
        let ok = try DetectJob(request { $0.finders = ["scene"]; $0.parameters = ["scene": ["window": .integer(3)]] }, registry: registry)
        #expect(ok.finders.map(\.stage.metadata.name) == ["scene"] && ok.limits.minimum == 8)
        let cases: [(String, (inout DetectRequest) -> Void, [String])] = [
            ("no audio", { _ in }, ["no audio stream", "loudness-peaks"]),
            ("limits", { $0.minLength = 30; $0.maxLength = 10 }, ["--min-length"]),
            ("unknown finder", { $0.finders = ["scenes"] }, ["scenes", "scene"]),
            ("wrong kind", { $0.finders = ["title-overlay"] }, ["title-overlay", "clip-finder"]),
            ("no finder", { $0.finders = [] }, ["--finders"]),
            ("parameter", { $0.finders = ["scene"]; $0.parameters = ["scene": ["windw": .integer(3)]] }, ["windw"]),
            ("out is a folder", { $0.finders = ["scene"]; $0.out = dir.path }, ["--out", "folder"]),
        ]
        for (what, change, words) in cases {
            do {
                _ = try DetectJob(request(change), registry: registry)
                Issue.record("\(what): accepted")
            } catch {
                for w in words { #expect("\(error)".contains(w), "\(what): \(error)") }
            }
        }
    }
}
