import Support
import PluginKit
import Presets
import Batch
import Foundation
import Imaging

/// Encodes a cover in the platform's format; under a file-size limit, searches the encoder quality
/// for the best picture that fits.
public enum CoverEncoder {
    public static let defaultQuality = 85
    public static let lowestQuality = 30

    /// Returns the bytes and the quality used (nil for PNG): `quality`, or under `maxBytes` the
    /// largest quality from `lowestQuality` up to it whose output fits.
    public static func encode(_ image: Image, format: ImageFormat, maxBytes: Int?,
                              quality: Int = defaultQuality) throws(MarqueeError) -> (Data, Int?) {
        do {
            let first = try image.encoded(as: format, quality: quality)
            guard let maxBytes, first.count > maxBytes else { return (first, format == .png ? nil : quality) }
            guard format != .png else {
                throw MarqueeError.item("the PNG is \(first.count / 1000) kB, over the platform's \(maxBytes / 1000) kB limit; use --format jpg or webp")
            }
            // Largest quality whose output fits: binary search, the size grows with quality.
            var lo = lowestQuality, hi = quality - 1
            var best: (Data, Int)?
            while lo <= hi {
                let q = (lo + hi) / 2
                let data = try image.encoded(as: format, quality: q)
                if data.count <= maxBytes { best = (data, q); lo = q + 1 } else { hi = q - 1 }
            }
            guard let best else {
                let floor = try image.encoded(as: format, quality: lowestQuality)
                throw MarqueeError.item("the cover is \(floor.count / 1000) kB even at quality \(lowestQuality), over the platform's \(maxBytes / 1000) kB limit; simplify the background or use webp")
            }
            return best
        } catch let e as MarqueeError {
            throw e
        } catch {
            throw MarqueeError.item("encoding failed: \(error)")
        }
    }
}
