import Foundation
import Testing
@testable import Imaging
import OracleSupport

/// The `subject` crop: a product on a plain backdrop is found from the photo's border and the crop is
/// centred on it; a photograph without a plain backdrop is cropped by libvips' attention, byte for byte.
@Suite struct PlainBackgroundSubjectTests {
    /// The sample show's photos at 400 px (samples/make-sample-show.sh: FFmpeg draws them).
    static func sampleShow(in dir: URL) throws -> URL {
        let script = TestSupport.repoRoot.appendingPathComponent("samples/make-sample-show.sh").path
        let run = try OracleTools.run("/bin/bash", [script, dir.path, "400"])
        guard run.status == 0 else { throw OracleError("make-sample-show.sh failed (is ffmpeg installed? `make setup`): \(run.stderr)") }
        return dir.appendingPathComponent("photos")
    }

    /// The earbuds: a dark ellipse centred at (200, 220), 208x160 px, on a light blue gradient. In the
    /// photo column of a square cover (70 % of the width kept), libvips' attention settles on the
    /// ellipse's right edge and cuts a fifth of it off; the subject crop keeps it whole and centred.
    @Test func darkProductOnAGradientIsFoundAndKeptWhole() throws {
        let dir = try TestSupport.tempDir("subject")
        defer { try? FileManager.default.removeItem(at: dir) }
        let photo = try Image.loadStrict(try Self.sampleShow(in: dir).appendingPathComponent("tech.jpg").path).materialized()
        let sample = try #require(try photo.attentionSample())
        let s = try #require(PlainBackgroundSubject(rgb: try sample.pixelBytes(), width: sample.width))
        // In the 32x32 picture attention scores: the ellipse spans 7.7-24.3 across and 11.2-24 down.
        #expect(abs(s.x - 8) <= 1 && abs(s.x + s.w - 24) <= 1 && abs(s.y - 11) <= 1 && abs(s.y + s.h - 24) <= 1, "\(s)")
        let ours = try #require(try photo.subjectPlacement(width: 280, height: 400, sample: sample))
        #expect(ours.left <= 96 && ours.left + 280 >= 304, "the window \(ours.left)-\(ours.left + 280) holds the ellipse (96-304)")
        #expect(abs(ours.x - 200) <= 8 && abs(ours.y - 220) <= 8, "centred on the ellipse: \(ours)")
        let attention = try photo.attentionPlacement(width: 280, height: 400)
        #expect(attention.left > 96, "libvips' attention keeps the ellipse whole here (\(attention)); this test no longer shows the defect")
        let filled = try photo.filled(width: 280, height: 400, crop: "subject")
        #expect(try filled.image.pixelBytes() == photo.crop(x: ours.left, y: 0, width: 280, height: 400).pixelBytes())
        #expect(filled.focus.map { $0.x == ours.x - ours.left } == true)
    }

    /// Photographs whose border is a scene (scikit-image's astronaut, coffee, chelsea, rocket) have no
    /// plain background: the subject crop is libvips' attention crop, the same bytes.
    @Test func photographsWithoutAPlainBackdropKeepTheAttentionCrop() throws {
        let dir = try TestSupport.tempDir("subject-real")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, url) in try RealPhotos.copy(to: dir) {
            let photo = try Image.loadStrict(url.path).bands(0, count: 3).materialized()
            let sample = try #require(try photo.attentionSample())
            #expect(PlainBackgroundSubject(rgb: try sample.pixelBytes(), width: sample.width) == nil, "\(name): found a plain backdrop")
            for (w, h) in [(300, 400), (400, 200)] {
                let subject = try photo.filled(width: w, height: h, crop: "subject"), attention = try photo.filled(width: w, height: h, crop: "attention")
                #expect(try subject.image.pixelBytes() == attention.image.pixelBytes(), "\(name) \(w)x\(h)")
            }
        }
    }

    /// A flat backdrop with a product block, a stray speck and nothing else; a backdrop crossed by a
    /// sharp band at the border (a busy edge); a product filling the frame.
    @Test func plainnessAndExtentOnDrawnPictures() {
        func picture(_ w: Int, _ h: Int, _ colour: (Int, Int) -> (UInt8, UInt8, UInt8)) -> [UInt8] {
            (0..<h).flatMap { y in (0..<w).flatMap { x in let c = colour(x, y); return [c.0, c.1, c.2] } }
        }
        let block = picture(64, 48) { x, y in
            (40...55).contains(x) && (10...30).contains(y) || (x == 5 && y == 40) ? (200, 30, 40) : (240, 240, 235)
        }
        let s = PlainBackgroundSubject(rgb: block, width: 64)
        #expect(s.map { ($0.x, $0.y, $0.w, $0.h) == (40, 10, 16, 21) } == true, "\(String(describing: s))")
        let stripes = picture(64, 48) { x, _ in x % 8 < 4 ? (20, 20, 20) : (230, 230, 230) }
        #expect(PlainBackgroundSubject(rgb: stripes, width: 64) == nil, "a striped border is not a plain backdrop")
        let filled = picture(64, 48) { x, y in (1...62).contains(x) && (1...46).contains(y) ? (30, 90, 200) : (250, 250, 250) }
        #expect(PlainBackgroundSubject(rgb: filled, width: 64) == nil, "a product filling the frame leaves no backdrop to centre in")
    }
}
