import Testing
import Foundation
@testable import Imaging

/// `Image.libvipsResize` reduces in stages (reducev held in memory, then reduceh) for speed, and must give
/// exactly the bytes libvips' own `resize` gives: the feed-size picture the reading checks judge.
@Suite struct ImageResizeStagedTests {
    @Test func stagedReductionGivesLibvipsResizeBytes() throws {
        let photos = try ImageDownscaleTests.photos()
        #expect(photos.count >= 3)
        // Cover-sized pictures of odd and even sizes; feed widths and scales that do not divide them. 1/6 then
        // 1/3 of one picture is the sequence libvips 8.14's operation cache gets wrong for a cached `reducev`.
        var pictures = photos.map { ($0.key, $0.value) }
        if let (name, photo) = pictures.first {
            pictures.append(("\(name)-cover", try photo.crop(x: 0, y: 0, width: min(photo.width, 1080), height: min(photo.height, 1001))))
        }
        for (name, picture) in pictures {
            for scale in [180.0 / 1080, 240.0 / 1080, 360.0 / 1080, 0.137, 0.4, 0.75] {
                let staged = try picture.libvipsResize(scale).materialized()
                let theirs = try VipsOperation.call("resize", ["in": .image(picture), "scale": .double(scale)]).image().materialized()
                #expect(staged.width == theirs.width && staged.height == theirs.height,
                        "\(name) at \(scale): \(staged.width)x\(staged.height) against \(theirs.width)x\(theirs.height)")
                let a = try staged.pixelBytes(), b = try theirs.pixelBytes()
                let differing = zip(a, b).filter { $0 != $1 }.count
                #expect(a.count == b.count && differing == 0, "\(name) at \(scale): \(differing) of \(b.count) bytes differ from libvips' resize")
            }
        }
    }

    @Test func pictureWithAlphaOrEnlargementTakesLibvipsOwnPath() throws {
        let photo = try #require(try ImageDownscaleTests.photos().values.first)
        let withAlpha = try photo.op("bandjoin_const", ["in": .image(photo), "c": .doubles([255])])
        for (picture, scale) in [(withAlpha, 0.25), (photo, 1.5)] {
            let ours = try picture.libvipsResize(scale).materialized()
            let theirs = try VipsOperation.call("resize", ["in": .image(picture), "scale": .double(scale)]).image().materialized()
            #expect(try ours.pixelBytes() == theirs.pixelBytes())
        }
    }
}
