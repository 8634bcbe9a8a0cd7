import Support
import Presets
import Covers

/// The text pixels of a box, told apart from its background, measured as a reader sees them.
///
/// Method: luminance (Rec. 601) is split in two by Otsu's threshold (N. Otsu 1979, "A threshold
/// selection method from gray-level histograms", IEEE SMC 9(1)); text is the smaller class (glyphs
/// cover well under half of a tight text box). The ink colour is the mean of the ink pixels farthest
/// from the threshold (the glyph cores, not the anti-aliased edges); the background colour is the
/// mean of the background pixels. Both are taken in the column of the box (`BackdropColumns`, each
/// column split by its own threshold) where they contrast least. Lines are runs of rows holding ink; a line's x-height is the
/// median height of its glyphs (connected ink components at least 30 % of the line's height, so
/// dots, accents and tone marks do not count): lowercase letters set it for Latin scripts, capitals
/// for all-caps text, and the glyph body for scripts without an x-height (CJK, Arabic, Thai's
/// consonants), which is the cap height those scripts are judged by.
struct InkAnalysis {
    let ink: Color
    let background: Color
    let lines: [InkLine]
    /// The share of the box's pixels that are ink.
    let inkShare: Double

    var contrast: Double { ink.contrast(with: background) }

    /// nil when the box holds no two distinct tones (nothing that could be text). `byColumn`: judge the
    /// colours column by column (text laid on a picture, whose background can change along a line); a
    /// badge or chip is text on its own solid shape, judged as a whole (its rounded corners hold picture,
    /// which a column at its end would take for ink).
    /// `mayBeLight`: the box is a detected line's, which can hold light letters on a dark pill with the
    /// cover around the pill; see `lightOnDark` for where that overrules the smaller class. (Until
    /// session 18 only lines OCR read on the negative: a Thai LIVE badge read as given stayed measured
    /// as its pill against the cover.)
    init?(rgb: [UInt8], box: Box, byColumn: Bool, mayBeLight: Bool = false) {
        let n = box.w * box.h
        guard n > 0, rgb.count >= n * 3 else { return nil }
        var luma = [UInt8](repeating: 0, count: n)
        var histogram = [Int](repeating: 0, count: 256)
        for i in 0..<n {
            let y = (299 * Int(rgb[3 * i]) + 587 * Int(rgb[3 * i + 1]) + 114 * Int(rgb[3 * i + 2])) / 1000
            luma[i] = UInt8(y); histogram[y] += 1
        }
        guard let (t, mask, inkCount) = Self.split(luma, histogram: histogram), inkCount > 0 else { return nil }
        if mayBeLight, let light = Self.lightOnDark(rgb, luma: luma, box: box, histogram: histogram, threshold: t, smaller: mask) {
            (ink, background) = (light.ink, light.background)
            inkShare = Double(light.count) / Double(n)
            lines = InkLine.lines(light.mask, box: box)
            return
        }
        let alongTheLine = byColumn && !Self.evenAcross(luma, mask: mask, box: box)
        (ink, background) = (alongTheLine ? Self.worstColumn(rgb, luma: luma, box: box) : nil)
            ?? Self.colours(rgb, luma: luma, mask: mask, threshold: t)
        inkShare = Double(inkCount) / Double(n)
        lines = InkLine.lines(mask, box: box)
    }

