/// Typed conveniences over `VipsOperation.call`, named after the libvips operations they run.
extension Image {
    func op(_ name: String, _ args: [String: VipsArgument]) throws(ImagingError) -> Image {
        try VipsOperation.call(name, args).image()
    }

    /// Resizes to fill `width`x`height`, cropping the rest with `crop` (`attention`, `centre`, `entropy`, `none`).
    /// Large reductions take two stages (Image+Downscale.swift).
    public func thumbnail(width: Int, height: Int, crop: String = "attention") throws(ImagingError) -> Image {
        try filled(width: width, height: height, crop: crop).image
    }

    /// Scales uniformly so the image fits inside `width`x`height` (never stretched).
    public func fit(width: Int, height: Int) throws(ImagingError) -> Image {
        if let fast = try twoStageThumbnail(width: width, height: height, crop: nil) { return fast.image }
        return try op("thumbnail_image", ["in": .image(self), "width": .int(width), "height": .int(height), "size": .string("both")])
    }

    /// Keeps every `factor`-th pixel in each direction (no filtering).
    public func subsample(_ factor: Int) throws(ImagingError) -> Image {
        try op("subsample", ["input": .image(self), "xfac": .int(factor), "yfac": .int(factor)])
    }

    /// Scales by `scale`; `kernel` is a libvips kernel nick (`lanczos3`, `linear`, `cubic`, `nearest`).
    /// Reductions beyond 2x take two stages (Image+Downscale.swift).
    public func resize(_ scale: Double, kernel: String = "lanczos3") throws(ImagingError) -> Image {
        if takesTwoStages(scale) && kernel != "nearest" {
            let (w, h) = scaledSize(scale)
            return try downscaled(width: w, height: h, kernel: kernel)
        }
        return try libvipsResize(scale, kernel: kernel)
    }

    /// libvips' own `resize`, whatever the scale: where a picture must stay exactly what earlier
    /// releases judged (OCR at feed size reads some scripts differently on a picture a grey level off).
    /// A reduction of a picture without alpha gives the same bytes by the steps libvips 8.14's `resize`
    /// takes (`reducev`, then `reduceh`, each with its default gap of 2), with the vertical result held in
    /// memory between them: chained on demand, `reduceh` asks for overlapping strips and libvips computes
    /// the vertical reduction again for each (a 1080x1920 cover to 180 px wide: 37 ms, against 13 ms
    /// staged). Both are built outside libvips' operation cache: in 8.14 a `reducev` with a gap, once
    /// cached, is handed back for a later call with another shrink (after 1/6 of a picture, 1/3 of it came
    /// back at 1/6 in height). `ImageResizeStagedTests` holds it to libvips' bytes, scale after scale.
    /// `vscale`, when given, scales the height by its own factor (libvips' `vscale`). `staged: false`
    /// leaves the vertical step on demand too: for cutting a few small regions out of the result, each
    /// computed alone from the rows and columns it needs (the same bytes as cutting them from the whole).
    public func libvipsResize(_ scale: Double, vscale: Double? = nil, kernel: String = "lanczos3",
                              staged: Bool = true) throws(ImagingError) -> Image {
        let v = vscale ?? scale
        guard scale < 1, scale > 0, v < 1, v > 0, !hasAlpha, kernel != "nearest" else {
            var args: [String: VipsArgument] = ["in": .image(self), "scale": .double(scale), "kernel": .string(kernel)]
            if let vscale { args["vscale"] = .double(vscale) }
            return try op("resize", args)
        }
        return try reduced(hshrink: 1 / scale, vshrink: 1 / v, kernel: kernel, gap: 2, staged: staged, turned: false)
    }

    public func gaussblur(_ sigma: Double) throws(ImagingError) -> Image {
        try op("gaussblur", ["in": .image(self), "sigma": .double(sigma)])
    }

    public func crop(x: Int, y: Int, width: Int, height: Int) throws(ImagingError) -> Image {
        try op("extract_area", ["input": .image(self), "left": .int(x), "top": .int(y),
                                "width": .int(width), "height": .int(height)])
    }

    /// Places `sub` at (x, y) over this image (no blending).
    public func insert(_ sub: Image, x: Int, y: Int) throws(ImagingError) -> Image {
        try op("insert", ["main": .image(self), "sub": .image(sub), "x": .int(x), "y": .int(y)])
    }

    /// Alpha-composites `overlay` at (x, y) with the `over` blend mode, over the whole image.
    public func composite(_ overlay: Image, x: Int, y: Int) throws(ImagingError) -> Image {
        try op("composite2", ["base": .image(self), "overlay": .image(overlay), "mode": .string("over"),
                              "x": .int(x), "y": .int(y)])
    }

    /// Alpha-composites `overlay` at (x, y) touching only the pixels under it (`regionRemade`). Returns
    /// 8-bit RGB.
    public func compositeRegion(_ overlay: Image, x: Int, y: Int) throws(ImagingError) -> Image {
        try regionRemade(x: x, y: y, width: overlay.width, height: overlay.height) { region, dx, dy throws(ImagingError) in
            try region.composite(overlay, x: -dx, y: -dy).bands(0, count: 3).cast("uchar")
        }
    }

