/// The elementary features of one frame, as the VMAF models consume them.
public struct VMAFFeatures: Sendable, Equatable {
    /// ADM2 (from the ADM kernel).
    public var adm2: Double
    /// Motion score of this reference frame against the previous one (0 for frame 0).
    public var motion: Double
    /// The motion2 model feature (see `Motion2Sequencer`).
    public var motion2: Double
    /// VIF at scales 0...3.
    public var vif: VIFScores

    public init(adm2: Double, motion: Double, motion2: Double, vif: VIFScores) {
        self.adm2 = adm2
        self.motion = motion
        self.motion2 = motion2
        self.vif = vif
    }

    /// The value of one model feature.
    public func value(of feature: VMAFModel.Feature) -> Double {
        switch feature {
        case .adm2: adm2
        case .motion2: motion2
        case .vifScale0: vif[0]
        case .vifScale1: vif[1]
        case .vifScale2: vif[2]
        case .vifScale3: vif[3]
        }
    }

    /// The feature vector in `model`'s order.
    public func vector(for model: VMAFModel) -> [Double] {
        model.features.map(value(of:))
    }
}

/// The order-independent results for one frame (`VMAFFrameScorer.analyze`): everything except
/// motion2, which needs the next frame.
public struct VMAFFrameAnalysis: Sendable {
    public let adm2: Double
    public let vif: VIFScores
    /// The motion score against the previous reference frame, if it was computed here.
    public let motion: Double?
    /// The reference luma (kept for motion against the next frame; shares storage).
    public let reference: Plane

    public init(adm2: Double, vif: VIFScores, motion: Double?, reference: Plane) {
        self.adm2 = adm2
        self.vif = vif
        self.motion = motion
        self.reference = reference
    }
}

/// Final per-frame result.
public struct VMAFFrameScore: Sendable {
    /// Frame index in the sequence.
    public let index: Int
    public let features: VMAFFeatures
    /// The model score (libvmaf's `vmaf`).
    public let score: Double
    /// The score with the model's score transform (libvmaf's phone score for vmaf_v0.6.1);
    /// equal to `score` for models without a transform.
    public let transformedScore: Double
}
