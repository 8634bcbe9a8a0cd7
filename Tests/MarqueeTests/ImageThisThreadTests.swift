import Testing
import Foundation
@testable import Imaging

/// Pictures computed on the calling thread, strip by strip (`computedHere`, `bytesComputedHere`),
/// against the same pipelines computed by libvips' own sink and its worker threads: the same bytes,
/// across many strips, from lazy resamplers, blurs and crops of real photographs, and from a JPEG
/// decoded sequentially; and a damaged file's error, not a crash or a half picture.
@Suite struct ImageThisThreadTests {
    /// Real photographs enlarged 2.2 times (660 to 1130 rows): 10 strips and more each.
    static func photos() throws -> (URL, [(String, Image)]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("this-thread-\(UUID().uuidString)")
        let photos = try RealPhotos.copy(to: dir).sorted { $0.key < $1.key }.map { name, url in
            (name, try Image.loadStrict(url.path).bands(0, count: 3).resize(2.2))
        }
        return (dir, photos)
    }

    @Test func pipelinesComputedHereAreTheSinksBytes() throws {
        let (dir, photos) = try Self.photos()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(photos.count >= 3)
        for (name, big) in photos {
            #expect(big.height > 5 * Image.stripRows(width: big.width), "\(name): \(big.height) rows cross many strips")
            let pipelines: [(String, Image)] = [
                ("enlarged", big),
                ("blurred", try big.gaussblur(6)),
                ("reduced", try big.resize(0.37)),
                ("cut", try big.gaussblur(2).crop(x: 31, y: 17, width: big.width - 80, height: big.height - 50)),
                ("grey", try big.colourspace("b-w").cast("uchar")),
            ]
            for (step, image) in pipelines {
                let here = try image.computedHere()
                let sink = try image.computedByWorkers()
                #expect(here.width == sink.width && here.height == sink.height && here.bands == sink.bands, "\(name) \(step)")
                #expect(try here.pixelBytes() == sink.pixelBytes(), "\(name) \(step): the same pixels")
                #expect(try image.bytesComputedHere() == image.bytesByWorkers(), "\(name) \(step): the same packed bytes")
            }
        }
    }

    @Test func aSequentialJPEGDecodesHereAsInTheSink() throws {
        let (dir, photos) = try Self.photos()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (name, big) = try #require(photos.first)
        let file = dir.appendingPathComponent("\(name).jpg")
        try big.encoded(as: .jpg, quality: 90).write(to: file)
        // A sequential decoder answers strips top to bottom only: what the strips ask for.
        func open() throws -> Image {
            try VipsOperation.call("jpegload", ["filename": .string(file.path), "access": .string("sequential")]).image()
        }
        let here = try open().computedHere()
        let sink = try open().computedByWorkers()
        #expect(here.width == big.width && here.height == big.height)
        #expect(try here.pixelBytes() == sink.pixelBytes(), "\(name): a sequential decode computed here is the sink's")
    }

    @Test func aTruncatedFileFailsWithLibvipsMessage() throws {
        let (dir, photos) = try Self.photos()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, big) = try #require(photos.first)
        let whole = try big.encoded(as: .jpg, quality: 90)
        let file = dir.appendingPathComponent("cut.jpg")
        try whole.prefix(whole.count * 6 / 10).write(to: file)
        func open() throws -> Image {
            try VipsOperation.call("jpegload", ["filename": .string(file.path), "fail_on": .string("truncated")]).image()
        }
        #expect(throws: ImagingError.self) { try open().computedByWorkers() }
        do {
            _ = try open().computedHere()
            Issue.record("a truncated JPEG computed here gave a picture")
        } catch let error as ImagingError {
            #expect(error.operation == "copy_memory")
            #expect(error.message.lowercased().contains("jpeg") || error.message.lowercased().contains("premature"),
                    "libvips' own words kept: \(error.message)")
        }
        do {
            _ = try open().bytesComputedHere()
            Issue.record("a truncated JPEG read here gave bytes")
        } catch let error as ImagingError {
            #expect(!error.message.isEmpty, "libvips' own words kept")
        }
    }
}
