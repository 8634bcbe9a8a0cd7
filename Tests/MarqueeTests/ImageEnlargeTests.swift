import Testing
import Foundation
@testable import Imaging

/// `linearlyEnlarged` (repeated pixels, then box averages across and down) against libvips' own linear
/// `resize`: the same size and within one grey level, on real photographs reduced to background size,
/// sharp and blurred; odd factors, whose box would sit half a pixel off, take libvips' path.
@Suite struct ImageEnlargeTests {
    /// The largest difference between two pictures' samples, by libvips (subtract, abs, max).
    static func largestDifference(_ a: Image, _ b: Image) throws -> Double {
        let difference = try VipsOperation.call("subtract", ["left": .image(a), "right": .image(b)]).image()
        let magnitude = try VipsOperation.call("abs", ["in": .image(difference)]).image()
        return try VipsOperation.call("max", ["in": .image(magnitude)], outputs: ["out"]).numbers["out"] ?? .infinity
    }

    @Test func enlargementIsLibvipsLinearResizeWithinOneLevel() throws {
        let photos = try ImageDownscaleTests.photos()
        #expect(photos.count >= 3)
        for (name, photo) in photos.sorted(by: { $0.key < $1.key }) {
            for factor in [2, 4, 8, 3] {
                let small = try photo.thumbnail(width: 1080 / factor, height: 1920 / factor, crop: "centre").bands(0, count: 3).materialized()
                for picture in [small, try small.gaussblur(2.5).cast("uchar").materialized()] {
                    let ours = try picture.linearlyEnlarged(by: factor).materialized()
                    let theirs = try picture.resize(Double(factor), kernel: "linear").materialized()
                    #expect(ours.width == theirs.width && ours.height == theirs.height, "\(name) x\(factor)")
                    let worst = try Self.largestDifference(ours, theirs)
                    #expect(worst <= 1, "\(name) x\(factor): \(worst) levels from libvips' linear resize")
                }
            }
        }
    }
}
