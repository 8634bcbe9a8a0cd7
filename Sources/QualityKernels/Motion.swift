/// The motion feature of VMAF (libvmaf's integer `motion` extractor, v2 pipeline).
///
/// For consecutive reference frames `prev` and `cur`, the frame difference `prev - cur` is
/// blurred with the 5-tap Gaussian `[3571, 16004, 26386, 16004, 3571] / 65536` (mirrored at
/// the edges): vertically with a rounding shift by the bit depth, then horizontally with a
/// rounding shift by 16. The motion score is the mean absolute value of the result, divided
/// by 256 (so it reads in 8-bit units), capped at 10000. The first frame scores 0.
/// `motion2` (the model feature) is derived from these scores by `Motion2Sequencer`.
///
/// `score` is a pure function of two reference planes, so an engine can compute it for every
/// consecutive pair on any thread, concurrently; only the motion2 step is sequential.
/// (Blurring each frame separately first would not reproduce libvmaf's rounding, and would
/// cost more memory traffic than this fused pass.)
public enum Motion {
    /// The motion filter taps (Q16).
    static let taps: [Int32] = [3571, 16004, 26386, 16004, 3571]
    /// Largest motion value libvmaf reports.
    public static let maximum = 10000.0

    /// The motion score of reference frame `current` against the preceding reference frame.
    public static func score(previous: Plane, current: Plane, workspace: MotionWorkspace) -> Double {
        precondition(previous.width == current.width && previous.height == current.height
                     && previous.bitDepth == current.bitDepth, "motion needs frames of one format")
        workspace.prepare(width: current.width)
        let sad = previous.samples.withUnsafeBufferPointer { prev in
            current.samples.withUnsafeBufferPointer { cur -> UInt64 in
                guard let p = prev.baseAddress, let c = cur.baseAddress else { return 0 }
                var total: UInt64 = 0
                for y in 0..<current.height {
                    filterDifferenceRow(y, p, c, width: current.width, height: current.height,
                                        bitDepth: current.bitDepth, workspace: workspace)
                    total &+= blurredRowSum(workspace: workspace, width: current.width)
                }
                return total
            }
        }
        let mean = Double(sad) / 256.0 / Double(current.width * current.height)
        return min(mean, maximum)
    }

    /// Convenience form that allocates a temporary workspace.
    public static func score(previous: Plane, current: Plane) -> Double {
        score(previous: previous, current: current, workspace: MotionWorkspace())
    }
}
