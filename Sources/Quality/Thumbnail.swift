import QualityKernels

/// A small RGB picture of one frame, for the report's worst moments: at most `maxWidth` wide,
/// converted from limited-range YUV with BT.709 (HD) or BT.601 (SD) coefficients.
public struct Thumbnail: Sendable {
    public let width: Int
    public let height: Int
    public let rgb: [UInt8]

    public init(_ p: Picture, maxWidth: Int = 640) {
        let step = max(1, (p.y.width + maxWidth - 1) / maxWidth)
        let w = p.y.width / step, h = p.y.height / step
        let sx = max(1, p.y.width / max(1, p.u.width)), sy = max(1, p.y.height / max(1, p.u.height))
        let shift = p.y.bitDepth - 8
        let hd = p.y.height >= 720
        let (rv, gu, gv, bu) = hd ? (1.5748, 0.1873, 0.4681, 1.8556) : (1.402, 0.3441, 0.7141, 1.772)
        var out = [UInt8](repeating: 0, count: w * h * 3)
        func clamp(_ v: Double) -> UInt8 { UInt8(max(0, min(255, v.rounded()))) }
        for ty in 0..<h {
            for tx in 0..<w {
                let x = tx * step, y = ty * step
                let luma = Double(Int(p.y.samples[y * p.y.width + x]) >> shift)
                let ci = min(y / sy, p.u.height - 1) * p.u.width + min(x / sx, p.u.width - 1)
                let cb = Double(Int(p.u.samples[ci]) >> shift) - 128, cr = Double(Int(p.v.samples[ci]) >> shift) - 128
                let yy = (luma - 16) * 255 / 219
                let o = (ty * w + tx) * 3
                out[o] = clamp(yy + rv * cr * 255 / 224)
                out[o + 1] = clamp(yy - (gu * cb + gv * cr) * 255 / 224)
                out[o + 2] = clamp(yy + bu * cb * 255 / 224)
            }
        }
        width = w; height = h; rgb = out
    }
}

/// The frames with the lowest headline scores seen so far, with thumbnails of both sides. Keeps a
/// few more candidates than it will show, since a temporal metric's score can still drop once the
/// next frame is known.
final class WorstFrames {
    struct Candidate: Sendable {
        let compared: Int
        let frame: Int
        let time: Double
        var score: Double
        let reference: Thumbnail
        let distorted: Thumbnail
    }

    let shown: Int
    private(set) var candidates: [Candidate] = []
    private var capacity: Int { shown == 0 ? 0 : shown * 3 + 5 }

    init(shown: Int) { self.shown = shown }

    func offer(compared: Int, frame: Int, time: Double, score: Double, reference: Picture, distorted: Picture) {
        guard capacity > 0, score.isFinite else { return }
        if candidates.count >= capacity, let best = candidates.last, score >= best.score { return }
        let c = Candidate(compared: compared, frame: frame, time: time, score: score,
                          reference: Thumbnail(reference), distorted: Thumbnail(distorted))
        candidates.insert(c, at: candidates.firstIndex { $0.score > score } ?? candidates.count)
        if candidates.count > capacity { candidates.removeLast() }
    }

    /// The `shown` worst by the final headline values (indexed by compared frame), worst first.
    func final(headline: [Double]) -> [Candidate] {
        candidates.map { c in
            var c = c
            if c.compared < headline.count { c.score = headline[c.compared] }
            return c
        }.sorted { ($0.score, $0.compared) < ($1.score, $1.compared) }.prefix(shown).map { $0 }
    }
}
