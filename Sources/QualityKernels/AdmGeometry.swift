/// Border rules of ADM: how the wavelet and the masking filter reach past the picture edges, and
/// which band samples are pooled.
enum AdmGeometry {
    /// Source index of a filter tap at `index` on an axis of `count` samples. libvmaf reflects
    /// without repeating the edge on the near side (-1 -> 1) and with the edge repeated on the far
    /// side (n -> n-1, n+1 -> n-2); the clamp only matters for axes shorter than 3 samples, which
    /// libvmaf rejects.
    @inline(__always)
    static func mirror(_ index: Int, _ count: Int) -> Int {
        var k = index < 0 ? -index : index
        if k >= count { k = 2 * count - k - 1 }
        return min(max(k, 0), count - 1)
    }

    /// Rows (or columns) of the source feeding band row `i` of an axis of `count` samples: the
    /// four taps 2i-1 ... 2i+2, mirrored at the edges.
    @inline(__always)
    static func sourceRows(_ i: Int, _ count: Int) -> (Int, Int, Int, Int) {
        (mirror(2 * i - 1, count), mirror(2 * i, count), mirror(2 * i + 1, count), mirror(2 * i + 2, count))
    }

    /// Size of the bands one wavelet level makes from an axis of `count` samples.
    @inline(__always)
    static func half(_ count: Int) -> Int { (count + 1) / 2 }

    /// Rows or columns `[lower, upper)` pooled on an axis of `count` band samples: 10 % off each
    /// side, with libvmaf's truncation (`int left = w * 0.1 - 0.5`).
    static func pooled(_ count: Int) -> Range<Int> {
        let cut = Int(Double(count) * AdmModel.borderFactor - 0.5)
        return cut..<(count - cut)
    }

    /// The pooled range widened by the one sample the 3x3 masking filter reads on each side.
    static func withHalo(_ pooled: Range<Int>, _ count: Int) -> Range<Int> {
        let lower = max(0, pooled.lowerBound - 1)
        return lower..<max(lower, min(count, pooled.upperBound + 1))
    }
}

/// Band rectangle of one scale: the pooled region and the region the decoupling must fill.
struct AdmRegion {
    let width: Int
    let height: Int
    let rows: Range<Int>
    let cols: Range<Int>
    let haloRows: Range<Int>
    let haloCols: Range<Int>

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        rows = AdmGeometry.pooled(height)
        cols = AdmGeometry.pooled(width)
        haloRows = AdmGeometry.withHalo(rows, height)
        haloCols = AdmGeometry.withHalo(cols, width)
    }

    /// Number of pooled samples, the area the noise floor scales with.
    var pooledArea: Int { rows.count * cols.count }
}
