import Support
import Media

/// Runs one clip's frame steps, in order, on every decoded frame it re-encodes: the runner of the
/// pipeline `ClipPlanner` builds. One per clip; its pool keeps the steps' pictures and scalers.
final class FrameRenderer {
    let steps: [any FrameStep]
    /// Size of the pictures the steps return, which the encoder takes.
    let outputWidth: Int, outputHeight: Int
    private let pool = FramePool()

    init(steps: [any FrameStep], outputWidth: Int, outputHeight: Int) {
        self.steps = steps; self.outputWidth = outputWidth; self.outputHeight = outputHeight
    }

    /// The steps' names, for clips.json.
    var stepNames: [String] { steps.map(\.name) }

    /// Whether the steps turn pictures upright: the clip then carries no display matrix.
    var rotates: Bool { steps.contains { $0 is RotateStep } }

    /// What the overlay steps draw (`title`, `price`, `caption 3`), for clips.json.
    var overlayLabels: [String] { steps.compactMap { $0 as? OverlayStep }.flatMap { $0.overlays.map(\.label) } }

    /// The output picture for `source` at clip-relative time `t`: `source` itself when no step changes it.
    func render(_ source: Frame, at t: Double) throws -> Frame {
        if source.pixelFormat != .yuv420p && !(steps.first is ConvertStep) {
            throw MarqueeError.item("the replay's pictures change format mid-stream (yuv420p, then \(source.pixelFormat)); convert the replay to one format first")
        }
        pool.borrowed = source
        defer { pool.borrowed = nil }
        var picture = source
        for step in steps { picture = try step.apply(picture, at: t, pool: pool) }
        return picture
    }
}
