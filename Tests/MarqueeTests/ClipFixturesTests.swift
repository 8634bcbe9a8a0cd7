import Foundation
import Testing

/// The clip-test media makers make what they claim, and the checkers read known files right;
/// ffprobe and ffmpeg are the referee.
@Suite struct ClipFixturesTests {
    typealias F = ClipFixtures

    func near(_ a: Double, _ b: Double, _ tolerance: Double = 0.002) -> Bool { abs(a - b) <= tolerance }

    // MARK: Generators

    @Test func replayIsH264HighWithFixedClosedGOPsAndAAC() throws {
        let dir = try TestSupport.tempDir("fx-replay")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("r.mp4")
        try F.replay(url, seconds: 3, size: "320x180", rate: 30, gop: 25, bframes: 2)

        let streams = try F.streams(url)
        #expect(streams.map { $0["codec_type"] as? String } == ["video", "audio"])
        let v = streams[0], a = streams[1]
        #expect(v["codec_name"] as? String == "h264" && v["profile"] as? String == "High" && v["pix_fmt"] as? String == "yuv420p")
        #expect(v["width"] as? Int == 320 && v["height"] as? Int == 180 && v["r_frame_rate"] as? String == "30/1")
        #expect(a["codec_name"] as? String == "aac" && a["channels"] as? Int == 2 && a["sample_rate"] as? String == "48000")

        let frames = try F.frames(url)
        #expect(frames.count == 90)
        let keys = frames.enumerated().filter(\.element.key).map(\.offset)
        #expect(keys == [0, 25, 50, 75])                                    // every `gop` frames, no extra scene-cut keys
        #expect(keys.allSatisfy { frames[$0].pictType == "I" })
        #expect(frames.contains { $0.pictType == "B" })
        #expect(F.displayDurations(frames).allSatisfy { near($0, 1.0 / 30, 0.0005) })
        #expect(near(try F.duration(url), 3, 0.01))

        // Closed GOPs: no B-frame after a keyframe in decode order shows before it.
        let packets = try F.packets(url)
        for (i, p) in packets.enumerated() where p.key && i > 0 {
            let later = packets[(i + 1)...].prefix(5)
            #expect(later.allSatisfy { $0.pts > p.pts }, "open GOP at packet \(i)")
        }

        // Without B-frames there are none.
        let flat = dir.appendingPathComponent("flat.mp4")
        try F.replay(flat, seconds: 1, size: "320x180", bframes: 0, audio: .none)
        #expect(try F.frames(flat).allSatisfy { $0.pictType != "B" })
        #expect(try F.streams(flat).count == 1)
    }

    @Test func everyFrameIsDifferentAndFoundAgainByPSNR() throws {
        let dir = try TestSupport.tempDir("fx-frames")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("r.mp4")
        try F.replay(url, seconds: 2, size: "320x180", audio: .none)
        let pictures = try (0..<6).map { try F.frameImage(url, index: 28 + $0) }
        #expect(pictures.allSatisfy { $0.count == 320 * 180 })
        for (a, b) in zip(pictures, pictures.dropFirst()) {
            #expect(F.psnr(a, b) < 35, "neighbouring frames look alike: \(F.psnr(a, b)) dB")
        }
        #expect(F.psnr(pictures[2], pictures[2]) == .infinity)
        // By time and by number: frame 30 is the one at 1.0 s.
        #expect(try F.frameImage(url, at: 1.0) == pictures[2])
        #expect(try F.frameImage(url, at: 1.0, pixelFormat: .rgb24).count == 320 * 180 * 3)
        #expect(try F.frameImage(url, index: 30, size: "64x36").count == 64 * 36)
    }

    @Test func audioKindsHaveTheirChannelsAndLoudness() throws {
        let dir = try TestSupport.tempDir("fx-audio")
        defer { try? FileManager.default.removeItem(at: dir) }
        let tone = dir.appendingPathComponent("tone.m4a"), surround = dir.appendingPathComponent("51.mp4")
        let quiet = dir.appendingPathComponent("quiet.m4a")
        try F.noVideoReplay(tone, seconds: 3, audio: .stereoTone)
        try F.replay(surround, seconds: 3, size: "320x180", audio: .surround51)
        try F.noVideoReplay(quiet, seconds: 4, audio: .quietSpeechLike)

        #expect(try F.streams(tone).map { $0["codec_type"] as? String } == ["audio"])    // no video at all
        let six = try F.streams(surround).first { $0["codec_type"] as? String == "audio" }
        #expect(six?["channels"] as? Int == 6 && six?["channel_layout"] as? String == "5.1")

        let l1 = try F.loudness(tone), l2 = try F.loudness(surround), l3 = try F.loudness(quiet)
        #expect(near(l1.integrated, -25, 1), "\(l1)")
        #expect(near(l1.truePeak, -24.4, 1), "\(l1)")                         // a 0.06 sine, faded in: no codec overshoot
        #expect(near(l2.integrated, -25, 2), "\(l2)")
        #expect(near(l3.integrated, -35, 1.5), "\(l3)")
        #expect(l3.truePeak < -20)

        // The surround channels really differ: each carries its own tone.
        let fc = dir.appendingPathComponent("fc.wav"), fl = dir.appendingPathComponent("fl.wav")
        try F.ffmpeg(["-i", surround.path, "-filter_complex", "[0:a:0]channelsplit=channel_layout=5.1:channels=FL+FC[l][c]",
                      "-map", "[l]", fl.path, "-map", "[c]", fc.path])
        #expect(try Data(contentsOf: fc) != Data(contentsOf: fl))
    }

