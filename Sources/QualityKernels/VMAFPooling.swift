/// Pooling of per-frame scores as libvmaf reports them.
public enum VMAFPooling {
    /// Arithmetic mean (libvmaf's `mean`).
    public static func mean(_ scores: [Double]) -> Double {
        scores.isEmpty ? .nan : scores.reduce(0, +) / Double(scores.count)
    }

    /// libvmaf's `harmonic_mean`: `n / sum(1 / (x + 1)) - 1`.
    public static func harmonicMean(_ scores: [Double]) -> Double {
        scores.isEmpty ? .nan : Double(scores.count) / scores.reduce(0) { $0 + 1 / ($1 + 1) } - 1
    }
}
