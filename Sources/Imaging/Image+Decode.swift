import Foundation

extension Image {
    /// Decodes a photo upright and in sRGB, at least `shortSide` pixels on its short side, as cheaply as
    /// the format allows: JPEG and WebP are shrunk while decoding (1/2, 1/4, 1/8), with no resampling
    /// pass, so the photo is resampled only once, into its final slot. Formats that cannot shrink on
    /// load, and come out over twice the size needed, are reduced to it to bound memory.
    ///
    /// The photo is decoded into memory here. With `strict` (the default), a photo whose data is cut
    /// short or damaged fails (libvips' `fail_on=truncated`) with `ImagingError.operation` `decode`,
    /// rather than coming out partly grey; without it libvips decodes what it can.
    public static func decodeUpright(_ path: String, shortSide: Int, maxPixels: Int = 100_000_000,
                                     strict: Bool = true) throws(ImagingError) -> Image {
        let (header, loader) = try openWithLoader(path, maxPixels: maxPixels)
        do { return try decodePixels(path, header: header, loader: loader, shortSide: shortSide, strict: strict) } catch {
            throw ImagingError(operation: "decode", message: error.message)
        }
    }

    private static func decodePixels(_ path: String, header: Image, loader: String, shortSide: Int,
                                     strict: Bool) throws(ImagingError) -> Image {
        let short = min(header.width, header.height)
        var factor = 1
        while factor < 8 && short / (factor * 2) >= shortSide { factor *= 2 }
        var args: [String: VipsArgument] = ["filename": .string(path)]
        if strict { args["fail_on"] = .string("truncated") }
        if factor > 1 && loader.contains("Jpeg") { args["shrink"] = .int(factor) }
        if factor > 1 && loader.contains("Webp") { args["scale"] = .double(1 / Double(factor)) }
        // Upright already: decoded top to bottom by whoever computes it (`materialized` on this thread),
        // not into a buffer of its own by libvips' workers first. A photo to turn needs random access.
        if (header.intField("orientation") ?? 1) == 1 { args["access"] = .string("sequential") }
        var img = try VipsOperation.call(loader, args).image()
        img = try img.op("autorot", ["in": .image(img)])
        if img.hasField("icc-profile-data") || img.interpretation == "cmyk" {
            // An embedded profile is honoured; CMYK without one gets libvips' built-in CMYK profile.
            img = try img.op("icc_transform", ["in": .image(img), "output_profile": .string("srgb"),
                                               "input_profile": .string(img.interpretation == "cmyk" ? "cmyk" : "srgb"),
                                               "embedded": .bool(true)])
        }
        if img.interpretation != "srgb" || img.bands < 3 { img = try img.colourspace("srgb") }
        if img.format != "uchar" { img = try img.cast("uchar") }
        let nowShort = min(img.width, img.height)
        if nowShort > shortSide * 2 {
            let s = Double(shortSide) / Double(nowShort)
            img = try img.fit(width: Int((Double(img.width) * s).rounded(.up)), height: Int((Double(img.height) * s).rounded(.up)))
        }
        return try img.materialized()
    }
}
