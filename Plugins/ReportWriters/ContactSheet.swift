import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Writes `index.html`, a contact sheet of a covers batch as a designer reviews it: one
/// self-contained page (inline CSS and a few lines of script, nothing fetched from the network) with
/// a row per product, its platforms side by side across the page width, every cover a thumbnail of
/// one height with its verdict; failed items and check findings sit in place (a red frame and the
/// reason), and the page filters by platform, region, verdict and finding. The page itself is
/// `ContactSheetPage`. Thumbnails are JPEGs in `thumbs/`, made with libvips.
public struct ContactSheet: CoverReportWriter {
    public static let thumbHeight: Param<Int> = .integer(
        "thumb_height", 80...600, default: 200, doc: "thumbnail height in pixels (thumbnails are never larger than the cover)")
    public static let metadata = PluginMetadata(
        name: "contact-sheet", kind: .reportWriter,
        summary: "index.html: every cover by product with platforms side by side, findings and failures in place, filters",
        parameters: [thumbHeight])
    public init() {}

    public static let fileName = "index.html"
    public static let thumbFolder = "thumbs"

    /// Covers read, thumbnailed and written per chunk (whole products): memory stays flat with the batch.
    static let chunkSize = 64

    public func write(_ input: CoverReportInput, parameters: PluginParameters) throws -> [String] {
        let thumbHeight = parameters[Self.thumbHeight]
        var page = ContactSheetPage(input: input)
        let covers = input.covers, keys = covers.keys
        var written: [String] = []
        try AtomicFile.write(to: input.outDir.appendingPathComponent(Self.fileName)) { out in
            try out.write(contentsOf: Data(page.top.utf8))
            var start = 0
            while start < keys.count {
                var end = start
                repeat {
                    let product = keys[end].product
                    while end < keys.count && keys[end].product == product { end += 1 }
                } while end < keys.count && end - start < Self.chunkSize
                let records = try (start..<end).map(covers.record(at:))
                written += Self.makeThumbs(records, into: &page.thumbs, outDir: input.outDir, height: thumbHeight)
                try out.write(contentsOf: Data(page.sections(records).utf8))
                start = end
            }
            try out.write(contentsOf: Data(page.bottom.utf8))
        }
        return [Self.fileName] + written
    }

    /// The cover's thumbnail, made from the bytes just encoded while the batch runs.
    public func coverWritten(_ cover: CoverRecord, encoded: Data, outDir: URL, parameters: PluginParameters) throws {
        _ = try Self.writeThumb(cover, outDir: outDir, height: parameters[Self.thumbHeight]) {
            try Image.fitOnLoad(encoded: encoded, width: $0, height: $1)
        }
    }

    /// One thumbnail per cover file not yet in `thumbs`: the one made as the cover was written when it
    /// is there and not older than the cover, else made now from the file, in parallel (libvips is
    /// thread-safe); returns the thumbnails of these covers.
    static func makeThumbs(_ records: [CoverRecord], into thumbs: inout [String: Thumb], outDir: URL, height: Int) -> [String] {
        var jobs: [CoverRecord] = []
        var seenFiles = Set<String>()
        for r in records where thumbs[r.file] == nil && seenFiles.insert(r.file).inserted { jobs.append(r) }
        let results = ThumbResults(count: jobs.count)
        let todo = jobs
        DispatchQueue.concurrentPerform(iterations: todo.count) { i in
            results.set(i, madeWithCover(todo[i], outDir: outDir) ?? makeThumb(todo[i], outDir: outDir, height: height))
        }
        var written: [String] = []
        for (i, r) in jobs.enumerated() {
            let thumb = results.get(i)
            if thumb.error == nil { written.append(thumb.path) }
            thumbs[r.file] = thumb
        }
        return written
    }

    // MARK: - Thumbnails

    struct Thumb: Sendable {
        var path: String
        var width = 0, height = 0
        var error: String?
    }

