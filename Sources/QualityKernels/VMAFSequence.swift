/// The sequential step of VMAF: receives per-frame analyses in frame order, measures motion
/// between consecutive reference frames, derives motion2 and emits final scores. A frame's
/// score is emitted once the next frame has arrived (motion2 looks one frame ahead), and the
/// last one on `finish()`.
/// Motion is taken from the analysis when `analyze` received the previous reference frame;
/// otherwise it is computed here (a few milliseconds at 1080p).
public struct VMAFSequence {
    public let model: VMAFModel
    private let motionWorkspace = MotionWorkspace()
    private var motion2 = Motion2Sequencer()
    private var previousReference: Plane?
    /// Analysis and motion of the frame whose motion2 is not known yet.
    private var waiting: (analysis: VMAFFrameAnalysis, motion: Double)?

    public init(model: VMAFModel) {
        self.model = model
    }

    /// Adds the next frame; returns the frames completed by it (zero or one).
    public mutating func append(_ analysis: VMAFFrameAnalysis) -> [VMAFFrameScore] {
        let motion = analysis.motion ?? previousReference.map {
            Motion.score(previous: $0, current: analysis.reference, workspace: motionWorkspace)
        } ?? 0
        previousReference = analysis.reference
        let completed = motion2.append(motion: motion)
        let done = completed.flatMap { result in waiting.map { finalize($0, index: result.frame, motion2: result.motion2) } }
        waiting = (analysis, motion)
        return done.map { [$0] } ?? []
    }

    /// Completes the last frame.
    public mutating func finish() -> [VMAFFrameScore] {
        guard let result = motion2.finish(), let last = waiting else { return [] }
        waiting = nil
        previousReference = nil
        return [finalize(last, index: result.frame, motion2: result.motion2)]
    }

    private func finalize(_ frame: (analysis: VMAFFrameAnalysis, motion: Double), index: Int,
                          motion2: Double) -> VMAFFrameScore {
        let features = VMAFFeatures(adm2: frame.analysis.adm2, motion: frame.motion,
                                    motion2: motion2, vif: frame.analysis.vif)
        let vector = features.vector(for: model)
        return VMAFFrameScore(index: index, features: features, score: model.score(vector),
                              transformedScore: model.score(vector, applyTransform: true))
    }
}