    /// Light letters whose box's smaller class is dark: white letters on a red pill that detection
    /// boxed with the light cover around the pill, where the pill is the smaller class and was measured
    /// as the ink, against the cover (a Thai LIVE badge at 3.5-4.1:1, set at 5.9:1). Then the ink is the
    /// light class, or its lighter part where the light class splits in two again (the letters apart
    /// from the cover around the pill), and the ground is the dark class. Nil where the smaller class is
    /// already the light one (the usual case, left as it is).
    /// The negative is read too where dark letters on a light badge read better that way, so the
    /// light part must also be drawn as letters are: more of its pixels on its outline than the dark
    /// class has (`edgeShare`; strokes against a pill, not a pill against strokes).
    static func lightOnDark(_ rgb: [UInt8], luma: [UInt8], box: Box, histogram: [Int], threshold t: Int, smaller: [Bool])
        -> (ink: Color, background: Color, mask: [Bool], count: Int)? {
        guard let first = smaller.firstIndex(of: true), Int(luma[first]) <= t else { return nil }
        var upper = [Int](repeating: 0, count: 256)
        for v in (t + 1)..<256 { upper[v] = histogram[v] }
        let lightCount = upper.reduce(0, +)
        guard lightCount > 0 else { return nil }
        let cut = otsu(upper, total: lightCount) ?? t
        let mask = luma.map { Int($0) > cut }
        guard edgeShare(mask, box: box) > edgeShare(smaller, box: box) else { return nil }
        var inkSum = (0, 0, 0, 0), groundSum = (0, 0, 0, 0)
        for i in luma.indices {
            let (r, g, b) = (Int(rgb[3 * i]), Int(rgb[3 * i + 1]), Int(rgb[3 * i + 2]))
            if mask[i] {
                inkSum = (inkSum.0 + r, inkSum.1 + g, inkSum.2 + b, inkSum.3 + 1)
            } else if Int(luma[i]) <= t {
                groundSum = (groundSum.0 + r, groundSum.1 + g, groundSum.2 + b, groundSum.3 + 1)
            }
        }
        guard inkSum.3 > 0, groundSum.3 > 0 else { return nil }
        func mean(_ s: (Int, Int, Int, Int)) -> Color { Color(r: UInt8(s.0 / s.3), g: UInt8(s.1 / s.3), b: UInt8(s.2 / s.3)) }
        return (mean(inkSum), mean(groundSum), mask, inkSum.3)
    }

    /// The share of `mask`'s pixels with a neighbour (left, right, above, below) outside it: high for
    /// strokes a few pixels wide, low for a filled shape.
    static func edgeShare(_ mask: [Bool], box: Box) -> Double {
        var inside = 0, edge = 0
        for y in 0..<box.h {
            for x in 0..<box.w where mask[y * box.w + x] {
                inside += 1
                let i = y * box.w + x
                if (x > 0 && !mask[i - 1]) || (x < box.w - 1 && !mask[i + 1]) || (y > 0 && !mask[i - box.w]) || (y < box.h - 1 && !mask[i + box.w]) {
                    edge += 1
                }
            }
        }
        return inside == 0 ? 0 : Double(edge) / Double(inside)
    }

    /// Whether the box's two classes (by the whole box's threshold) keep their grey across its columns
    /// (`BackdropColumns`): mean greys within 24 levels from column to column, for the ink and for the
    /// background. Then every column would judge alike, and the per-column split is not made (a text on
    /// a panel or a flat fill: most of a composed cover's text).
    static func evenAcross(_ luma: [UInt8], mask: [Bool], box: Box) -> Bool {
        let count = BackdropColumns.count(width: box.w, height: box.h)
        guard count > 1 else { return true }
        var sums = [Int](repeating: 0, count: 4 * count)   // ink sum, ink n, ground sum, ground n
        luma.withUnsafeBufferPointer { l in
            mask.withUnsafeBufferPointer { m in
                for x in 0..<box.w {
                    let k = 4 * BackdropColumns.column(of: x, width: box.w, count: count)
                    var i = x
                    for _ in 0..<box.h {
                        let o = m[i] ? 0 : 2
                        sums[k + o] += Int(l[i]); sums[k + o + 1] += 1
                        i += box.w
                    }
                }
            }
        }
        func spread(_ o: Int) -> Int {
            let means = (0..<count).compactMap { c in sums[4 * c + o + 1] >= 16 ? sums[4 * c + o] / sums[4 * c + o + 1] : nil }
            return (means.max() ?? 0) - (means.min() ?? 0)
        }
        return spread(0) < 24 && spread(2) < 24
    }

