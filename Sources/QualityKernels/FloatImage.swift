/// A single-channel Float image used inside MS-SSIM. Rows are contiguous (stride = width);
/// the storage carries `padding` extra zeroed floats after the last row so that 8-lane
/// vector loads may run past a row's end without leaving the allocation.
struct FloatImage: Sendable {
    static let padding = 32

    private(set) var width: Int
    private(set) var height: Int
    /// Row-major pixels; at least width * height + padding floats (may be longer after reuse).
    var pixels: [Float]

    init(width: Int = 0, height: Int = 0) {
        self.width = width
        self.height = height
        pixels = [Float](repeating: 0, count: width * height + Self.padding)
    }

    /// Sets the geometry, reallocating only when the storage is too small. Content is undefined
    /// afterwards except that the padding past the last row is finite.
    mutating func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        let needed = width * height + Self.padding
        if pixels.count < needed {
            pixels = [Float](repeating: 0, count: needed)
        }
    }

    /// Converts plane samples to floats on libvmaf's 8-bit scale: value / 2^(bitDepth - 8)
    /// (libvmaf's picture_copy divides 10-bit by 4, 12-bit by 16, 16-bit by 256).
    mutating func load(plane: Plane) {
        resize(width: plane.width, height: plane.height)
        let scale = 1.0 / Float(1 << max(plane.bitDepth - 8, 0))
        let count = width * height
        plane.samples.withUnsafeBufferPointer { src in
            pixels.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for i in 0..<min(count, src.count) {
                    d[i] = Float(s[i]) * scale
                }
            }
        }
    }
}

/// Unaligned 8-lane load/store helpers for Float rows.
enum FloatVector {
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}
