/// What VMAF computes from a reference frame alone, once for every distorted version scored
/// against it (the rungs of a bench): the motion score against the previous reference frame and
/// VIF's reference side.
public struct VMAFReferenceSide: Sendable {
    /// Motion against the previous reference frame (nil for the first frame).
    public let motion: Double?
    public let vif: VIFReference
}

extension VMAFFrameScorer {
    /// The reference side of `reference` (after `previousReference`).
    public func prepare(reference: Plane, previousReference: Plane?, workspace: VMAFWorkspace) -> VMAFReferenceSide {
        let motion = previousReference.map { Motion.score(previous: $0, current: reference, workspace: workspace.motion) }
        return VMAFReferenceSide(motion: motion, vif: VIF.prepare(reference: reference, workspace: workspace.vif))
    }

    /// `analyze` with the reference side prepared once: the same analysis, bit for bit.
    public func analyze(reference: Plane, distorted: Plane, shared: VMAFReferenceSide,
                        workspace: VMAFWorkspace) -> VMAFFrameAnalysis {
        let vif = VIF.compute(reference: reference, distorted: distorted, shared: shared.vif,
                              enhancementGainLimit: model.vifEnhancementGainLimit, workspace: workspace.vif)
        let adm2 = adm(reference, distorted, model.admEnhancementGainLimit)
        return VMAFFrameAnalysis(adm2: adm2, vif: vif, motion: shared.motion, reference: reference)
    }
}
