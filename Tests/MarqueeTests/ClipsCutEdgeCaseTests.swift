import Foundation
import Testing

/// `marquee clips cut` on what real replays contain: variable frame rate, a display matrix, an edit
/// list, streams that start late, extra data streams, no sound, 5.1 sound, two audio tracks,
/// overlapping cues and cues at the very start and end, a non-H.264 or open-GOP source for smart
/// cutting, and loudness normalisation turned off. Every odd input is made with the real FFmpeg and
/// every clip checked with ffmpeg/ffprobe.
@Suite struct ClipsCutEdgeCaseTests {
    typealias F = ClipFixtures
    static let fps = 30.0

    // MARK: - Helpers

    /// PSNR (ffmpeg's `psnr`, Y/U/V average) of the clip's first frame against the replay frame at
    /// `at` seconds of the replay's video timeline. Unlike `ClipFixtures.firstFramePSNR`, the replay is
    /// read with `-copyts`, so a replay whose container starts before its video (an offset start) is
    /// trimmed on its own timestamps; with `rotate: false` the replay is read without autorotation so
    /// `sourceFilter` can turn it explicitly.
    static func firstFramePSNR(clip: URL, replay: URL, at: Double, sourceFilter: String? = nil, rotate: Bool = true) throws -> Double {
        let start = try F.startOffsets(replay).video + at - 0.0001
        let source = "trim=start=\(start),setpts=PTS-STARTPTS" + (sourceFilter.map { ",\($0)" } ?? "") + ",trim=end_frame=1"
        let graph = "[0:v]trim=end_frame=1,setpts=PTS-STARTPTS[a];[1:v]\(source)[b];[a][b]psnr"
        let out = try F.run(F.ffmpegPath, ["-hide_banner", "-nostdin", "-nostats", "-v", "info", "-i", clip.path, "-copyts"]
                            + (rotate ? [] : ["-noautorotate"]) + ["-i", replay.path, "-filter_complex", graph, "-f", "null", "-"])
        guard let line = out.stderr.split(separator: "\n").last(where: { $0.contains("PSNR y:") }),
              let r = line.range(of: "average:") else {
            throw F.ToolError(description: "ffmpeg's psnr filter printed no result:\n\(out.stderr.suffix(2000))")
        }
        let token = line[r.upperBound...].split(separator: " ").first.map(String.init) ?? ""
        return token == "inf" ? .infinity : Double(token) ?? 0
    }

    /// The display rotation ffprobe reports for the first video stream (its `rotation` side data), 0 without one.
    static func rotation(_ url: URL) throws -> Int {
        let v = try F.streams(url).first { $0["codec_type"] as? String == "video" } ?? [:]
        let side = (v["side_data_list"] as? [[String: Any]] ?? []).first { $0["rotation"] != nil }
        return Int(F.number(side?["rotation"]) ?? 0)
    }

    /// The filter ffmpeg's autorotation (fftools, FFmpeg 5.1) inserts for an ffprobe `rotation` value:
    /// it turns the picture clockwise by the negated value.
    static func uprightFilter(ffprobeRotation r: Int) -> String? {
        switch ((-r) % 360 + 360) % 360 {
        case 90: "transpose=clock"
        case 180: "hflip,vflip"
        case 270: "transpose=cclock"
        default: nil
        }
    }

    /// The dominant frequency (Hz) of a file's first audio stream between `from` and `to` seconds, by
    /// counting zero crossings of the decoded mono mix (a pure tone crosses zero twice per cycle).
    static func toneFrequency(_ url: URL, from: Double = 0.2, to: Double? = nil) throws -> Double {
        let out = try F.run(F.ffmpegPath, ["-hide_banner", "-nostdin", "-v", "error", "-i", url.path, "-map", "0:a:0",
                                           "-ac", "1", "-ar", "48000", "-f", "s16le", "-"])
        let samples: [Int16] = out.stdout.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        let lo = Int(from * 48000), hi = min(samples.count, to.map { Int($0 * 48000) } ?? samples.count - Int(0.2 * 48000))
        guard hi - lo > 4800 else { throw F.ToolError(description: "\(url.lastPathComponent): only \(samples.count) audio samples") }
        var crossings = 0
        for i in (lo + 1)..<hi where (samples[i - 1] < 0) != (samples[i] < 0) { crossings += 1 }
        return Double(crossings) / 2 / (Double(hi - lo) / 48000)
    }

