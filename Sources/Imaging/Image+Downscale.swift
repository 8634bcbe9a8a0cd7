/// Large reductions in two stages: a box `shrink` by a whole factor, then a kernel `reduce` of what is
/// left (at least 2x). libvips' own `resize` and `thumbnail_image` plan two stages too, but in libvips
/// 8.14 they cost four to five times as much CPU for reductions beyond 2x (measured on real photos,
/// 1/6 of 1536x1536: 80 ms against 17 ms) for pictures within 35-44 dB PSNR of theirs (about 1.6 grey
/// levels apart on average, at edges: the same lanczos3 reduction split differently). Covers reduce
/// a lot: the blurred background, the photo into its slot, the report and contact-sheet thumbnails.
/// (The feed-size picture the checks judge keeps libvips' `resize`: see `CoverPixels.feed`.)
extension Image {
    /// Whether a reduction by `scale` takes the two-stage path: below half size, and an image without
    /// alpha (libvips premultiplies alpha around its own resampling; those images keep its path).
    func takesTwoStages(_ scale: Double) -> Bool {
        scale < 0.5 && scale > 0 && !hasAlpha
    }

    /// Reduces to exactly `width`x`height` (each no larger than the image): a box shrink by the whole
    /// factor that leaves at least 2x for the kernel, then `kernel` over the rest, per axis (down, then
    /// across with the picture turned: Image+Across.swift). The downward result is held in memory before
    /// it is turned: on demand, each strip the turn asks for would reduce the picture again (the check
    /// report's 720 px copies of 200 covers: 44 -> 40 ms a cover; the same bytes).
    public func downscaled(width: Int, height: Int, kernel: String = "lanczos3") throws(ImagingError) -> Image {
        guard width >= 1, height >= 1, width <= self.width, height <= self.height else {
            throw ImagingError(operation: "resize", message: "cannot reduce \(self.width)x\(self.height) to \(width)x\(height)")
        }
        let hWhole = max(1, self.width / (2 * width)), vWhole = max(1, self.height / (2 * height))
        var img = self
        if hWhole > 1 || vWhole > 1 {
            img = try op("shrink", ["in": .image(img), "hshrink": .double(Double(hWhole)), "vshrink": .double(Double(vWhole))])
        }
        if img.width == width && img.height == height { return img }
        return try img.reduced(hshrink: Double(img.width) / Double(width), vshrink: Double(img.height) / Double(height), kernel: kernel,
                               staged: true)
    }

    /// The size libvips' `resize` gives for `scale` (rounded to the nearest pixel, at least 1).
    public func scaledSize(_ scale: Double) -> (width: Int, height: Int) {
        (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }

    /// `thumbnail_image` in cover mode (`crop` other than `none`) or fit mode, by two stages when the
    /// reduction allows; `nil` when libvips' own path should run.
    func twoStageThumbnail(width: Int, height: Int, crop: String?) throws(ImagingError) -> FilledPhoto? {
        let sx = Double(width) / Double(self.width), sy = Double(height) / Double(self.height)
        let scale = crop == nil || crop == "none" ? min(sx, sy) : max(sx, sy)
        guard takesTwoStages(scale) else { return nil }
        var (w, h) = scaledSize(scale)
        guard let crop, crop != "none" else {
            return FilledPhoto(image: try downscaled(width: min(w, width), height: min(h, height)), focus: nil)
        }
        w = max(w, width); h = max(h, height)
        guard w <= self.width, h <= self.height else { return nil }
        let reduced = try downscaled(width: w, height: h)
        if w == width && h == height { return FilledPhoto(image: reduced, focus: nil) }
        if crop == "centre" {
            return FilledPhoto(image: try reduced.crop(x: (w - width) / 2, y: (h - height) / 2, width: width, height: height), focus: nil)
        }
        return try reduced.smartCrop(width: width, height: height, interesting: crop)
    }
}
