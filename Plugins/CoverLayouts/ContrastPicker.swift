import Imaging
import Support
import PluginKit
import Presets
import Covers

/// The pixels behind a text box, measured the way the contrast check measures a finished cover, so
/// the ink the composer picks is the ink the check passes.
struct Backdrop {
    /// WCAG relative luminance at the 5th and 95th percentiles, and the mean colour.
    let darkLuma: Double
    let lightLuma: Double
    let mean: Color
    /// The mean colour of each of the box's columns (`BackdropColumns`).
    let columns: [Color]

    static func measure(_ image: Image, _ box: Box) throws -> Backdrop {
        let (px, sw) = try image.rgbSampleRows(x: box.x, y: box.y, width: box.w, height: box.h, maxSide: 128, blend: false)
        let count = BackdropColumns.count(width: box.w, height: box.h)
        var lumas: [Double] = []
        lumas.reserveCapacity(px.count / 3)
        var sum = [0.0, 0.0, 0.0]
        var columnSums = [[Double]](repeating: [0, 0, 0, 0], count: count)
        var i = 0
        while i + 2 < px.count {
            let c = Color(r: px[i], g: px[i + 1], b: px[i + 2])
            lumas.append(c.relativeLuminance)
            sum[0] += Double(c.r); sum[1] += Double(c.g); sum[2] += Double(c.b)
            let k = BackdropColumns.column(of: (i / 3) % sw, width: sw, count: count)
            columnSums[k][0] += Double(c.r); columnSums[k][1] += Double(c.g); columnSums[k][2] += Double(c.b); columnSums[k][3] += 1
            i += 3
        }
        lumas.sort()
        let n = Double(max(lumas.count, 1))
        func pct(_ p: Double) -> Double { lumas.isEmpty ? 0 : lumas[min(lumas.count - 1, Int(Double(lumas.count - 1) * p))] }
        let columns = columnSums.filter { $0[3] > 0 }.map { Color(r: UInt8($0[0] / $0[3]), g: UInt8($0[1] / $0[3]), b: UInt8($0[2] / $0[3])) }
        return Backdrop(darkLuma: pct(0.05), lightLuma: pct(0.95),
                        mean: Color(r: UInt8(sum[0] / n), g: UInt8(sum[1] / n), b: UInt8(sum[2] / n)), columns: columns)
    }

    /// WCAG contrast of `ink` against what the contrast check sees behind text drawn here: the column
    /// of the box (`BackdropColumns`) it contrasts least with. The check (InkAnalysis) splits a finished
    /// cover's text box into ink and background by Otsu's threshold and judges each column's background
    /// pixels; before the text is drawn, every pixel of the box is background.
    func contrast(_ ink: Color) -> Double { (columns.isEmpty ? [mean] : columns).map(ink.contrast(with:)).min() ?? 0 }

    /// The worst WCAG contrast of `ink` against this backdrop's dark and light ends.
    func worstContrast(_ ink: Color) -> Double {
        let t = ink.relativeLuminance
        func ratio(_ a: Double, _ b: Double) -> Double { (max(a, b) + 0.05) / (min(a, b) + 0.05) }
        return min(ratio(t, darkLuma), ratio(t, lightLuma))
    }

    /// The candidate with the best contrast as a check measures it; `nil` for no candidates.
    func best(of candidates: [Color]) -> (Color, Double)? {
        candidates.map { ($0, contrast($0)) }.max { $0.1 < $1.1 }
    }
}