    /// The replay's video frames (presentation times on its video timeline, 0 = first frame) in `[start, end)`.
    static func sourceFrameTimes(_ replay: URL, start: Double, end: Double) throws -> [Double] {
        let frames = try F.frames(replay)
        let origin = frames.first?.pts ?? 0
        return frames.map { $0.pts - origin }.filter { $0 >= start - 0.0005 && $0 < end - 0.0005 }
    }

    /// Frame count, clean decode, moov first, first frame and every frame against the replay.
    func expectFrameAccurate(_ r: ClipRun.Result, _ id: String, replay: URL, start: Double, end: Double,
                             minPSNR: Double = 35, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = r.file(id)
        guard FileManager.default.fileExists(atPath: file.path) else {
            Issue.record("\(id).mp4 missing: \(r.failed[id] ?? r.run.stderr)", sourceLocation: sourceLocation)
            return
        }
        let frames = try ClipRun.count(file)
        let expected = Int(((end - start) * Self.fps).rounded())
        #expect(frames == expected, "\(id): \(frames) frames, expected \(expected)", sourceLocation: sourceLocation)
        let errors = try F.decodeErrors(file)
        #expect(errors.isEmpty, "\(id): decode errors: \(errors.prefix(300))", sourceLocation: sourceLocation)
        #expect(try F.moovBeforeMdat(file), "\(id): moov after mdat", sourceLocation: sourceLocation)
        let first = try Self.firstFramePSNR(clip: file, replay: replay, at: start)
        #expect(first >= 40, "\(id): first frame PSNR \(first) dB against the replay at \(start) s", sourceLocation: sourceLocation)
        let psnrs = try ClipRun.framePSNRs(clip: file, replay: replay, start: start, frames: frames)
        #expect(psnrs.count == frames && (psnrs.min() ?? 0) >= minPSNR,
                "\(id): \(psnrs.count) frames compared, min PSNR \(psnrs.min() ?? 0) dB", sourceLocation: sourceLocation)
    }

    // MARK: - Variable frame rate

    @Test func variableFrameRateClipsKeepTheSourceTimestamps() throws {
        let dir = try TestSupport.tempDir("edge-vfr")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("vfr.mp4")
        try F.vfrReplay(replay, seconds: 5, size: "320x180")
        // Keyframes every 60 coded frames = every 100 source frames (3.333 s): `cross` spans one.
        let cues = "id,start,end\ninside,0.5,2.5\ncross,1.0,4.5\n"
        for mode in ["smart", "reencode"] {
            let r = try ClipRun.cut(replay, cues: mode == "smart" ? cues : "id,start,end\ncross,1.0,4.5\n", in: dir, name: mode, ["--mode", mode])
            #expect(r.run.status == 0, "\(mode): \(r.run.stderr)")
            for (id, start, end) in [("inside", 0.5, 2.5), ("cross", 1.0, 4.5)] where mode == "smart" || id == "cross" {
                let file = r.file(id)
                let src = try Self.sourceFrameTimes(replay, start: start, end: end)
                let clip = try F.frames(file)
                #expect(clip.count == src.count, "\(mode) \(id): \(clip.count) frames, the replay has \(src.count) in \(start)–\(end) s")
                // The clip's times are the replay's, shifted to start at 0.
                let shifted = clip.map { $0.pts - (clip.first?.pts ?? 0) }
                let expected = src.map { $0 - (src.first ?? 0) }
                let worst = zip(shifted, expected).map { abs($0 - $1) }.max() ?? 1
                #expect(worst < 0.002, "\(mode) \(id): clip frame times differ from the replay's by up to \(worst) s")
                let shown = F.displayDurations(clip).dropLast()
                #expect(shown.contains { abs($0 - 1 / Self.fps) < 0.002 } && shown.contains { abs($0 - 3 / Self.fps) < 0.002 },
                        "\(mode) \(id): frames should be shown 1/30 or 3/30 s, got \(Set(shown.map { ($0 * 1000).rounded() }))")
                let first = try Self.firstFramePSNR(clip: file, replay: replay, at: start)
                #expect(first >= 40, "\(mode) \(id): first frame PSNR \(first) dB")
                let psnrs = try ClipRun.framePSNRs(clip: file, replay: replay, start: start, frames: clip.count)
                #expect((psnrs.min() ?? 0) >= 35, "\(mode) \(id): min frame PSNR \(psnrs.min() ?? 0) dB")
                #expect(try F.decodeErrors(file).isEmpty, "\(mode) \(id): decode errors")
                // The last source frame in the range is shown until `end`; the clip may end up to one
                // source step (3 frames) early if it keeps that frame's coded duration.
                let d = try F.duration(file)
                #expect(d <= end - start + 0.001 && d >= end - start - 3 / Self.fps - 0.001, "\(mode) \(id): duration \(d) s for \(end - start) s")
            }
        }
    }

    // MARK: - Rotation

    @Test func rotatedReplayKeepsItsDisplayMatrixInSourceFormat() throws {
        let dir = try TestSupport.tempDir("edge-rot")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("rot.mp4")
        try F.rotatedReplay(replay, degrees: 90, seconds: 3, size: "320x180")
        let sourceRotation = try Self.rotation(replay)
        try #require(sourceRotation != 0, "the fixture has no display matrix")
        for mode in ["smart", "copy", "reencode"] {
            let r = try ClipRun.cut(replay, cues: "id,start,end\na,0.5,2.5\n", in: dir, name: mode, ["--mode", mode])
            #expect(r.run.status == 0, "\(mode): \(r.run.stderr)")
            let file = r.file("a")
            let streams = try F.streams(file)
            #expect(streams.first?["width"] as? Int == 320 && streams.first?["height"] as? Int == 180, "\(mode): stored pictures keep their size")
            let at = (r.clips["a"]?["actual_start_s"] as? Double) ?? 0.5
            // The display matrix is carried over with the same angle, so players turn the clip as the replay.
            let clipRotation = try Self.rotation(file)
            #expect(clipRotation == sourceRotation, "\(mode): clip rotation \(clipRotation), replay \(sourceRotation)")
            // Both read with ffmpeg's autorotation: upright pictures match.
            let psnr = try Self.firstFramePSNR(clip: file, replay: replay, at: at)
            #expect(psnr >= 35, "\(mode): autorotated first frame PSNR \(psnr) dB against the autorotated replay")
        }
    }

    @Test func rotatedReplayMakesUprightVerticalClips() throws {
        let dir = try TestSupport.tempDir("edge-rotv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("rot.mp4")
        // Stored 320x240, shown 240x320: the 9:16 centre crop is 180x320 at x = 30.
        try F.rotatedReplay(replay, degrees: 90, seconds: 3, size: "320x240")
        let upright = try #require(Self.uprightFilter(ffprobeRotation: try Self.rotation(replay)))
        let r = try ClipRun.cut(replay, cues: "id,start,end\na,0.5,2.5\n", in: dir,
                                ["--mode", "reencode", "--format", "vertical", "--overlays", "none", "--reframe", "centre-crop"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        let file = r.file("a")
        let v = try #require(try F.streams(file).first { $0["codec_type"] as? String == "video" })
        #expect(v["width"] as? Int == 720 && v["height"] as? Int == 1280, "\(v["width"] ?? "?")x\(v["height"] ?? "?")")
        #expect(try Self.rotation(file) == 0, "the vertical clip is already upright: no display matrix")
        let crop = "crop=180:320:30:0,scale=720:1280"
        let right = try Self.firstFramePSNR(clip: file, replay: replay, at: 0.5, sourceFilter: "\(upright),\(crop)", rotate: false)
        #expect(right >= 35, "first frame PSNR \(right) dB against the replay turned upright (\(upright)), cropped and scaled")
        // The check can tell: turned the other way, the picture does not match.
        let wrongTurn = upright == "transpose=clock" ? "transpose=cclock" : "transpose=clock"
        let wrong = try Self.firstFramePSNR(clip: file, replay: replay, at: 0.5, sourceFilter: "\(wrongTurn),\(crop)", rotate: false)
        #expect(wrong < right - 10, "turned the wrong way: \(wrong) dB vs \(right) dB")
    }

    /// A phone replay stored landscape and shown turned (portrait) gets its title burned in as it is shown:
    /// upright, a band across the top of the portrait picture, not sideways along one edge.
    @Test func rotatedReplayGetsItsTitleUprightInSourceFormat() throws {
        let dir = try TestSupport.tempDir("edge-rot-title")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("rot.mp4")
        // Stored 640x360, shown 360x640.
        try F.rotatedReplay(replay, degrees: 90, seconds: 3, size: "640x360")
        let cues = "id,start,end,title\na,0.5,2.5,Upright title\n"
        let titled = try ClipRun.cut(replay, cues: cues, in: dir, name: "titled",
                                     ["--mode", "reencode", "--overlays", "title-overlay", "--param", "title-overlay.scrim=1"])
        let plain = try ClipRun.cut(replay, cues: cues, in: dir, name: "plain", ["--mode", "reencode", "--overlays", "none"])
        #expect(titled.run.status == 0 && plain.run.status == 0, "\(titled.run.stderr)\n\(plain.run.stderr)")
        let steps = titled.clips["a"]?["steps"] as? [String] ?? []
        #expect(steps.count == 2 && steps[0].hasPrefix("rotate:") && steps[1] == "overlay:title-overlay", "steps \(steps)")
        // Both decoded as shown (ffmpeg applies the display matrix): the same portrait picture but for the title.
        let (w, h) = (360, 640)
        let a = try F.frameImage(titled.file("a"), index: 3), b = try F.frameImage(plain.file("a"), index: 3)
        try #require(a.count == w * h && b.count == w * h, "shown sizes: \(a.count) and \(b.count) bytes, expected \(w)x\(h)")
        var box: (x0: Int, y0: Int, x1: Int, y1: Int)?
        var outside = 0.0, outsideCount = 0
        for y in 0..<h {
            for x in 0..<w {
                let d = abs(Int(a[y * w + x]) - Int(b[y * w + x]))
                if d > 40 {
                    box = box.map { (min($0.x0, x), min($0.y0, y), max($0.x1, x), max($0.y1, y)) } ?? (x, y, x, y)
                }
            }
        }
        let title = try #require(box, "no title found in the titled clip")
        for y in 0..<h {
            for x in 0..<w where x < title.x0 || x > title.x1 || y < title.y0 || y > title.y1 {
                outside += Double(abs(Int(a[y * w + x]) - Int(b[y * w + x]))); outsideCount += 1
            }
        }
        let (bw, bh) = (title.x1 - title.x0 + 1, title.y1 - title.y0 + 1)
        #expect(bw > bh && bw > w / 2, "the title panel is \(bw)x\(bh) at (\(title.x0), \(title.y0)) of the shown \(w)x\(h) picture: it runs sideways")
        #expect(title.y1 < h / 3, "the title sits in the top band of the shown picture: rows \(title.y0)…\(title.y1) of \(h)")
        #expect(outside / Double(max(1, outsideCount)) < 3, "outside the title the clip shows the replay as the plain cut does")
    }

    // MARK: - Timelines that do not start at 0

    @Test func negativeStartReplayCutsFromTheFirstShownFrame() throws {
        let dir = try TestSupport.tempDir("edge-neg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("neg.mp4")
        try F.negativeStartReplay(replay, cut: 1.5, seconds: 5)
        // Shown frames 0–3.5 s; the first keyframe shown is at 0.5 s (source 2.0 s).
        let cues = "id,start,end\nzero,0,1\ncross,0.3,2.5\nlater,1.0,3.0\n"
        for mode in ["smart", "reencode"] {
            // Re-encoding takes the same timeline path: one clip is enough there.
            let r = try ClipRun.cut(replay, cues: mode == "smart" ? cues : "id,start,end\nzero,0,1\n", in: dir, name: mode, ["--mode", mode])
            #expect(r.run.status == 0, "\(mode): \(r.run.stderr)")
            try expectFrameAccurate(r, "zero", replay: replay, start: 0, end: 1)
            if mode == "smart" {
                try expectFrameAccurate(r, "cross", replay: replay, start: 0.3, end: 2.5)
                try expectFrameAccurate(r, "later", replay: replay, start: 1.0, end: 3.0)
            }
            // The fixture's own helper agrees (this replay's container starts at 0).
            let fixture = try F.firstFramePSNR(clip: r.file("zero"), replay: replay, at: 0)
            #expect(fixture >= 40, "\(mode): ClipFixtures.firstFramePSNR gives \(fixture) dB")
            #expect(abs((r.clips["zero"]?["actual_start_s"] as? Double ?? -1) - 0) < 0.001, "\(mode): \(r.clips["zero"] ?? [:])")
        }
    }

    @Test func offsetStartReplayCountsCueTimesFromTheFirstFrame() throws {
        let dir = try TestSupport.tempDir("edge-off")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("off.mp4")
        try F.offsetStartReplay(replay, offset: 2, seconds: 3)
        try #require(abs(try F.startOffsets(replay).video - 2) < 0.001)
        let cues = "id,start,end\nzero,0,1\nmid,0.5,2.5\ntail,1.0,3.0\n"
        for mode in ["smart", "reencode"] {
            let r = try ClipRun.cut(replay, cues: mode == "smart" ? cues : "id,start,end\nmid,0.5,2.5\n", in: dir, name: mode, ["--mode", mode])
            #expect(r.run.status == 0, "\(mode): \(r.run.stderr)")
            for (id, start, end) in [("zero", 0.0, 1.0), ("mid", 0.5, 2.5), ("tail", 1.0, 3.0)] where mode == "smart" || id == "mid" {
                let file = r.file(id)
                #expect(try ClipRun.count(file) == Int((end - start) * Self.fps), "\(mode) \(id)")
                let psnr = try Self.firstFramePSNR(clip: file, replay: replay, at: start)
                #expect(psnr >= 40, "\(mode) \(id): first frame PSNR \(psnr) dB against the replay \(start) s after its first frame")
                let early = try Self.firstFramePSNR(clip: file, replay: replay, at: start + 2 / Self.fps)
                #expect(early < psnr - 5, "\(mode) \(id): the frame 2 later also matches (\(early) dB)")
                #expect(try F.decodeErrors(file).isEmpty, "\(mode) \(id)")
                let (v, a) = try F.startOffsets(file)
                #expect(abs(v) < 0.001 && abs(v - (a ?? v)) <= 1 / Self.fps, "\(mode) \(id): video starts \(v), audio \(a ?? -1)")
                #expect(abs((r.clips[id]?["actual_start_s"] as? Double ?? -1) - start) < 0.001, "\(mode) \(id): actualStart in clips.json")
            }
        }
    }

    // MARK: - Streams

    @Test func dataAndSubtitleStreamsAreIgnored() throws {
        let dir = try TestSupport.tempDir("edge-data")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("data.mp4")
        try F.dataStreamReplay(replay, seconds: 3)
        let kinds = try F.streams(replay).compactMap { $0["codec_type"] as? String }
        try #require(kinds.contains("subtitle") && kinds.contains("data"), "fixture streams: \(kinds)")
        for mode in ["smart", "copy"] {
            let r = try ClipRun.cut(replay, cues: "id,start,end\na,0.5,2.5\n", in: dir, name: mode, ["--mode", mode])
            #expect(r.run.status == 0, "\(mode): \(r.run.stderr)")
            let out = try F.streams(r.file("a")).compactMap { $0["codec_type"] as? String }
            #expect(out.sorted() == ["audio", "video"], "\(mode): clip streams \(out)")
            #expect(try F.decodeErrors(r.file("a")).isEmpty)
            if mode == "smart" { try expectFrameAccurate(r, "a", replay: replay, start: 0.5, end: 2.5) }
        }
    }

    @Test func replayWithoutAudioMakesSilentClipsWithoutComplaint() throws {
        let dir = try TestSupport.tempDir("edge-noaudio")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("mute.mp4")
        try F.replay(replay, seconds: 3, size: "320x180", audio: .none)
        for mode in ["smart", "reencode", "copy"] {
            let r = try ClipRun.cut(replay, cues: "id,start,end\na,0.5,2.5\n", in: dir, name: mode, ["--mode", mode])
            #expect(r.run.status == 0, "\(mode): \(r.run.stderr)")
            #expect(r.failed.isEmpty, "\(mode): \(r.failed)")
            let log = (r.run.stdout + r.run.stderr).lowercased()
            #expect(!log.contains("error") && !log.contains("warning"), "\(mode): \(log)")
            let kinds = try F.streams(r.file("a")).compactMap { $0["codec_type"] as? String }
            #expect(kinds == ["video"], "\(mode): clip streams \(kinds)")
            let clip = try #require(r.clips["a"])
            #expect((clip["streams"] as? [[String: Any]])?.count == 1, "\(mode): \(clip["streams"] ?? "")")
            #expect(clip["loudness_before"] == nil && (clip["warnings"] as? [String])?.isEmpty != false)
            #expect(try F.decodeErrors(r.file("a")).isEmpty)
        }
    }

    @Test func surroundAudioBecomesNormalisedStereoAAC() throws {
        let dir = try TestSupport.tempDir("edge-51")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("surround.mp4")
        try F.replay(replay, seconds: 3, size: "320x180", audio: .surround51)
        for mode in ["smart", "reencode"] {
            let r = try ClipRun.cut(replay, cues: "id,start,end\na,0.5,2.5\n", in: dir, name: mode, ["--mode", mode])
            #expect(r.run.status == 0, "\(mode): \(r.run.stderr)")
            let a = try #require(try F.streams(r.file("a")).first { $0["codec_type"] as? String == "audio" })
            #expect(a["codec_name"] as? String == "aac")
            #expect(a["channels"] as? Int == 2, "\(mode): \(a["channels"] ?? "?") channels")
            #expect(F.number(a["sample_rate"]) == 48000, "\(mode): \(a["sample_rate"] ?? "?") Hz")
            let loud = try F.loudness(r.file("a"))
            #expect(abs(loud.integrated - -14) <= 1, "\(mode): \(loud.integrated) LUFS")
            #expect(loud.truePeak <= -1.0, "\(mode): true peak \(loud.truePeak) dBTP")
        }
        // Copy leaves the sound as it is (no decode): still 5.1, said in clips.json.
        let r = try ClipRun.cut(replay, cues: "id,start,end\na,0.5,2.5\n", in: dir, name: "copy", ["--mode", "copy"])
        let a = try #require(try F.streams(r.file("a")).first { $0["codec_type"] as? String == "audio" })
        #expect(a["channels"] as? Int == 6)
        let audio = (r.clips["a"]?["streams"] as? [[String: Any]] ?? []).first { $0["type"] as? String == "audio" }
        #expect(audio?["method"] as? String == "copy")
    }

    @Test func audioTrackChoosesTheSecondAudioStream() throws {
        let dir = try TestSupport.tempDir("edge-tracks")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("tracks.mp4")
        try F.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=3",
                      "-f", "lavfi", "-i", "aevalsrc=0.06*sin(2*PI*440*t):c=stereo:s=48000:d=3",
                      "-f", "lavfi", "-i", "aevalsrc=0.06*sin(2*PI*880*t):c=stereo:s=48000:d=3",
                      "-map", "0:v", "-map", "1:a", "-map", "2:a"] + F.h264(gop: 60, bframes: 2)
                     + ["-c:a", "aac", "-b:a", "128k", replay.path])
        let cues = "id,start,end\na,0.5,2.5\n"
        for (track, hz) in [(nil, 440.0), (0, 440.0), (1, 880.0)] as [(Int?, Double)] {
            let args = track.map { ["--audio-track", "\($0)"] } ?? []
            let r = try ClipRun.cut(replay, cues: cues, in: dir, name: "t\(track.map(String.init) ?? "default")", args)
            #expect(r.run.status == 0, "\(r.run.stderr)")
            let f = try Self.toneFrequency(r.file("a"))
            #expect(abs(f - hz) < 20, "--audio-track \(track.map(String.init) ?? "(none)"): the clip's tone is \(f) Hz, expected \(hz)")
            let audio = (r.clips["a"]?["streams"] as? [[String: Any]] ?? []).first { $0["type"] as? String == "audio" }
            #expect(audio?["source_index"] as? Int == (track ?? 0) + 1, "source stream in clips.json: \(audio ?? [:])")
        }
        let bad = try ClipRun.cut(replay, cues: cues, in: dir, name: "t2", ["--audio-track", "2"])
        #expect(bad.run.status == 2, "\(bad.run.status): \(bad.run.stderr)")
        #expect(bad.run.stderr.contains("--audio-track 2") && bad.run.stderr.contains("2 audio track"), "\(bad.run.stderr)")
    }

    // MARK: - Cues

    @Test func overlappingCuesAndCuesAtTheReplaysEdges() throws {
        let dir = try TestSupport.tempDir("edge-cues")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 5, size: "320x180")
        // `first` starts at the first frame, `last` ends exactly at the replay's end; `inner` lies inside `wide`.
        let cues = "id,start,end\nfirst,0,1.5\nwide,1.0,4.0\ninner,2.0,3.0\nlast,3.5,5.0\n"
        let r = try ClipRun.cut(replay, cues: cues, in: dir, ["--mode", "smart"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        #expect(r.failed.isEmpty, "\(r.failed)")
        for (id, start, end) in [("first", 0.0, 1.5), ("wide", 1.0, 4.0), ("inner", 2.0, 3.0), ("last", 3.5, 5.0)] {
            try expectFrameAccurate(r, id, replay: replay, start: start, end: end)
            let d = try F.duration(r.file(id))
            #expect(abs(d - (end - start)) <= 1 / Self.fps + 0.001, "\(id): duration \(d)")
            let loud = try F.loudness(r.file(id))
            #expect(abs(loud.integrated - -14) <= 1, "\(id): \(loud.integrated) LUFS")
        }
    }

    // MARK: - Smart cut on sources it cannot copy

    @Test func smartOnMPEG4FallsBackToReencodeAndSaysWhy() throws {
        let dir = try TestSupport.tempDir("edge-mpeg4")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("mpeg4.mp4")
        try F.nonH264Replay(replay, codec: .mpeg4, seconds: 3)
        let r = try ClipRun.cut(replay, cues: "id,start,end\na,0.5,2.5\n", in: dir, ["--mode", "smart"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        let clip = try #require(r.clips["a"])
        #expect(clip["mode_requested"] as? String == "smart")
        #expect(clip["mode_used"] as? String == "reencode")
        let why = clip["fallback_reason"] as? String ?? ""
        #expect(why.contains("mpeg4") && why.contains("H.264"), "fallbackReason: \(why)")
        let v = try #require(try F.streams(r.file("a")).first { $0["codec_type"] as? String == "video" })
        #expect(v["codec_name"] as? String == "h264")
        try expectFrameAccurate(r, "a", replay: replay, start: 0.5, end: 2.5)
    }

    @Test func smartOnOpenGOPFallsBackOrStaysFrameAccurate() throws {
        let dir = try TestSupport.tempDir("edge-opengop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("open.mp4")
        try F.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=4",
                      "-f", "lavfi", "-i", F.audioSource(.stereoTone, seconds: 4)!, "-map", "0:v", "-map", "1:a",
                      "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p", "-crf", "18",
                      "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-bf", "3", "-x264-params", "open-gop=1",
                      "-c:a", "aac", replay.path])
        // Open GOP: after the keyframe at 2 s come (in decode order) B-frames shown before it.
        let packets = try F.packets(replay)
        let key = try #require(packets.indices.first { packets[$0].key && packets[$0].pts > 1.9 })
        try #require(packets[(key + 1)...].prefix(4).contains { $0.pts < packets[key].pts }, "no leading pictures: not an open GOP")

        // `head` lies in the first (IDR) GOP, `late` starts in the open one, `span` crosses into it, `at2`
        // ends on its keyframe (so its last two frames, shown before 2 s, are coded after that keyframe).
        let cues = "id,start,end\nhead,0.2,1.5\nlate,2.5,3.8\nspan,0.5,3.5\nat2,1.0,2.0\n"
        let r = try ClipRun.cut(replay, cues: cues, in: dir, name: "smart", ["--mode", "smart"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        func expectFallbackOrAccurate(_ r: ClipRun.Result, _ id: String, _ start: Double, _ end: Double) throws {
            let clip = try #require(r.clips[id], "\(id): \(r.failed[id] ?? "")")
            let used = clip["mode_used"] as? String
            if used == "reencode" && clip["mode_requested"] as? String == "smart" {
                #expect((clip["fallback_reason"] as? String ?? "").contains("GOP"), "\(id): \(clip["fallback_reason"] ?? "no reason")")
            } else {
                #expect(used == clip["mode_requested"] as? String)
            }
            try expectFrameAccurate(r, id, replay: replay, start: start, end: end)
        }
        try expectFallbackOrAccurate(r, "head", 0.2, 1.5)
        // What happens today: the clip starting in the open GOP falls back, with the reason.
        #expect(r.clips["late"]?["mode_used"] as? String == "reencode")
        try expectFallbackOrAccurate(r, "late", 2.5, 3.8)
        // `span` crosses the open GOP and `at2` ends on its keyframe: a smart copy there would lose the
        // leading B-frames that refer to the GOP before, so they must fall back (or stay accurate).
        try expectFallbackOrAccurate(r, "span", 0.5, 3.5)
        try expectFallbackOrAccurate(r, "at2", 1.0, 2.0)
        // Re-encoding (what the fallback does) must get every frame too: the decoder is not reset at a GOP
        // end in an open-GOP replay, where the next GOP's leading pictures may belong to the clip.
        let re = try ClipRun.cut(replay, cues: cues, in: dir, name: "reencode", ["--mode", "reencode"])
        try expectFallbackOrAccurate(re, "late", 2.5, 3.8)
        try expectFallbackOrAccurate(re, "span", 0.5, 3.5)
        try expectFallbackOrAccurate(re, "at2", 1.0, 2.0)
    }

    // MARK: - Loudness

    @Test func loudnessOffLeavesTheLevel() throws {
        let dir = try TestSupport.tempDir("edge-loudoff")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("quiet.mp4")
        try F.replay(replay, seconds: 5, size: "320x180", audio: .quietSpeechLike)
        // The source's level over the cue range, measured by ffmpeg on the decoded range.
        let segment = dir.appendingPathComponent("segment.wav")
        try F.ffmpeg(["-ss", "0.5", "-to", "4.5", "-i", replay.path, "-map", "0:a:0", "-c:a", "pcm_s16le", segment.path])
        let source = try F.loudness(segment).integrated
        try #require(source < -25, "the quiet fixture measured \(source) LUFS")
        for mode in ["smart", "reencode"] {
            let r = try ClipRun.cut(replay, cues: "id,start,end\na,0.5,4.5\n", in: dir, name: mode, ["--mode", mode, "--loudness", "off"])
            #expect(r.run.status == 0, "\(mode): \(r.run.stderr)")
            let clip = try F.loudness(r.file("a")).integrated
            #expect(abs(clip - source) <= 0.5, "\(mode): clip \(clip) LUFS, source range \(source) LUFS")
            let gain = r.clips["a"]?["gain_db"] as? Double
            #expect(gain == nil || abs(gain!) < 0.01, "\(mode): gainDB \(gain ?? .nan)")
        }
    }
}
