internal import CVips
import Foundation

/// Output encodings for covers.
public enum ImageFormat: String, Sendable, CaseIterable, Codable {
    case jpg, png, webp
    var suffix: String { "." + rawValue }
}

extension Image {
    /// Opens an image file lazily (header only). Pixels are decoded when an operation needs them.
    /// Refuses images over `maxPixels` before any pixel is decoded, so a decompression bomb costs nothing.
    public static func open(_ path: String, maxPixels: Int = 100_000_000, sequential: Bool = false) throws(ImagingError) -> Image {
        try openWithLoader(path, maxPixels: maxPixels, sequential: sequential).image
    }

    /// `open`, also returning the libvips loader that read the file.
    static func openWithLoader(_ path: String, maxPixels: Int, sequential: Bool = false) throws(ImagingError) -> (image: Image, loader: String) {
        try Vips.ensureStarted()
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImagingError(operation: "load", message: "cannot read \(path): no such file or not readable")
        }
        guard let loader = vips_foreign_find_load(path) else {
            throw ImagingError(operation: "load", message: "\(path) is not an image format libvips can read (\(Vips.takeError()))")
        }
        let name = String(cString: loader)
        var args: [String: VipsArgument] = ["filename": .string(path)]
        if sequential { args["access"] = .string("sequential") }
        let img = try VipsOperation.call(name, args).image()
        let pixels = img.width * img.height
        guard pixels <= maxPixels else {
            throw ImagingError(operation: "load", message: "\(path) is \(img.width)x\(img.height) (\(pixels / 1_000_000) megapixels), over the limit of \(maxPixels / 1_000_000) megapixels")
        }
        return (img, name)
    }

    /// Opens and shrinks an image file on load to fit `width`x`height` (cover mode), applying EXIF
    /// rotation and converting to sRGB from CMYK or an embedded ICC profile. Decodes the photo once.
    public static func thumbnail(_ path: String, width: Int, height: Int, maxPixels: Int = 100_000_000) throws(ImagingError) -> Image {
        let header = try open(path, maxPixels: maxPixels)
        var args: [String: VipsArgument] = ["filename": .string(path), "width": .int(width), "height": .int(height),
                                            "size": .string("both"), "no_rotate": .bool(false)]
        // An ICC transform only where there is a profile to honour or CMYK to convert: building an
        // sRGB-to-sRGB transform for every plain photo costs more than the resize.
        if header.hasField("icc-profile-data") || header.interpretation == "cmyk" {
            args["export_profile"] = .string("srgb")
        }
        let img = try VipsOperation.call("thumbnail", args).image()
        return img.interpretation == "srgb" || img.bands < 3 ? img : try img.colourspace("srgb")
    }

    /// Encodes the image. `quality` applies to JPEG and WebP; metadata is always stripped.
    public func encoded(as format: ImageFormat, quality: Int = 85) throws(ImagingError) -> Data {
        guard let saver = vips_foreign_find_save_buffer(format.suffix) else {
            throw ImagingError(operation: "save", message: Vips.takeError())
        }
        var args: [String: VipsArgument] = ["in": .image(self), "strip": .bool(true)]
        switch format {
        case .jpg: args["Q"] = .int(quality); args["optimize_coding"] = .bool(true)
        case .webp: args["Q"] = .int(quality)
        case .png: args["compression"] = .int(6)
        }
        let out = try VipsOperation.call(String(cString: saver), args, outputs: ["buffer"])
        guard let data = out.blobs["buffer"] else { throw ImagingError(operation: "save", message: "no buffer") }
        return data
    }

    /// Decodes an encoded image from memory. `sequential`: for a caller that reads it once, top to
    /// bottom (libvips then decodes as it is read, with no whole-picture buffer of its own).
    public static func decode(_ data: Data, sequential: Bool = false) throws(ImagingError) -> Image {
        var args: [String: VipsArgument] = ["buffer": .blob(data)]
        if sequential { args["access"] = .string("sequential") }
        return try VipsOperation.call(try bufferLoader(data), args).image()
    }

    /// The name of the libvips loader for encoded `data` (e.g. `jpegload_buffer`).
    static func bufferLoader(_ data: Data) throws(ImagingError) -> String {
        try Vips.ensureStarted()
        let loader = data.withUnsafeBytes { vips_foreign_find_load_buffer($0.baseAddress, $0.count) }
        guard let loader else { throw ImagingError(operation: "load_buffer", message: Vips.takeError()) }
        return String(cString: loader)
    }
}
