import Foundation

/// The attention strategy's scoring (`smartcrop`, libvips 8.14: after smartcrop.js by Jonas Wagner)
/// of a small 8-bit sRGB picture, computed in Swift with libvips' own arithmetic, step for step: the
/// same lookup table and matrices from sRGB to XYZ, the same table of cube roots from XYZ to Lab, the
/// same integer masks with their edges copied outwards, the same float and double roundings, and the
/// same first maximum in raster order. On the 32x32 sample the strategy scores, libvips' chain of
/// about forty operations costs about 4 ms a photo, nearly all of it building the operations; this
/// costs microseconds and gives the same point (`AttentionScoreTests` holds it to libvips' chain).
struct AttentionScore {
    let width: Int
    let height: Int
    /// X, Y and Z of each pixel, as libvips' `colourspace` to XYZ stores them (float).
    private var x: [Float], y: [Float], z: [Float]

    /// `rgb`: width x height x 3 bytes, sRGB.
    init(rgb: [UInt8], width: Int, height: Int) {
        self.width = width; self.height = height
        let n = width * height
        x = [Float](repeating: 0, count: n); y = x; z = x
        let lut = Self.linearLUT
        let s = 100.0   // libvips' SCALE: D65's Y0
        for i in 0..<n {
            let r = Double(lut[Int(rgb[3 * i])]), g = Double(lut[Int(rgb[3 * i + 1])]), b = Double(lut[Int(rgb[3 * i + 2])])
            x[i] = Float(s * 0.4124 * r + s * 0.3576 * g + s * 0.18056 * b)
            y[i] = Float(s * 0.2126 * r + s * 0.7152 * g + s * 0.07220 * b)
            z[i] = Float(s * 0.0193 * r + s * 0.1192 * g + s * 0.9505 * b)
        }
    }

    /// libvips' `vips_v2Y_8`: an 8-bit sRGB value to linear light.
    static let linearLUT: [Float] = (0..<256).map { i in
        let f = Float(i) / 255
        let d = Double(f)
        return Float(d <= 0.04045 ? d / 12.92 : pow((d + 0.055) / (1.0 + 0.055), 2.4))
    }

    /// Where the blurred score peaks: edges of the luminance, skin tones and saturation (the last two
    /// where the picture is not dark), summed, blurred by `sigma`; the first maximum in raster order.
    func peak(sigma: Double) -> (x: Int, y: Int) {
        let n = width * height
        let edges = laplacian(y).map { abs(Float(5) * $0) }
        var total = [Float](repeating: 0, count: n)
        for i in 0..<n {
            // Skin: the distance of the normalised colour from a skin tone.
            let m = Self.magnitude(x[i], y[i], z[i])
            let (nx, ny, nz) = m == 0 ? (Float(0), Float(0), Float(0)) : (x[i] / m, y[i] / m, z[i] / m)
            // (libvips' `linear` with three constants: in double, stored as float.)
            let d = Self.magnitude(Float(Double(nx) - 0.78), Float(Double(ny) - 0.57), Float(Double(nz) - 0.44))
            let lit = y[i] > 5
            let skin = lit ? Float(-100) * d + Float(100) : 0
            let saturation = lit ? Self.labA(x[i], y[i], z[i]) : 0
            var sum = edges[i]
            sum += skin
            sum += saturation
            total[i] = sum
        }
        let blurred = blur(total, sigma: sigma)
        var best = 0
        for i in 1..<n where blurred[i] > blurred[best] { best = i }
        return (x: best % width, y: best / width)
    }

    /// libvips' `magnitude` here: the bands squared (float), summed (float), square root (double).
    static func magnitude(_ a: Float, _ b: Float, _ c: Float) -> Float {
        var s = a * a
        s += b * b
        s += c * c
        return s == 0 ? 0 : Float(Double(s).squareRoot())
    }

    /// Lab's a* from XYZ, by libvips' table of cube roots (100,000 steps, linearly interpolated; D65).
    static func labA(_ x: Float, _ y: Float, _ z: Float) -> Float {
        func cubeRoot(_ v: Float, _ white: Double) -> Float {
            let q = Float(Double(Float(100_000) * v) / white)
            let i = min(max(0, Int(q)), 100_000 - 2)
            let f = q - Float(i)
            let lo = cbrtEntry(i), hi = cbrtEntry(i + 1)
            return lo + f * (hi - lo)
        }
        return Float(500.0 * Double(cubeRoot(x, 95.0470) - cubeRoot(y, 100.0)))
    }

    /// An entry of libvips' `cbrt_table`.
    static func cbrtEntry(_ i: Int) -> Float {
        let v = Float(Double(i) / 100_000)
        return Double(v) < 0.008856 ? Float(7.787 * Double(v) + 16.0 / 116.0) : Float(cbrt(Double(v)))
    }

    /// `conv` with the 3x3 Laplacian at integer precision on a float picture: edges copied outwards,
    /// the non-zero coefficients in row order, summed in double.
    func laplacian(_ p: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: p.count)
        for row in 0..<height {
            for col in 0..<width {
                func at(_ c: Int, _ r: Int) -> Float { p[min(max(r, 0), height - 1) * width + min(max(c, 0), width - 1)] }
                var sum = 0.0
                sum += Double(Float(-1) * at(col, row - 1))
                sum += Double(Float(-1) * at(col - 1, row))
                sum += Double(Float(4) * at(col, row))
                sum += Double(Float(-1) * at(col + 1, row))
                sum += Double(Float(-1) * at(col, row + 1))
                out[row * width + col] = Float(sum)
            }
        }
        return out
    }

    /// `gaussblur` at its defaults (integer mask of `gaussmat`, minimum amplitude 0.2): across, then down.
    func blur(_ p: [Float], sigma: Double) -> [Float] {
        let mask = Self.gaussMask(sigma: sigma)
        let scale = Double(mask.reduce(0, +))
        let half = mask.count / 2
        func pass(_ src: [Float], across: Bool) -> [Float] {
            var out = [Float](repeating: 0, count: src.count)
            for row in 0..<height {
                for col in 0..<width {
                    var sum = 0.0
                    for (k, c) in mask.enumerated() where c != 0 {
                        let cc = across ? min(max(col + k - half, 0), width - 1) : col
                        let rr = across ? row : min(max(row + k - half, 0), height - 1)
                        sum += Double(Float(c) * src[rr * width + cc])
                    }
                    out[row * width + col] = Float(sum / scale)
                }
            }
            return out
        }
        return pass(pass(p, across: true), across: false)
    }

    /// `gaussmat`'s separable integer mask: 20 x the Gaussian, rounded to even.
    static func gaussMask(sigma: Double, minAmplitude: Double = 0.2) -> [Int] {
        let sig2 = 2 * sigma * sigma
        let maxX = Int(min(max(0, 8 * sigma), 10_000))
        var x = 0
        while x < maxX {
            if exp(-Double(x * x) / sig2) < minAmplitude { break }
            x += 1
        }
        let width = 2 * max(x - 1, 0) + 1
        return (0..<width).map { k in
            let o = k - width / 2
            return Int((20 * exp(-Double(o * o) / sig2)).rounded(.toNearestOrEven))
        }
    }
}
