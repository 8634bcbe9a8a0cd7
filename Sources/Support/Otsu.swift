/// Otsu's threshold (N. Otsu, 1979): the grey level that best splits a 256-bin histogram into two
/// classes, the one with the largest between-class variance. Values at or below it form the dark
/// class. Used wherever text is told from its ground by the pixels alone (the contrast check's ink,
/// the reader's choice of which way round to read a patch).
public enum Otsu {
    /// The threshold and the between-class variance it reaches (unnormalised: class sizes times the
    /// squared difference of the class means); nil for a single tone.
    public static func split(_ histogram: [Int], total: Int) -> (threshold: Int, between: Double)? {
        var sum = 0.0
        for (grey, n) in histogram.enumerated() { sum += Double(grey * n) }
        var sumDark = 0.0, dark = 0, best = 0.0, threshold: Int?
        for grey in 0..<min(255, histogram.count) {
            dark += histogram[grey]
            let light = total - dark
            if dark == 0 { continue }
            if light == 0 { break }
            sumDark += Double(grey * histogram[grey])
            let meanDark = sumDark / Double(dark), meanLight = (sum - sumDark) / Double(light)
            let between = Double(dark) * Double(light) * (meanDark - meanLight) * (meanDark - meanLight)
            if between > best { best = between; threshold = grey }
        }
        return threshold.map { ($0, best) }
    }
}