    @Test func vfrReplayHasVaryingFrameDurations() throws {
        let dir = try TestSupport.tempDir("fx-vfr")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("vfr.mp4")
        try F.vfrReplay(url, seconds: 2)
        let shown = F.displayDurations(try F.frames(url)).dropLast()
        #expect(shown.contains { near($0, 1.0 / 30) })
        #expect(shown.contains { near($0, 3.0 / 30) })
        #expect(shown.allSatisfy { near($0, 1.0 / 30) || near($0, 3.0 / 30) })
        let v = try F.streams(url)[0]
        #expect(v["avg_frame_rate"] as? String != v["r_frame_rate"] as? String, "\(v)")
        #expect(try F.frames(url).count == 36)                              // 3 of every 5 of 60
    }

    @Test func rotatedReplayCarriesADisplayMatrix() throws {
        let dir = try TestSupport.tempDir("fx-rot")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("rot.mp4")
        try F.rotatedReplay(url, degrees: 90, seconds: 1, size: "320x180")
        let v = try F.streams(url)[0]
        let side = v["side_data_list"] as? [[String: Any]] ?? []
        let rotation = side.compactMap { $0["rotation"] as? Int }.first
        #expect(rotation.map { abs($0) } == 90, "\(side)")
        #expect(v["width"] as? Int == 320 && v["height"] as? Int == 180)        // stored as made, shown turned
        let plain = dir.appendingPathComponent("plain.mp4")
        try F.replay(plain, seconds: 1, size: "320x180")
        #expect((try F.streams(plain)[0]["side_data_list"] as? [[String: Any]] ?? []).allSatisfy { $0["rotation"] == nil })
    }

