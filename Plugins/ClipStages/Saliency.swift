import Support
import PluginKit
import Presets
import Clips

/// Where the eye goes in a small grey frame, and the horizontal centre of it.
///
/// Method (cheap enough for every frame of a 160-pixel thumbnail):
/// 1. **Centre–surround contrast**, the intensity channel of Itti, Koch & Niebur (1998, "A model of
///    saliency-based visual attention for rapid scene analysis", IEEE PAMI 20(11)): the absolute
///    difference between a fine local mean (3×3 at 160 px) and a coarse surround mean (17×17).
///    Textured or outlined things (a product, a face, hands) score; flat walls and sky do not.
/// 2. **Motion**: the absolute difference between this frame's fine mean and the previous one's
///    (frame differencing). What moves is what the presenter is showing; it counts twice.
/// 3. **Noise floors**: each map is lowered by twice its median (the median of a mostly-background
///    map estimates its noise: sensor grain, compression shimmer) plus one grey level, and clipped
///    at zero, so noise alone never wins.
/// 4. The sum is blurred (a box filter applied twice approximates a Gaussian, W. M. Wells 1986,
///    "Efficient synthesis of Gaussian filters by cascaded uniform filters", IEEE PAMI 8(2)) so
///    the peak is a region, not a pixel.
/// The focus is the saliency-weighted centroid (x) of the pixels at or above half the peak.
/// Deterministic: the same frames give the same answers.
struct Saliency {
    /// The previous frame's fine mean, for motion.
    private var previous: [Float]?
    private var previousSize = (0, 0)

    /// Below this peak (grey levels) nothing stands out: the frame is flat or only noise.
    static let minimumPeak: Float = 2

    /// The horizontal centre of the most salient region, in thumbnail pixels (0…width), or nil
    /// when nothing stands out. Remembers the frame for the next call's motion.
    mutating func focus(_ frame: LumaThumbnail) -> Double? {
        let map = saliency(frame)
        return Self.centroidX(map, width: frame.width, height: frame.height)
    }

    /// The saliency map of `frame` (row-major, same size), remembering it for motion.
    mutating func saliency(_ frame: LumaThumbnail) -> [Float] {
        let w = frame.width, h = frame.height
        guard w > 0, h > 0, frame.pixels.count >= w * h else { previous = nil; return [] }
        let n = w * h
        let luma = frame.pixels.withUnsafeBufferPointer { p in [Float](unsafeUninitializedCapacity: n) { out, count in
            for i in 0..<n { out[i] = Float(p[i]) }
            count = n
        } }
        let fine = Self.boxMean(luma, w, h, radius: max(1, w / 160))
        let surround = Self.boxMean(luma, w, h, radius: max(2, w / 20))

        var total = Self.absoluteDifference(fine, surround)
        Self.lowerByNoiseFloor(&total)
        if let prev = previous, previousSize == (w, h) {
            var motion = Self.absoluteDifference(fine, prev)
            Self.lowerByNoiseFloor(&motion)
            total.withUnsafeMutableBufferPointer { t in
                motion.withUnsafeBufferPointer { m in
                    for i in 0..<n { t[i] += 2 * m[i] }
                }
            }
        }
        previous = fine
        previousSize = (w, h)
        let r = max(1, w / 32)
        return Self.boxMean(Self.boxMean(total, w, h, radius: r), w, h, radius: r)
    }

    /// Saliency-weighted mean x (pixel centres, so 0.5…width-0.5) of the pixels at or above half
    /// the peak; nil when the peak is below `minimumPeak`.
    static func centroidX(_ map: [Float], width w: Int, height h: Int) -> Double? {
        guard w > 0, h > 0, map.count == w * h else { return nil }
        let peak = map.withUnsafeBufferPointer { m in m.reduce(Float(0)) { max($0, $1) } }
        guard peak >= minimumPeak else { return nil }
        let cut = peak / 2
        var sum = 0.0, weight = 0.0
        map.withUnsafeBufferPointer { m in
            for y in 0..<h {
                let row = y * w
                for x in 0..<w where m[row + x] >= cut {
                    let s = Double(m[row + x])
                    sum += s * (Double(x) + 0.5); weight += s
                }
            }
        }
        return weight > 0 ? sum / weight : nil
    }

    /// |a − b| element by element (same sizes).
    static func absoluteDifference(_ a: [Float], _ b: [Float]) -> [Float] {
        let n = min(a.count, b.count)
        return a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
            [Float](unsafeUninitializedCapacity: n) { out, count in
                for i in 0..<n { out[i] = abs(a[i] - b[i]) }
                count = n
            }
        } }
    }

    /// Subtracts twice the median plus one grey level and clips at zero.
    static func lowerByNoiseFloor(_ values: inout [Float]) {
        let floor = 2 * median(values) + 1
        values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] = max(0, v[i] - floor) }
        }
    }

    /// The median of values in 0…255, to a quarter of a grey level (a histogram, not a sort).
    static func median(_ values: [Float]) -> Float {
        guard !values.isEmpty else { return 0 }
        let bins = 1024
        var histogram = [Int](repeating: 0, count: bins)
        histogram.withUnsafeMutableBufferPointer { hist in
            values.withUnsafeBufferPointer { v in
                for x in v { hist[min(bins - 1, max(0, Int(x * 4)))] += 1 }
            }
        }
        var seen = 0
        for i in 0..<bins {
            seen += histogram[i]
            if seen * 2 >= values.count { return Float(i) / 4 }
        }
        return 255
    }

    /// The mean over the (2r+1)² window around each pixel, the window cut at the frame's edges,
    /// from a summed-area table (Crow 1984), so the cost does not grow with the radius.
    static func boxMean(_ values: [Float], _ w: Int, _ h: Int, radius r: Int) -> [Float] {
        let stride = w + 1
        var table = [Double](repeating: 0, count: stride * (h + 1))
        values.withUnsafeBufferPointer { v in
            table.withUnsafeMutableBufferPointer { t in
                for y in 0..<h {
                    var rowSum = 0.0
                    for x in 0..<w {
                        rowSum += Double(v[y * w + x])
                        t[(y + 1) * stride + x + 1] = t[y * stride + x + 1] + rowSum
                    }
                }
            }
        }
        var out = [Float](repeating: 0, count: w * h)
        table.withUnsafeBufferPointer { t in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<h {
                    let y0 = max(0, y - r), y1 = min(h, y + r + 1)
                    for x in 0..<w {
                        let x0 = max(0, x - r), x1 = min(w, x + r + 1)
                        let s = t[y1 * stride + x1] - t[y0 * stride + x1] - t[y1 * stride + x0] + t[y0 * stride + x0]
                        o[y * w + x] = Float(s / Double((y1 - y0) * (x1 - x0)))
                    }
                }
            }
        }
        return out
    }
}
