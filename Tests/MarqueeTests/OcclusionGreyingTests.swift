import Foundation
import Testing
import Presets
import Imaging
@testable import CoverChecks

/// The subject search greys text boxes out with their own mean colour, now on the pixels in memory:
/// the result must be the picture libvips made before (`stats` mean, a solid patch cast to 8 bits,
/// inserted), pixel for pixel, on a real photograph with overlapping boxes.
@Suite struct OcclusionGreyingTests {
    @Test func greyingMatchesLibvipsStatsAndInsert() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("greying-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let photo = try #require(try RealPhotos.copy(to: dir)["chelsea"])
        let small = try Image.loadStrict(photo.path).bands(0, count: 3).fit(width: 256, height: 256).materialized()
        let boxes = [Box(x: 10, y: 12, w: 60, h: 20), Box(x: 50, y: 25, w: 100, h: 40), Box(x: 0, y: small.height - 9, w: small.width, h: 9)]
        var viaLibvips = small
        for b in boxes {
            let mean = try viaLibvips.bandMeans(x: b.x, y: b.y, width: b.w, height: b.h)
            viaLibvips = try viaLibvips.insert(Image.solid(width: b.w, height: b.h, rgb: Array(mean.prefix(3))).cast("uchar"), x: b.x, y: b.y).materialized()
        }
        var px = try small.pixelBytes()
        for b in boxes { OcclusionCheck.fillWithMean(&px, rowWidth: small.width, box: b) }
        let expected = try viaLibvips.pixelBytes()
        #expect(px.count == expected.count)
        let differing = zip(px, expected).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) of \(px.count) samples differ from libvips' greying")
        // And the boxes really changed: a patch of one colour where the photo had texture.
        #expect(px != (try small.pixelBytes()))
    }

    /// A greyscale cover (one band: a black-and-white design) is searched for its subject like any
    /// other; the check ran into "bad extract band" (and before that "no input images") on it.
    @Test func greyscaleCoverGetsItsSubjectSearched() throws {
        let dir = try TestSupport.tempDir("greying-grey")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try VipsOperation.call("text", ["text": .string("SUMMER SALE"), "font": .string("Noto Sans Bold 110"), "dpi": .int(72)]).image()
        let black = try VipsOperation.call("black", ["width": .int(1080), "height": .int(1920)]).image()
        let ground = try VipsOperation.call("linear", ["in": .image(black), "a": .doubles([1]), "b": .doubles([210])]).image().cast("uchar")
        let inked = try VipsOperation.call("linear", ["in": .image(text), "a": .doubles([-0.75]), "b": .doubles([210])]).image().cast("uchar")
        let cover = try ground.insert(inked, x: 80, y: 300)
        #expect(cover.bands == 1)
        let path = dir.appendingPathComponent("grey.jpg")
        try cover.encoded(as: .jpg).write(to: path)
        let run = try TestSupport.run(["covers", "check", "--platform", "tiktok", "--locale", "en", "--json",
                                       "--checks", "subject-occlusion", path.path])
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let checks = ((doc?["covers"] as? [[String: Any]])?.first?["checks"] as? [[String: Any]]) ?? []
        let occlusion = try #require(checks.first { $0["check"] as? String == "subject-occlusion" }, "\(run.stdout)\n\(run.stderr)")
        #expect(!((occlusion["reason"] as? String) ?? "").contains("could not run"), "\(occlusion)")
        #expect((occlusion["figures"] as? [String: Any])?["subject_w"] != nil, "\(occlusion)")
    }
}
