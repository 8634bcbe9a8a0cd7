internal import CVips
import Foundation

/// What an image file is, from its header alone (no pixel decoded).
public struct ImageFileInfo: Sendable, Hashable {
    /// `jpg`, `png`, `webp`, `gif`, `tiff`… (from the libvips loader that reads it).
    public var format: String
    public var width: Int
    public var height: Int
    public var bands: Int
    /// libvips' interpretation nick: `srgb`, `b-w`, `cmyk`, `rgb16`…
    public var interpretation: String
    public var hasICCProfile: Bool
}

extension Image {
    /// The header of an image file: format, size, bands, colour space.
    public static func info(_ path: String, maxPixels: Int = 1_000_000_000) throws(ImagingError) -> ImageFileInfo {
        let (img, loader) = try openWithLoader(path, maxPixels: maxPixels)
        let l = loader.lowercased()
        let format = ["jpeg": "jpg", "png": "png", "webp": "webp", "gif": "gif", "tiff": "tiff", "heif": "heif"]
            .first { l.contains($0.key) }?.value ?? loader
        return ImageFileInfo(format: format, width: img.width, height: img.height, bands: img.bands,
                             interpretation: img.interpretation, hasICCProfile: img.hasField("icc-profile-data"))
    }

    /// Decodes a whole image file now, refusing truncated or damaged files (libvips otherwise fills
    /// what is missing with grey), as 8-bit sRGB without alpha, in memory.
    public static func loadStrict(_ path: String, maxPixels: Int = 100_000_000) throws(ImagingError) -> Image {
        let (_, loader) = try openWithLoader(path, maxPixels: maxPixels)
        var img = try VipsOperation.call(loader, ["filename": .string(path), "fail_on": .string("truncated"),
                                                  "access": .string("sequential")]).image()
        img = try img.flatten()
        if img.interpretation != "srgb" || img.bands < 3 { img = try img.colourspace("srgb") }
        if img.bands > 3 { img = try img.bands(0, count: 3) }
        if img.format != "uchar" { img = try img.cast("uchar") }
        return try img.materialized()
    }

    /// The 8-bit luminance of a region (Rec. 601 weights), row-major: the pixels a text reader takes.
    public func greyBytes(x: Int = 0, y: Int = 0, width w: Int? = nil, height h: Int? = nil) throws(ImagingError) -> [UInt8] {
        let region = try crop(x: x, y: y, width: w ?? width, height: h ?? height)
        let grey = region.bands >= 3 ? try region.bands(0, count: 3).colourspace("b-w").cast("uchar") : region
        return try grey.bands(0, count: 1).pixelBytes()
    }

    /// The box libvips' `attention` strategy picks (`smartcrop`: edges, skin tones and saturated
    /// colour, blurred; the window around their peak) for a window of `width`x`height`: where the
    /// subject is. Returns (x, y) of the window's top-left corner.
    public func attentionWindow(width w: Int, height h: Int) throws(ImagingError) -> (x: Int, y: Int) {
        let a = try attentionPlacement(width: min(w, width), height: min(h, height))
        return (x: a.left, y: a.top)
    }
}
