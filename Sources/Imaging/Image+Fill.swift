internal import CVips

/// A photo resized and cropped to fill a slot, and, when the crop was chosen by libvips' `attention`
/// strategy, the point it centred the crop on (the peak of edges, skin tones and saturated colour:
/// where the subject is), in the crop's pixels. A cover's subject check reads it from the layer data
/// instead of searching the finished cover again.
public struct FilledPhoto: Sendable {
    public let image: Image
    public let focus: (x: Int, y: Int)?
}

extension Image {
    /// Resizes to fill `width`x`height` and crops the rest with `crop` (`subject`, `attention`,
    /// `centre`, `entropy`, `none`), as `thumbnail_image` does (`subject`: Image+Subject.swift), with the attention point when there is one.
    /// Attention crops of pictures without alpha run as libvips' `resize` (held in memory) and
    /// `smartcrop`, the two steps `thumbnail_image` takes, which give its bytes and let the point be
    /// read; large reductions take two stages (Image+Downscale.swift); the rest is `thumbnail_image`.
    public func filled(width: Int, height: Int, crop: String = "attention") throws(ImagingError) -> FilledPhoto {
        if let fast = try twoStageThumbnail(width: width, height: height, crop: crop) { return fast }
        let scale = max(Double(width) / Double(self.width), Double(height) / Double(self.height))
        if crop == "attention" || crop == "subject", !hasAlpha {
            let reduced = try (scale < 1 ? reduced(hshrink: 1 / scale, vshrink: 1 / scale, kernel: "lanczos3", gap: 2, staged: true)
                                         : libvipsResize(scale)).materialized()
            if reduced.width >= width, reduced.height >= height {
                if reduced.width == width && reduced.height == height { return FilledPhoto(image: reduced, focus: nil) }
                return try reduced.smartCrop(width: width, height: height, interesting: crop)
            }
        }
        let image = try op("thumbnail_image", ["in": .image(self), "width": .int(width), "height": .int(height),
                                               "crop": .string(crop == "subject" ? "attention" : crop), "size": .string("both")])
        return FilledPhoto(image: image, focus: nil)
    }

    /// The image's `xoffset`/`yoffset` header fields (`extract_area` records its window there, negated).
    var xOffset: Int { Int(vips_image_get_xoffset(pointer)) }
    var yOffset: Int { Int(vips_image_get_yoffset(pointer)) }

    /// libvips' `smartcrop` to `width`x`height`; by attention (or by subject, Image+Subject.swift), with
    /// the point the window was placed by moved into the crop's pixels.
    func smartCrop(width: Int, height: Int, interesting: String) throws(ImagingError) -> FilledPhoto {
        guard interesting == "attention" || interesting == "subject" else {
            return FilledPhoto(image: try op("smartcrop", ["input": .image(self), "width": .int(width), "height": .int(height),
                                                           "interesting": .string(interesting)]), focus: nil)
        }
        let a = interesting == "subject" ? try subjectOrAttentionPlacement(width: width, height: height)
                                         : try attentionPlacement(width: width, height: height)
        return FilledPhoto(image: try crop(x: a.left, y: a.top, width: width, height: height), focus: (x: a.x - a.left, y: a.y - a.top))
    }
}
