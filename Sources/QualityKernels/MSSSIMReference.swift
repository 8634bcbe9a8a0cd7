/// The reference side of MS-SSIM for one frame: the reference's pyramid (luma as floats, then
/// four Gaussian halvings), computed once and shared by every distorted version scored against
/// that frame (the rungs of a bench). About 5.3 bytes per pixel; immutable once made.
public struct MSSSIMReference: Sendable {
    let pyramid: [FloatImage]
    let width: Int
    let height: Int
    let bitDepth: Int
}

extension MSSSIM {
    /// The reference pyramid of `reference`, for `luma(reference:distorted:shared:workspace:)`.
    /// - Throws: what `luma(reference:distorted:)` throws for this plane.
    public static func prepare(reference: Plane, workspace: inout MSSSIMWorkspace) throws -> MSSSIMReference {
        try check(reference, reference)
        var pyramid = [FloatImage(width: 0, height: 0)]
        pyramid[0].load(plane: reference)
        for scale in 1..<scaleCount {
            var next = FloatImage()
            MSSSIMDecimation.halve(pyramid[scale - 1], into: &next, scratch: &workspace.decimationScratch)
            pyramid.append(next)
        }
        return MSSSIMReference(pyramid: pyramid, width: reference.width, height: reference.height, bitDepth: reference.bitDepth)
    }

    /// `luma(reference:distorted:workspace:)` with the reference pyramid from `shared` (prepared from
    /// this `reference`): the same result, bit for bit.
    public static func luma(reference: Plane, distorted: Plane, shared: MSSSIMReference,
                            workspace: inout MSSSIMWorkspace) throws -> MSSSIMResult {
        try check(reference, distorted)
        precondition(shared.width == reference.width && shared.height == reference.height && shared.bitDepth == reference.bitDepth,
                     "MS-SSIM's shared reference needs a plane of its size and depth")
        workspace.distorted[0].load(plane: distorted)
        return scales(workspace: &workspace, shared: shared)
    }
}
