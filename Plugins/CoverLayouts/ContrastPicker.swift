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
    /// Picked (not blended) RGB samples of the box, at most 128 across: what the check samples.
    let samples: [UInt8]

    static func measure(_ image: Image, _ box: Box) throws -> Backdrop {
        let px = try image.rgbSamples(x: box.x, y: box.y, width: box.w, height: box.h, maxSide: 128, blend: false)
        var lumas: [Double] = []
        lumas.reserveCapacity(px.count / 3)
        var sum = [0.0, 0.0, 0.0]
        var i = 0
        while i + 2 < px.count {
            let c = Color(r: px[i], g: px[i + 1], b: px[i + 2])
            lumas.append(c.relativeLuminance)
            sum[0] += Double(c.r); sum[1] += Double(c.g); sum[2] += Double(c.b)
            i += 3
        }
        lumas.sort()
        let n = Double(max(lumas.count, 1))
        func pct(_ p: Double) -> Double { lumas.isEmpty ? 0 : lumas[min(lumas.count - 1, Int(Double(lumas.count - 1) * p))] }
        return Backdrop(darkLuma: pct(0.05), lightLuma: pct(0.95),
                        mean: Color(r: UInt8(sum[0] / n), g: UInt8(sum[1] / n), b: UInt8(sum[2] / n)), samples: px)
    }

    /// The background colour a check sees around `ink`: the mean of the samples at least 60 % as far
    /// from the ink as the farthest one (glyph edges blend ink and background; they are left out).
    func seenBehind(_ ink: Color) -> Color {
        let (tr, tg, tb) = (Int(ink.r), Int(ink.g), Int(ink.b))
        var dists: [Int] = []
        dists.reserveCapacity(samples.count / 3)
        var i = 0
        while i + 2 < samples.count {
            let (r, g, b) = (Int(samples[i]) - tr, Int(samples[i + 1]) - tg, Int(samples[i + 2]) - tb)
            dists.append(r * r + g * g + b * b)
            i += 3
        }
        let cut = Int(Double(dists.max() ?? 0) * 0.36)
        var s = (0, 0, 0), k = 0
        for (j, d) in dists.enumerated() where d >= cut {
            s.0 += Int(samples[j * 3]); s.1 += Int(samples[j * 3 + 1]); s.2 += Int(samples[j * 3 + 2]); k += 1
        }
        guard k > 0 else { return mean }
        return Color(r: UInt8(s.0 / k), g: UInt8(s.1 / k), b: UInt8(s.2 / k))
    }

    /// WCAG contrast of `ink` against what a check sees behind it.
    func contrast(_ ink: Color) -> Double { ink.contrast(with: seenBehind(ink)) }

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
