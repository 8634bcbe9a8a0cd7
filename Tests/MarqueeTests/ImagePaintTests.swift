import Testing
import Foundation
@testable import Imaging

/// A colour painted through a coverage mask (`Image.painted`, Image+Paint.swift) is libvips' `over`
/// composite of that colour with the mask as its alpha, but for rounding: at most one level apart, on
/// real photographs, with text glyphs and an SVG shape's alpha as masks. Full coverage gives the colour
/// exactly, none leaves the picture untouched, and a mask reaching past the canvas is cut to it.
@Suite struct ImagePaintTests {
    static let ink: [Double] = [224, 36, 94]

    /// libvips' general compositing of the same layer: the colour with the mask as alpha, `over`.
    static func composited(_ base: Image, _ rgb: [Double], _ mask: Image, x: Int, y: Int) throws -> Image {
        let layer = try VipsOperation.call("bandjoin", ["in": .images([Image.solid(width: mask.width, height: mask.height, rgb: rgb), mask])])
            .image().colourspaceTag("srgb")
        return try base.compositeRegion(layer, x: x, y: y)
    }

    static func glyphs() throws -> Image {
        let text = try Image.text("<span foreground=\"#FFFFFF\">Summer Sale — Linen Shirt</span>", font: "Noto Sans Bold 64", dpi: 72).image
        return try text.bands(text.bands - 1, count: 1).materialized()
    }

    @Test func paintingIsCompositingButForRounding() throws {
        let photos = try RealPhotos.images(scaledBy: 1.0)
        #expect(photos.count >= 3)
        let glyphs = try Self.glyphs()
        let pill = try VipsOperation.call("svgload_buffer", ["buffer": .blob(Data("""
            <svg xmlns="http://www.w3.org/2000/svg" width="300" height="90"><rect width="300" height="90" rx="45" \
            fill="#E0245E" fill-opacity="0.8"/></svg>
            """.utf8))]).image()
        let pillAlpha = try pill.bands(3, count: 1)
        for (name, photo) in photos {
            for (mask, what) in [(glyphs, "glyphs"), (pillAlpha, "pill")] {
                let ours = try photo.painted(Self.ink, coverage: mask, x: 10, y: 20).materialized()
                let theirs = try Self.composited(photo, Self.ink, mask, x: 10, y: 20).materialized()
                #expect(ours.width == photo.width && ours.height == photo.height && ours.bands == 3 && ours.format == "uchar")
                let d = try ImageAcrossTests.difference(ours, theirs)
                #expect(d.max <= 1, "\(name), \(what): \(d.max) levels from libvips' composite (mean \(d.mean))")
                // The layer is there: the painted picture is far from the photo under the mask.
                let changed = try ImageAcrossTests.difference(ours, photo)
                #expect(changed.max > 60, "\(name), \(what): painting changed the photo by at most \(changed.max) levels")
            }
        }
    }

    @Test func fullCoverageIsTheColourAndNoneIsThePicture() throws {
        let photo = try #require(RealPhotos.images(scaledBy: 0.5).values.first)
        let square = try Image.solid(width: 40, height: 30, rgb: [255, 255, 255]).bands(0, count: 1)
        let painted = try photo.painted(Self.ink, coverage: square, x: 5, y: 7)
        #expect(try painted.crop(x: 5, y: 7, width: 40, height: 30).bandMeans() == Self.ink)
        let empty = try Image.solid(width: 40, height: 30, rgb: [0, 0, 0]).bands(0, count: 1)
        let untouched = try photo.painted(Self.ink, coverage: empty, x: 5, y: 7).materialized()
        #expect(try ImageAcrossTests.difference(untouched, photo).max == 0)
    }

    @Test func aMaskPastTheCanvasIsCutToIt() throws {
        let photo = try #require(RealPhotos.images(scaledBy: 0.5).values.first)
        let glyphs = try Self.glyphs()
        for (x, y) in [(-30, -10), (photo.width - 50, photo.height - 20), (photo.width + 5, 0)] {
            let ours = try photo.painted(Self.ink, coverage: glyphs, x: x, y: y).materialized()
            let theirs = try Self.composited(photo, Self.ink, glyphs, x: x, y: y).materialized()
            #expect(ours.width == photo.width && ours.height == photo.height)
            #expect(try ImageAcrossTests.difference(ours, theirs).max <= 1, "mask at (\(x), \(y))")
        }
    }
}
