import Presets

/// One line of text found in an ink mask: its ink box (canvas pixels) and x-height (see `InkAnalysis`).
struct InkLine {
    let box: Box
    let xHeight: Double

    /// The lines of a mask laid over `box` (row-major, `box.w * box.h`).
    static func lines(_ mask: [Bool], box: Box) -> [InkLine] {
        let w = box.w, h = box.h
        var rows = [Int](repeating: 0, count: h)
        for y in 0..<h { for x in 0..<w where mask[y * w + x] { rows[y] += 1 } }
        let floor = max(1, w / 200)
        var runs: [ClosedRange<Int>] = []
        var start: Int?
        for y in 0...h {
            let inked = y < h && rows[y] >= floor
            if inked, start == nil { start = y }
            if !inked, let s = start { runs.append(s...(y - 1)); start = nil }
        }
        return mergeMarks(runs).compactMap { line(mask, rows: $0, box: box) }
    }

    /// Joins runs that are marks, not lines, to their nearest neighbour: runs much shorter than the
    /// tallest (dots, underlines), and short runs close to a neighbour (Thai vowels and tone marks
    /// above and below the consonants, Arabic dots, Vietnamese stacked accents).
    static func mergeMarks(_ runs: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var out = runs
        let tallest = Double(out.map(\.count).max() ?? 0)
        func gaps(_ i: Int) -> (up: Int, down: Int) {
            (i > 0 ? out[i].lowerBound - out[i - 1].upperBound : Int.max, i + 1 < out.count ? out[i + 1].lowerBound - out[i].upperBound : Int.max)
        }
        func isMark(_ i: Int) -> Bool {
            let h = Double(out[i].count), g = gaps(i)
            return h < 0.35 * tallest || (h < 0.6 * tallest && Double(min(g.up, g.down)) <= 0.25 * tallest)
        }
        while out.count > 1, let i = out.indices.first(where: isMark) {
            let g = gaps(i)
            let j = g.up <= g.down ? i - 1 : i + 1
            let merged = min(out[i].lowerBound, out[j].lowerBound)...max(out[i].upperBound, out[j].upperBound)
            out[min(i, j)] = merged
            out.remove(at: max(i, j))
        }
        return out
    }

    /// The line over `rows`: its ink box and the median height of its glyphs.
    static func line(_ mask: [Bool], rows: ClosedRange<Int>, box: Box) -> InkLine? {
        let w = box.w
        let y0 = rows.lowerBound, lh = rows.count
        var heights: [Int] = []
        var seen = [Bool](repeating: false, count: w * lh)
        var minX = w, maxX = -1
        var stack: [Int] = []
        for start in 0..<(w * lh) where mask[y0 * w + start] && !seen[start] {
            var top = lh, bottom = -1
            seen[start] = true; stack.append(start)
            while let p = stack.popLast() {
                let x = p % w, y = p / w
                top = min(top, y); bottom = max(bottom, y); minX = min(minX, x); maxX = max(maxX, x)
                for q in [x > 0 ? p - 1 : -1, x + 1 < w ? p + 1 : -1, y > 0 ? p - w : -1, y + 1 < lh ? p + w : -1]
                where q >= 0 && !seen[q] && mask[y0 * w + q] {
                    seen[q] = true; stack.append(q)
                }
            }
            let height = bottom - top + 1
            if Double(height) >= 0.3 * Double(lh) { heights.append(height) }
        }
        guard maxX >= minX, !heights.isEmpty else { return nil }
        heights.sort()
        return InkLine(box: Box(x: box.x + minX, y: box.y + y0, w: maxX - minX + 1, h: lh), xHeight: Double(heights[heights.count / 2]))
    }
}
