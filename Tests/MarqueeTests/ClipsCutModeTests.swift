import Foundation
import Testing

/// `marquee clips cut` in each mode, checked by ffmpeg/ffprobe: frame accuracy, frame counts (no frame
/// lost or repeated at a smart cut's seams), durations, moov first, clean decode, loudness and A/V start.
@Suite struct ClipsCutModeTests {
    static let fps = 30.0
    /// Cue `mid` starts and ends inside GOPs (keyframes every 2 s); `aligned` starts on a keyframe;
    /// `overlap` overlaps `mid`.
    static let cues = "id,start,end,title\nmid,1.5,4.2,Mid\naligned,2.0,3.5,Aligned\noverlap,3.0,00:00:05.000,Overlap\n"

    func expectGoodClip(_ r: ClipRun.Result, _ id: String, replay: URL, start: Double, end: Double, exactFrames: Bool = true) throws {
        let file = r.file(id)
        #expect(FileManager.default.fileExists(atPath: file.path), "\(id).mp4 missing: \(r.run.stderr)")
        let frames = try ClipRun.count(file)
        let expected = Int(((end - start) * Self.fps).rounded())
        if exactFrames { #expect(frames == expected, "\(id): \(frames) frames, expected \(expected)") }
        let d = try ClipFixtures.duration(file)
        #expect(abs(d - (end - start)) <= 1 / Self.fps + 0.001, "\(id): duration \(d) for a \(end - start) s cue")
        #expect(try ClipFixtures.moovBeforeMdat(file), "\(id): moov after mdat")
        #expect(try ClipFixtures.decodeErrors(file).isEmpty, "\(id): decode errors")
        let first = try ClipFixtures.firstFramePSNR(clip: file, replay: replay, at: start)
        #expect(first >= 40, "\(id): first frame PSNR \(first) dB against the replay at \(start) s")
        let psnrs = try ClipRun.framePSNRs(clip: file, replay: replay, start: start, frames: frames)
        #expect(psnrs.count == frames)
        #expect((psnrs.min() ?? 0) >= 35, "\(id): a frame differs from the replay's (min PSNR \(psnrs.min() ?? 0)): lost or repeated frame")
        let (v, a) = try ClipFixtures.startOffsets(file)
        #expect(abs(v - (a ?? v)) <= 1 / Self.fps, "\(id): video starts at \(v), audio at \(a ?? -1)")
        let loud = try ClipFixtures.loudness(file)
        #expect(abs(loud.integrated - -14) <= 1, "\(id): \(loud.integrated) LUFS, target -14")
        #expect(loud.truePeak <= -1.5 + 0.5, "\(id): true peak \(loud.truePeak) dBTP")
    }

    @Test func smartCutIsFrameAccurateAndCopiesTheMiddle() throws {
        let dir = try TestSupport.tempDir("clips-smart")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 6, size: "320x180", audio: .quietSpeechLike)
        let r = try ClipRun.cut(replay, cues: Self.cues, in: dir, ["--mode", "smart"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        try expectGoodClip(r, "mid", replay: replay, start: 1.5, end: 4.2)
        try expectGoodClip(r, "aligned", replay: replay, start: 2.0, end: 3.5)
        try expectGoodClip(r, "overlap", replay: replay, start: 3.0, end: 5.0)
        let mid = try #require(r.clips["mid"])
        #expect(mid["mode_used"] as? String == "smart")
        let encoded = mid["frames_encoded"] as? Int ?? -1, total = mid["frames"] as? Int ?? -1
        // Head 1.5–2.0 (15 frames) and tail 4.0–4.2 (6 frames) re-encoded; 2.0–4.0 copied.
        #expect(encoded > 0 && encoded < total / 2, "mid: \(encoded) of \(total) frames encoded")
        let before = (mid["loudness_before"] as? [String: Double])?["integrated_lufs"] ?? 0
        #expect(before < -25, "the quiet source measured \(before) LUFS before normalising")
        // The copied middle is the replay's own bitstream: packets of the same sizes.
        let src = try ClipFixtures.packets(replay).filter { $0.pts >= 2.0 - 0.001 && $0.pts < 4.0 - 0.001 }.map(\.size).sorted()
        let out = try ClipFixtures.packets(r.file("mid")).filter { $0.pts >= 0.5 - 0.001 && $0.pts < 2.5 - 0.001 }.map(\.size).sorted()
        #expect(src == out, "the middle GOP was not stream-copied")
        #expect(!FileManager.default.fileExists(atPath: r.out.path + "/mid.mp4.part"))
    }

    /// A smart cut's tail whose end falls inside a B-frame group (the frames shown just before the end refer
    /// to one shown after it): the GOP's longest decode-order prefix that holds exactly the frames shown before
    /// an earlier boundary is copied and only the frames from there to the end are re-encoded (at most the
    /// B-frame count); before, the whole tail from its keyframe was re-encoded (about 45 frames here).
    @Test func smartTailReencodesOnlyTheFramesAfterTheLastWholeBFrameGroup() throws {
        let dir = try TestSupport.tempDir("clips-smart-tail")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 6, size: "320x180", bframes: 2, audio: .quietSpeechLike)
        // The GOP from 2.0 s in decode order; an end time whose decode-order prefix also holds a later frame.
        let gop = try ClipFixtures.packets(replay).filter { $0.pts >= 2.0 - 0.001 && $0.pts < 4.0 - 0.001 }
        let end = try #require(gop.map(\.pts).sorted().first { t in
            guard t >= 3.4, let last = gop.lastIndex(where: { $0.pts < t - 0.001 }) else { return false }
            return gop[...last].contains { $0.pts > t - 0.001 }
        }, "no end inside a B-frame group in the replay's GOP at 2 s")
        let r = try ClipRun.cut(replay, cues: "id,start,end\ntail,2.0,\(end)\n", in: dir, ["--mode", "smart"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        try expectGoodClip(r, "tail", replay: replay, start: 2.0, end: end)
        let clip = try #require(r.clips["tail"])
        let encoded = clip["frames_encoded"] as? Int ?? -1
        #expect(encoded >= 1 && encoded <= 2, "tail ending at \(end) s: \(encoded) frames re-encoded (at most the 2 B-frames)")
        // Everything before the re-encoded frames is the replay's own bitstream.
        var clipSizes = try ClipFixtures.packets(r.file("tail")).map(\.size)
        for p in gop where p.pts < end - 0.001 - Double(encoded) / Self.fps {
            let i = clipSizes.firstIndex(of: p.size)
            #expect(i != nil, "the replay's packet at \(p.pts) s (\(p.size) bytes) was not copied")
            if let i { clipSizes.remove(at: i) }
        }
    }

    @Test func reencodeIsFrameAccurate() throws {
        let dir = try TestSupport.tempDir("clips-reencode")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 6, size: "320x180")
        let r = try ClipRun.cut(replay, cues: Self.cues, in: dir, ["--mode", "reencode"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        try expectGoodClip(r, "mid", replay: replay, start: 1.5, end: 4.2)
        try expectGoodClip(r, "overlap", replay: replay, start: 3.0, end: 5.0)
        #expect(r.clips["mid"]?["frames_encoded"] as? Int == 81)
    }

    @Test func copyCutsOnTheKeyframeBeforeAndSaysWhere() throws {
        let dir = try TestSupport.tempDir("clips-copy")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 6, size: "320x180")
        let r = try ClipRun.cut(replay, cues: Self.cues, in: dir, ["--mode", "copy"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        let mid = try #require(r.clips["mid"])
        #expect(abs((mid["actual_start_s"] as? Double ?? -1) - 0.0) < 0.001, "copy of a cue at 1.5 s starts on the keyframe at 0 s")
        #expect(mid["frames_encoded"] as? Int == 0)
        let file = r.file("mid")
        #expect(try ClipFixtures.firstFramePSNR(clip: file, replay: replay, at: 0) == .infinity, "copied frames are the replay's")
        #expect(try ClipFixtures.decodeErrors(file).isEmpty)
        #expect(try ClipFixtures.moovBeforeMdat(file))
        let frames = try ClipRun.count(file)
        #expect(frames >= 126 && frames <= 129, "copy 0–4.2 s: \(frames) frames (whole frames up to the cue's end, plus the references they need)")
        let aligned = try #require(r.clips["aligned"])
        #expect(abs((aligned["actual_start_s"] as? Double ?? -1) - 2.0) < 0.001)
    }
}