    @Test func negativeStartReplayHasAnEditListAndStartsAtTheCutFrame() throws {
        let dir = try TestSupport.tempDir("fx-neg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("neg.mp4")
        try F.negativeStartReplay(url, cut: 1.5, seconds: 3)
        let packets = try F.packets(url)
        #expect((packets.first?.pts ?? 0) < -1, "\(packets.prefix(3))")   // from the keyframe at 0 s of the source
        #expect(packets.first?.discard == true && packets.first?.key == true)
        #expect(packets.filter(\.discard).count == 45)                       // 1.5 s × 30 fps hidden by the edit list
        #expect(near(try F.startOffsets(url).video, 0))

        // The first frame shown is the source's frame at 1.5 s (stream copy: the very same pixels).
        let source = dir.appendingPathComponent("src.mp4")
        try F.replay(source, seconds: 3, size: "320x180", gop: 60)
        #expect(try F.firstFramePSNR(clip: url, replay: source, at: 1.5) > 50)
        #expect(try F.firstFramePSNR(clip: url, replay: source, at: 1.0) < 30)
    }

    @Test func offsetStartReplayStartsLate() throws {
        let dir = try TestSupport.tempDir("fx-off")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("off.mp4")
        try F.offsetStartReplay(url, offset: 2, seconds: 2)
        let starts = try F.startOffsets(url)
        #expect(near(starts.video, 2))
        #expect(starts.audio.map { $0 < starts.video && $0 > 1.9 } == true, "\(starts)")
        let v = try F.streams(url)[0]
        #expect(near(F.number(v["start_time"]) ?? 0, 2))
    }

    @Test func dataStreamReplayHasSubtitleAndTimecodeTracks() throws {
        let dir = try TestSupport.tempDir("fx-data")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("data.mp4")
        try F.dataStreamReplay(url, seconds: 2)
        let s = try F.streams(url)
        #expect(s.map { $0["codec_type"] as? String } == ["video", "audio", "subtitle", "data"])
        #expect(s[2]["codec_name"] as? String == "mov_text")
        #expect((s[3]["tags"] as? [String: Any])?["timecode"] as? String == "01:00:00:00")
        #expect(try F.decodeErrors(url) == "")
    }

    @Test func damagedReplaysFailToDecodeCleanly() throws {
        let dir = try TestSupport.tempDir("fx-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cut = dir.appendingPathComponent("cut.mp4"), bad = dir.appendingPathComponent("bad.mp4")
        let good = dir.appendingPathComponent("good.mp4")
        try F.truncatedReplay(cut, fraction: 0.6, seconds: 3)
        try F.corruptedReplay(bad, seconds: 3)
        try F.replay(good, seconds: 3, size: "320x180", extraArgs: ["-movflags", "+faststart"])
        #expect(try F.decodeErrors(good) == "")
        let cutErrors = try F.decodeErrors(cut), badErrors = try F.decodeErrors(bad)
        #expect(!cutErrors.isEmpty)
        #expect(!badErrors.isEmpty)
        #expect(try F.moovBeforeMdat(cut))                                   // the index survived: readable, but short of data
        let goodSize = try Data(contentsOf: good).count
        #expect(abs(Double(try Data(contentsOf: cut).count) / Double(goodSize) - 0.6) < 0.01)
        // The corruption is the same every run.
        let bad2 = dir.appendingPathComponent("bad2.mp4")
        try F.corruptedReplay(bad2, seconds: 3)
        #expect(try Data(contentsOf: bad) == Data(contentsOf: bad2))
    }

    @Test func nonH264ReplaysUseOtherCodecs() throws {
        let dir = try TestSupport.tempDir("fx-codec")
        defer { try? FileManager.default.removeItem(at: dir) }
        let m4 = dir.appendingPathComponent("mpeg4.mp4"), vp9 = dir.appendingPathComponent("vp9.mkv")
        try F.nonH264Replay(m4, codec: .mpeg4, seconds: 1)
        try F.nonH264Replay(vp9, codec: .vp9, seconds: 1)
        #expect(try F.streams(m4).map { $0["codec_name"] as? String } == ["mpeg4", "aac"])
        #expect(try F.streams(vp9).map { $0["codec_name"] as? String } == ["vp9", "aac"])
        #expect(near(try F.duration(vp9), 1, 0.05))                        // Matroska has no per-stream duration: from frames
    }

    // MARK: Checkers

    @Test func moovBeforeMdatFollowsFaststart() throws {
        let dir = try TestSupport.tempDir("fx-moov")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fast = dir.appendingPathComponent("fast.mp4"), slow = dir.appendingPathComponent("slow.mp4")
        try F.replay(fast, seconds: 1, size: "320x180", extraArgs: ["-movflags", "+faststart"])
        try F.replay(slow, seconds: 1, size: "320x180")
        #expect(try F.moovBeforeMdat(fast))
        #expect(try !F.moovBeforeMdat(slow))
        let boxes = try F.topLevelBoxes(slow)
        #expect(boxes.first?.type == "ftyp")
        #expect(boxes.last.map { $0.offset + $0.size } == (try Data(contentsOf: slow).count))   // boxes tile the file
    }

    @Test func firstFramePSNRFindsTheCutFrameAlsoThroughACropAndScale() throws {
        let dir = try TestSupport.tempDir("fx-psnr")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4"), clip = dir.appendingPathComponent("clip.mp4")
        try F.replay(replay, seconds: 2, size: "640x360", audio: .none)
        #expect(try F.firstFramePSNR(clip: replay, replay: replay, at: 0) == .infinity)
        #expect(try F.firstFramePSNR(clip: replay, replay: replay, at: 1) < 30)

        // A vertical clip cut (re-encoded) at 1.0 s: a centre crop scaled up, as the clip engine makes them.
        let vertical = "crop=202:360:219:0,scale=216:384"
        try F.ffmpeg(["-ss", "1", "-i", replay.path, "-t", "0.5", "-vf", vertical] + F.h264(gop: 30, bframes: 0) + [clip.path])
        let right = try F.firstFramePSNR(clip: clip, replay: replay, at: 1, sourceFilter: vertical)
        let early = try F.firstFramePSNR(clip: clip, replay: replay, at: 1 - 1.0 / 30, sourceFilter: vertical)
        let late = try F.firstFramePSNR(clip: clip, replay: replay, at: 1 + 1.0 / 30, sourceFilter: vertical)
        #expect(right > 38, "\(right)")
        #expect(right > early + 5 && right > late + 5, "right \(right), one frame early \(early), late \(late)")
        // Without the same crop the sizes differ and ffmpeg says so.
        #expect(throws: F.ToolError.self) { try F.firstFramePSNR(clip: clip, replay: replay, at: 1) }
    }

    @Test func missingToolsSayRunMakeSetup() {
        do {
            try F.run("/usr/bin/no-such-ffmpeg", ["-version"])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("run `make setup`"))
        }
        do {
            try F.ffmpeg(["-i", "/nonexistent/in.mp4", "/tmp/never.mp4"])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("No such file or directory"))
            #expect("\(error)".contains("run `make setup`"))
        }
    }
}
