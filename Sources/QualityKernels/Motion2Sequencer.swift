/// Turns per-frame motion scores into the `motion2` feature, in frame order.
///
/// libvmaf's rule (default options): frame 0 has motion 0 and motion2 0; for a later frame
/// `i`, motion2 is `min(motion[i], motion[i + 1])`, and the last frame keeps `motion[i]`.
/// So a frame's motion2 is known once the next frame's motion arrives (or at the end).
public struct Motion2Sequencer: Sendable {
    private var pending: Double?
    private var count = 0

    public init() {}

    /// Number of motion scores appended so far.
    public var frameCount: Int { count }

    /// Appends the motion score of the next frame (use 0 for frame 0) and returns the
    /// motion2 of the previous frame, which it completes.
    public mutating func append(motion: Double) -> (frame: Int, motion2: Double)? {
        defer {
            pending = motion
            count += 1
        }
        guard let previous = pending else { return nil }
        let frame = count - 1
        return (frame, frame == 0 ? 0 : min(previous, motion))
    }

    /// Completes the last frame's motion2 (after the final `append`).
    public mutating func finish() -> (frame: Int, motion2: Double)? {
        guard let last = pending else { return nil }
        pending = nil
        let frame = count - 1
        return (frame, frame == 0 ? 0 : last)
    }
}
