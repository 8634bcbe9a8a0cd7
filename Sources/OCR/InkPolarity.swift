import Support

/// Which way round a patch of text is: Otsu's threshold splits its greys in two, and the smaller
/// class is the ink (a text region is mostly ground). Tesseract reads dark ink on light ground best;
/// given light ink, it recognises each unsure line a second time inverted, which doubles the cost of
/// the light-on-dark panels and badges covers are full of. Meant for a patch cut around one text
/// block, not for a whole picture, where the smaller class need not be text.
extension GreyPixels {
    /// Whether the ink (the smaller of Otsu's two classes) is lighter than the ground; false for a
    /// single tone.
    public var hasLightInk: Bool {
        var histogram = [Int](repeating: 0, count: 256)
        for b in bytes { histogram[Int(b)] += 1 }
        guard let (cut, _) = Otsu.split(histogram, total: bytes.count) else { return false }
        let dark = histogram[0...cut].reduce(0, +)
        return dark > bytes.count - dark
    }
}
