import Testing
import Foundation
import Presets
import Covers
@testable import Imaging

/// The reading checks cut text regions out of the cover at feed size; `CoverPixels.feedRegion` makes only
/// those regions, and must give the bytes the whole feed-size picture has there, at whole and fractional
/// scales (the platforms' feed widths), at the canvas edges and for boxes reaching past them.
@Suite struct FeedRegionTests {
    @Test func regionsAreTheWholeFeedPicturesBytes() throws {
        let photos = try ImageDownscaleTests.photos()
        #expect(photos.count >= 3)
        // Canvas and feed width of tiktok (1/6), instagram-reels (1/8.3), youtube-thumbnail (1/3.58), shopee-live (1/4.4).
        let shapes = [(1080, 1920, 180), (1080, 1920, 130), (1280, 720, 358), (800, 800, 180)]
        var compared = 0
        for (name, photo) in photos.sorted(by: { $0.key < $1.key }) {
            for (w, h, feedWidth) in shapes {
                let canvas = try photo.thumbnail(width: w, height: h, crop: "centre").materialized()
                let data = try canvas.encoded(as: .jpg, quality: 85)
                let size = Size(width: feedWidth, height: feedWidth * h / w)
                let whole = try CoverPixels(path: "\(name).jpg", encoded: data).feed(size: size)
                let pixels = CoverPixels(path: "\(name).jpg", encoded: data)
                let boxes = [Box(x: 0, y: 0, w: 40, h: 12), Box(x: 17, y: 33, w: 91, h: 27),
                             Box(x: whole.width - 30, y: whole.height - 9, w: 30, h: 9),
                             Box(x: whole.width - 20, y: whole.height / 2, w: 60, h: 40), Box(x: -5, y: -5, w: 20, h: 20)]
                for box in boxes {
                    let cut = box.intersection(Box(x: 0, y: 0, w: whole.width, h: whole.height))
                    let region = try #require(try pixels.feedRegion(size: size, box: box), "\(name) \(w)x\(h) at \(feedWidth): \(box)")
                    let expected = try whole.crop(x: cut.x, y: cut.y, width: cut.w, height: cut.h)
                    #expect(region.width == cut.w && region.height == cut.h, "\(name) \(w)x\(h) at \(feedWidth): \(box)")
                    #expect(try region.pixelBytes() == expected.pixelBytes(), "\(name) \(w)x\(h) at \(feedWidth): \(box) differs")
                    compared += 1
                }
                #expect(try pixels.feedRegion(size: size, box: Box(x: whole.width + 3, y: 0, w: 10, h: 10)) == nil)
            }
        }
        #expect(compared >= 60)
    }
}
