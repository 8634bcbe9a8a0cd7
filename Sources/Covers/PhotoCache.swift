import Support
import PluginKit
import Presets
import Batch
import Foundation
import Imaging

/// Decodes each product's photos once, shrunk on load to the largest size any cover needs, and
/// shares them between that product's covers. Keeps a few products; older ones are released.
public final class PhotoCache: @unchecked Sendable {
    // Safe to share: every mutable property is read and written only while holding `lock`.
    private let lock = NSLock()
    private var entries: [String: ProductPhotos] = [:]
    private var order: [String] = []
    private var failures: [String: MarqueeError] = [:]
    private var shortSides: [String: Int] = [:]
    private let capacity: Int
    private let maxPixels: Int
    /// Damaged photos are used as far as they decode, with a warning, instead of failing their covers.
    private let lenient: Bool

    public init(capacity: Int, maxPixels: Int, lenient: Bool = false) {
        self.capacity = max(1, capacity); self.maxPixels = maxPixels; self.lenient = lenient
    }

    /// Asks for a product's photos to be decoded with at least `side` pixels on their short side.
    public func require(_ side: Int, for product: String) {
        lock.lock(); defer { lock.unlock() }
        shortSides[product] = max(shortSides[product] ?? 0, side)
    }

    public func photos(for product: Product) throws(MarqueeError) -> ProductPhotos {
        lock.lock()
        if let hit = entries[product.id] { lock.unlock(); return hit }
        if let failed = failures[product.id] { lock.unlock(); throw failed }
        lock.unlock()
        // Decoding happens outside the lock; two covers of one product may race once, harmlessly.
        let loaded: ProductPhotos
        do {
            loaded = try load(product)
        } catch {
            lock.lock(); failures[product.id] = error; lock.unlock()
            throw error
        }
        lock.lock(); defer { lock.unlock() }
        entries[product.id] = loaded
        order.append(product.id)
        while order.count > capacity { entries[order.removeFirst()] = nil }
        return loaded
    }

    private func load(_ p: Product) throws(MarqueeError) -> ProductPhotos {
        lock.lock(); let side = shortSides[p.id] ?? 1920; lock.unlock()
        var warnings: [String] = []
        func one(_ path: String?, _ field: String) throws(MarqueeError) -> Image? {
            guard let path else { return nil }
            // Decoded once, upright and sRGB, shrunk on load where the format can; the layouts
            // resample it once, into their slots.
            do { return try Image.decodeUpright(path, shortSide: side, maxPixels: maxPixels) } catch {
                guard error.operation == "decode" else {
                    throw .item("product \(p.id), field \(field): \(error.message); use an sRGB or CMYK JPEG, PNG or WebP photo")
                }
                let damage = Self.damage(path, error)
                guard lenient, let partial = try? Image.decodeUpright(path, shortSide: side, maxPixels: maxPixels, strict: false) else {
                    throw .item("product \(p.id), field \(field): \(damage); save or export the photo again (or run with --lenient to use what decodes)")
                }
                warnings.append("field \(field): \(damage); used as far as it decodes (--lenient)")
                return partial
            }
        }
        guard let heroPath = p.images.first, let hero = try one(heroPath, "image") else {
            throw .item("product \(p.id), field image: no photo given; add at least one photo path")
        }
        var extra: [Image] = []
        for path in p.images.dropFirst() { if let img = try one(path, "image") { extra.append(img) } }
        var photos = ProductPhotos(hero: hero, extra: extra, before: try one(p.before, "before"), after: try one(p.after, "after"),
                                   logo: try one(p.logo, "logo"))
        photos.warnings = warnings
        return photos
    }

    /// `photo p1.jpg is truncated: <libvips' message>` (or `is damaged:` when the data is not cut short).
    static func damage(_ path: String, _ error: ImagingError) -> String {
        let lower = error.message.lowercased()
        let truncated = ["premature end", "truncated", "unexpected end", "end of file", "not enough data", "out of data", "short read"]
            .contains { lower.contains($0) }
        let message = error.message.split(whereSeparator: \.isNewline).prefix(3).joined(separator: "; ")
        return "photo \((path as NSString).lastPathComponent) is \(truncated ? "truncated" : "damaged"): \(message)"
    }
}
