import Foundation
import Testing

/// `marquee bench` end to end: the real binary on short generated sources.
@Suite(.serialized) struct BenchCommandTests {
    func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func writesResultsLaddersAndAReportWhoseChartsCarryEveryPoint() throws {
        let src = try BenchFixtures.source("bench-textured-180", filter: BenchKnownAnswerTests.textured)
        let out = try TestSupport.tempDir("bench-run")
        let r = try TestSupport.run(["bench", src.path, "--encoders", "x264-veryfast,x265-medium", "--resolutions", "180,120,90",
                                     "--bitrates", "60k,120k,250k,500k", "--regions", "sea,jp", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("x265-medium vs x264-veryfast: BD-rate"), "\(r.stdout)")
        let results = try json(out.appendingPathComponent("results.json"))
        #expect(results["schema_version"] as? String == "1")
        #expect((results["tool"] as? [String: Any])?["name"] as? String == "marquee")
        let points = try #require(results["points"] as? [[String: Any]])
        #expect(points.count == 24)
        let csv = try String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 25)
        #expect(csv.hasPrefix("profile,encoder,codec,preset,rate_control,width_px,height_px,target_bitrate_kbps,achieved_bitrate_kbps"))
        let ladders = try json(out.appendingPathComponent("ladders.json"))
        let regions = try #require(ladders["regions"] as? [[String: Any]])
        #expect(regions.map { $0["region"] as? String } == ["sea", "jp"])
        for region in regions {
            let l = try #require((region["ladders"] as? [[String: Any]])?.first)
            #expect(!((l["rungs"] as? [Any]) ?? []).isEmpty)
            #expect((l["playback"] as? [String: Any])?["stall_ratio"] != nil)
        }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 >= 6)
        let circles = Self.circles(html)
        for p in points {
            let x = try #require(p["achieved_bitrate_kbps"] as? Double), y = try #require(p["quality"] as? Double)
            #expect(circles.contains { abs($0.x - x) < 1e-3 * x && abs($0.y - y) < 1e-3 }, "no circle for \(p["profile"] ?? "") \(p["height_px"] ?? "") \(x) kbps")
        }
        #expect(html.contains("class=\"mark\""))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("frames/source.jpg").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("frames/x265-medium.jpg").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("catalog.sqlite").path))
        // results.json and ladders.json are on the shared envelope and follow their schemas.
        #expect((results["inputs"] as? [String: Any])?["source"] as? String == src.path)
        #expect(results["kind"] as? String == "bench" && ladders["kind"] as? String == "bench-ladders")
        try OutputValidator.requireJSONSchema()
        let checked = try OutputValidator.validate([out])
        #expect(checked.status == 0 && checked.output.contains("(bench)") && checked.output.contains("(bench-ladders)"), "\(checked.output)")
    }

    static func circles(_ html: String) -> [(x: Double, y: Double)] {
        html.components(separatedBy: "<circle ").dropFirst().compactMap { c in
            func attr(_ name: String) -> Double? {
                guard let r = c.range(of: "\(name)=\"") else { return nil }
                return Double(c[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let x = attr("data-x"), let y = attr("data-y") else { return nil }
            return (x, y)
        }
    }

    @Test func compareShowsWhatChangedBetweenTwoRuns() throws {
        let src = try BenchFixtures.source("bench-textured-180", filter: BenchKnownAnswerTests.textured)
        let out = try TestSupport.tempDir("bench-compare")
        let base = ["bench", src.path, "--encoders", "x264-veryfast", "--resolutions", "180", "--regions", "sea", "--out", out.path]
        #expect(try TestSupport.run(base + ["--bitrates", "100k,200k"]).status == 0)
        #expect(try TestSupport.run(base + ["--bitrates", "100k,400k"]).status == 0)
        let r = try TestSupport.run(["bench", "compare", "\(out.path)#1", "\(out.path)#2", "--out", out.appendingPathComponent("cmp").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("x264-veryfast/180p/400k [added]"), "\(r.stdout)")
        #expect(r.stdout.contains("x264-veryfast/180p/200k [removed]"))
        #expect(!r.stdout.contains("180p/100k"), "an unchanged point is not listed: \(r.stdout)")
        try OutputValidator.requireJSONSchema()
        let checked = try OutputValidator.validate([out.appendingPathComponent("cmp")])
        #expect(checked.status == 0 && checked.output.contains("(bench-compare)"), "\(checked.output)")
        let json = try TestSupport.run(["bench", "compare", "\(out.path)#1", "\(out.path)#2", "--json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(doc["kind"] as? String == "bench-compare" && (doc["points"] as? [Any])?.count == 2, "\(json.stdout)")
        let bad = try TestSupport.run(["bench", "compare", "\(out.path)#9", out.path])
        #expect(bad.status == 2 && bad.stderr.contains("no bench run #9"), "\(bad.stderr)")
    }

    @Test func badInputGetsClearMessagesAndMeasurablePointsAreMeasured() throws {
        let src = try BenchFixtures.source("bench-textured-180", filter: BenchKnownAnswerTests.textured)
        let dir = try TestSupport.tempDir("bench-bad")
        let audio = dir.appendingPathComponent("audio.m4a")
        try BenchFixtures.ffmpeg(["-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac", audio.path])
        let noVideo = try TestSupport.run(["bench", audio.path, "--out", dir.appendingPathComponent("a").path])
        #expect(noVideo.status == 2 && noVideo.stderr.contains("no video stream"), "\(noVideo.stderr)")
        let short = try TestSupport.run(["bench", src.path, "--samples", "2", "--sample-seconds", "5", "--out", dir.appendingPathComponent("b").path])
        #expect(short.status == 2 && short.stderr.contains("shorter than one sample"), "\(short.stderr)")
        let unknown = try TestSupport.run(["bench", src.path, "--encoders", "x264-veryfats", "--out", dir.appendingPathComponent("c").path])
        #expect(unknown.status == 2 && unknown.stderr.contains("did you mean `x264-veryfast`?"), "\(unknown.stderr)")
        let list = try TestSupport.run(["bench", src.path, "--bitrates", "200k,fast", "--out", dir.appendingPathComponent("d").path])
        #expect(list.status == 2 && list.stderr.contains("`fast` is not a bitrate"), "\(list.stderr)")

        // A preset for an encoder no plugin drives, a region without a network, a bitrate below x265's floor.
        let presets = dir.appendingPathComponent("presets")
        try FileManager.default.createDirectory(at: presets.appendingPathComponent("encoders"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: presets.appendingPathComponent("regions"), withIntermediateDirectories: true)
        try """
        name: aom-6
        summary: AV1 through libaom.
        codec: av1
        encoder: libaom-av1
        preset: "6"
        pix_fmt: yuv420p
        gop_seconds: 2
        rate_control: abr
        audio_codec: aac
        audio_kbps: 128
        """.write(to: presets.appendingPathComponent("encoders/aom-6.yaml"), atomically: true, encoding: .utf8)
        let jp = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("presets/regions/jp.yaml"), encoding: .utf8)
        let offline = jp.replacingOccurrences(of: "name: jp", with: "name: offline")
            .components(separatedBy: "\nnetwork:")[0] + "\n"
        try offline.write(to: presets.appendingPathComponent("regions/offline.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("e")
        let r = try TestSupport.run(["bench", src.path, "--presets", presets.path, "--encoders", "x264-veryfast,aom-6,x265-medium",
                                     "--resolutions", "180", "--bitrates", "20k,200k", "--regions", "sea,offline", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let results = try json(out.appendingPathComponent("results.json"))
        let keys = ((results["points"] as? [[String: Any]]) ?? []).map { "\($0["profile"] ?? "")@\($0["target_bitrate_kbps"] ?? "")" }
        #expect(Set(keys) == ["x264-veryfast@20", "x264-veryfast@200", "x265-medium@200"])
        let missing = ((results["missing"] as? [[String: Any]]) ?? []).compactMap { $0["reason"] as? String }.joined(separator: "\n")
        #expect(missing.contains("no encoder-profile plugin drives libaom-av1"), "\(missing)")
        #expect(missing.contains("20 kbps is below 32 kbps, the lowest libx265 holds"), "\(missing)")
        let ladders = try json(out.appendingPathComponent("ladders.json"))
        let skipped = ((ladders["skipped_regions"] as? [[String: Any]]) ?? []).compactMap { $0["reason"] as? String }
        #expect(skipped.first?.contains("has no `network` block") == true, "\(skipped)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("Not measured") && html.contains("libaom-av1") && html.contains("offline"))
    }
}
