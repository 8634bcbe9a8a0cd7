internal import CVips

/// One colour painted through a coverage mask: text (its glyphs' coverage) and flat shapes (their
/// alpha: badges, panels, scrims). Every layer of a cover is one colour over the picture, so it needs
/// no general alpha compositing: libvips' `composite` converts both pictures to float, blends and is
/// cast back (12 ms for a 1000x300 title region on one thread), where `ifthenelse` with `blend` mixes
/// the 8-bit colour and picture by the mask in integers (2.8 ms), rounding to the nearest level where
/// `composite` then `cast` rounds down: at most one level apart (`ImagePaintTests`).
extension Image {
    /// The image (8-bit RGB, or its first three bands) with `rgb` painted at (x, y) through `coverage`
    /// (one 8-bit band: 255 is the colour, 0 the picture), touching only the pixels under the mask.
    public func painted(_ rgb: [Double], coverage: Image, x: Int, y: Int) throws(ImagingError) -> Image {
        try regionRemade(x: x, y: y, width: coverage.width, height: coverage.height) { region, dx, dy throws(ImagingError) in
            var mask = coverage.bands == 1 ? coverage : try coverage.bands(coverage.bands - 1, count: 1)
            if mask.width != region.width || mask.height != region.height {
                mask = try mask.crop(x: dx, y: dy, width: region.width, height: region.height)
            }
            if mask.format != "uchar" { mask = try mask.cast("uchar") }
            return try mask.op("ifthenelse", ["cond": .image(mask), "in1": .image(region.constant(rgb)), "in2": .image(region),
                                              "blend": .bool(true)])
        }
    }

    /// An image of this one's size and format whose every pixel is `values` (one per band).
    func constant(_ values: [Double]) throws(ImagingError) -> Image {
        var values = values
        guard let out = values.withUnsafeMutableBufferPointer({ vips_image_new_from_image(pointer, $0.baseAddress, Int32($0.count)) }) else {
            throw ImagingError(operation: "new_from_image", message: Vips.takeError())
        }
        return Image(owning: out)
    }
}
