import Testing
import Foundation
@testable import Imaging

/// Large reductions in two stages (box shrink, then lanczos3 over at least the last 2x) against
/// libvips' own `resize` and `thumbnail_image`, on real photographs: the same size to the pixel and
/// the same picture within 33 dB PSNR (the two split one lanczos3 reduction differently: about 1.6 grey
/// levels apart on average, at edges; measured 35-44 dB; a shifted or wrongly scaled picture scores under 25).
@Suite struct ImageDownscaleTests {
    static func photos() throws -> [String: Image] {
        // Enlarged to photo-library sizes (1000-1800 px), where covers reduce 3-8x.
        try RealPhotos.images(scaledBy: 2.2)
    }

    static func libvips(_ name: String, _ args: [String: VipsArgument]) throws -> Image {
        try VipsOperation.call(name, args).image()
    }

    @Test func resizeMatchesLibvipsResize() throws {
        for (name, photo) in try Self.photos() {
            for scale in [1.0 / 3, 1.0 / 6, 0.137, 0.4] {
                let ours = try photo.resize(scale)
                let theirs = try Self.libvips("resize", ["in": .image(photo), "scale": .double(scale)])
                #expect(ours.width == theirs.width && ours.height == theirs.height, "\(name) at \(scale): \(ours.width)x\(ours.height) against \(theirs.width)x\(theirs.height)")
                let psnr = try CoverGoldenTests.psnr(ours, theirs)
                #expect(psnr >= 33, "\(name) at \(scale): PSNR \(psnr) dB against libvips' resize")
            }
        }
    }

    @Test func coverThumbnailsMatchLibvips() throws {
        for (name, photo) in try Self.photos() {
            for (w, h, crop) in [(135, 240, "centre"), (300, 200, "attention"), (240, 240, "centre"), (180, 320, "attention")] {
                let ours = try photo.thumbnail(width: w, height: h, crop: crop)
                #expect(ours.width == w && ours.height == h, "\(name) \(w)x\(h) \(crop): \(ours.width)x\(ours.height)")
                let theirs = try Self.libvips("thumbnail_image", ["in": .image(photo), "width": .int(w), "height": .int(h),
                                                                  "crop": .string(crop), "size": .string("both")])
                let psnr = try CoverGoldenTests.psnr(ours, theirs)
                // Attention may settle a pixel or two away on a slightly different picture: same crop, nearly.
                #expect(psnr >= (crop == "centre" ? 33 : 25), "\(name) \(w)x\(h) \(crop): PSNR \(psnr) dB against thumbnail_image")
            }
        }
    }

    @Test func fitKeepsTheAspectInsideTheBox() throws {
        for (name, photo) in try Self.photos() {
            let ours = try photo.fit(width: 200, height: 200)
            let theirs = try Self.libvips("thumbnail_image", ["in": .image(photo), "width": .int(200), "height": .int(200), "size": .string("both")])
            #expect(max(ours.width, ours.height) == 200 && ours.width <= 200 && ours.height <= 200, "\(name): \(ours.width)x\(ours.height)")
            #expect(abs(ours.width - theirs.width) <= 1 && abs(ours.height - theirs.height) <= 1, "\(name): \(ours.width)x\(ours.height) against \(theirs.width)x\(theirs.height)")
        }
    }

    /// The path is really two stages (a box shrink, then a kernel), and images with alpha keep libvips' own.
    @Test func choosesTwoStagesOnlyWhereItApplies() throws {
        let rgb = try Image.solid(width: 1200, height: 900, rgb: [10, 120, 200])
        #expect(rgb.takesTwoStages(1.0 / 6))
        #expect(!rgb.takesTwoStages(0.6))
        let rgba = try Image.solid(width: 1200, height: 900, rgb: [10, 120, 200], alpha: 255)
        #expect(!rgba.takesTwoStages(1.0 / 6))
        let small = try rgb.downscaled(width: 200, height: 150)
        #expect(small.width == 200 && small.height == 150)
        #expect(throws: ImagingError.self) { try rgb.downscaled(width: 1300, height: 150) }
    }
}
