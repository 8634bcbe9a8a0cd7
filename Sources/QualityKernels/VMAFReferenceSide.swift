/// What VMAF computes from a reference frame alone, once for every distorted version scored
/// against it (the rungs of a bench): the motion score against the previous reference frame,
/// VIF's reference side and ADM's (when the scorer's ADM kernel can share it).
public struct VMAFReferenceSide: Sendable {
    /// Motion against the previous reference frame (nil for the first frame).
    public let motion: Double?
    public let vif: VIFReference
    public let adm: AdmReference?
}

/// An ADM kernel that can share the reference side: `prepare` runs once per reference frame,
/// `score` per distorted version (reference, distorted, prepared, enhancement gain limit); both
/// pure and thread-safe, and `score` equal to the scorer's plain ADM kernel.
public struct SharedADM: Sendable {
    public let prepare: @Sendable (Plane) -> AdmReference
    public let score: @Sendable (Plane, Plane, AdmReference, Double) -> Double
    public init(prepare: @escaping @Sendable (Plane) -> AdmReference,
                score: @escaping @Sendable (Plane, Plane, AdmReference, Double) -> Double) {
        self.prepare = prepare; self.score = score
    }
}

extension VMAFFrameScorer {
    /// The reference side of `reference` (after `previousReference`).
    public func prepare(reference: Plane, previousReference: Plane?, workspace: VMAFWorkspace) -> VMAFReferenceSide {
        let motion = previousReference.map { Motion.score(previous: $0, current: reference, workspace: workspace.motion) }
        return VMAFReferenceSide(motion: motion, vif: VIF.prepare(reference: reference, workspace: workspace.vif),
                                 adm: sharedADM?.prepare(reference))
    }

    /// `analyze` with the reference side prepared once: the same analysis, bit for bit.
    public func analyze(reference: Plane, distorted: Plane, shared: VMAFReferenceSide,
                        workspace: VMAFWorkspace) -> VMAFFrameAnalysis {
        let vif = VIF.compute(reference: reference, distorted: distorted, shared: shared.vif,
                              enhancementGainLimit: model.vifEnhancementGainLimit, workspace: workspace.vif)
        let gain = model.admEnhancementGainLimit
        let adm2 = if let prepared = shared.adm, let sharedADM { sharedADM.score(reference, distorted, prepared, gain) }
                   else { adm(reference, distorted, gain) }
        return VMAFFrameAnalysis(adm2: adm2, vif: vif, motion: shared.motion, reference: reference)
    }
}