    /// The image (its first three bands) with the part under a `width` x `height` layer at (x, y), kept
    /// to the picture, cut out, remade by `make` and put back, so the cost follows the layer's size, not
    /// the canvas's. `make` gets that part and where it starts within the layer (dx, dy >= 0).
    func regionRemade(x: Int, y: Int, width w: Int, height h: Int,
                      _ make: (_ region: Image, _ dx: Int, _ dy: Int) throws(ImagingError) -> Image) throws(ImagingError) -> Image {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x1 > x0, y1 > y0 else { return self }
        let base = bands == 3 ? self : try bands(0, count: 3)
        let region = try base.crop(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        return try base.insert(make(region, x0 - x, y0 - y).colourspaceTag("srgb"), x: x0, y: y0)
    }

    /// Multiplies and offsets each band: `out = in * a + b`, cast back to 8 bits.
    public func linear(_ a: [Double], _ b: [Double]) throws(ImagingError) -> Image {
        let out = try op("linear", ["in": .image(self), "a": .doubles(a), "b": .doubles(b), "uchar": .bool(true)])
        return out
    }

    public func colourspace(_ space: String) throws(ImagingError) -> Image {
        try op("colourspace", ["in": .image(self), "space": .string(space)])
    }

    /// Drops alpha by blending on `background`.
    public func flatten(background: [Double] = [255, 255, 255]) throws(ImagingError) -> Image {
        hasAlpha ? try op("flatten", ["in": .image(self), "background": .doubles(background)]) : self
    }

    /// Keeps the first `n` bands.
    public func bands(_ first: Int, count: Int) throws(ImagingError) -> Image {
        try op("extract_band", ["in": .image(self), "band": .int(first), "n": .int(count)])
    }

    public func cast(_ format: String) throws(ImagingError) -> Image {
        try op("cast", ["in": .image(self), "format": .string(format)])
    }

    /// The 8-bit RGB pixels of `box`, at most about `maxSide` samples across: downscaled (averaging)
    /// when `blend`, or every n-th pixel picked (keeping ink and background apart) when not.
    public func rgbSamples(x: Int, y: Int, width: Int, height: Int, maxSide: Int, blend: Bool) throws(ImagingError) -> [UInt8] {
        try rgbSampleRows(x: x, y: y, width: width, height: height, maxSide: maxSide, blend: blend).bytes
    }

    /// `rgbSamples`, with the number of samples in each row (to tell where in the box a sample lies).
    public func rgbSampleRows(x: Int, y: Int, width: Int, height: Int, maxSide: Int,
                              blend: Bool) throws(ImagingError) -> (bytes: [UInt8], width: Int) {
        if bands == 3, max(width, height) <= maxSide, let bytes = memoryBytes(x: x, y: y, width: width, height: height) {
            return (bytes, width)
        }
        let region = try bands(0, count: 3).crop(x: x, y: y, width: width, height: height)
        let longest = max(width, height)
        guard longest > maxSide else { return (try region.pixelBytes(), width) }
        let reduced = blend ? try region.resize(Double(maxSide) / Double(longest)) : try region.subsample(longest / maxSide)
        return (try reduced.pixelBytes(), reduced.width)
    }

    /// Mean of each band over the whole image.
    public func bandMeans() throws(ImagingError) -> [Double] {
        // `stats` returns one row per band after the first row (all bands); column 4 is the mean.
        let stats = try op("stats", ["in": .image(self)])
        let px = try stats.cast("double").doublePixels()
        let cols = stats.width
        return (1..<stats.height).map { px[$0 * cols + 4] }
    }

    /// Mean of each band inside a box.
    public func bandMeans(x: Int, y: Int, width: Int, height: Int) throws(ImagingError) -> [Double] {
        try crop(x: x, y: y, width: width, height: height).bandMeans()
    }

    /// Pixels of a `double` image.
    func doublePixels() throws(ImagingError) -> [Double] {
        let bytes = try pixelBytes()
        return bytes.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
    }

    /// An image of one flat colour.
    public static func solid(width: Int, height: Int, rgb: [Double], alpha: Double? = nil) throws(ImagingError) -> Image {
        let black = try VipsOperation.call("black", ["width": .int(width), "height": .int(height), "bands": .int(1)]).image()
        let values = alpha.map { rgb + [$0] } ?? rgb
        // Zero bands first, then `linear` adds each band's value (joining the values themselves would count them twice).
        let bands = try black.op("bandjoin_const", ["in": .image(black), "c": .doubles(Array(repeating: 0, count: values.count - 1))])
        let filled = try bands.linear(Array(repeating: 1, count: values.count), values)
        return try filled.colourspaceTag("srgb")
    }

    /// Marks the image's interpretation without converting pixels.
    public func colourspaceTag(_ space: String) throws(ImagingError) -> Image {
        try op("copy", ["in": .image(self), "interpretation": .string(space)])
    }

    /// A vertical gradient from `top` to `bottom` colour.
    public static func verticalGradient(width: Int, height: Int, top: [Double], bottom: [Double]) throws(ImagingError) -> Image {
        // identity-like ramp: xyz gives coordinates; take the y band and scale to 0…1.
        let xyz = try VipsOperation.call("xyz", ["width": .int(width), "height": .int(height)]).image()
        let y = try xyz.op("extract_band", ["in": .image(xyz), "band": .int(1)])
        let t = try y.op("linear", ["in": .image(y), "a": .doubles([1 / Double(max(height - 1, 1))]), "b": .doubles([0])])
        let bandsT = try t.op("bandjoin", ["in": .images([t, t, t])])
        let a = zip(top, bottom).map { $1 - $0 }
        let out = try bandsT.op("linear", ["in": .image(bandsT), "a": .doubles(a), "b": .doubles(top), "uchar": .bool(true)])
        return try out.colourspaceTag("srgb")
    }
}
