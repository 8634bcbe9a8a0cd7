import Foundation
import Testing
@testable import Imaging

/// Marquee's run of libvips' attention strategy (`Image.attentionCrop`: the same steps, its 32x32
/// picture made by `resize`'s two steps held in memory) against libvips' own `smartcrop`: the same
/// window and the same attention point, on real photographs and drawn pictures, in uchar and float,
/// for portrait, landscape and square windows.
@Suite struct AttentionCropTests {
    static func libvips(_ image: Image, _ w: Int, _ h: Int) throws -> (left: Int, top: Int, x: Int, y: Int) {
        let out = try VipsOperation.call("smartcrop", ["input": .image(image), "width": .int(w), "height": .int(h),
                                                       "interesting": .string("attention")], outputs: ["out", "attention_x", "attention_y"])
        let crop = try out.image()
        let (left, top) = (-crop.xOffset, -crop.yOffset)
        return (left, top, Int(out.numbers["attention_x"] ?? -1), Int(out.numbers["attention_y"] ?? -1))
    }

    static func pictures(_ dir: URL) throws -> [(String, Image)] {
        var out: [(String, Image)] = []
        for (name, url) in try RealPhotos.copy(to: dir) {
            let photo = try Image.loadStrict(url.path).bands(0, count: 3)
            out.append((name, try photo.resize(2).materialized()))
            out.append(("\(name) float", try photo.linear([1.07, 1.0, 0.88], [4, 2, 0]).materialized()))
        }
        let drawn = try Image.solid(width: 900, height: 1400, rgb: [230, 220, 200]).cast("uchar")
            .insert(Image.solid(width: 200, height: 260, rgb: [200, 40, 60]).cast("uchar"), x: 610, y: 980).materialized()
        out.append(("drawn", drawn))
        return out
    }

    @Test func theWindowAndPointAreSmartcropsOwn() throws {
        let dir = try TestSupport.tempDir("attention-crop")
        defer { try? FileManager.default.removeItem(at: dir) }
        var compared = 0, moved = 0
        for (name, image) in try Self.pictures(dir) {
            for (fw, fh) in [(0.9, 0.5), (0.5, 0.9), (0.6, 0.6), (1.0, 0.3), (0.25, 1.0)] {
                let w = Int(Double(image.width) * fw), h = Int(Double(image.height) * fh)
                let ours = try #require(try image.attentionCrop(width: w, height: h), "\(name)")
                let theirs = try Self.libvips(image, w, h)
                #expect(ours.left == theirs.left && ours.top == theirs.top && ours.x == theirs.x && ours.y == theirs.y,
                        "\(name) \(w)x\(h): ours \(ours), libvips \(theirs)")
                compared += 1
                if theirs.left != (image.width - w) / 2 || theirs.top != (image.height - h) / 2 { moved += 1 }
            }
        }
        #expect(compared >= 40)
        // Not a centre crop in disguise: most windows sit off centre.
        #expect(moved * 2 > compared, "\(moved) of \(compared) windows off centre")
    }

    @Test func picturesItCannotTakeAreLeftToLibvips() throws {
        let tiny = try Image.solid(width: 20, height: 300, rgb: [10, 20, 30]).cast("uchar")
        #expect(try tiny.attentionCrop(width: 10, height: 100) == nil)
        let alpha = try Image.solid(width: 300, height: 300, rgb: [10, 20, 30], alpha: 255).cast("uchar")
        #expect(try alpha.attentionCrop(width: 100, height: 100) == nil)
    }
}
