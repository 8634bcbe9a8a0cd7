import Foundation
import Testing
import Imaging
import Media
import Support
@testable import Clips

/// Each frame step of the clip pipeline on small pictures made here, and the runner that chains them.
@Suite struct FrameStepTests {
    // MARK: - Pictures

    /// A yuv420p picture of flat luma `y`, neutral chroma.
    static func picture(_ w: Int, _ h: Int, y: UInt8 = 16) -> Frame {
        let f = try! Frame.picture(width: w, height: h)
        fill(f, plane: 0, x: 0, y: 0, w: w, h: h, value: y)
        fill(f, plane: 1, x: 0, y: 0, w: w / 2, h: h / 2, value: 128)
        fill(f, plane: 2, x: 0, y: 0, w: w / 2, h: h / 2, value: 128)
        return f
    }

    static func fill(_ f: Frame, plane: Int, x: Int, y: Int, w: Int, h: Int, value: UInt8) {
        try! f.withPlane(plane) { p in
            for row in y..<(y + h) { for col in x..<(x + w) { p[col, row] = value } }
        }
    }

    static func at(_ f: Frame, _ x: Int, _ y: Int, plane: Int = 0) -> UInt8 {
        try! f.withPlane(plane) { $0[x, y] }
    }

    /// Where luma is above 128: (minX, minY, maxX, maxY).
    static func brightBox(_ f: Frame) -> (Int, Int, Int, Int)? {
        var box: (Int, Int, Int, Int)?
        for y in 0..<f.height {
            for x in 0..<f.width where at(f, x, y) > 128 {
                box = box.map { (min($0.0, x), min($0.1, y), max($0.2, x), max($0.3, y)) } ?? (x, y, x, y)
            }
        }
        return box
    }

    /// A reframer giving every frame the same placement, remembering the thumbnails it was shown.
    final class FixedPlacement: Reframer {
        let placement: Reframe
        var thumbnails: [LumaThumbnail?] = []
        init(_ p: Reframe) { placement = p }
        func place(_ thumbnail: LumaThumbnail?) -> Reframe { thumbnails.append(thumbnail); return placement }
    }

    /// An opaque white overlay `w`×`h` at (x, y), shown from `start` to `end` seconds.
    static func whiteOverlay(x: Int, y: Int, w: Int, h: Int, start: Double, end: Double) throws -> OverlayPlanes {
        let image = try Image.fromPixels([UInt8](repeating: 255, count: w * h * 4), width: w, height: h, bands: 4)
        return try OverlayPlanes(OverlayImage(image: image, x: x, y: y, start: start, end: end, label: "box"), clipDuration: 10, hd: false)
    }

    // MARK: - convert

    @Test func convertMakesEvenSized420FromAnyPicture() throws {
        let rgb = try Frame.picture(width: 33, height: 17, format: .rgb24)
        try rgb.withPlane(0) { p in
            for y in 0..<17 { for x in 0..<33 { p[x * 3, y] = 255; p[x * 3 + 1, y] = 0; p[x * 3 + 2, y] = 0 } }
        }
        let step = ConvertStep()
        let out = try step.apply(rgb, at: 0, pool: FramePool())
        #expect(step.name == "convert")
        #expect(out.pixelFormat == .yuv420p && out.width == 32 && out.height == 16)
        // Pure red in limited-range BT.601: Y = 16 + 219 × 0.299 ≈ 81, Cr at its top (240).
        #expect(abs(Int(Self.at(out, 10, 8)) - 81) <= 3, "Y \(Self.at(out, 10, 8))")
        #expect(Self.at(out, 5, 4, plane: 2) >= 230, "Cr \(Self.at(out, 5, 4, plane: 2))")
        // A picture already 4:2:0 at even size passes through as it is.
        let ready = Self.picture(32, 16)
        #expect(try step.apply(ready, at: 0, pool: FramePool()) === ready)
    }

    // MARK: - rotate

    @Test(arguments: [(90, (2, 0, 3, 1)), (180, (6, 2, 7, 3)), (270, (0, 6, 1, 7))])
    func rotateTurnsClockwise(degrees: Int, expected: (Int, Int, Int, Int)) throws {
        // 8×4, a bright 2×2 block in the top-left corner (luma and its chroma sample).
        let f = Self.picture(8, 4)
        Self.fill(f, plane: 0, x: 0, y: 0, w: 2, h: 2, value: 200)
        Self.fill(f, plane: 1, x: 0, y: 0, w: 1, h: 1, value: 50)
        let step = RotateStep(degrees: degrees)
        let out = try step.apply(f, at: 0, pool: FramePool())
        #expect(step.name == "rotate:\(degrees)")
        #expect((out.width, out.height) == (degrees == 180 ? (8, 4) : (4, 8)))
        let box = try #require(Self.brightBox(out))
        #expect(box == expected, "\(degrees)°: block at \(box)")
        #expect(Self.at(out, expected.0 / 2, expected.1 / 2, plane: 1) == 50, "the chroma turns with the luma")
    }

