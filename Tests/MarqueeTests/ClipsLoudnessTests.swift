import Foundation
import Testing

/// `clips cut` on replays whose sound has a high peak-to-loudness ratio: the clip reaches -14 LUFS
/// (ffmpeg's `ebur128` on the clip file) with its true peak under the ceiling, or clips.json and the
/// summary say why not and what was reached.
@Suite struct ClipsLoudnessTests {
    typealias F = ClipFixtures

    /// A 320x180 H.264 replay of `seconds` with `signal`'s sound as AAC.
    static func replay(_ url: URL, _ signal: LoudnessTests.Signal, seconds: Int) throws {
        try F.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=\(seconds)",
                      "-filter_complex", signal.graph, "-map", "0:v:0", "-map", "[a]"]
                     + F.h264(gop: 60, bframes: 2) + ["-c:a", "aac", "-b:a", "192k", "-t", "\(seconds)", url.path])
    }

    @Test(arguments: [LoudnessTargetTests.speechWithClaps, LoudnessTargetTests.tonesWithTransients])
    func clipsOfPeakyAudioReachTheTarget(_ signal: LoudnessTests.Signal) throws {
        let dir = try TestSupport.tempDir("clips-loud-\(signal.name)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try Self.replay(replay, signal, seconds: 12)
        let r = try ClipRun.cut(replay, cues: "id,start,end\na,1,11\n", in: dir, ["--mode", "smart"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        let loud = try F.loudness(r.file("a"))
        let clip = try #require(r.clips["a"])
        let before = (clip["loudness_before"] as? [String: Double]) ?? [:]
        print(String(format: "clips loudness %@: before %.2f LUFS / %.2f dBTP, clip (ffmpeg) %.2f LUFS / %.2f dBTP, gain %@ dB",
                     signal.name, before["integrated_lufs"] ?? .nan, before["true_peak_dbtp"] ?? .nan, loud.integrated, loud.truePeak,
                     "\(clip["gain_db"] ?? "?")"))
        #expect(abs(loud.integrated - -14) <= 0.5, "clip at \(loud.integrated) LUFS")
        #expect(loud.truePeak <= -1.0, "true peak \(loud.truePeak) dBTP")   // AAC adds a little over the PCM's -1.6
        #expect((clip["warnings"] as? [String])?.isEmpty == true, "\(clip["warnings"] ?? "")")
    }

    @Test func unreachableTargetIsAWarningInClipsJSONAndTheSummary() throws {
        let dir = try TestSupport.tempDir("clips-loud-clicks")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try Self.replay(replay, LoudnessTargetTests.clickTrain, seconds: 8)
        let r = try ClipRun.cut(replay, cues: "id,start,end\na,1,7\n", in: dir, ["--mode", "smart"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        let clip = try #require(r.clips["a"])
        let warnings = clip["warnings"] as? [String] ?? []
        let warning = try #require(warnings.first { $0.hasPrefix("loudness reached") }, "warnings: \(warnings)")
        let after = try #require((clip["loudness_after"] as? [String: Double])?["integrated_lufs"])
        #expect(warning.contains(String(format: "%.1f LUFS", after)), "\(warning) vs \(after)")
        #expect(warning.contains("-14.0 LUFS target") && warning.contains("true peak"))
        #expect(after < -14.5)
        #expect(abs(try F.loudness(r.file("a")).integrated - after) <= 0.5)
        #expect(r.run.stdout.contains("warning: loudness reached"), "\(r.run.stdout)")
    }
}
