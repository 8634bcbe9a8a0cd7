/// One encode of one title: its bitrate, its measured quality and the labels that say
/// which encode it was.
///
/// `quality` is the score on the default (TV/desktop) model, e.g. VMAF 0...100. VMAF also
/// has a phone model that scores small-screen viewing; when it was measured, put it in
/// `phoneQuality`, and the per-region maths blends the two by the region's mobile share
/// (see `effectiveQuality(mobileShare:)`). When it is `nil`, `quality` is used for phones too.
public struct RatePoint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Average video bitrate of the encode in kilobits per second.
    public var bitrateKbps: Double
    /// Quality score (VMAF, PSNR in dB, ...) of the encode, default viewing model.
    public var quality: Double
    /// Encoding profile label, e.g. "h264-main", "av1". A convex hull is built per profile.
    public var profile: String
    /// Encoded picture height in lines (e.g. 1080). Resolutions compete on the convex hull.
    public var resolutionHeight: Int
    /// Optional quality score on a phone viewing model (VMAF phone model).
    public var phoneQuality: Double?

    public init(bitrateKbps: Double, quality: Double, profile: String = "",
                resolutionHeight: Int = 0, phoneQuality: Double? = nil) {
        self.bitrateKbps = bitrateKbps
        self.quality = quality
        self.profile = profile
        self.resolutionHeight = resolutionHeight
        self.phoneQuality = phoneQuality
    }

    /// The quality an audience with the given share of phone viewers sees on average:
    /// `(1 - mobileShare) * quality + mobileShare * (phoneQuality ?? quality)`.
    public func effectiveQuality(mobileShare: Double) -> Double {
        let share = min(max(mobileShare, 0), 1)
        return (1 - share) * quality + share * (phoneQuality ?? quality)
    }

    public var description: String {
        let label = profile.isEmpty ? "" : "\(profile) "
        let height = resolutionHeight > 0 ? "\(resolutionHeight)p " : ""
        return "\(label)\(height)@\(bitrateKbps) kbps → \(quality)"
    }

    /// Throws unless bitrate is finite and > 0 and quality (and phone quality) are finite.
    func validate(_ what: String) throws {
        try requireFinite(bitrateKbps, "\(what): bitrate")
        try requireFinite(quality, "\(what): quality")
        if let phone = phoneQuality { try requireFinite(phone, "\(what): phone quality") }
        guard bitrateKbps > 0 else {
            throw BenchMathError.nonPositiveBitrate(what: what, value: bitrateKbps)
        }
    }
}
