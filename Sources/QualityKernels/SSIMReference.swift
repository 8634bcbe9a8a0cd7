/// The reference side of FFmpeg-style SSIM for one plane: per 4x4 block, the sum of the
/// reference's samples and of their squares. Computed once per reference frame and shared by
/// every distorted version scored against it (the rungs of a bench); 0.5 byte per pixel.
public struct SSIMReference: Sendable {
    let width: Int
    let height: Int
    let bitDepth: Int
    /// Σa and Σa² per block, block rows of `blocksX` one after another.
    let sum: [Int32]
    let squares: [Int32]

    /// One block row of the sums, as the block stage reads it.
    struct Row {
        let sum: UnsafeBufferPointer<Int32>
        let squares: UnsafeBufferPointer<Int32>
    }

    /// Whether this was prepared from a plane of `plane`'s size and depth.
    func fits(_ plane: Plane) -> Bool {
        plane.width == width && plane.height == height && plane.bitDepth == bitDepth
    }
}

/// The reference side of SSIM for the three planes of a frame.
public struct SSIMFrameReference: Sendable {
    public let y: SSIMReference
    public let u: SSIMReference
    public let v: SSIMReference
}

extension SSIM {
    /// The reference's block sums of one plane, for `plane(reference:distorted:shared:)`.
    /// - Throws: what `plane(reference:distorted:)` throws for this plane.
    public static func prepare(reference: Plane) throws -> SSIMReference {
        try check(reference, reference)
        let blocksX = reference.width >> 2, blocksY = reference.height >> 2
        var sum = [Int32](), squares = [Int32]()
        sum.reserveCapacity(blocksX * blocksY); squares.reserveCapacity(blocksX * blocksY)
        var row = SSIMBlockRow(blockCount: blocksX)
        reference.samples.withUnsafeBufferPointer { ref in
            for blockRow in 0..<blocksY {
                // Against itself, Σab is Σa².
                row.fill(reference: ref, distorted: ref, width: reference.width, blockRow: blockRow)
                sum += row.s1
                squares += row.s12
            }
        }
        return SSIMReference(width: reference.width, height: reference.height, bitDepth: reference.bitDepth,
                             sum: sum, squares: squares)
    }

    /// The reference sides of a frame's three planes.
    public static func prepare(reference: Picture) throws -> SSIMFrameReference {
        SSIMFrameReference(y: try prepare(reference: reference.y), u: try prepare(reference: reference.u),
                           v: try prepare(reference: reference.v))
    }

    /// `plane(reference:distorted:)` with the reference's sums from `shared` (prepared from this
    /// `reference`): the same value, bit for bit.
    public static func plane(reference: Plane, distorted: Plane, shared: SSIMReference) throws -> Double {
        try check(reference, distorted)
        precondition(shared.fits(reference), "SSIM's shared reference needs a plane of its size and depth")
        return try plane(reference: reference, distorted: distorted, shared: Optional(shared))
    }

    /// `frame(reference:distorted:)` with the reference's sums from `shared`.
    public static func frame(reference: Picture, distorted: Picture, shared: SSIMFrameReference) throws -> SSIMFrame {
        let y = try plane(reference: reference.y, distorted: distorted.y, shared: shared.y)
        let u = try plane(reference: reference.u, distorted: distorted.u, shared: shared.u)
        let v = try plane(reference: reference.v, distorted: distorted.v, shared: shared.v)
        return SSIMFrame(ssim: PerPlane(y: y, u: u, v: v), weights: PerPlane.pixelCountWeights(reference))
    }
}
