import Foundation

/// A small copy of an image file, or of encoded bytes, for finding where things are (the subject
/// check's 256 px picture). libvips' `thumbnail` plans a JPEG shrink-on-load that leaves at least 2x
/// for its own resize (a 1080x1920 cover is decoded at 540x960 and resized in libvips 8.14's costly
/// path): about 9 ms of CPU a cover, more than decoding the cover whole. Here a JPEG is decoded at
/// the largest 1/2, 1/4 or 1/8 scale still at least as large as the fitted size, and `downscaled`
/// does the rest (about 4 ms). The pixel grid is the file's as stored, like `loadStrict`'s (no EXIF
/// rotation), so boxes measured on the full picture land on the same pixels.
extension Image {
    /// Where a caller keeps what a JPEG's decoder gave at one shrink, to fit the same picture to several
    /// sizes from one decode: called with the shrink (2, 4 or 8) and the decode to run when none is kept.
    public typealias ShrunkDecodes = (_ factor: Int, _ decode: () throws(ImagingError) -> Image) throws(ImagingError) -> Image

    public static func fitOnLoad(_ path: String, side: Int, maxPixels: Int = 100_000_000) throws(ImagingError) -> Image {
        try fitOnLoad(path, width: side, height: side, maxPixels: maxPixels)
    }

    /// The file's picture fitted within `width` x `height` (the contact sheet's thumbnails: a height, and a
    /// width that does not bind).
    public static func fitOnLoad(_ path: String, width: Int, height: Int, maxPixels: Int = 100_000_000,
                                 keep: ShrunkDecodes? = nil) throws(ImagingError) -> Image {
        let (header, loader) = try openWithLoader(path, maxPixels: maxPixels)
        // A profile to honour or CMYK to convert: libvips' thumbnail, which does both.
        guard shrinksOnLoad(header, loader: loader), width >= 1, height >= 1 else {
            return try thumbnail(path, width: width, height: height, maxPixels: maxPixels)
        }
        return try fitted(header, width: width, height: height, keep: keep) { factor throws(ImagingError) in
            var args: [String: VipsArgument] = ["filename": .string(path)]
            if factor > 1 { args["shrink"] = .int(factor) }
            return try VipsOperation.call(loader, args).image()
        }
    }

    /// The same small copy of an image encoded in memory (a cover just written, not read back):
    /// the picture `fitOnLoad(path:)` gives for a file holding these bytes.
    public static func fitOnLoad(encoded data: Data, side: Int) throws(ImagingError) -> Image {
        try fitOnLoad(encoded: data, width: side, height: side)
    }

    /// The picture `fitOnLoad(path:width:height:)` gives for a file holding these bytes.
    public static func fitOnLoad(encoded data: Data, width: Int, height: Int, keep: ShrunkDecodes? = nil) throws(ImagingError) -> Image {
        let loader = try bufferLoader(data)
        let header = try VipsOperation.call(loader, ["buffer": .blob(data)]).image()
        guard shrinksOnLoad(header, loader: loader), width >= 1, height >= 1 else {
            var whole = header
            if whole.interpretation != "srgb" || whole.bands < 3 { whole = try whole.colourspace("srgb") }
            return try whole.fit(width: width, height: height)
        }
        return try fitted(header, width: width, height: height, keep: keep) { factor throws(ImagingError) in
            var args: [String: VipsArgument] = ["buffer": .blob(data)]
            if factor > 1 { args["shrink"] = .int(factor) }
            return try VipsOperation.call(loader, args).image()
        }
    }

    /// A JPEG without a profile or CMYK: one the decoder may shrink by itself.
    private static func shrinksOnLoad(_ header: Image, loader: String) -> Bool {
        loader.contains("Jpeg") && !header.hasField("icc-profile-data") && header.interpretation != "cmyk"
    }

    /// `header` fitted within `width` x `height`: decoded by `load` at the largest whole shrink that
    /// keeps the fitted size (or taken from `keep`), then reduced.
    private static func fitted(_ header: Image, width: Int, height: Int, keep: ShrunkDecodes?,
                               load: (Int) throws(ImagingError) -> Image) throws(ImagingError) -> Image {
        let scale = min(1, Double(width) / Double(header.width), Double(height) / Double(header.height))
        let w = max(1, Int((Double(header.width) * scale).rounded())), h = max(1, Int((Double(header.height) * scale).rounded()))
        var factor = 1
        while factor < 8 && header.width / (factor * 2) >= w && header.height / (factor * 2) >= h { factor *= 2 }
        var img: Image
        if factor > 1, let keep { img = try keep(factor) { () throws(ImagingError) -> Image in try load(factor) } } else { img = try load(factor) }
        if img.interpretation != "srgb" || img.bands < 3 { img = try img.colourspace("srgb") }
        if img.width == w && img.height == h { return img }
        return try img.downscaled(width: min(w, img.width), height: min(h, img.height))
    }
}
