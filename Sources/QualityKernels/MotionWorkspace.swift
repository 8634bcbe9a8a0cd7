/// Reusable row scratch for `Motion.score`; one per thread (not thread-safe).
public final class MotionWorkspace {
    /// Padding on both sides of a row (mirror taps and SIMD overrun).
    static let padding = 32
    let highRow = ScratchBuffer<Int32>()
    let lowRow = ScratchBuffer<Int32>()

    public init() {}

    func prepare(width: Int) {
        highRow.reserve(roundUp16(width) + 2 * Self.padding)
        lowRow.reserve(roundUp16(width) + 2 * Self.padding)
    }
}
