import Foundation
import Testing

/// `marquee quality` on inputs as users have them: offsets, different sizes, subsampling, and bad
/// input (missing, unreadable, no video, shapes that do not scale, no frames in common).
@Suite(.serialized) struct QualityInputTests {
    let dir: URL
    let ref: URL

    init() throws {
        dir = try TestSupport.tempDir("quality-input")
        ref = dir.appendingPathComponent("ref.mkv")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-frames:v", "40",
                                 "-pix_fmt", "yuv420p", "-c:v", "ffv1", ref.path])
    }

    private func file(_ name: String) -> URL { dir.appendingPathComponent(name) }

    @Test func autoAlignFindsAKnownOffset() throws {
        let late = file("late.mkv")
        // The distorted copy starts 3 frames into the reference: reference frame n is its frame n-3.
        try ClipFixtures.ffmpeg(["-i", ref.path, "-vf", "trim=start_frame=3,setpts=PTS-STARTPTS", "-c:v", "libx264",
                                 "-crf", "20", late.path])
        let found = try QualityOracle.marquee([ref.path, late.path, "--metrics", "psnr", "--align", "auto"])
        let compared = found.doc["compared"] as? [String: Any]
        #expect(compared?["offset_frames"] as? Int == -3)
        let psnr = (found.pooled["psnr_y"]?["average"] as? NSNumber)?.doubleValue ?? 0
        let unaligned = try QualityOracle.marquee([ref.path, late.path, "--metrics", "psnr"])
        let worse = (unaligned.pooled["psnr_y"]?["average"] as? NSNumber)?.doubleValue ?? 99
        #expect(psnr > worse + 5, "aligned \(psnr) dB should beat unaligned \(worse) dB")
        let given = try QualityOracle.marquee([ref.path, late.path, "--metrics", "psnr", "--offset=-3"])
        #expect((given.pooled["psnr_y"]?["average"] as? NSNumber)?.doubleValue == psnr)
    }

    @Test func differentSizeIsScaledAndSaidSo() throws {
        let small = file("small.mp4")
        try ClipFixtures.ffmpeg(["-i", ref.path, "-vf", "scale=160:90", "-c:v", "libx264", "-crf", "18", small.path])
        let r = try QualityOracle.marquee([ref.path, small.path, "--metrics", "psnr,ssim"])
        let warnings = r.doc["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("scaled to the reference size 320x180") })
        #expect(r.frames.count == 40)
    }

    @Test func subsampleAndFrameLimit() throws {
        let r = try QualityOracle.marquee([ref.path, ref.path, "--metrics", "ssim", "--subsample", "4"])
        #expect(r.frames.map { $0["frame"] as? Int } == stride(from: 0, to: 40, by: 4).map { $0 })
        let limited = try QualityOracle.marquee([ref.path, ref.path, "--metrics", "ssim", "--frames", "7"])
        #expect(limited.frames.count == 7)
        #expect((limited.pooled["ssim_avg"]?["min"] as? NSNumber)?.doubleValue == 1)
    }

    @Test func shorterDistortedComparesTheCommonLengthWithAWarning() throws {
        let short = file("short.mkv")
        try ClipFixtures.ffmpeg(["-i", ref.path, "-frames:v", "25", "-c:v", "ffv1", short.path])
        let r = try QualityOracle.marquee([ref.path, short.path, "--metrics", "psnr"])
        #expect(r.frames.count == 25)
        #expect((r.doc["warnings"] as? [String] ?? []).contains { $0.contains("ended after 25 frame") })
    }

    @Test func differentFrameRatesAreComparedByIndexWithAWarning() throws {
        let fast = file("fast.mkv")
        try ClipFixtures.ffmpeg(["-i", ref.path, "-r", "50", "-vf", "setpts=N/50/TB", "-c:v", "ffv1", fast.path])
        let r = try QualityOracle.marquee([ref.path, fast.path, "--metrics", "psnr"])
        #expect((r.doc["warnings"] as? [String] ?? []).contains { $0.contains("frame rates differ") })
    }

    @Test(arguments: [
        ("missing", "not found"),
        ("text", "cannot read it as a video"),
        ("audio-only", "has no video stream"),
        ("portrait", "shapes differ too much"),
        ("raw-without-size", "give its size with --dist-size"),
    ])
    func badInputIsAClearUsageError(kind: String, says: String) throws {
        var dist = file("\(kind).mkv")
        switch kind {
        case "text": try Data("not a video\n".utf8).write(to: dist)
        case "audio-only": try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "sine=d=1", "-c:a", "flac", dist.path])
        case "portrait": try ClipFixtures.ffmpeg(["-i", ref.path, "-vf", "scale=180:320", "-c:v", "ffv1", dist.path])
        case "raw-without-size": dist = file("raw.yuv"); try Data(count: 1000).write(to: dist)
        default: break
        }
        let r = try TestSupport.run(["quality", ref.path, dist.path, "--metrics", "psnr"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(says), "stderr: \(r.stderr)")
        #expect(r.stderr.contains(dist.lastPathComponent))
    }

    @Test func unknownMetricAndBadOptionsAreUsageErrors() throws {
        let bad = try TestSupport.run(["quality", ref.path, ref.path, "--metrics", "psnrr"])
        #expect(bad.status == 2 && bad.stderr.contains("did you mean `psnr`"))
        let sub = try TestSupport.run(["quality", ref.path, ref.path, "--metrics", "psnr", "--subsample", "0"])
        #expect(sub.status == 2 && sub.stderr.contains("--subsample"))
    }

    @Test func reportFolderHasJSONCSVAndHTMLWithWorstFrames() throws {
        let dist = file("dist.mp4")
        try ClipFixtures.ffmpeg(["-i", ref.path, "-c:v", "libx264", "-b:v", "60k", dist.path])
        let out = file("report")
        let r = try TestSupport.run(["quality", ref.path, dist.path, "--metrics", "psnr,ssim", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOf: out.appendingPathComponent("quality.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 41)
        #expect(csv.hasPrefix("n,frame,time_s,psnr_avg,psnr_y"))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 3)
        #expect(html.contains("worst/1-reference.jpg") && html.contains("worst/5-distorted.jpg"))
        for i in 1...5 {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("worst/\(i)-distorted.jpg").path))
        }
        #expect(r.stdout.contains("report: \(out.path)/index.html"))
        // quality.json and the --json document follow docs/schemas/quality.schema.json.
        try OutputValidator.requireJSONSchema()
        let json = try TestSupport.run(["quality", ref.path, dist.path, "--metrics", "psnr,ssim", "--json"])
        try OutputValidator.save(json, as: "quality-stdout.json", in: out)
        let checked = try OutputValidator.validate([out])
        #expect(checked.status == 0 && checked.output.contains("(quality)"), "\(checked.output)")
    }
}
