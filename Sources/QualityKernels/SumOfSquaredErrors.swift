/// The integer sum of squared sample differences between two planes: the kernel under PSNR.
/// Accumulates exactly in integers, as FFmpeg's psnr filter does, so the MSE is bit-exact.
public enum SumOfSquaredErrors {
    /// Sum over all samples of (reference - distorted)^2. Works for bit depths 1...16.
    /// - Throws: `QualityKernelError` if the planes differ in size or bit depth.
    public static func compute(reference: Plane, distorted: Plane) throws -> UInt64 {
        try PlaneValidation.check(reference, distorted, depths: 1...16)
        return reference.samples.withUnsafeBufferPointer { ref in
            distorted.samples.withUnsafeBufferPointer { dist in
                sse(ref, dist, bitDepth: reference.bitDepth)
            }
        }
    }

    /// SIMD kernel over two equally long sample buffers. Squares of differences are summed
    /// in 16 UInt32 lanes and flushed into a UInt64 before any lane can overflow.
    static func sse(_ ref: UnsafeBufferPointer<UInt16>, _ dist: UnsafeBufferPointer<UInt16>,
                    bitDepth: Int) -> UInt64 {
        let count = min(ref.count, dist.count)
        guard count > 0, let rBase = ref.baseAddress, let dBase = dist.baseAddress else { return 0 }
        let maxValue = UInt64((1 << bitDepth) - 1)
        let maxSquare = max(maxValue * maxValue, 1)
        // How many vector iterations a UInt32 lane can absorb without overflow.
        let flushEvery = Int(max(UInt64(UInt32.max) / maxSquare, 1))
        let lanes = 16
        let vectorCount = count / lanes
        var total: UInt64 = 0
        let rRaw = UnsafeRawPointer(rBase)
        let dRaw = UnsafeRawPointer(dBase)
        var index = 0
        while index < vectorCount {
            let stop = min(vectorCount, index + flushEvery)
            var acc = SIMD16<UInt32>(repeating: 0)
            while index < stop {
                let offset = index &* (lanes &* 2)
                let a = rRaw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt16>.self)
                let b = dRaw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt16>.self)
                let a32 = SIMD16<Int32>(truncatingIfNeeded: a)
                let b32 = SIMD16<Int32>(truncatingIfNeeded: b)
                let d = a32 &- b32
                acc &+= SIMD16<UInt32>(truncatingIfNeeded: d &* d)
                index &+= 1
            }
            total &+= widenedSum(acc)
        }
        for i in (vectorCount * lanes)..<count {
            let d = Int64(rBase[i]) - Int64(dBase[i])
            total &+= UInt64(d * d)
        }
        return total
    }

    @inline(__always)
    private static func widenedSum(_ v: SIMD16<UInt32>) -> UInt64 {
        let wide = SIMD16<UInt64>(truncatingIfNeeded: v)
        return wide.wrappedSum()
    }
}
