/// One scale of integer VIF over a reference/distorted pair.
///
/// Rows are processed top to bottom. For each output row the pass (1) filters the source rows
/// under the vertical filter into padded row buffers (means, and second moments from products
/// formed on the fly), (2) filters those horizontally and accumulates the VIF statistic, and
/// (3) on even rows also produces one row of the next scale (anti-alias filter + decimation
/// by two) from the same source rows.
///
/// Rounding follows libvmaf exactly: at scale 0 means are taken to 16 bits with a shift by
/// the bit depth and second moments with a shift by `2 * (bitDepth - 8)`; at lower scales
/// (whose samples are already 16-bit) both shift by 16; horizontal sums shift by 16.
struct VIFScalePass {
    /// Which sides of the statistic the pass computes.
    enum Sides {
        /// Reference and distorted together (the plain computation).
        case both
        /// The reference alone: writes its mean and variance per pixel to `captured` and sums
        /// the denominator and the flat pixels (shared by every distorted version of the frame).
        case referenceOnly
        /// The distorted side, reading the reference's mean and variance from `captured`.
        case distortedOnly
    }

    /// The reference's filtered mean (Q16) and variance per pixel, rows `stride` apart.
    struct Captured {
        let mean: UnsafeMutablePointer<UInt32>
        let variance: UnsafeMutablePointer<Int32>
        let stride: Int
    }

    let workspace: VIFWorkspace
    let width: Int
    let height: Int
    let reference: UnsafePointer<UInt16>
    let distorted: UnsafePointer<UInt16>
    /// Distance between source rows (the width, or 16 for padded copies of narrow planes).
    let sourceStride: Int
    let filter: VIFFilter
    /// Anti-alias filter for the next scale, or nil at the last scale.
    let decimationFilter: VIFFilter?
    /// Destination planes of the next scale (`width / 2` x `height / 2`).
    let nextReference: UnsafeMutablePointer<UInt16>?
    let nextDistorted: UnsafeMutablePointer<UInt16>?
    /// 8-bit scale 0: squares fit 16 bits and need no split.
    let narrow: Bool
    let meanShift: UInt32
    let squareShift: UInt32
    let gainLimit: Double
    let sides: Sides
    let captured: Captured?
    /// The pass filters the reference's own moments (mean, square), and the distorted's.
    var needsReference: Bool { sides != .distortedOnly }
    var needsDistorted: Bool { sides != .referenceOnly }

    init(workspace: VIFWorkspace, width: Int, height: Int,
         reference: UnsafePointer<UInt16>, distorted: UnsafePointer<UInt16>, sourceStride: Int,
         scale: Int, bitDepth: Int, gainLimit: Double,
         next: (UnsafeMutablePointer<UInt16>?, UnsafeMutablePointer<UInt16>?)?,
         sides: Sides = .both, captured: Captured? = nil) {
        precondition((sides == .both) == (captured == nil), "a shared VIF pass needs the reference's moments")
        self.workspace = workspace
        self.width = width
        self.height = height
        self.reference = reference
        self.distorted = distorted
        self.sourceStride = sourceStride
        self.filter = VIFFilter.scales[scale]
        self.decimationFilter = next == nil ? nil : VIFFilter.scales[scale + 1]
        self.nextReference = next?.0
        self.nextDistorted = next?.1
        self.narrow = scale == 0 && bitDepth == 8
        self.meanShift = scale == 0 ? UInt32(bitDepth) : 16
        self.squareShift = scale == 0 ? UInt32(2 * (bitDepth - 8)) : 16
        self.gainLimit = gainLimit
        self.sides = sides
        self.captured = captured
    }

    /// Runs the pass; returns its sums (`result` is libvmaf's numerator and denominator).
    func run() -> VIFAccumulator {
        var accumulator = VIFAccumulator()
        for i in 0..<height {
            filterColumns(row: i)
            accumulateRow(&accumulator, row: i)
            if decimationFilter != nil, i & 1 == 0, i / 2 < height / 2 {
                decimate(row: i)
            }
        }
        return accumulator
    }

    /// Writes the source offsets (row * stride) of the mirrored rows under a filter centred
    /// on `row` into `workspace.tapOffsets` starting at `first`.
    @inline(__always)
    func setTapOffsets(row: Int, filter: VIFFilter, first: Int) {
        let offsets = workspace.tapOffsets.pointer + first
        for t in 0..<filter.count {
            offsets[t] = mirrorIndex(row - filter.radius + t, height) * sourceStride
        }
    }

    /// Start column of the last 16-column block: blocks start at 0, 16, ... and a final
    /// partial block is shifted left to end at the width (recomputing some columns) so that
    /// source rows are never read past their end.
    var lastBlockStart: Int { max(width - 16, 0) }
}