    /// The ink and background of the column (`BackdropColumns`) where they contrast least, each column
    /// split by its own Otsu threshold (one threshold for a box whose background runs from a light wall
    /// onto a dark sofa can class the sofa with the ink). Columns that hold no two tones, or whose
    /// smaller class is under 1 % of their pixels (no ink there), are not judged; nil when none is.
    static func worstColumn(_ rgb: [UInt8], luma: [UInt8], box: Box) -> (ink: Color, background: Color)? {
        let count = BackdropColumns.count(width: box.w, height: box.h)
        var worst: (ink: Color, background: Color, ratio: Double)?
        for c in 0..<count {
            let x0 = c * box.w / count, x1 = (c + 1) * box.w / count
            guard x1 > x0 else { continue }
            var colRGB: [UInt8] = [], colLuma: [UInt8] = []
            colRGB.reserveCapacity((x1 - x0) * box.h * 3); colLuma.reserveCapacity((x1 - x0) * box.h)
            var histogram = [Int](repeating: 0, count: 256)
            for y in 0..<box.h {
                for x in x0..<x1 {
                    let i = y * box.w + x
                    colRGB.append(rgb[3 * i]); colRGB.append(rgb[3 * i + 1]); colRGB.append(rgb[3 * i + 2])
                    colLuma.append(luma[i]); histogram[Int(luma[i])] += 1
                }
            }
            guard let (t, mask, inkCount) = split(colLuma, histogram: histogram), inkCount * 100 >= colLuma.count else { continue }
            let (ink, background) = colours(colRGB, luma: colLuma, mask: mask, threshold: t)
            let ratio = ink.contrast(with: background)
            if ratio < worst?.ratio ?? .infinity { worst = (ink, background, ratio) }
        }
        return worst.map { ($0.ink, $0.background) }
    }

    /// Greys split by Otsu's threshold, the smaller class being the ink: the threshold, the ink mask and
    /// the ink's pixel count; nil for a single tone (`otsu`).
    static func split(_ luma: [UInt8], histogram: [Int]) -> (threshold: Int, mask: [Bool], inkCount: Int)? {
        let n = luma.count
        guard let t = otsu(histogram, total: n) else { return nil }
        let dark = histogram[0...t].reduce(0, +)
        let inkIsDark = dark <= n - dark
        return (t, luma.map { inkIsDark ? Int($0) <= t : Int($0) > t }, inkIsDark ? dark : n - dark)
    }

    /// Otsu's threshold (`Otsu.split`); nil when the box is a single tone or two tones closer than
    /// 8 grey levels apart (texture, not text on a ground).
    static func otsu(_ h: [Int], total: Int) -> Int? {
        guard let (t, between) = Otsu.split(h, total: total), between / Double(total * total) > 16 else { return nil }
        return t
    }

    /// Mean colour of the ink cores (the half of ink pixels farthest from the threshold) and of the background.
    static func colours(_ rgb: [UInt8], luma: [UInt8], mask: [Bool], threshold t: Int) -> (Color, Color) {
        // The median distance from the threshold over the ink pixels, counted (distances are 0…255).
        var counts = [Int](repeating: 0, count: 256), inkCount = 0
        for i in mask.indices where mask[i] { counts[abs(Int(luma[i]) - t)] += 1; inkCount += 1 }
        var coreFrom = 0, seen = counts[0]
        while seen <= inkCount / 2 && coreFrom < 255 { coreFrom += 1; seen += counts[coreFrom] }
        var inkSum = (0, 0, 0, 0), bgSum = (0, 0, 0, 0)
        for i in mask.indices {
            let (r, g, b) = (Int(rgb[3 * i]), Int(rgb[3 * i + 1]), Int(rgb[3 * i + 2]))
            if mask[i] {
                guard abs(Int(luma[i]) - t) >= coreFrom else { continue }
                inkSum = (inkSum.0 + r, inkSum.1 + g, inkSum.2 + b, inkSum.3 + 1)
            } else {
                bgSum = (bgSum.0 + r, bgSum.1 + g, bgSum.2 + b, bgSum.3 + 1)
            }
        }
        func mean(_ s: (Int, Int, Int, Int)) -> Color {
            let k = max(s.3, 1)
            return Color(r: UInt8(s.0 / k), g: UInt8(s.1 / k), b: UInt8(s.2 / k))
        }
        return (mean(inkSum), mean(bgSum))
    }
}
