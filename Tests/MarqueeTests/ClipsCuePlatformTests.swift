import Foundation
import Testing

/// A cue's `platform` column: that platform's safe zone and minimum text size apply to its clip's
/// overlays (the others keep `--platform` or the plain margins), clips.json records it, and an unknown
/// name fails that clip only, with a hint.
@Suite struct ClipsCuePlatformTests {
    typealias F = ClipFixtures

    /// Rows of `picture` (720 wide) that differ from `reference`: where the overlay was drawn.
    static func drawnRows(_ picture: [UInt8], _ reference: [UInt8], width: Int = 720) -> ClosedRange<Int>? {
        let rows = picture.count / width
        let changed = (0..<rows).filter { y in
            var sum = 0
            for x in 0..<width { sum += abs(Int(picture[y * width + x]) - Int(reference[y * width + x])) }
            return sum / width > 8
        }
        guard let first = changed.first, let last = changed.last else { return nil }
        return first...last
    }

    @Test func aCuesPlatformSetsItsClipsSafeZoneAndTextSize() throws {
        let dir = try TestSupport.tempDir("clips-cue-platform")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 4, size: "640x360")
        // A small title size, so each platform's minimum text size decides it.
        let args = ["--format", "vertical", "--reframe", "centre-crop", "--param", "title-overlay.size=0.03"]
        let r = try ClipRun.cut(replay, cues: "id,start,end,title,platform\nplain,1,3,Scarf,\ntt,1,3,Scarf,tiktok\nbad,1,3,Scarf,tiktk\n",
                                in: dir, args)
        let bare = try ClipRun.cut(replay, cues: "id,start,end\nref,1,3\n", in: dir, name: "bare", ["--format", "vertical", "--reframe", "centre-crop", "--overlays", "none"])
        #expect(bare.run.status == 0, "\(bare.run.stderr)")
        #expect(r.clips["tt"]?["platform"] as? String == "tiktok")
        #expect((r.clips["tt"]?["cue"] as? [String: Any])?["platform"] as? String == "tiktok")
        #expect(r.clips["plain"] != nil && r.clips["plain"]?["platform"] == nil)
        let bad = try #require(r.failed["bad"], "\(r.failed)")
        #expect(bad.contains("platform \"tiktk\"") && bad.contains("did you mean \"tiktok\""), "\(bad)")

        let reference = try F.frameImage(bare.file("ref"), index: 0)
        let plain = try #require(Self.drawnRows(try F.frameImage(r.file("plain"), index: 0), reference))
        let tiktok = try #require(Self.drawnRows(try F.frameImage(r.file("tt"), index: 0), reference))
        print("cue platform: title rows \(plain) without a platform, \(tiktok) with tiktok's (safe top 107 px at 1280)")
        // TikTok's safe zone starts 160 of 1920 down (107 px at 1280); the plain margin is 5 % (64 px).
        #expect(tiktok.lowerBound >= 107 - 2, "the title is inside TikTok's top UI")
        #expect(plain.lowerBound < 100)
        // Its minimum text (10 px on a 180-px feed: 40 px at 720 wide) makes a taller panel than the plain 4 % (29 px).
        #expect(tiktok.count > plain.count + 8, "panel heights \(tiktok.count) vs \(plain.count)")
    }
}
