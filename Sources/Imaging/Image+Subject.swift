/// The `subject` crop: on a photo with a plain background (`PlainBackgroundSubject`), the window
/// centred on the product, which cuts a product wider or taller than the window evenly on both sides;
/// a photo without a plain background is cropped by libvips' attention.
extension Image {
    /// The side of the picture the subject is looked for in (its longer side, in pixels).
    static let subjectSampleSide = 64

    /// Where a `width`x`height` window centred on the subject goes, and the subject's centre, in this
    /// image's pixels; nil when the photo has no plain background (or alpha, or fewer than 3 bands).
    func subjectPlacement(width: Int, height: Int) throws(ImagingError) -> (left: Int, top: Int, x: Int, y: Int)? {
        guard !hasAlpha, bands >= 3, width <= self.width, height <= self.height else { return nil }
        let sample = try rgbSampleRows(x: 0, y: 0, width: self.width, height: self.height, maxSide: Self.subjectSampleSide, blend: true)
        guard let s = PlainBackgroundSubject(rgb: sample.bytes, width: sample.width) else { return nil }
        let sampleHeight = sample.bytes.count / 3 / sample.width
        let cx = Int((Double(s.x) + Double(s.w) / 2) * Double(self.width) / Double(sample.width))
        let cy = Int((Double(s.y) + Double(s.h) / 2) * Double(self.height) / Double(sampleHeight))
        return (left: min(max(0, cx - width / 2), self.width - width), top: min(max(0, cy - height / 2), self.height - height), x: cx, y: cy)
    }
}
