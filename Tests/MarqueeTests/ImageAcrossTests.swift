import Testing
import Foundation
@testable import Imaging

/// Reductions across a picture run as libvips' vertical reduction of the picture turned a quarter
/// (Image+Across.swift): the same size as libvips' `reduceh`, and on real photographs the same picture
/// but for fixed-point rounding (0.05-0.2 grey levels on average, a few levels at sharp edges).
/// A filter reading the wrong axis, or one pixel shifted, is tens of levels off at edges and several
/// on average.
@Suite struct ImageAcrossTests {
    static func photos() throws -> [String: Image] {
        try RealPhotos.images(scaledBy: 1.5)
    }

    /// Mean and largest absolute difference between two pictures of one size.
    static func difference(_ a: Image, _ b: Image) throws -> (mean: Double, max: Double) {
        let diff = try VipsOperation.call("subtract", ["left": .image(a), "right": .image(b)]).image()
        let abs = try VipsOperation.call("abs", ["in": .image(diff)]).image()
        let mean = try #require(VipsOperation.call("avg", ["in": .image(abs)]).numbers["out"])
        let max = try #require(VipsOperation.call("max", ["in": .image(abs)]).numbers["out"])
        return (mean, max)
    }

    @Test func turnedReductionIsLibvipsReduceh() throws {
        let photos = try Self.photos()
        #expect(photos.count >= 3)
        for (name, photo) in photos {
            for (shrink, kernel) in [(1.72, "lanczos3"), (3.0, "lanczos3"), (1.25, "cubic"), (2.5, "linear")] {
                let ours = try photo.reducedAcross(by: shrink, kernel: kernel).materialized()
                let theirs = try VipsOperation.call("reduceh", ["in": .image(photo), "hshrink": .double(shrink),
                                                                "kernel": .string(kernel)]).image().materialized()
                #expect(ours.width == theirs.width && ours.height == theirs.height && ours.height == photo.height,
                        "\(name) /\(shrink) \(kernel): \(ours.width)x\(ours.height) against \(theirs.width)x\(theirs.height)")
                let d = try Self.difference(ours, theirs)
                #expect(d.mean < 0.5 && d.max <= 8, "\(name) /\(shrink) \(kernel): mean \(d.mean), max \(d.max) levels from reduceh")
            }
        }
    }

    /// Both axes, as libvips' `reduce`: down, then across turned.
    @Test func bothAxesAreLibvipsReduce() throws {
        for (name, photo) in try Self.photos() {
            let ours = try photo.reduced(hshrink: 2.2, vshrink: 1.6, kernel: "lanczos3", staged: true).materialized()
            let theirs = try VipsOperation.call("reduce", ["in": .image(photo), "hshrink": .double(2.2), "vshrink": .double(1.6)])
                .image().materialized()
            #expect(ours.width == theirs.width && ours.height == theirs.height)
            let d = try Self.difference(ours, theirs)
            #expect(d.mean < 0.5 && d.max <= 8, "\(name): mean \(d.mean), max \(d.max) levels from reduce")
        }
    }

    /// Pictures other than 8-bit keep libvips' own `reduceh`: the same bytes.
    @Test func otherFormatsKeepReduceh() throws {
        let photo = try #require(Self.photos().values.first)
        let wide = try photo.cast("ushort")
        let ours = try wide.reducedAcross(by: 1.72, kernel: "lanczos3")
        let theirs = try VipsOperation.call("reduceh", ["in": .image(wide), "hshrink": .double(1.72)]).image()
        #expect(ours.format == "ushort")
        #expect(try ours.pixelBytes() == theirs.pixelBytes())
    }
}
