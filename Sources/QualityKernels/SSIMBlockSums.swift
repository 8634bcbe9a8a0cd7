/// Integer sums over the 4x4 blocks of one block row, the building block of x264/FFmpeg SSIM.
///
/// For block `i` of block row `z` (pixels x in 4i..<4i+4, y in 4z..<4z+4):
/// `s1` = Σa, `s2` = Σb, `ss` = Σ(a² + b²), `s12` = Σab, with a from the reference and b from
/// the distorted plane. Stored structure-of-arrays so the window stage reads contiguous lanes.
struct SSIMBlockRow {
    var s1: [Int32]
    var s2: [Int32]
    var ss: [Int32]
    var s12: [Int32]

    init(blockCount: Int) {
        s1 = [Int32](repeating: 0, count: blockCount)
        s2 = s1
        ss = s1
        s12 = s1
    }

    /// Fills the sums of block row `blockRow`. Exact for bit depths up to 12
    /// (a 4x4 block's Σ(a² + b²) stays below 2^31).
    /// With `shared` (the reference's Σa and Σa² of this block row, see `SSIMReference`) the
    /// reference's own sums are copied instead of computed.
    mutating func fill(reference: UnsafeBufferPointer<UInt16>, distorted: UnsafeBufferPointer<UInt16>,
                       width: Int, blockRow: Int, shared: SSIMReference.Row? = nil) {
        let blockCount = s1.count
        guard let rBase = reference.baseAddress, let dBase = distorted.baseAddress else { return }
        let rowStart = 4 * blockRow * width
        let quads = blockCount / 4
        s1.withUnsafeMutableBufferPointer { o1 in
            s2.withUnsafeMutableBufferPointer { o2 in
                ss.withUnsafeMutableBufferPointer { oss in
                    s12.withUnsafeMutableBufferPointer { o12 in
                        let out = Outputs(s1: o1, s2: o2, ss: oss, s12: o12)
                        let withReference = shared == nil
                        Self.fillQuads(rBase + rowStart, dBase + rowStart, width: width,
                                       quads: quads, out: out, withReference: withReference)
                        for block in (quads * 4)..<blockCount {
                            Self.fillOne(rBase + rowStart, dBase + rowStart, width: width,
                                         block: block, out: out, withReference: withReference)
                        }
                        if let shared { Self.addShared(shared, out: out, count: blockCount) }
                    }
                }
            }
        }
    }

    private struct Outputs {
        let s1: UnsafeMutableBufferPointer<Int32>
        let s2: UnsafeMutableBufferPointer<Int32>
        let ss: UnsafeMutableBufferPointer<Int32>
        let s12: UnsafeMutableBufferPointer<Int32>
    }

    /// Four blocks (16 columns) per step: vertical sums in 16 lanes, then lanes folded by four.
    @inline(__always)
    private static func fillQuads(_ ref: UnsafePointer<UInt16>, _ dist: UnsafePointer<UInt16>,
                                  width: Int, quads: Int, out: Outputs, withReference: Bool) {
        let rowBytes = width &* 2
        let rRaw = UnsafeRawPointer(ref)
        let dRaw = UnsafeRawPointer(dist)
        for q in 0..<quads {
            var a1 = SIMD16<Int32>(repeating: 0), a2 = a1, aSS = a1, a12 = a1
            var offset = q &* 32
            for _ in 0..<4 {
                let a = SIMD16<Int32>(truncatingIfNeeded:
                    rRaw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt16>.self))
                let b = SIMD16<Int32>(truncatingIfNeeded:
                    dRaw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt16>.self))
                if withReference {
                    a1 &+= a
                    aSS &+= a &* a
                }
                a2 &+= b
                aSS &+= b &* b
                a12 &+= a &* b
                offset &+= rowBytes
            }
            let base = q &* 4
            store(fold(a1), out.s1, base)
            store(fold(a2), out.s2, base)
            store(fold(aSS), out.ss, base)
            store(fold(a12), out.s12, base)
        }
    }

    /// Sums each group of four adjacent lanes: lane j of the result is v[4j] + … + v[4j+3].
    @inline(__always)
    private static func fold(_ v: SIMD16<Int32>) -> SIMD4<Int32> {
        let pairs = v.evenHalf &+ v.oddHalf
        return pairs.evenHalf &+ pairs.oddHalf
    }

    @inline(__always)
    private static func store(_ v: SIMD4<Int32>, _ dst: UnsafeMutableBufferPointer<Int32>, _ at: Int) {
        guard let p = dst.baseAddress else { return }
        UnsafeMutableRawPointer(p + at).storeBytes(of: v, as: SIMD4<Int32>.self)
    }

    private static func fillOne(_ ref: UnsafePointer<UInt16>, _ dist: UnsafePointer<UInt16>,
                                width: Int, block: Int, out: Outputs, withReference: Bool) {
        var s1: Int32 = 0, s2: Int32 = 0, ss: Int32 = 0, s12: Int32 = 0
        for y in 0..<4 {
            for x in 0..<4 {
                let i = y * width + block * 4 + x
                let a = Int32(ref[i]), b = Int32(dist[i])
                if withReference {
                    s1 &+= a
                    ss &+= a &* a
                }
                s2 &+= b
                ss &+= b &* b
                s12 &+= a &* b
            }
        }
        out.s1[block] = s1
        out.s2[block] = s2
        out.ss[block] = ss
        out.s12[block] = s12
    }

    /// Puts the reference's shared sums into a row filled without them.
    private static func addShared(_ shared: SSIMReference.Row, out: Outputs, count: Int) {
        for i in 0..<count {
            out.s1[i] = shared.sum[i]
            out.ss[i] &+= shared.squares[i]
        }
    }
}
