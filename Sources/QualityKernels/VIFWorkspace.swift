/// Reusable scratch memory for computing VIF on one thread.
///
/// Create one workspace per worker thread and pass it to every `VIF.compute` call made on
/// that thread; buffers grow to the largest picture seen and are then reused, so steady-state
/// computation allocates nothing. A workspace is not thread-safe (it is deliberately not
/// `Sendable`); the VIF functions themselves are pure.
public final class VIFWorkspace {
    /// Filtered row streams: mu1, mu2 and the hi/lo halves of xx, yy, xy.
    static let rowStreams = 8
    /// Padding (in samples) on both sides of filtered rows, for mirroring and SIMD overrun.
    static let rowPadding = 96

    let log2Table = VIFLog2Table()
    /// Padded copies of planes narrower than one SIMD block (reference, distorted).
    let narrowCopy = ScratchBuffer<UInt16>()
    /// Vertically filtered rows: `rowStreams * rowLength`.
    let rows = ScratchBuffer<UInt32>()
    /// Decimation scratch: vertically filtered ref/dis rows and their even/odd halves.
    let decimation = ScratchBuffer<UInt32>()
    /// Decimated planes of scales 1...3: reference then distorted for each scale.
    let pyramid: [ScratchBuffer<UInt16>] = (0..<6).map { _ in ScratchBuffer<UInt16>() }
    /// Row offsets of the filter taps for the current output row.
    let tapOffsets = ScratchBuffer<Int>(capacity: 32, zero: 0)

    private(set) var rowLength = 0

    public init() {}

    /// Sizes every buffer for pictures of `width` x `height` (scale 0).
    func prepare(width: Int, height: Int) {
        rowLength = roundUp16(width) + 2 * Self.rowPadding
        narrowCopy.reserve(2 * 16 * height + 32)
        rows.reserve(Self.rowStreams * rowLength)
        decimation.reserve(6 * rowLength)
        var w = width, h = height
        for level in 0..<3 {
            w /= 2; h /= 2
            pyramid[2 * level].reserve(w * h + 64)
            pyramid[2 * level + 1].reserve(w * h + 64)
        }
    }

    /// Element 0 of filtered row stream `stream` (padding lies before it).
    @inline(__always)
    func rowStream(_ stream: Int) -> UnsafeMutablePointer<UInt32> {
        rows.pointer + stream * rowLength + Self.rowPadding
    }

    /// Element 0 of decimation row `index` (0/1: filtered ref/dis; 2...5: even/odd halves).
    @inline(__always)
    func decimationRow(_ index: Int) -> UnsafeMutablePointer<UInt32> {
        decimation.pointer + index * rowLength + Self.rowPadding
    }
}
