/// The ADM kernel the scorer calls: reference luma, distorted luma and the enhancement gain
/// limit (`adm_enhn_gain_limit`: 100 by default, 1.0 for NEG models) to `adm2`.
/// It must be a pure, thread-safe function.
public typealias ADMFunction = @Sendable (_ reference: Plane, _ distorted: Plane,
                                          _ enhancementGainLimit: Double) -> Double

/// Per-thread scratch for `VMAFFrameScorer.analyze` (not thread-safe; one per worker).
public final class VMAFWorkspace {
    public let vif = VIFWorkspace()
    public let motion = MotionWorkspace()

    public init() {}
}

/// Computes VMAF per frame for one model, taking ADM from an injected kernel.
///
/// Frames are processed in two steps so that an engine can use several cores:
/// 1. `analyze(reference:distorted:previousReference:workspace:)` — VIF, ADM and (given the
///    previous reference frame) motion of one frame; independent across frames, run it
///    concurrently with one workspace per thread.
/// 2. `makeSequence()` — a `VMAFSequence` fed the analyses in frame order; it derives motion2
///    and the scores (cheap, sequential).
public struct VMAFFrameScorer: Sendable {
    public let model: VMAFModel
    public let adm: ADMFunction
    /// The ADM kernel's shared-reference form, for `prepare` and `analyze(…shared:…)` (nil: ADM
    /// is computed whole for every distorted version).
    public let sharedADM: SharedADM?

    public init(model: VMAFModel, adm: @escaping ADMFunction, sharedADM: SharedADM? = nil) {
        self.model = model
        self.adm = adm
        self.sharedADM = sharedADM
    }

    /// The independent per-frame step (luma planes of one frame pair).
    /// - Parameter previousReference: the preceding reference frame, to compute motion here
    ///   (nil for frame 0, or to leave motion to the sequence).
    public func analyze(reference: Plane, distorted: Plane, previousReference: Plane? = nil,
                        workspace: VMAFWorkspace) -> VMAFFrameAnalysis {
        let vif = VIF.compute(reference: reference, distorted: distorted,
                              enhancementGainLimit: model.vifEnhancementGainLimit,
                              workspace: workspace.vif)
        let adm2 = adm(reference, distorted, model.admEnhancementGainLimit)
        let motion = previousReference.map {
            Motion.score(previous: $0, current: reference, workspace: workspace.motion)
        }
        return VMAFFrameAnalysis(adm2: adm2, vif: vif, motion: motion, reference: reference)
    }

    /// A sequential combiner for this scorer's model.
    public func makeSequence() -> VMAFSequence { VMAFSequence(model: model) }

    /// Scores a whole sequence of luma pairs (same count) on the calling thread.
    public func score(references: [Plane], distorted: [Plane]) -> [VMAFFrameScore] {
        precondition(references.count == distorted.count, "need one distorted frame per reference")
        let workspace = VMAFWorkspace()
        var sequence = makeSequence()
        var scores: [VMAFFrameScore] = []
        for index in references.indices {
            scores += sequence.append(analyze(reference: references[index], distorted: distorted[index],
                                              previousReference: index > 0 ? references[index - 1] : nil,
                                              workspace: workspace))
        }
        return scores + sequence.finish()
    }
}
