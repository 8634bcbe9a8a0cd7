/// The reference side of ADM for one frame, computed once and shared by every distorted version
/// scored against that frame (the rungs of a bench): the reference's wavelet detail bands (h, v, d)
/// of every band row the decoupling reads, at each of the four scales, and each scale's pooled
/// denominator (it depends on the reference alone). About 3.5 bytes per pixel; immutable once made.
public final class AdmReference: Sendable {
    let width: Int
    let height: Int
    let bitDepth: Int
    /// Detail rows of all scales: scale `s` starts at `offsets[s]`; its band row `i` (of the
    /// halo rows) holds h, v and d, `strides[s]` apart each.
    let bands: [Int32]
    let offsets: [Int]
    let strides: [Int]
    /// Each scale's pooled denominator.
    let denominators: [Double]

    init(width: Int, height: Int, bitDepth: Int, bands: [Int32], offsets: [Int], strides: [Int], denominators: [Double]) {
        self.width = width; self.height = height; self.bitDepth = bitDepth
        self.bands = bands; self.offsets = offsets; self.strides = strides; self.denominators = denominators
    }

    /// Where each scale's rows go: offsets and strides for a picture of `width` x `height`, and the total size.
    static func plan(width: Int, height: Int) -> (offsets: [Int], strides: [Int], total: Int) {
        var offsets: [Int] = [], strides: [Int] = [], total = 0, (w, h) = (width, height)
        for _ in 0..<4 {
            let region = AdmRegion(width: AdmGeometry.half(w), height: AdmGeometry.half(h))
            let stride = AdmLanes.roundUp(region.width) + AdmLanes.count
            offsets.append(total); strides.append(stride)
            total += 3 * stride * region.haloRows.count
            (w, h) = (AdmGeometry.half(w), AdmGeometry.half(h))
        }
        return (offsets, strides, total)
    }

    /// Whether this was prepared from a plane of `plane`'s size and depth.
    func fits(_ plane: Plane) -> Bool {
        plane.width == width && plane.height == height && plane.bitDepth == bitDepth
    }
}

/// Which sides of ADM a scale computes.
enum AdmSides {
    case both
    /// The reference alone: its detail rows are copied to `rows` (see `AdmReference`).
    case referenceOnly(rows: UnsafeMutablePointer<Int32>, stride: Int)
    /// The distorted side, with the reference's detail rows read from `rows`.
    case distortedOnly(rows: UnsafePointer<Int32>, stride: Int)

    var computesReference: Bool { if case .distortedOnly = self { false } else { true } }
    var computesDistorted: Bool { if case .referenceOnly = self { false } else { true } }
}

extension ADM {
    /// The reference side of ADM for `reference`, for `compute(…shared:…)`.
    public static func prepare(reference: Plane, workspace: AdmWorkspace) -> AdmReference {
        precondition((8...16).contains(reference.bitDepth), "ADM needs 8 to 16 bits")
        let plan = AdmReference.plan(width: reference.width, height: reference.height)
        var bands = [Int32](repeating: 0, count: plan.total)
        let score = bands.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return AdmScore(scales: [], width: 1, height: 1) }
            return compute(reference: reference, distorted: reference, options: AdmOptions(), workspace: workspace) {
                .referenceOnly(rows: base + plan.offsets[$0], stride: plan.strides[$0])
            }
        }
        return AdmReference(width: reference.width, height: reference.height, bitDepth: reference.bitDepth, bands: bands,
                            offsets: plan.offsets, strides: plan.strides, denominators: score.scales.map(\.denominator))
    }

    /// `compute(reference:distorted:…)` with the reference side from `shared` (prepared from this
    /// `reference`): the same score, bit for bit, for less work.
    public static func compute(reference: Plane, distorted: Plane, shared: AdmReference, options: AdmOptions = AdmOptions(),
                               workspace: AdmWorkspace) -> AdmScore {
        precondition(shared.fits(reference) && shared.fits(distorted), "ADM's shared reference needs planes of its size and depth")
        let partial = shared.bands.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return AdmScore(scales: [], width: 1, height: 1) }
            return compute(reference: reference, distorted: distorted, options: options, workspace: workspace) {
                .distortedOnly(rows: base + shared.offsets[$0], stride: shared.strides[$0])
            }
        }
        let scales = zip(partial.scales, shared.denominators).map { AdmScaleScore(numerator: $0.numerator, denominator: $1) }
        return AdmScore(scales: scales, width: reference.width, height: reference.height)
    }
}
