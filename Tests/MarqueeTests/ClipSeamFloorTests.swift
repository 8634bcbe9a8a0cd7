import Foundation
import Clips
import Testing

/// The benchmark's smart-cut floor (`ClipSeamFloor`, `marquee clips floor --smart`) does the seam work a smart
/// cut does: the same frames re-encoded as `clips cut --mode smart` reports for the same cues, and the audio.
@Suite struct ClipSeamFloorTests {
    @Test func seamFloorEncodesTheFramesTheSmartCutReencodes() throws {
        let dir = try TestSupport.tempDir("clips-seam-floor")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        // Keyframes every 2 s, B-frames: heads start mid-GOP, tails end inside a GOP after a B-frame group.
        try ClipFixtures.replay(replay, seconds: 10, size: "320x180", gop: 60, bframes: 2)
        let cues: [(start: Double, end: Double)] = [(1.5, 4.2), (5.3, 8.1)]
        let sheet = "id,start,end\n" + cues.enumerated().map { "c\($0.offset),\($0.element.start),\($0.element.end)" }.joined(separator: "\n") + "\n"
        let r = try ClipRun.cut(replay, cues: sheet, in: dir, ["--mode", "smart"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        let reencoded = (0..<cues.count).map { (r.clips["c\($0)"]?["frames_encoded"] as? Int) ?? -1 }
        #expect(reencoded.allSatisfy { $0 > 0 }, "\(reencoded)")

        let floor = try ClipSeamFloor.measure(replay: replay.path, clips: cues)
        #expect(floor.framesEncoded == reencoded.reduce(0, +), "floor \(floor.framesEncoded) vs smart \(reencoded)")
        // Each encoded frame was decoded, and so were the seam GOPs' frames before the cut that others refer to.
        #expect(floor.framesDecoded > floor.framesEncoded, "\(floor)")
        #expect(floor.cpu > 0 && floor.wall > 0)
    }
}
