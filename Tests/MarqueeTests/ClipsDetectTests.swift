import Foundation
import Testing

/// `marquee clips detect` on a video assembled from known shots: the scene finder's cuts are scored
/// against the known cut points (F1, tolerance one frame), and the cue sheet it writes feeds `clips cut`.
@Suite struct ClipsDetectTests {
    /// Shots of different kinds and lengths (seconds), joined with hard cuts at 25 fps.
    static let shots: [(String, Double)] = [
        ("testsrc2=s=320x180:r=25", 2.0), ("smptebars=s=320x180:r=25", 1.2), ("mandelbrot=s=320x180:r=25", 3.0),
        ("rgbtestsrc=s=320x180:r=25", 1.0), ("cellauto=s=320x180:r=25:rule=110", 2.4), ("testsrc=s=320x180:r=25", 1.6),
        ("life=s=320x180:r=25:mold=10:ratio=0.2", 2.0), ("color=c=0x3050a0:s=320x180:r=25", 1.4),
        ("smptehdbars=s=320x180:r=25", 2.2), ("mandelbrot=s=320x180:r=25:start_scale=1", 1.8),
        ("color=c=0xd08020:s=320x180:r=25", 1.0), ("testsrc2=s=320x180:r=25:alpha=128", 2.6),
        ("yuvtestsrc=s=320x180:r=25", 1.5), ("cellauto=s=320x180:r=25:rule=30", 3.0),
    ]

    @Test func sceneCutsOfAssembledShotsHaveF1AtLeast09() throws {
        let dir = try TestSupport.tempDir("clips-detect")
        defer { try? FileManager.default.removeItem(at: dir) }
        let video = dir.appendingPathComponent("shots.mp4")
        var args: [String] = []
        for (src, d) in Self.shots { args += ["-f", "lavfi", "-t", "\(d)", "-i", src] }
        let total = Self.shots.map(\.1).reduce(0, +)
        args += ["-f", "lavfi", "-t", "\(total)", "-i", "sine=f=300:sample_rate=48000"]
        let chains = Self.shots.indices.map { "[\($0):v]format=yuv420p,setsar=1,fps=25,settb=1/25[v\($0)]" }
        let joined = Self.shots.indices.map { "[v\($0)]" }.joined() + "concat=n=\(Self.shots.count):v=1:a=0[v]"
        args += ["-filter_complex", (chains + [joined]).joined(separator: ";"), "-map", "[v]", "-map", "\(Self.shots.count):a",
                 "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", video.path]
        try ClipFixtures.ffmpeg(args)
        var known: [Double] = []
        var t = 0.0
        for (_, d) in Self.shots.dropLast() { t += d; known.append(t) }

        let sheet = dir.appendingPathComponent("cues.csv")
        let run = try TestSupport.run(["clips", "detect", video.path, "--finders", "scene", "--min-length", "0.5",
                                       "--max-length", "10", "--out", sheet.path])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("detect.json"))) as? [String: Any]
        let finders = report?["cuts"] as? [[String: Any]] ?? []
        let cuts = finders.first { $0["finder"] as? String == "scene" }?["at_s"] as? [Double] ?? []
        let tolerance = 1.0 / 25 + 0.001
        var unmatched = known
        var truePositives = 0
        for c in cuts {
            if let i = unmatched.firstIndex(where: { abs($0 - c) <= tolerance }) { unmatched.remove(at: i); truePositives += 1 }
        }
        let precision = cuts.isEmpty ? 0 : Double(truePositives) / Double(cuts.count)
        let recall = Double(truePositives) / Double(known.count)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        print("clips detect: \(known.count) known cuts, \(cuts.count) found, precision \(precision), recall \(recall), F1 \(f1)")
        #expect(f1 >= 0.9, "F1 \(f1): found \(cuts), known \(known)")

        // The sheet is a cue sheet `clips cut` takes as it is.
        let text = try String(contentsOf: sheet, encoding: .utf8)
        #expect(text.hasPrefix("id,start,end"), "\(text.prefix(200))")
        let cut = try TestSupport.run(["clips", "cut", video.path, "--cues", sheet.path, "--mode", "copy",
                                       "--out", dir.appendingPathComponent("clips").path])
        #expect(cut.status == 0, "\(cut.stdout)\n\(cut.stderr)")
    }

    /// A replay cut short (a copy that stopped mid-way) still says in its header how long it was: the
    /// cues suggested end where it decodes, and a warning says so.
    @Test func truncatedReplaySuggestsCuesOnlyWhereItDecodes() throws {
        let dir = try TestSupport.tempDir("clips-detect-truncated")
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = dir.appendingPathComponent("full.mp4"), replay = dir.appendingPathComponent("truncated.mp4")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-t", "10", "-i", "testsrc=s=320x180:r=25", "-f", "lavfi", "-t", "10",
                                 "-i", "smptebars=s=320x180:r=25", "-f", "lavfi", "-t", "20", "-i", "sine=f=440",
                                 "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map", "[v]", "-map", "2:a",
                                 "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-c:a", "aac", "-movflags", "+faststart", full.path])
        let bytes = try Data(contentsOf: full)
        try bytes.prefix(bytes.count * 4 / 10).write(to: replay)
        let sheet = dir.appendingPathComponent("cues.csv")
        let run = try TestSupport.run(["clips", "detect", replay.path, "--min-length", "2", "--max-length", "30", "--out", sheet.path])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("detect.json"))) as? [String: Any])
        let duration = try #require(report["duration_s"] as? Double)
        #expect(duration > 2 && duration < 12, "duration \(duration): the decoded length, not the header's 20 s")
        let ends = (report["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["end_s"] as? Double }
        #expect(!ends.isEmpty && ends.allSatisfy { $0 <= duration + 0.001 }, "ends \(ends), decoded \(duration)")
        #expect((report["warnings"] as? [String] ?? []).contains { $0.contains("truncated") }, "\(report["warnings"] ?? "")")
    }
}
