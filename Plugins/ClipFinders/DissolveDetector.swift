import Foundation

/// Finds dissolves (cross-fades), which the frame-to-frame detector cannot see: each frame of a
/// dissolve changes only a little, so no single frame stands out from its neighbours.
///
/// For every frame it looks back `span` frames: the first picture A and the last B of that window must
/// differ like two shots do (at least `minContent`), and every picture between them must be a blend
/// of the two, M ≈ A + α·(B − A) (cell by cell; residual at most a quarter of the A–B difference),
/// with α rising steadily from 0 to 1: no step of more than half the way at once (that is a hard cut,
/// the other detector's) and at least two pictures in mid blend. Motion inside a shot, pans and zooms,
/// does not blend two pictures and fails the residual test; a flash returns to A and fails the
/// A–B difference. Windows that pass come in runs (the window slides along the dissolve); the run
/// gives one dissolve, at the first frame past half blend (α ≥ ½) in its window with the largest A–B difference.
/// Windows starting or ending in black are left to the fade handling.
struct DissolveDetector {
    let span: Int
    let minContent: Double
    let blackLevel: Double
    private var recent: [(time: Double, picture: AnalysisPicture)] = []
    /// The best window of the current run of passing windows: its A–B difference and the time of its first frame past half blend.
    private var run: (difference: Double, time: Double)?
    private(set) var found: [(time: Double, strength: Double)] = []

    init(span: Int, minContent: Double, blackLevel: Double) {
        self.span = max(3, span)
        self.minContent = minContent
        self.blackLevel = blackLevel
    }

    mutating func add(_ picture: AnalysisPicture, at time: Double) {
        if let last = recent.last?.picture, last.width != picture.width || last.height != picture.height { recent.removeAll() }
        recent.append((time, picture))
        if recent.count > span + 1 { recent.removeFirst() }
        guard recent.count == span + 1, let hit = blend() else { closeRun(); return }
        if hit.difference > (run?.difference ?? 0) { run = hit }
    }

    mutating func finish() { closeRun() }

    private mutating func closeRun() {
        guard let r = run else { return }
        found.append((r.time, r.difference / minContent))
        run = nil
    }

    /// Whether the window is a dissolve from its first picture to its last; its A–B difference and the time of its first frame past half blend.
    private func blend() -> (difference: Double, time: Double)? {
        let a = recent[0].picture.cells, b = recent[span].picture.cells
        guard recent[0].picture.meanLuma > blackLevel, recent[span].picture.meanLuma > blackLevel else { return nil }
        var ab = [Float](repeating: 0, count: a.count)
        var norm: Float = 0, absSum: Float = 0
        for i in a.indices { ab[i] = b[i] - a[i]; norm += ab[i] * ab[i]; absSum += abs(ab[i]) }
        let difference = Double(absSum) / Double(a.count)
        guard difference >= minContent, norm > 0 else { return nil }
        var alphas: [Double] = [0]
        for k in 1..<span {
            let m = recent[k].picture.cells
            var dot: Float = 0
            for i in a.indices { dot += (m[i] - a[i]) * ab[i] }
            let alpha = dot / norm
            var residual: Float = 0
            for i in a.indices { residual += abs(m[i] - a[i] - alpha * ab[i]) }
            guard Double(residual) / Double(a.count) <= 0.25 * difference else { return nil }
            alphas.append(Double(alpha))
        }
        alphas.append(1)
        var crossing: Double?
        for k in 1..<alphas.count {
            guard alphas[k] - alphas[k - 1] <= 0.5, alphas[k] >= alphas[k - 1] - 0.1 else { return nil }
            if crossing == nil, alphas[k] >= 0.5 { crossing = recent[k].time }
        }
        guard alphas.filter({ $0 > 0.2 && $0 < 0.8 }).count >= 2, let t = crossing else { return nil }
        return (difference, t)
    }
}
