import ClipStages
import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips
import H264
import Loudness
import Testing

/// The built-in clip-stage plugins: reframing (centre-crop, subject-track, blur-fit) and the
/// title and caption overlays, on synthetic thumbnails and the repository's platform presets.
@Suite struct ClipStageTests {
    // MARK: centre-crop

    static func crop(_ r: Reframe) -> (x: Double, y: Double, w: Double, h: Double)? {
        if case .crop(let x, let y, let w, let h) = r { return (x, y, w, h) }
        return nil
    }

    static func centreCrop(_ sw: Int, _ sh: Int, _ ow: Int, _ oh: Int, offset: Double = 0) throws -> (x: Double, y: Double, w: Double, h: Double) {
        let stage = CentreCrop()
        let params = try stage.metadata.resolve(["offset": .number(offset)])
        let r = stage.reframer(sourceWidth: sw, sourceHeight: sh, outputWidth: ow, outputHeight: oh, parameters: params)
        #expect(stage.needsThumbnails == false)
        return try #require(crop(r.place(nil)))
    }

    @Test func centreCropIsTheLargestCentredNineBySixteen() throws {
        let c = try Self.centreCrop(1920, 1080, 1080, 1920)
        // 1080 × 9/16 = 607.5: the nearest even width.
        #expect(c.w == 608 && c.h == 1080)
        #expect(c.x == (1920 - 608) / 2 && c.y == 0)
        // 1280x720 → 405 exactly 9:16 would be odd: 406, still centred within a pixel.
        let d = try Self.centreCrop(1280, 720, 720, 1280)
        #expect(Int(d.w) % 2 == 0 && abs(d.w - 405) <= 1 && d.h == 720)
        #expect(abs(d.x + d.w / 2 - 640) <= 1)
        // A source already taller than 9:16 keeps its width and loses top and bottom.
        let p = try Self.centreCrop(1080, 2400, 1080, 1920)
        #expect(p.w == 1080 && abs(p.h - 1920) <= 1 && abs(p.y + p.h / 2 - 1200) <= 1)
    }

    @Test func centreCropOffsetShiftsButNeverLeavesTheFrame() throws {
        let right = try Self.centreCrop(1920, 1080, 1080, 1920, offset: 1)
        #expect(right.x + right.w == 1920)
        let left = try Self.centreCrop(1920, 1080, 1080, 1920, offset: -1)
        #expect(left.x == 0)
        let half = try Self.centreCrop(1920, 1080, 1080, 1920, offset: 0.5)
        #expect(abs(half.x - (656 + 328)) <= 1)
        for (sw, sh) in [(1920, 1080), (1280, 720), (1440, 1080), (854, 480), (1001, 563)] {
            for step in 0...8 {
                let c = try Self.centreCrop(sw, sh, 1080, 1920, offset: Double(step) / 4 - 1)
                #expect(c.x >= 0 && c.y >= 0 && c.x + c.w <= Double(sw) && c.y + c.h <= Double(sh), "\(sw)x\(sh) \(step): \(c)")
                #expect(Int(c.w) % 2 == 0 && abs(c.w / c.h - 9.0 / 16) < 0.01)
            }
        }
        #expect(throws: MarqueeError.self) { try CentreCrop().metadata.resolve(["offset": .number(1.5)]) }
    }

    // MARK: subject-track

