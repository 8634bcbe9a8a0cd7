internal import CVips
import Foundation

/// A libvips image. This value is the single owner of its `VipsImage` reference and releases it in `deinit`.
/// libvips images are immutable once built, so an `Image` may be shared across tasks.
public final class Image: @unchecked Sendable {
    // Safe to share: the `VipsImage` pointer never changes and libvips refcounts it atomically.
    let pointer: UnsafeMutablePointer<VipsImage>

    /// Takes ownership of one reference to `pointer`.
    init(owning pointer: UnsafeMutablePointer<VipsImage>) { self.pointer = pointer }

    deinit { mq_unref(pointer) }

    public var width: Int { Int(vips_image_get_width(pointer)) }
    public var height: Int { Int(vips_image_get_height(pointer)) }
    public var bands: Int { Int(vips_image_get_bands(pointer)) }
    public var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }

    /// The interpretation nick, e.g. `srgb`, `cmyk`, `b-w`.
    public var interpretation: String {
        let t = vips_interpretation_get_type()
        return vips_enum_nick(t, Int32(vips_image_get_interpretation(pointer).rawValue)).map { String(cString: $0) } ?? "unknown"
    }

    /// The band format nick, e.g. `uchar`, `float`.
    public var format: String {
        let t = vips_band_format_get_type()
        return vips_enum_nick(t, Int32(vips_image_get_format(pointer).rawValue)).map { String(cString: $0) } ?? "unknown"
    }

    /// Whether a metadata field is present (e.g. `icc-profile-data`, `orientation`).
    public func hasField(_ name: String) -> Bool { vips_image_get_typeof(pointer, name) != 0 }

    /// An integer metadata field, if present.
    public func intField(_ name: String) -> Int? {
        guard hasField(name) else { return nil }
        var v: Int32 = 0
        guard vips_image_get_int(pointer, name, &v) == 0 else { vips_error_clear(); return nil }
        return Int(v)
    }

    /// A copy of the pixels as packed bytes (the image must be `uchar`).
    public func pixelBytes() throws(ImagingError) -> [UInt8] {
        if let bytes = memoryBytes(x: 0, y: 0, width: width, height: height) { return bytes }
        return computesHere ? try bytesComputedHere() : try bytesByWorkers()
    }

    /// The packed pixels through libvips' sink, computed by its worker threads.
    func bytesByWorkers() throws(ImagingError) -> [UInt8] {
        var size = 0
        guard let mem = vips_image_write_to_memory(pointer, &size) else {
            throw ImagingError(operation: "write_to_memory", message: Vips.takeError())
        }
        defer { g_free(mem) }
        return Array(UnsafeBufferPointer(start: mem.assumingMemoryBound(to: UInt8.self), count: size))
    }

    /// Builds an 8-bit image from packed pixels.
    public static func fromPixels(_ bytes: [UInt8], width: Int, height: Int, bands: Int) throws(ImagingError) -> Image {
        try Vips.ensureStarted()
        let p = bytes.withUnsafeBytes {
            vips_image_new_from_memory_copy($0.baseAddress, $0.count, Int32(width), Int32(height), Int32(bands), VIPS_FORMAT_UCHAR)
        }
        guard let p else { throw ImagingError(operation: "new_from_memory", message: Vips.takeError()) }
        return Image(owning: p)
    }
}

extension Image {
    /// Decodes the whole image into memory once, so later operations on it don't decode again
    /// (on this thread when that loses no parallelism: `computesHere`).
    public func materialized() throws(ImagingError) -> Image {
        computesHere ? try computedHere() : try computedByWorkers()
    }

    /// The image copied into memory by libvips' sink, computed by its worker threads.
    func computedByWorkers() throws(ImagingError) -> Image {
        guard let p = vips_image_copy_memory(pointer) else {
            throw ImagingError(operation: "copy_memory", message: Vips.takeError())
        }
        return Image(owning: p)
    }
}
