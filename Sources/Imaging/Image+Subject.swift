/// The `subject` crop: on a photo with a plain background (`PlainBackgroundSubject`), the window
/// centred on the product, which cuts a product wider or taller than the window evenly on both sides;
/// a photo without a plain background is cropped by libvips' attention. The product is looked for in
/// the 32x32 picture attention scores, so a photo that falls back to attention costs no second copy.
extension Image {
    /// Where a `width`x`height` window goes and the point it is placed by, in this image's pixels: on
    /// the subject when the photo has a plain background, else by attention.
    func subjectOrAttentionPlacement(width: Int, height: Int) throws(ImagingError) -> (left: Int, top: Int, x: Int, y: Int) {
        let sample = try attentionSample()
        if let sample, let placed = try subjectPlacement(width: width, height: height, sample: sample) { return placed }
        return try attentionPlacement(width: width, height: height, sample: sample)
    }

    /// The window centred on the subject found in `sample` (this image squeezed to 32x32); nil when
    /// the photo has no plain background (or fewer than 3 bands, or more than 8 bits a sample).
    func subjectPlacement(width: Int, height: Int, sample: Image) throws(ImagingError) -> (left: Int, top: Int, x: Int, y: Int)? {
        guard sample.bands >= 3, sample.format == "uchar", width <= self.width, height <= self.height else { return nil }
        let rgb = try sample.bands(0, count: 3).pixelBytes()
        guard let s = PlainBackgroundSubject(rgb: rgb, width: sample.width) else { return nil }
        let cx = Int((Double(s.x) + Double(s.w) / 2) * Double(self.width) / Double(sample.width))
        let cy = Int((Double(s.y) + Double(s.h) / 2) * Double(self.height) / Double(sample.height))
        return (left: min(max(0, cx - width / 2), self.width - width), top: min(max(0, cy - height / 2), self.height - height), x: cx, y: cy)
    }
}
