import Foundation
import Imaging
import Media
@testable import Clips
import Testing

/// The review page `clips cut` writes (index.html): each clip shows its poster (not a black box), a
/// contact strip of frames across it, and its facts; checked in a headless Chromium screenshot.
@Suite struct ClipsReviewPageTests {
    typealias F = ClipFixtures

    /// A screenshot of `page` by headless Chromium, `width` x `height` CSS pixels.
    static func screenshot(_ page: URL, to png: URL, width: Int = 1400, height: Int = 2000) throws {
        let profile = png.deletingLastPathComponent().appendingPathComponent("chromium-profile")
        _ = try F.run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                            "--user-data-dir=\(profile.path)", "--screenshot=\(png.path)",
                                            "--window-size=\(width),\(height)", page.absoluteString])
    }

    @Test func eachClipShowsItsPosterStripAndFacts() throws {
        let dir = try TestSupport.tempDir("clips-page")
        defer { if ProcessInfo.processInfo.environment["MARQUEE_KEEP_TEST_FILES"] == nil { try? FileManager.default.removeItem(at: dir) } }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 8, size: "640x360", audio: .quietSpeechLike)
        let r = try ClipRun.cut(replay, cues: "id,start,end,title\nfirst,1,4,Red scarf\nsecond,4.5,7.5,Blue mug\n", in: dir,
                                ["--format", "vertical", "--mode", "reencode"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        for id in ["first", "second"] {
            let clip = try #require(r.clips[id])
            #expect(clip["poster"] as? String == "\(id).poster.jpg" && clip["contact_strip"] as? String == "\(id).strip.jpg")
            let poster = try Image.open(r.out.appendingPathComponent("\(id).poster.jpg").path)
            #expect(poster.width == 360 && poster.height == 640, "poster \(poster.width)x\(poster.height)")
            let strip = try Image.open(r.out.appendingPathComponent("\(id).strip.jpg").path)
            #expect(strip.width == 6 * 160 + 5 * 4 && strip.height == 284, "strip \(strip.width)x\(strip.height)")
            // The poster is the clip's first frame: the same picture ffmpeg decodes, scaled alike.
            let first = try F.frameImage(r.file(id), index: 0, size: "360x640", pixelFormat: .rgb24)
            let mine = try poster.pixelBytes()
            #expect(F.psnr(mine, first) > 30, "poster vs ffmpeg's first frame: \(F.psnr(mine, first)) dB")
        }
        let html = try String(contentsOf: r.out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("poster=\"first.poster.jpg\"") && html.contains("src=\"first.strip.jpg\""))
        #expect(html.contains("90 re-encoded, 0 copied") && html.contains("loudness ") && html.contains("mode reencode"))

        let png = dir.appendingPathComponent("page.png")
        try Self.screenshot(r.out.appendingPathComponent("index.html"), to: png)
        let shot = try Image.open(png.path)
        // The first card's player (top left, below the heading): testsrc2's bright bars, not a black box.
        let player = try shot.bandMeans(x: 40, y: 110, width: 200, height: 330)
        let strip = try shot.bandMeans(x: 40, y: 520, width: 600, height: 150)
        let playerMean = player.prefix(3).reduce(0, +) / 3, stripMean = strip.prefix(3).reduce(0, +) / 3
        print("clips review page: player area mean \(playerMean), strip area mean \(stripMean) (page \(png.path))")
        #expect(playerMean > 60, "the player shows a black box, not the poster")
        #expect(stripMean > 60, "no contact strip under the player")

        // Cut again with the first clip's own loudness as the target: its audio needs no change and is copied,
        // and the page says so (it showed only "loudness X → X LUFS" before).
        let level = try #require((r.clips["first"]?["loudness_before"] as? [String: Double])?["integrated_lufs"])
        let again = try ClipRun.cut(replay, cues: "id,start,end,title\nfirst,1,4,Red scarf\n", in: dir, name: "at-target",
                                    ["--format", "vertical", "--mode", "reencode", String(format: "--loudness=%.2f", level)])
        #expect(again.run.status == 0, "\(again.run.stderr)")
        let streams = again.clips["first"]?["streams"] as? [[String: Any]] ?? []
        #expect(streams.contains { $0["type"] as? String == "audio" && $0["method"] as? String == "copy" }, "audio not copied: \(streams)")
        let copiedPage = try String(contentsOf: again.out.appendingPathComponent("index.html"), encoding: .utf8)
        let said = String(format: "audio copied, %.1f LUFS, within 0.5 LU of target", level)
        #expect(copiedPage.contains(said) && !copiedPage.contains("loudness "), "the page does not say “\(said)”")
        let copiedShot = dir.appendingPathComponent("page-audio-copied.png")
        try Self.screenshot(again.out.appendingPathComponent("index.html"), to: copiedShot, width: 1000, height: 700)
        print("clips review page, audio copied: \(copiedShot.path)")
    }

    /// The pictures cost about one GOP of decoding, not the whole clip (it decoded every frame before: 600
    /// of 600 here): the inner strip frames move to the keyframe next to their even spot (frame 120, not
    /// 119), the last stays the last; each is the frame ffmpeg decodes there.
    @Test func picturesDecodeOnlyTheGOPsTheyNeed() throws {
        let dir = try TestSupport.tempDir("clips-pictures")
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("clip.mp4")
        try F.replay(clip, seconds: 20, size: "640x360", gop: 60)
        let files = try ClipThumbnails.write(clip: clip, id: "clip", frames: 600)
        #expect(files.framesDecoded > 0 && files.framesDecoded < 150, "decoded \(files.framesDecoded) of 600 frames")
        let strip = try Image.open(dir.appendingPathComponent("clip.strip.jpg").path)
        for (i, index) in [0, 120, 240, 360, 480, 599].enumerated() {
            let tile = try strip.crop(x: i * 164, y: 0, width: 160, height: 90).pixelBytes()
            let truth = try F.frameImage(clip, index: index, size: "160x90", pixelFormat: .rgb24)
            let other = try F.frameImage(clip, index: index < 300 ? index + 30 : index - 30, size: "160x90", pixelFormat: .rgb24)
            let (right, wrong) = (F.psnr(tile, truth), F.psnr(tile, other))
            #expect(right > 20 && right > wrong + 1, "strip frame \(i) (clip frame \(index)): \(right) dB, a second away \(wrong) dB")
        }
    }

    /// The pass hands over the clip's first and last frames when it decoded them (a smart cut's seams, a
    /// re-encode): then only the inner strip frames are decoded, each a keyframe with one decoding thread
    /// (it decoded the whole last GOP before, 60 frames here, plus frames past each pick in flight).
    @Test func knownFirstAndLastFramesAreNotDecodedAgain() throws {
        let dir = try TestSupport.tempDir("clips-pictures-known")
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("clip.mp4")
        try F.replay(clip, seconds: 20, size: "640x360", gop: 60)
        let demuxer = try Demuxer(path: clip.path)
        let video = try #require(demuxer.bestStream("video"))
        let index = try FrameIndex(demuxer, stream: video)
        let picker = try FramePicker(demuxer, stream: video, keyframes: index.keyframes)
        let first = try #require(try picker.frame(at: index.times[0])).reference()
        let last = try #require(try picker.frame(at: index.times[599])).reference()
        let files = try ClipThumbnails.write(clip: clip, id: "clip", frames: 600, known: .init(first: first, last: last))
        #expect(files.framesDecoded > 0 && files.framesDecoded <= 12, "decoded \(files.framesDecoded) frames for 4 keyframes")
        let strip = try Image.open(dir.appendingPathComponent("clip.strip.jpg").path)
        for (i, index) in [0, 120, 599].enumerated() {
            let tile = try strip.crop(x: [0, 1, 5][i] * 164, y: 0, width: 160, height: 90).pixelBytes()
            let truth = try F.frameImage(clip, index: index, size: "160x90", pixelFormat: .rgb24)
            #expect(F.psnr(tile, truth) > 20, "strip frame at clip frame \(index): \(F.psnr(tile, truth)) dB")
        }
    }

    /// A smart cut's poster and last strip frame come from the pass's decoded seams: they are still the
    /// written clip's first and last frames (the last is not a copied frame's stale neighbour).
    @Test func smartCutPicturesShowTheClipsFirstAndLastFrames() throws {
        let dir = try TestSupport.tempDir("clips-pictures-smart")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 10, size: "640x360", gop: 60)
        let r = try ClipRun.cut(replay, cues: "id,start,end\nseams,1.5,7.5\nexact,2,8\n", in: dir, ["--mode", "smart"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        for id in ["seams", "exact"] {
            let count = 180
            let strip = try Image.open(r.out.appendingPathComponent("\(id).strip.jpg").path)
            let poster = try Image.open(r.out.appendingPathComponent("\(id).poster.jpg").path)
            let firstTruth = try F.frameImage(r.file(id), index: 0, size: "360x202", pixelFormat: .rgb24)
            let later = try F.frameImage(r.file(id), index: 15, size: "360x202", pixelFormat: .rgb24)
            let (first, off) = (F.psnr(try poster.pixelBytes(), firstTruth), F.psnr(try poster.pixelBytes(), later))
            #expect(first > 20 && first > off + 1, "\(id): poster \(first) dB, half a second later \(off) dB")
            let lastTile = try strip.crop(x: 5 * 164, y: 0, width: 160, height: 90).pixelBytes()
            let lastTruth = try F.frameImage(r.file(id), index: count - 1, size: "160x90", pixelFormat: .rgb24)
            let before = try F.frameImage(r.file(id), index: count - 16, size: "160x90", pixelFormat: .rgb24)
            let (right, wrong) = (F.psnr(lastTile, lastTruth), F.psnr(lastTile, before))
            #expect(right > 20 && right > wrong + 1, "\(id): last strip frame \(right) dB, half a second earlier \(wrong) dB")
        }
    }
}