    /// Thumbnails made on several threads, stored under a lock.
    final class ThumbResults: @unchecked Sendable {
        // Safe to share: `items` is read and written only while holding `lock`.
        private var items: [Thumb?]
        private let lock = NSLock()
        init(count: Int) { items = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ t: Thumb) { lock.lock(); items[i] = t; lock.unlock() }
        func get(_ i: Int) -> Thumb {
            lock.lock(); defer { lock.unlock() }
            return items[i] ?? Thumb(path: "", error: "no thumbnail")
        }
    }

    /// `thumbs/NAME.jpg` for a cover file, one name per file, known as each cover is written: the
    /// file's stem with the characters a path or URL cannot hold (and dots) percent-encoded, then its
    /// extension when it is not `jpg` (`a.png` gives `thumbs/a.png.jpg`; no two files share a name).
    static func thumbName(_ file: String) -> String {
        let ext = (file as NSString).pathExtension
        let stem = (file as NSString).deletingPathExtension
        var safe = ""
        for scalar in stem.unicodeScalars {
            if "/\\:*?\"<>| %.#".unicodeScalars.contains(scalar) || scalar.value < 0x20 {
                safe += String(format: "%%%02X", scalar.value)
            } else {
                safe.unicodeScalars.append(scalar)
            }
        }
        return "\(thumbFolder)/\(safe)\(ext.isEmpty || ext == "jpg" ? "" : ".\(ext)").jpg"
    }

    static func coverURL(_ file: String, outDir: URL) -> URL {
        file.hasPrefix("/") ? URL(fileURLWithPath: file) : outDir.appendingPathComponent(file)
    }

    /// The thumbnail height for a cover: portrait covers a little taller, so a row of mixed canvases
    /// reads at a similar size; never larger than the cover.
    static func thumbSide(_ r: CoverRecord, height: Int) -> Int {
        min(r.height > r.width * 11 / 10 ? height * 8 / 5 : height, max(1, r.height))
    }

    /// The thumbnail made as the cover was written, when it is there and not older than the cover file.
    static func madeWithCover(_ r: CoverRecord, outDir: URL) -> Thumb? {
        let name = thumbName(r.file)
        let path = outDir.appendingPathComponent(name).path
        let attributes = { (p: String) in try? FileManager.default.attributesOfItem(atPath: p)[.modificationDate] as? Date }
        guard let made = attributes(path), let cover = attributes(coverURL(r.file, outDir: outDir).path), made >= cover,
              let info = try? Image.info(path) else { return nil }
        return Thumb(path: name, width: info.width, height: info.height)
    }

    /// Writes the cover's thumbnail, decoded small by `load` (fitting within a width and a height: JPEG
    /// shrink-on-load, from the file or from the bytes just encoded, the same picture either way).
    static func writeThumb(_ r: CoverRecord, outDir: URL, height: Int, load: (Int, Int) throws -> Image) throws -> Thumb {
        let h = thumbSide(r, height: height), name = thumbName(r.file)
        let img = try load(h * 4, h).flatten()
        try AtomicFile.write(try img.encoded(as: .jpg, quality: 80), to: outDir.appendingPathComponent(name))
        return Thumb(path: name, width: img.width, height: img.height)
    }

    static func makeThumb(_ r: CoverRecord, outDir: URL, height: Int) -> Thumb {
        do {
            let path = coverURL(r.file, outDir: outDir).path
            return try writeThumb(r, outDir: outDir, height: height) { try Image.fitOnLoad(path, width: $0, height: $1) }
        } catch {
            return Thumb(path: thumbName(r.file), error: "no thumbnail: \(error)")
        }
    }

    /// The cover's title text as composed (in the cover's locale), if a layer carries it.
    static func titleText(_ r: CoverRecord) -> String? {
        r.layers.first { $0.role == "title" && $0.text != nil }?.text
    }

    static func grouped(_ records: [CoverRecord], by key: KeyPath<CoverRecord, String>) -> [(String, [CoverRecord])] {
        var order: [String] = []
        var groups: [String: [CoverRecord]] = [:]
        for r in records {
            let k = r[keyPath: key]
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(r)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    /// A relative path as a URL path (spaces and `#` percent-encoded).
    static func urlPath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?;")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
