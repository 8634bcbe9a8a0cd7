/// One plane of a picture (luma or one chroma plane): row-major samples with no padding.
/// 8-bit video stores values 0...255, 10-bit 0...1023; `bitDepth` says which.
/// The quality kernels read planes only; decoding and scaling happen in the engine.
public struct Plane: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let bitDepth: Int
    public var samples: [UInt16]

    public init(width: Int, height: Int, bitDepth: Int = 8, samples: [UInt16]) {
        precondition(width > 0 && height > 0 && samples.count == width * height,
                     "plane of \(width)x\(height) needs \(width * height) samples")
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.samples = samples
    }

    /// The largest sample value at this bit depth (255 for 8-bit).
    public var maxValue: Int { (1 << bitDepth) - 1 }
}

/// A picture as three planes (Y, U, V); chroma may be subsampled (4:2:0, 4:2:2) or not (4:4:4).
public struct Picture: Sendable {
    public var y: Plane
    public var u: Plane
    public var v: Plane
    public init(y: Plane, u: Plane, v: Plane) { self.y = y; self.u = u; self.v = v }
    public var planes: [Plane] { [y, u, v] }

    /// Reads one frame of raw planar YUV (yuv420p/yuv422p/yuv444p at 8 bits, or the 10-bit
    /// little-endian forms) from `bytes` starting at `offset`. Test and tool helper.
    public static func fromRawYUV(_ bytes: [UInt8], offset: Int, width: Int, height: Int,
                                  chromaShiftX: Int = 1, chromaShiftY: Int = 1,
                                  bitDepth: Int = 8) -> Picture {
        let cw = (width + (1 << chromaShiftX) - 1) >> chromaShiftX
        let ch = (height + (1 << chromaShiftY) - 1) >> chromaShiftY
        let bps = bitDepth > 8 ? 2 : 1
        var pos = offset
        func read(_ w: Int, _ h: Int) -> Plane {
            var s = [UInt16](repeating: 0, count: w * h)
            for i in 0..<(w * h) {
                s[i] = bps == 1 ? UInt16(bytes[pos + i])
                    : UInt16(bytes[pos + 2 * i]) | (UInt16(bytes[pos + 2 * i + 1]) << 8)
            }
            pos += w * h * bps
            return Plane(width: w, height: h, bitDepth: bitDepth, samples: s)
        }
        let y = read(width, height)
        let u = read(cw, ch)
        let v = read(cw, ch)
        return Picture(y: y, u: u, v: v)
    }

    /// Bytes one raw frame takes (for stepping through a .yuv file).
    public static func rawFrameSize(width: Int, height: Int, chromaShiftX: Int = 1,
                                    chromaShiftY: Int = 1, bitDepth: Int = 8) -> Int {
        let cw = (width + (1 << chromaShiftX) - 1) >> chromaShiftX
        let ch = (height + (1 << chromaShiftY) - 1) >> chromaShiftY
        return (width * height + 2 * cw * ch) * (bitDepth > 8 ? 2 : 1)
    }
}