    // MARK: - reframe

    @Test func reframeCropsWhereTheReframerSaysAndShowsItThumbnails() throws {
        // Left half dark, right half bright: a crop of the right half fills the output with bright.
        let f = Self.picture(64, 32, y: 40)
        Self.fill(f, plane: 0, x: 32, y: 0, w: 32, h: 32, value: 200)
        let reframer = FixedPlacement(.crop(x: 32, y: 0, width: 32, height: 32))
        let step = ReframeStep(stage: "fixed", reframer: reframer, needsThumbnails: true, outputWidth: 16, outputHeight: 16)
        let out = try step.apply(f, at: 1.5, pool: FramePool())
        #expect(step.name == "reframe:fixed")
        #expect((out.width, out.height) == (16, 16))
        for (x, y) in [(0, 0), (8, 8), (15, 15)] { #expect(abs(Int(Self.at(out, x, y)) - 200) <= 4, "(\(x), \(y)): \(Self.at(out, x, y))") }
        let thumb = try #require(reframer.thumbnails.first ?? nil)
        #expect(thumb.width == ReframeStep.thumbnailWidth && thumb.height == 80 && thumb.time == 1.5)
        #expect(thumb.pixels[10] < 60 && thumb.pixels[150] > 180, "the thumbnail shows the whole frame")
    }

    @Test func reframeFitsOnBlurWithTheDimmingItIsGiven() throws {
        // A bright landscape picture fitted into a portrait output: the band above it is the blurred copy,
        // darkened by exactly the `dim` the decision carries (luma 200 → 16 + 184 × (1 - dim)).
        for dim in [0.0, 0.5] {
            let step = ReframeStep(stage: "blur", reframer: FixedPlacement(.fitOnBlur(sigma: 0.03, dim: dim)),
                                   needsThumbnails: false, outputWidth: 32, outputHeight: 64)
            let out = try step.apply(Self.picture(64, 32, y: 200), at: 0, pool: FramePool())
            #expect(abs(Int(Self.at(out, 16, 32)) - 200) <= 4, "dim \(dim): the fitted picture keeps its level")
            let expected = 16 + 184 * (1 - dim)
            #expect(abs(Double(Self.at(out, 16, 4)) - expected) <= 6, "dim \(dim): background \(Self.at(out, 16, 4)), expected \(expected)")
        }
    }

    // MARK: - overlay

    @Test func overlayDrawsOnACopyOnlyWhileShown() throws {
        let source = Self.picture(32, 16)
        let step = OverlayStep(stage: "box", overlays: [try Self.whiteOverlay(x: 4, y: 2, w: 8, h: 6, start: 1, end: 2)])
        #expect(step.name == "overlay:box")
        let pool = FramePool()
        pool.borrowed = source
        #expect(try step.apply(source, at: 0.5, pool: pool) === source, "before its start the frame passes through")
        let drawn = try step.apply(source, at: 1.5, pool: pool)
        #expect(drawn !== source)
        #expect(Self.brightBox(drawn).map { $0 == (4, 2, 11, 7) } == true, "\(String(describing: Self.brightBox(drawn)))")
        #expect(Self.brightBox(source) == nil, "the decoded frame, shared with other clips, is left as it was")
        // A picture of the pipeline's own (not the decoded frame) is drawn on in place.
        let own = Self.picture(32, 16)
        #expect(try step.apply(own, at: 1.5, pool: pool) === own && Self.brightBox(own) != nil)
    }

    // MARK: - runner

    @Test func rendererRunsItsStepsInOrder() throws {
        // Landscape 32×16 shown turned 90°: the overlay is laid out on the upright 16×32 picture.
        let steps: [any FrameStep] = [RotateStep(degrees: 90),
                                      OverlayStep(stage: "box", overlays: [try Self.whiteOverlay(x: 2, y: 20, w: 12, h: 4, start: 0, end: 5)])]
        let renderer = FrameRenderer(steps: steps, outputWidth: 16, outputHeight: 32)
        #expect(renderer.stepNames == ["rotate:90", "overlay:box"] && renderer.rotates && renderer.overlayLabels == ["box"])
        let out = try renderer.render(Self.picture(32, 16), at: 1)
        #expect((out.width, out.height) == (16, 32))
        #expect(Self.brightBox(out).map { $0 == (2, 20, 13, 23) } == true, "the box stays as laid out: \(String(describing: Self.brightBox(out)))")
        // With no step to convert them, pictures that are not 4:2:0 are refused, not misread.
        let plain = FrameRenderer(steps: [], outputWidth: 32, outputHeight: 16)
        #expect(throws: MarqueeError.self) { try plain.render(Frame.picture(width: 32, height: 16, format: .rgb24), at: 0) }
        let source = Self.picture(32, 16)
        #expect(try plain.render(source, at: 0) === source)
    }
}
