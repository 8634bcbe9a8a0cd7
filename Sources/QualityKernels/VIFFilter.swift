/// The separable Gaussian filters of libvmaf's integer VIF, one per scale.
///
/// Coefficients are the published libvmaf values in Q16 fixed point: each filter sums to
/// 65536. Scale 0 uses 17 taps, then 9, 5 and 3. The filter of scale `s + 1` is also the
/// anti-alias filter applied before decimating scale `s` by two.
struct VIFFilter: Sendable {
    /// All taps, symmetric about the centre.
    let taps: [UInt32]

    var count: Int { taps.count }
    var radius: Int { taps.count / 2 }

    /// The filters for scales 0...3.
    static let scales: [VIFFilter] = [
        VIFFilter(taps: [489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784,
                         7455, 6547, 5274, 3896, 2640, 1640, 935, 489]),
        VIFFilter(taps: [1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244]),
        VIFFilter(taps: [3571, 16004, 26386, 16004, 3571]),
        VIFFilter(taps: [10904, 43728, 10904]),
    ]

    /// Widest radius over all scales (padding needed around filtered rows).
    static let maxRadius = 8
}

/// Constants of the VIF statistic in libvmaf's fixed-point scaling, where samples of every
/// scale are represented with 16 bits (8-bit video is multiplied by 256), so variances are
/// 65536 times their 8-bit-domain value.
public enum VIFConstants {
    /// The noise variance of the HVS model, 2.0 in the 8-bit domain.
    static let sigmaNSq: Int32 = 65536 << 1
    /// Added to the reference variance before dividing to get the gain.
    static let gainEpsilon: Double = 65536 * 1.0e-10
    /// Default limit on the gain g (enhancement gain); the NEG models use 1.0.
    public static let defaultEnhancementGainLimit: Double = 100.0
}
