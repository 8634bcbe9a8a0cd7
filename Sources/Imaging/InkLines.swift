/// A rectangle of ink in a text rendering, in the rendering's pixels.
public struct InkRect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
}

/// Where each line of a text rendering put its ink, measured from the pixels.
enum InkLines {
    /// The ink of each of `count` lines of a rendering whose baselines are `advance` px apart (top to
    /// bottom). The rendering is cropped to its ink, so line bands are counted up from its bottom: the
    /// boundary above each line is expected about 0.85 advance above the line's lowest ink, and is put
    /// at the row with the least ink within a quarter advance of there (the gap between two lines,
    /// whichever has descenders or marks). Each line's box is the extent of its own ink; inkless lines
    /// are left out.
    static func measure(_ ink: Image, count: Int, advance: Int) -> [InkRect] {
        guard count > 0, ink.bands >= 1, let alpha = try? ink.bands(ink.bands - 1, count: 1).pixelBytes() else { return [] }
        let w = ink.width, h = ink.height
        guard alpha.count >= w * h, w > 0, h > 0 else { return [] }
        var rowInk = [Int](repeating: 0, count: h)
        for y in 0..<h {
            var n = 0
            for x in 0..<w where alpha[y * w + x] > 32 { n += 1 }
            rowInk[y] = n
        }
        // starts[k]: the first row of line k.
        var starts = [0]
        for k in 1..<max(count, 1) {
            let expected = h - (count - k) * advance - advance * 85 / 100 + advance
            let lo = max(starts[k - 1] + 1, expected - advance / 4), hi = min(h - 1, expected + advance / 4)
            guard lo <= hi else { starts.append(min(h, max(starts[k - 1] + 1, expected))); continue }
            let best = (lo...hi).min { a, b in rowInk[a] != rowInk[b] ? rowInk[a] < rowInk[b] : abs(a - expected) < abs(b - expected) }
            starts.append(best ?? expected)
        }
        return (0..<count).compactMap { k in
            let top = starts[k], bottom = k + 1 < count ? starts[k + 1] : h
            var minX = Int.max, maxX = -1, minY = Int.max, maxY = -1
            for y in top..<max(top, bottom) {
                for x in 0..<w where alpha[y * w + x] > 32 {
                    minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                }
            }
            return maxX < 0 ? nil : InkRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
        }
    }
}
