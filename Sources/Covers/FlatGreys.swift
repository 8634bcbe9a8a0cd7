import Presets

/// The flat pixels of a word's box in a grey picture (each within `InkBox.flatTolerance` of its four
/// neighbours: the inside of strokes, panels and smooth backgrounds) and how many lie near each grey.
/// The commonest such grey is a word's ink in plain text over a photograph; on a panel or a pill it
/// is the ground, and fills whole rows of the box, which letters never do.
struct FlatGreys {
    let grey: [UInt8], width: Int, box: Box
    /// Flat pixels of the box, row-major in the box.
    let flat: [Bool]
    /// Flat pixels within `InkBox.inkTolerance` of each grey level.
    let counts: [Int]

    /// A grey whose flat pixels fill this share of a row of the box is ground (a panel), not ink…
    static let groundRowShare = 0.9
    /// …and the ink is then looked for this many grey levels or more from it.
    static let groundDistance = 40

    init(_ grey: [UInt8], width: Int, box b: Box) {
        let t = InkBox.flatTolerance
        var flat = [Bool](repeating: false, count: b.w * b.h)
        var histogram = [Int](repeating: 0, count: 256)
        for y in 1..<(b.h - 1) {
            for x in 1..<(b.w - 1) {
                let i = (b.y + y) * width + b.x + x
                let v = Int(grey[i])
                guard abs(v - Int(grey[i - 1])) <= t, abs(v - Int(grey[i + 1])) <= t,
                      abs(v - Int(grey[i - width])) <= t, abs(v - Int(grey[i + width])) <= t else { continue }
                flat[y * b.w + x] = true
                histogram[v] += 1
            }
        }
        let near = InkBox.inkTolerance
        self.grey = grey; self.width = width; self.box = b; self.flat = flat
        self.counts = (0..<256).map { v in histogram[max(0, v - near)...min(255, v + near)].reduce(0, +) }
    }

    /// The grey with the most flat pixels near it (the lowest of equals).
    var commonest: Int { counts.indices.max { counts[$0] < counts[$1] } ?? 0 }

    /// Where the commonest grey is ground (fills a row), the commonest grey `groundDistance` levels or
    /// more from it that fills no row (the letters on a panel, not the panel's other tone), if its flat
    /// pixels cover `minShare` of the box. Nil when the commonest grey is no ground or no such grey is
    /// there.
    /// `groundRowShare` lower than the default: `InkBox.tightened`, where the commonest grey left only a
    /// sliver of the word.
    func inkBesideGround(minShare: Double = InkBox.minAltShare, groundRowShare: Double = Self.groundRowShare) -> Int? {
        let ground = commonest
        guard fillsRow(ground, share: groundRowShare) else { return nil }
        let others = counts.indices.filter { abs($0 - ground) >= Self.groundDistance && counts[$0] > 0 }
            .sorted { counts[$0] > counts[$1] }
        // Near greys share their neighbours' counts: one try per distinct grey, at most eight.
        var tried: [Int] = []
        for v in others where !tried.contains(where: { abs($0 - v) <= InkBox.inkTolerance }) {
            if !fillsRow(v) { return Double(counts[v]) >= minShare * Double(box.area) ? v : nil }
            tried.append(v)
            if tried.count == 8 { break }
        }
        return nil
    }

    /// Flat pixels within `InkBox.inkTolerance` of `v`, row-major in the box.
    func mask(_ v: Int) -> [Bool] {
        var mask = flat
        for y in 0..<box.h { for x in 0..<box.w where flat[y * box.w + x] {
            mask[y * box.w + x] = abs(Int(grey[(box.y + y) * width + box.x + x]) - v) <= InkBox.inkTolerance
        } }
        return mask
    }

    /// Whether flat pixels near `v` fill `groundRowShare` of any row of the box (its inner columns:
    /// the outer ones are never flat).
    func fillsRow(_ v: Int, share: Double = Self.groundRowShare) -> Bool {
        let need = Int(Double(box.w - 2) * share)
        guard need > 0 else { return false }
        let near = mask(v)
        return (0..<box.h).contains { y in near[y * box.w..<(y + 1) * box.w].count(where: { $0 }) >= need }
    }
}