    /// A 160x90 thumbnail: flat grey background, a 16x30 bright checkerboard subject with its left
    /// edge at `subjectX` (thumbnail pixels), and optional noise of ±`noise` grey levels.
    static func thumbnail(time: Double, subjectX: Int, noise: Int = 0, seed: UInt64 = 1) -> LumaThumbnail {
        let w = 160, h = 90
        var px = [UInt8](repeating: 60, count: w * h)
        for y in 30..<60 {
            for x in max(0, subjectX)..<min(w, subjectX + 16) {
                px[y * w + x] = ((x - subjectX) / 4 + y / 4) % 2 == 0 ? 235 : 150
            }
        }
        if noise > 0 {
            var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for i in px.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let n = Int(state >> 33) % (2 * noise + 1) - noise
                px[i] = UInt8(max(0, min(255, Int(px[i]) + n)))
            }
        }
        return LumaThumbnail(time: time, width: w, height: h, pixels: px)
    }

    /// Frame times with uneven intervals (1/30, 1/24, 1/60 s in turn, and a 0.2 s gap), as a
    /// variable-frame-rate replay gives them.
    static func times(until end: Double) -> [Double] {
        let steps = [1.0 / 30, 1.0 / 24, 1.0 / 60, 1.0 / 30, 0.2]
        var t = 0.0, out: [Double] = []
        var i = 0
        while t <= end { out.append(t); t += steps[i % steps.count]; i += 1 }
        return out
    }

    static func track(_ frames: [LumaThumbnail], _ given: [String: ParameterValue] = [:]) throws -> [(x: Double, y: Double, w: Double, h: Double)] {
        let stage = SubjectTracking()
        #expect(stage.needsThumbnails)
        let r = stage.reframer(sourceWidth: 1920, sourceHeight: 1080, outputWidth: 1080, outputHeight: 1920,
                               parameters: try stage.metadata.resolve(given))
        return try frames.map { try #require(crop(r.place($0))) }
    }

    @Test func subjectTrackFollowsASlowSubjectSmoothly() throws {
        let times = Self.times(until: 8)
        // Left edge from thumbnail x 8 to 136 over 8 s: 16 thumbnail px/s = 192 source px/s.
        let xs = times.map { 8 + Int((16 * $0).rounded()) }
        let crops = try Self.track(zip(times, xs).map { Self.thumbnail(time: $0, subjectX: $1) })
        let scale = 1920.0 / 160
        var inside = 0
        for (c, sx) in zip(crops, xs) {
            #expect(c.w == 608 && c.h == 1080 && c.x >= 0 && c.x + c.w <= 1920)
            if Double(sx) * scale >= c.x - 0.5, Double(sx + 16) * scale <= c.x + c.w + 0.5 { inside += 1 }
        }
        #expect(Double(inside) >= 0.95 * Double(crops.count), "subject inside the crop in \(inside) of \(crops.count) frames")
        // It panned with the subject, across most of the frame.
        #expect(crops.last!.x - crops.first!.x > 1000)
        // Never faster than max_speed (0.5 of the source width per second) between two frames.
        for i in 1..<crops.count {
            let limit = 0.5 * 1920 * (times[i] - times[i - 1])
            #expect(abs(crops[i].x - crops[i - 1].x) <= limit + 1e-6, "frame \(i): moved \(crops[i].x - crops[i - 1].x), limit \(limit)")
        }
    }

    @Test func subjectTrackHonoursMaxSpeedOnAJump() throws {
        let times = Self.times(until: 6)
        let frames = times.map { Self.thumbnail(time: $0, subjectX: $0 < 1 ? 10 : 134) }
        let crops = try Self.track(frames, ["max_speed": .number(0.2)])
        var steps: [Double] = []
        for i in 1..<crops.count {
            let step = abs(crops[i].x - crops[i - 1].x)
            #expect(step <= 0.2 * 1920 * (times[i] - times[i - 1]) + 1e-6)
            steps.append(step)
        }
        // It did get there (right edge of the frame), and moved at the limit on the way.
        #expect(abs(crops.last!.x - (1920 - 608)) < 2)
        #expect(steps.max()! > 0.9 * 0.2 * 1920 / 30)
        // The same frames give the same crops.
        #expect(try Self.track(Array(frames.prefix(40)), ["max_speed": .number(0.2)]).map(\.x) == crops.prefix(40).map(\.x))
    }

    @Test func subjectTrackStaysStillOnANoisyStillSubject() throws {
        let times = Self.times(until: 5)
        let frames = times.enumerated().map { Self.thumbnail(time: $1, subjectX: 50, noise: 12, seed: UInt64($0 + 1)) }
        let crops = try Self.track(frames)
        let xs = crops.map(\.x)
        #expect(xs.max()! - xs.min()! <= 2, "crop moved between \(xs.min()!) and \(xs.max()!)")
        // …and it is on the subject (thumbnail x 50…66 = source 600…792).
        #expect(xs[0] <= 600 && xs[0] + 608 >= 792)
        // A subject swaying by less than the dead zone (±3 thumbnail px = ±36 source px; the
        // dead zone is 0.1 × 608 = 61 px) does not move the crop either.
        let sway = times.enumerated().map { Self.thumbnail(time: $1, subjectX: 50 + [0, 3, -3, 2, -2][$0 % 5], noise: 4, seed: UInt64($0 + 7)) }
        let swayed = try Self.track(sway).map(\.x)
        #expect(swayed.max()! - swayed.min()! <= 2, "crop swayed between \(swayed.min()!) and \(swayed.max()!)")
    }

    @Test func subjectTrackClampsAtTheEdges() throws {
        let times = Self.times(until: 6)
        // Starts at the left edge, walks off to the right edge.
        let xs = times.map { min(144, Int((40 * $0).rounded())) }
        let crops = try Self.track(zip(times, xs).map { Self.thumbnail(time: $0, subjectX: $1) })
        #expect(crops.first!.x == 0)
        #expect(abs(crops.last!.x - (1920 - 608)) < 1)
        #expect(crops.allSatisfy { $0.x >= 0 && $0.x + $0.w <= 1920 })
        // A flat frame (nothing salient) holds the crop where it was.
        let r = SubjectTracking().reframer(sourceWidth: 1920, sourceHeight: 1080, outputWidth: 1080, outputHeight: 1920,
                                           parameters: try SubjectTracking.metadata.resolve([:]))
        let flat = LumaThumbnail(time: 0, width: 160, height: 90, pixels: [UInt8](repeating: 90, count: 160 * 90))
        let c = try #require(Self.crop(r.place(flat)))
        #expect(c.x == (1920 - 608) / 2)
    }

    // MARK: blur-fit

    @Test func blurFitAsksTheEngineToFitOnBlurWithItsLook() throws {
        let stage = BlurFit()
        let params = try stage.metadata.resolve(["blur": .number(0.05)])
        let r = stage.reframer(sourceWidth: 1920, sourceHeight: 1080, outputWidth: 1080, outputHeight: 1920, parameters: params)
        // The decision carries the blur and dimming: the engine reads no parameter of the stage.
        #expect(r.place(nil) == .fitOnBlur(sigma: 0.05, dim: 0.3))
        let dark = try stage.metadata.resolve(["dim": .number(0.8)])
        #expect(stage.reframer(sourceWidth: 1920, sourceHeight: 1080, outputWidth: 1080, outputHeight: 1920, parameters: dark)
            .place(nil) == .fitOnBlur(sigma: 0.03, dim: 0.8))
        let s = BlurFit.settings(params)
        #expect(s.sigma == 0.05 && s.dim == 0.3)
        #expect(throws: MarqueeError.self) { try BlurFit.metadata.resolve(["dim": .number(2)]) }
    }

    // MARK: overlays

    static let presets: PresetLibrary = {
        let (lib, issues) = PresetLibrary.load([TestSupport.repoRoot.appendingPathComponent("presets")])
        precondition(issues.isEmpty, "the repository's presets have problems: \(issues)")
        return lib
    }()

    /// The platform's safe area at the output size, worked out here from the preset's figures.
    static func safeBox(_ p: PlatformPreset, _ w: Int, _ h: Int) -> Box {
        let sx = Double(w) / Double(p.canvas.width), sy = Double(h) / Double(p.canvas.height)
        let l = Int(ceil(Double(p.safe_zone.left) * sx)), r = Int(ceil(Double(p.safe_zone.right) * sx))
        let t = Int(ceil(Double(p.safe_zone.top) * sy)), b = Int(ceil(Double(p.safe_zone.bottom) * sy))
        return Box(x: l, y: t, w: w - l - r, h: h - t - b)
    }

    static func context(_ w: Int, _ h: Int, title: String?, price: String? = nil, font: String = "Noto Sans",
                        rtl: Bool = false, platform: PlatformPreset?, captions: [Caption] = []) -> OverlayContext {
        OverlayContext(outputWidth: w, outputHeight: h, cue: Cue(id: "c1", start: 10, end: 30, title: title, price: price),
                       platform: platform, font: font, rightToLeft: rtl, captions: captions, clipDuration: 20)
    }

    /// Output-frame x of every light, opaque ink pixel of an overlay, and the rows that hold any.
    static func ink(_ o: OverlayImage) throws -> (xs: [Int], rows: ClosedRange<Int>?) {
        let img = o.image
        #expect(img.bands == 4)
        let px = try img.pixelBytes()
        var xs: [Int] = [], top = Int.max, bottom = Int.min
        for y in 0..<img.height {
            for x in 0..<img.width {
                let i = (y * img.width + x) * 4
                if px[i] > 200, px[i + 1] > 200, px[i + 2] > 200, px[i + 3] > 200 {
                    xs.append(o.x + x); top = min(top, y); bottom = max(bottom, y)
                }
            }
        }
        return (xs, xs.isEmpty ? nil : top...bottom)
    }

    static func expectInside(_ o: OverlayImage, _ safe: Box) {
        let box = Box(x: o.x, y: o.y, w: o.image.width, h: o.image.height)
        #expect(box.w > 0 && box.h > 0)
        #expect(safe.contains(box), "\(o.label) at \(box) leaves the safe area \(safe)")
        // Even position and size: the engine blends into 4:2:0 video.
        #expect([box.x, box.y, box.w, box.h].allSatisfy { $0 % 2 == 0 }, "\(o.label) at \(box)")
    }

    @Test(arguments: [(720, 1280), (1080, 1920)])
    func titleOverlayStaysInTheSafeAreaAtReadableSize(w: Int, h: Int) throws {
        let tiktok = try Self.presets.platform("tiktok")
        let safe = Self.safeBox(tiktok, w, h)
        let minFont = tiktok.minFontPx * Double(w) / Double(tiktok.canvas.width)
        let stage = TitleOverlay()
        let params = try stage.metadata.resolve([:])
        let ctx = Self.context(w, h, title: "LINEN SHIRT SUMMER EDITION WITH A LONG NAME THAT WRAPS", price: "฿1,290", platform: tiktok)
        let placed = try stage.layout(ctx, parameters: params)
        #expect(placed.map(\.overlay.label) == ["title", "price"])
        for p in placed {
            Self.expectInside(p.overlay, safe)
            #expect(Double(p.fontPx) >= minFont)
            #expect(p.overlay.start == nil && p.overlay.end == nil)
            // Capital letters' ink (no descenders in the title) is at least Noto Sans' cap height (0.71 em) of the minimum.
            let ink = try Self.ink(p.overlay)
            #expect(ink.xs.count > 50, "\(p.overlay.label) has no visible text")
        }
        let title = placed[0].overlay
        #expect((0...1).contains(title.y - safe.y) && (0...1).contains(title.x - safe.x))
        #expect(placed[1].overlay.y > title.y + title.image.height)
        // One line of capitals: its ink height is the cap height.
        let one = try stage.layout(Self.context(w, h, title: "HELLO", platform: tiktok), parameters: params)
        let rows = try #require(try Self.ink(one[0].overlay).rows)
        #expect(Double(rows.count) >= 0.65 * minFont, "cap height \(rows.count) px, minimum font \(minFont) px")
        // The dark panel behind the text is translucent, the text on it opaque.
        let px = try title.image.pixelBytes()
        let alpha = stride(from: 3, to: px.count, by: 4).map { px[$0] }
        #expect(alpha.max()! == 255 && alpha.contains { $0 > 100 && $0 < 200 })
    }

    @Test func titleOverlayPositionDurationAndNoPlatform() throws {
        let stage = TitleOverlay()
        let bottom = try stage.overlays(Self.context(720, 1280, title: "Fresh mangoes", price: "$4.99", platform: nil),
                                        parameters: stage.metadata.resolve(["position": .string("bottom"), "duration": .number(3)]))
        let safe = Box(x: 36, y: 64, w: 720 - 72, h: 1280 - 128)   // 5% margins
        #expect(bottom.map(\.label) == ["price", "title"])
        for o in bottom { Self.expectInside(o, safe); #expect(o.start == 0 && o.end == 3) }
        #expect((0...1).contains(safe.maxY - (bottom[1].y + bottom[1].image.height)))
        #expect(try stage.overlays(Self.context(720, 1280, title: nil, platform: nil), parameters: stage.metadata.resolve([:])).isEmpty)
    }

    @Test func titleOverlayRendersThaiAndRightAlignsArabic() throws {
        let tiktok = try Self.presets.platform("tiktok")
        let safe = Self.safeBox(tiktok, 720, 1280)
        let stage = TitleOverlay()
        let params = try stage.metadata.resolve([:])
        let thai = try stage.overlays(Self.context(720, 1280, title: "เสื้อเชิ้ตผ้าลินิน รุ่นฤดูร้อน", price: "฿1,290",
                                                   font: "Noto Sans Thai, Noto Sans", platform: tiktok), parameters: params)
        #expect(thai.count == 2)
        for o in thai { Self.expectInside(o, safe); #expect(try Self.ink(o).xs.count > 50) }

        let arabic = try stage.overlays(Self.context(720, 1280, title: "عرض خاص", font: "Noto Sans Arabic, Noto Sans", rtl: true,
                                                     platform: tiktok), parameters: params)
        let o = try #require(arabic.first)
        Self.expectInside(o, safe)
        #expect((0...1).contains(safe.maxX - (o.x + o.image.width)))
        let xs = try Self.ink(o).xs
        let right = xs.filter { $0 >= safe.x + safe.w / 2 }.count
        #expect(xs.count > 50 && Double(right) >= 0.9 * Double(xs.count), "\(right) of \(xs.count) ink pixels in the right half")
    }

    @Test func titleOverlayRefusesTextNoFontCovers() throws {
        let stage = TitleOverlay()
        let ctx = Self.context(720, 1280, title: "Deal \u{E000} today", platform: try Self.presets.platform("tiktok"))
        do {
            _ = try stage.overlays(ctx, parameters: stage.metadata.resolve([:]))
            Issue.record("a private-use character was rendered")
        } catch {
            #expect("\(error)".contains("U+E000"), "\(error)")
            #expect("\(error)".contains("title"))
        }
    }

    // MARK: captions

    @Test func captionsAreTimedAndCentredLowInTheSafeArea() throws {
        let tiktok = try Self.presets.platform("tiktok")
        let safe = Self.safeBox(tiktok, 720, 1280)
        let captions = [
            Caption(start: 0.5, end: 2, text: "Hello everyone"),
            Caption(start: 2, end: 4.25, text: "This shirt is pure linen, cool in the summer heat and easy to wash at home"),
            Caption(start: 5, end: 7.5, text: "สวัสดีค่ะ"),
        ]
        let stage = CaptionOverlay()
        let out = try stage.overlays(Self.context(720, 1280, title: "x", font: "Noto Sans Thai, Noto Sans", platform: tiktok, captions: captions),
                                     parameters: stage.metadata.resolve([:]))
        #expect(out.map(\.label) == ["caption 1", "caption 2", "caption 3"])
        #expect(out.map(\.start) == captions.map(\.start))
        #expect(out.map(\.end) == captions.map(\.end))
        for o in out {
            Self.expectInside(o, safe)
            #expect((0...1).contains(safe.maxY - (o.y + o.image.height)))
            #expect(abs(Double(o.x) + Double(o.image.width) / 2 - (Double(safe.x) + Double(safe.w) / 2)) <= 2)
            #expect(o.y > safe.y + safe.h / 2)
            #expect(try Self.ink(o).xs.count > 50)
        }
        // The long one wrapped to more lines than the short one, within the width.
        #expect(out[1].image.height > out[0].image.height)
        #expect(out[1].image.width <= safe.w)
        // Nothing for no captions; a caption no font covers names its code point.
        #expect(try stage.overlays(Self.context(720, 1280, title: "x", platform: tiktok), parameters: stage.metadata.resolve([:])).isEmpty)
        #expect(throws: MarqueeError.self) {
            try stage.overlays(Self.context(720, 1280, title: "x", platform: tiktok, captions: [Caption(start: 0, end: 1, text: "\u{E000}")]),
                               parameters: stage.metadata.resolve([:]))
        }
    }

    @Test func allListsTheFamily() {
        let names = ClipStages.all.map(\.metadata.name)
        #expect(Set(names) == ["centre-crop", "subject-track", "blur-fit", "title-overlay", "captions"])
        #expect(ClipStages.all.allSatisfy { $0.metadata.kind == .clipStage })
    }
}
