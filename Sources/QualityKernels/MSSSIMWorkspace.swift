/// Reusable working memory for MS-SSIM: the two image pyramids and filter scratch rows.
/// Reusing one per worker avoids re-allocating (and page-faulting in) ~20 MB per 1080p frame.
/// It holds no results; any workspace gives identical scores.
public struct MSSSIMWorkspace: Sendable {
    var reference: [FloatImage]
    var distorted: [FloatImage]
    var windowScratch: [Float] = []
    var decimationScratch: [Float] = []

    public init() {
        reference = Array(repeating: FloatImage(), count: MSSSIM.scaleCount)
        distorted = reference
    }
}
