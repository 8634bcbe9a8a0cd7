import Foundation
import Synchronization
import Imaging
import Presets

/// One cover's pixels, shared by every check of that cover: the picture is decoded once (strictly: a
/// truncated file is an error), its feed-size and small copies are made once, and what a check
/// measures from them (text lines, the subject window) is kept for the checks after it. `covers check`
/// makes one per cover from its file; `covers compose --check` makes one from the bytes it has just
/// encoded, so the written file is not read back.
public final class CoverPixels: Sendable {
    public let path: String
    private let encoded: Data?

    struct State: Sendable {
        var full: Image?
        var feed: [String: Image] = [:]
        var feedOnDemand: [String: Image] = [:]
        var small: [Int: Image] = [:]
        var info: ImageFileInfo?
        var memo: [String: any Sendable] = [:]
    }
    private let state = Mutex(State())

    /// The cover in the file at `path`, read when a check first asks.
    public init(path: String) { self.path = path; encoded = nil }

    /// The cover whose encoded file is `encoded` (as written to `path`): decoded from memory.
    public init(path: String, encoded: Data) { self.path = path; self.encoded = encoded }

    /// The cover as 8-bit sRGB, decoded in full.
    public func full() throws -> Image {
        if let hit = state.withLock({ $0.full }) { return hit }
        let image = try encoded.map(Self.decoded) ?? Image.loadStrict(path)
        state.withLock { $0.full = image }
        return image
    }

    /// Bytes Marquee has just encoded (8-bit sRGB, no alpha once flattened), decoded in memory.
    static func decoded(_ data: Data) throws -> Image {
        var image = try Image.decode(data, sequential: true).flatten()
        if image.bands > 3 { image = try image.bands(0, count: 3) }
        return try image.materialized()
    }

    /// The cover scaled to `size` (the platform's feed size: what a phone shows in the grid), by
    /// libvips' own resize: the picture every reading check judges stays the one they were tuned on.
    public func feed(size: Size) throws -> Image {
        let key = "\(size.width)x\(size.height)"
        if let hit = state.withLock({ $0.feed[key] }) { return hit }
        let full = try full()
        let scaled = try full.libvipsResize(Double(size.width) / Double(full.width)).materialized()
        state.withLock { $0.feed[key] = scaled }
        return scaled
    }

    /// The pixels of `box` (cut to the picture; empty boxes give nil) of the cover scaled to `size`:
    /// the bytes `feed(size:)` has there, computed for that region alone. Reading checks need a few
    /// text regions, not the whole feed-size picture (a 1080x1920 cover's three text regions at 180 px
    /// wide: 9 ms against 33 ms for the whole, on one thread).
    public func feedRegion(size: Size, box: Box) throws -> Image? {
        let key = "\(size.width)x\(size.height)"
        let (whole, lazy) = state.withLock { ($0.feed[key], $0.feedOnDemand[key]) }
        let source: Image
        if let picture = whole ?? lazy {
            source = picture
        } else {
            let full = try full()
            source = try full.libvipsResize(Double(size.width) / Double(full.width), staged: false)
            state.withLock { $0.feedOnDemand[key] = source }
        }
        let cut = box.intersection(Box(x: 0, y: 0, w: source.width, h: source.height))
        guard cut.w > 0, cut.h > 0 else { return nil }
        return try source.crop(x: cut.x, y: cut.y, width: cut.w, height: cut.h).materialized()
    }

    /// The cover fitted within `side` x `side` pixels, sRGB without alpha: enough to find where things
    /// are. The file, or the bytes just encoded, is decoded small (JPEG shrink-on-load: far cheaper
    /// than reducing the full picture, and than libvips' `thumbnail`), the same picture either way.
    public func small(side: Int) throws -> Image {
        if let hit = state.withLock({ $0.small[side] }) { return hit }
        var image = try fitted(width: side, height: side)
        // A greyscale cover (one band) as RGB too: the subject search reads three bands.
        if image.bands < 3 { image = try image.colourspace("srgb").materialized() }
        state.withLock { $0.small[side] = image }
        return image
    }

    /// The cover fitted within `width` x `height`, without alpha, decoded small (JPEG shrink-on-load, from
    /// the file or the bytes just encoded: the same picture either way); not kept. `small`'s picture, and
    /// the check report's feed-size copy.
    public func fitted(width: Int, height: Int) throws -> Image {
        let reduced = try encoded.map { data throws in try Image.fitOnLoad(encoded: data, width: width, height: height) }
            ?? Image.fitOnLoad(path, width: width, height: height)
        var image = try reduced.flatten()
        if image.bands > 3 { image = try image.bands(0, count: 3) }
        return try image.materialized()
    }

    /// The file's header: format, size, colour space.
    public func info() throws(ImagingError) -> ImageFileInfo {
        if let hit = state.withLock({ $0.info }) { return hit }
        let info = try Image.info(path)
        state.withLock { $0.info = info }
        return info
    }

    /// The size of the encoded file in bytes (0 when it cannot be read).
    public var byteCount: Int {
        if let encoded { return encoded.count }
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// What `make` measures from this cover, made once under `key` and kept for the checks after
    /// (a check's own cache: the key names the measurement and its parameters).
    public func memo<T: Sendable>(_ key: String, _ make: () throws -> T) throws -> T {
        if let hit = state.withLock({ $0.memo[key] }) as? T { return hit }
        let value = try make()
        state.withLock { $0.memo[key] = value }
        return value
    }
}
