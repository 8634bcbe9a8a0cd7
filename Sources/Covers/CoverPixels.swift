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
        var feed: [Int: Image] = [:]
        var small: [Int: Image] = [:]
        var shrunk: [Int: Image] = [:]
        var info: ImageFileInfo?
        var memo: [String: any Sendable] = [:]
    }
    private let state = Mutex(State())
    /// Held while a picture or measurement is made, so two checks of the cover running at once (the
    /// reading check beside the others) make it once: the second waits for the first's.
    private let making = NSRecursiveLock()

    /// The cover in the file at `path`, read when a check first asks.
    public init(path: String) { self.path = path; encoded = nil }

    /// The cover whose encoded file is `encoded` (as written to `path`): decoded from memory.
    public init(path: String, encoded: Data) { self.path = path; self.encoded = encoded }

    /// The cover as 8-bit sRGB, decoded in full.
    public func full() throws -> Image {
        try once({ $0.full }, { try encoded.map(Self.decoded) ?? Image.loadStrict(path) }, { $0.full = $1 })
    }

    /// What `kept` finds in the state, else what `make` gives, stored by `keep`; made once even when
    /// two checks ask at once.
    private func once<T: Sendable, E: Error>(_ kept: @Sendable (State) -> T?, _ make: () throws(E) -> T,
                                             _ keep: @Sendable (inout State, T) -> Void) throws(E) -> T {
        if let hit = state.withLock({ kept($0) }) { return hit }
        making.lock()
        defer { making.unlock() }
        if let hit = state.withLock({ kept($0) }) { return hit }
        let value = try make()
        state.withLock { keep(&$0, value) }
        return value
    }

    /// Bytes Marquee has just encoded (8-bit sRGB, no alpha once flattened), decoded in memory.
    static func decoded(_ data: Data) throws -> Image {
        var image = try Image.decode(data, sequential: true).flatten()
        if image.bands > 3 { image = try image.bands(0, count: 3) }
        return try image.materialized()
    }

    /// The cover at the platform's feed size (what a phone shows in the grid): `size`'s width, the
    /// height the cover's aspect gives. Decoded small (JPEG shrink-on-load from the file or the bytes
    /// just encoded, then reduced), as the check report's feed-size copy is: what the reading checks
    /// judge is the picture the report shows. Made once per width and kept.
    public func feed(size: Size) throws -> Image {
        try once({ $0.feed[size.width] }, { try fitted(width: size.width, height: Self.unbound) }, { $0.feed[size.width] = $1 })
    }

    /// A fitting bound that never binds, within libvips' largest coordinate (10 million: a larger
    /// `thumbnail` height is refused and the width is used for both).
    static let unbound = 1_000_000

    /// The pixels of `box` of the feed-size picture (`feed(size:)`), cut to it; nil when nothing of the
    /// box is on it. The reading checks read a few text regions of it.
    public func feedRegion(size: Size, box: Box) throws -> Image? {
        let source = try feed(size: size)
        let cut = box.intersection(Box(x: 0, y: 0, w: source.width, h: source.height))
        guard cut.w > 0, cut.h > 0 else { return nil }
        return try source.crop(x: cut.x, y: cut.y, width: cut.w, height: cut.h).materialized()
    }

    /// The cover fitted within `side` x `side` pixels, sRGB without alpha: enough to find where things
    /// are. The file, or the bytes just encoded, is decoded small (JPEG shrink-on-load: far cheaper
    /// than reducing the full picture, and than libvips' `thumbnail`), the same picture either way.
    public func small(side: Int) throws -> Image {
        try once({ $0.small[side] }, {
            let image = try fitted(width: side, height: side)
            // A greyscale cover (one band) as RGB too: the subject search reads three bands.
            return image.bands < 3 ? try image.colourspace("srgb").materialized() : image
        }, { $0.small[side] = $1 })
    }

    /// The cover fitted within `width` x `height`, without alpha, decoded small (JPEG shrink-on-load, from
    /// the file or the bytes just encoded: the same picture either way); not kept, but each decode at a
    /// shrink is, for the other sizes fitted from it (the feed-size picture and `small`'s, both from a
    /// quarter-size decode of a 1080x1920 cover). `small`'s picture, and `feed`'s.
    public func fitted(width: Int, height: Int) throws -> Image {
        let keep: Image.ShrunkDecodes = { [self] factor, decode throws(ImagingError) in
            try once({ $0.shrunk[factor] }, { () throws(ImagingError) in try decode().materialized() }, { $0.shrunk[factor] = $1 })
        }
        let reduced = try encoded.map { data throws in try Image.fitOnLoad(encoded: data, width: width, height: height, keep: keep) }
            ?? Image.fitOnLoad(path, width: width, height: height, keep: keep)
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
        try once({ $0.memo[key] as? T }, make, { $0.memo[key] = $1 })
    }
}
