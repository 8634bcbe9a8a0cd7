import Testing
import Foundation
@testable import Imaging

/// The cheap reads a cover check makes, against libvips' own: the subject check's small copy decoded
/// small from the JPEG file (`fitOnLoad`) against libvips' `thumbnail` of the same file, and a text
/// line's pixels read straight from a picture in memory against a libvips crop.
@Suite struct ImageSmallReadsTests {
    static func jpegs() throws -> (URL, [(String, URL)]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("small-reads-\(UUID().uuidString)")
        var out: [(String, URL)] = []
        for (name, url) in try RealPhotos.copy(to: dir) {
            // Saved as cover-sized JPEGs (about 1100-1700 px), as covers check reads them.
            let big = try Image.loadStrict(url.path).bands(0, count: 3).resize(2.2)
            let file = dir.appendingPathComponent("\(name)-big.jpg")
            try big.encoded(as: .jpg, quality: 90).write(to: file)
            out.append((name, file))
        }
        return (dir, out)
    }

    @Test func smallCopyFromTheFileMatchesLibvipsThumbnail() throws {
        let (dir, files) = try Self.jpegs()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(files.count >= 3)
        for (name, file) in files {
            for side in [256, 100, 600] {
                let ours = try Image.fitOnLoad(file.path, side: side).materialized()
                let theirs = try VipsOperation.call("thumbnail", ["filename": .string(file.path), "width": .int(side),
                                                                  "height": .int(side), "size": .string("both")]).image().materialized()
                #expect(abs(ours.width - theirs.width) <= 1 && abs(ours.height - theirs.height) <= 1 && max(ours.width, ours.height) <= side,
                        "\(name) at \(side): \(ours.width)x\(ours.height) against \(theirs.width)x\(theirs.height)")
                guard ours.width == theirs.width, ours.height == theirs.height else { continue }
                let psnr = try CoverGoldenTests.psnr(ours, theirs)
                // The JPEG's own 1/2-1/8 scaled decode filters differently from libvips' lanczos3: measured
                // 28-40 dB; the picture moved by one pixel scores about 22 dB on these photos.
                #expect(psnr >= 26, "\(name) at \(side): PSNR \(psnr) dB against libvips' thumbnail")
                let moved = try theirs.crop(x: 1, y: 0, width: theirs.width - 1, height: theirs.height)
                let oursCut = try ours.crop(x: 0, y: 0, width: ours.width - 1, height: ours.height)
                #expect(try CoverGoldenTests.psnr(oursCut, moved) < psnr, "\(name) at \(side): a one-pixel shift scores lower")
            }
        }
    }

    /// `covers compose --check` judges the bytes it has just encoded; `covers check` the file holding
    /// them: both must find the subject in the same small picture.
    @Test func smallCopyFromBytesIsTheFilesSmallCopy() throws {
        let (dir, files) = try Self.jpegs()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, file) in files {
            let data = try Data(contentsOf: file)
            for side in [256, 600] {
                let fromFile = try Image.fitOnLoad(file.path, side: side)
                let fromBytes = try Image.fitOnLoad(encoded: data, side: side)
                #expect(fromBytes.width == fromFile.width && fromBytes.height == fromFile.height, "\(name) at \(side)")
                #expect(try fromBytes.pixelBytes() == fromFile.pixelBytes(), "\(name) at \(side): the same pixels")
            }
        }
        // Not a JPEG: fitted from the whole picture.
        let png = try Image.solid(width: 900, height: 300, rgb: [10, 200, 90]).cast("uchar").encoded(as: .png)
        let small = try Image.fitOnLoad(encoded: png, side: 256)
        #expect(small.width == 256 && small.height == 85 && small.bands == 3)
    }

    @Test func pixelsReadFromMemoryEqualALibvipsCrop() throws {
        let (dir, files) = try Self.jpegs()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, file) in files {
            let image = try Image.loadStrict(file.path)
            for (x, y, w, h) in [(0, 0, 40, 30), (17, 33, 311, 47), (image.width - 50, image.height - 20, 50, 20)] {
                let direct = image.memoryBytes(x: x, y: y, width: w, height: h)
                #expect(direct != nil, "\(name): a materialized RGB picture is read from memory")
                let piped = try image.crop(x: x, y: y, width: w, height: h).pixelBytes()
                #expect(direct == piped, "\(name): box \(x),\(y) \(w)x\(h)")
                #expect(try image.rgbSamples(x: x, y: y, width: w, height: h, maxSide: 10_000, blend: false) == piped)
            }
            // A box outside the picture, and a picture not in memory, take libvips' path.
            #expect(image.memoryBytes(x: image.width - 10, y: 0, width: 20, height: 5) == nil)
            #expect(try Image.open(file.path).memoryBytes(x: 0, y: 0, width: 8, height: 8) == nil)
        }
    }
}
