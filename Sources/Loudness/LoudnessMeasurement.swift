/// The result of measuring a programme per EBU R128 (ITU-R BS.1770-4, EBU Tech 3341/3342).
public struct LoudnessMeasurement: Sendable, Codable, Hashable {
    /// Integrated (gated) loudness in LUFS. -70 when no 400 ms block is above the absolute gate
    /// (silence, or audio too short to fill one block).
    public var integrated: Double
    /// Largest true peak of any channel in dBTP (4x oversampled, BS.1770-4 Annex 2); -120 for
    /// digital silence.
    public var truePeak: Double
    /// Loudness range (LRA) in LU, EBU Tech 3342. 0 when the audio is shorter than one 3 s block.
    public var range: Double
    /// The relative gate (-10 LU below the absolute-gated mean) used for `integrated`, in LUFS;
    /// -70 (the absolute gate) when no block passed the absolute gate.
    public var threshold: Double

    /// JSON keys carry the unit (Marquee's machine outputs, docs/output-format.md).
    enum CodingKeys: String, CodingKey {
        case integrated = "integrated_lufs", truePeak = "true_peak_dbtp", range = "range_lu", threshold = "threshold_lufs"
    }

    public init(integrated: Double, truePeak: Double, range: Double, threshold: Double) {
        self.integrated = integrated; self.truePeak = truePeak; self.range = range; self.threshold = threshold
    }
}
