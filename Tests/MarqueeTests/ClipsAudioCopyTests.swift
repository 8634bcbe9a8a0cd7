import Foundation
import Testing

/// Audio that needs no change is copied, not decoded and re-encoded: with loudness normalisation off
/// (`--loudness off`), or when the clip already measures within the target's tolerance under its
/// true-peak ceiling. Checked with ffmpeg: the clip's audio packets are the replay's own (same MD5s, in
/// order) and keep their place against the video (A/V sync).
@Suite struct ClipsAudioCopyTests {
    /// Cue `mid` starts and ends inside GOPs (keyframes every 2 s).
    static let cues = "id,start,end\nmid,1.5,4.2\n"

    struct AudioPacket: Equatable { let pts: Double; let hash: String }

    /// The packets of a file's first audio stream as ffmpeg's `framemd5` lists them (stream copy).
    static func audioPackets(_ url: URL) throws -> [AudioPacket] {
        let out = try ClipFixtures.run(ClipFixtures.ffmpegPath, ["-hide_banner", "-nostdin", "-v", "error", "-i", url.path,
                                                               "-map", "0:a:0", "-c", "copy", "-f", "framemd5", "-"])
        let text = String(decoding: out.stdout, as: UTF8.self)
        var scale = 1.0
        var packets: [AudioPacket] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#tb 0: 1/"), let d = Double(line.dropFirst("#tb 0: 1/".count)) { scale = 1 / d; continue }
            guard !line.hasPrefix("#") else { continue }
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count >= 6, let pts = Double(f[2]) else { continue }
            packets.append(AudioPacket(pts: pts * scale, hash: f[5]))
        }
        return packets
    }

    /// The clip's audio is a run of the replay's packets, and each sits where it sat against the video.
    func expectCopiedInSync(_ r: ClipRun.Result, _ id: String, replay: URL) throws {
        let clip = try #require(r.clips[id], "\(id) missing: \(r.run.stderr)")
        let streams = clip["streams"] as? [[String: Any]] ?? []
        let audio = try #require(streams.first { $0["type"] as? String == "audio" })
        #expect(audio["method"] as? String == "copy", "\(id): audio \(audio)")
        let source = try Self.audioPackets(replay), copied = try Self.audioPackets(r.file(id))
        let first = try #require(copied.first, "\(id): no audio packets")
        let at = try #require(source.firstIndex { $0.hash == first.hash }, "\(id): the first audio packet is not the replay's")
        #expect(copied.count > 70, "\(id): \(copied.count) audio packets for 2.7 s")
        #expect(Array(source[at..<min(source.count, at + copied.count)]).map(\.hash) == copied.map(\.hash),
                "\(id): the audio packets are not the replay's, in order")
        // Sync: a packet's time in the clip is its time in the replay minus where the clip's video starts.
        let start = try #require(clip["actual_start_s"] as? Double)
        let videoShift = try ClipFixtures.startOffsets(replay).video + start - ClipFixtures.startOffsets(r.file(id)).video
        for (s, c) in zip(source[at...], copied) {
            #expect(abs((s.pts - c.pts) - videoShift) < 0.001, "\(id): audio packet at \(s.pts) s in the replay is at \(c.pts) s in the clip, video shifted by \(videoShift) s")
        }
        // The copy starts on the first packet boundary at or after the clip's start: within one AAC frame.
        #expect(first.pts >= -0.0005 && first.pts < 1024.0 / 48000 + 0.0005, "\(id): audio starts at \(first.pts) s")
        let (v, a) = try ClipFixtures.startOffsets(r.file(id))
        #expect(abs(v - (a ?? -1)) <= 1 / 30.0, "\(id): video starts at \(v), audio at \(a ?? -1)")
    }

    @Test(arguments: ["smart", "reencode"])
    func loudnessOffCopiesTheAudioPackets(_ mode: String) throws {
        let dir = try TestSupport.tempDir("clips-audio-copy-\(mode)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 6, size: "320x180")
        let r = try ClipRun.cut(replay, cues: Self.cues, in: dir, ["--mode", mode, "--loudness", "off"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        try expectCopiedInSync(r, "mid", replay: replay)
        #expect(try ClipFixtures.decodeErrors(r.file("mid")).isEmpty)
    }

    @Test func audioAlreadyAtTheTargetIsCopiedAndAudioBelowItIsEncoded() throws {
        let dir = try TestSupport.tempDir("clips-audio-at-target")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 6, size: "320x180")
        let level = try ClipFixtures.loudness(replay).integrated
        let target = String(format: "%.1f", level)
        let r = try ClipRun.cut(replay, cues: Self.cues, in: dir, ["--mode", "smart", "--loudness=\(target)"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        try expectCopiedInSync(r, "mid", replay: replay)
        let clip = try #require(r.clips["mid"])
        let before = (clip["loudness_before"] as? [String: Double])?["integrated_lufs"]
        let after = (clip["loudness_after"] as? [String: Double])?["integrated_lufs"]
        #expect(before != nil && before == after, "copied audio: loudness before \(before ?? .nan), after \(after ?? .nan)")
        // 6 LU under the target is a change to make: decoded, normalised, encoded.
        let louder = try ClipRun.cut(replay, cues: Self.cues, in: dir, name: "louder", ["--mode", "smart", String(format: "--loudness=%.1f", level + 6)])
        let streams = louder.clips["mid"]?["streams"] as? [[String: Any]] ?? []
        #expect(streams.first { $0["type"] as? String == "audio" }?["method"] as? String == "encode", "\(louder.run.stderr)")
        // A linear gain: the loudness after is derived from the first measurement (no second meter),
        // and it is what ffmpeg's ebur128 measures on the clip file (AAC moves it a little).
        let gained = (louder.clips["mid"]?["loudness_after"] as? [String: Double]) ?? [:]
        let file = try ClipFixtures.loudness(louder.file("mid"))
        #expect(abs((gained["integrated_lufs"] ?? .nan) - (level + 6)) <= 0.1, "\(gained)")
        #expect(abs((gained["integrated_lufs"] ?? .nan) - file.integrated) <= 0.3, "\(gained) vs ffmpeg \(file.integrated)")
        // The true peak is the PCM's before AAC, which moves peaks by up to a few dB on this noise: not compared.
        #expect((gained["true_peak_dbtp"] ?? .nan) < file.truePeak + 3, "\(gained) vs ffmpeg \(file.truePeak) dBTP")
    }
}
