/// Which way round a patch of text is: Otsu's threshold splits its greys in two, and the smaller
/// class is the ink (a text region is mostly ground). Tesseract reads dark ink on light ground best;
/// given light ink, it recognises each unsure line a second time inverted, which doubles the cost of
/// the light-on-dark panels and badges covers are full of. Meant for a patch cut around one text
/// block, not for a whole picture, where the smaller class need not be text.
extension GreyPixels {
    /// Whether the ink (the smaller of Otsu's two classes) is lighter than the ground.
    public var hasLightInk: Bool {
        guard !bytes.isEmpty else { return false }
        var histogram = [Int](repeating: 0, count: 256)
        for b in bytes { histogram[Int(b)] += 1 }
        let cut = Self.otsuThreshold(histogram, total: bytes.count)
        let dark = histogram[0...cut].reduce(0, +)
        return dark > bytes.count - dark
    }

    /// The grey level that best separates `histogram` into two classes (Otsu 1979: the largest
    /// between-class variance); pixels at or below it form the dark class.
    static func otsuThreshold(_ histogram: [Int], total: Int) -> Int {
        var sum = 0.0
        for (grey, n) in histogram.enumerated() { sum += Double(grey * n) }
        var sumDark = 0.0, dark = 0, best = -1.0, cut = 0
        for grey in 0..<256 {
            dark += histogram[grey]
            let light = total - dark
            if dark == 0 { continue }
            if light == 0 { break }
            sumDark += Double(grey * histogram[grey])
            let meanDark = sumDark / Double(dark), meanLight = (sum - sumDark) / Double(light)
            let between = Double(dark) * Double(light) * (meanDark - meanLight) * (meanDark - meanLight)
            if between > best { best = between; cut = grey }
        }
        return cut
    }
}
