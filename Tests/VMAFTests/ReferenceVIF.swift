import Foundation
import QualityKernels

/// A deliberately plain scalar implementation of libvmaf's fixed-point VIF, used to check the
/// SIMD kernels on shapes the oracle clips do not cover (tiny and odd sizes, 12-bit).
enum ReferenceVIF {
    static let filters: [[Int64]] = [
        [489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784, 7455, 6547, 5274, 3896, 2640, 1640, 935, 489],
        [1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244],
        [3571, 16004, 26386, 16004, 3571],
        [10904, 43728, 10904],
    ]

    static func mirror(_ i: Int, _ n: Int) -> Int {
        if n == 1 { return 0 }
        var x = i
        while x < 0 || x >= n { x = x < 0 ? -x : 2 * (n - 1) - x }
        return x
    }

    static func log2Fixed(_ x: Int64) -> Int64 {
        var k: Int64 = 0
        while (x >> k) >= 65536 { k += 1 }
        let index = Int(x >> k)
        let entry = Int64((log2(Float(index)) * 2048).rounded(.toNearestOrAwayFromZero))
        return entry + 2048 * k
    }

    /// Filters `image` (w x h) vertically then horizontally with rounding shifts.
    static func filter(_ image: [Int64], _ w: Int, _ h: Int, _ f: [Int64],
                       vShift: Int64, hShift: Int64) -> [Int64] {
        let r = f.count / 2
        func shifted(_ v: Int64, _ s: Int64) -> Int64 { s == 0 ? v : (v + (1 << (s - 1))) >> s }
        var vertical = [Int64](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w {
            var sum: Int64 = 0
            for k in 0..<f.count { sum += f[k] * image[mirror(y - r + k, h) * w + x] }
            vertical[y * w + x] = shifted(sum, vShift)
        } }
        var out = [Int64](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w {
            var sum: Int64 = 0
            for k in 0..<f.count { sum += f[k] * vertical[y * w + mirror(x - r + k, w)] }
            out[y * w + x] = shifted(sum, hShift)
        } }
        return out
    }

    static func scale(_ ref: [Int64], _ dis: [Int64], _ w: Int, _ h: Int, scale s: Int,
                      bitDepth: Int, gainLimit: Double) -> (Float, Float) {
        let f = filters[s]
        let meanShift = Int64(s == 0 ? bitDepth : 16), squareShift = Int64(s == 0 ? 2 * (bitDepth - 8) : 16)
        let mu1 = filter(ref, w, h, f, vShift: meanShift, hShift: 0)
        let mu2 = filter(dis, w, h, f, vShift: meanShift, hShift: 0)
        let xx = filter(zip(ref, ref).map(*), w, h, f, vShift: squareShift, hShift: 16)
        let yy = filter(zip(dis, dis).map(*), w, h, f, vShift: squareShift, hShift: 16)
        let xy = filter(zip(ref, dis).map(*), w, h, f, vShift: squareShift, hShift: 16)
        var numLog: Int64 = 0, denLog: Int64 = 0, flatVar: Int64 = 0, flat: Int64 = 0
        let nsq: Int64 = 131072
        for i in 0..<(w * h) {
            func high(_ a: Int64, _ b: Int64) -> Int64 { Int64((UInt64(a) * UInt64(b) + (1 << 31)) >> 32) }
            let s1 = Int64(Int32(truncatingIfNeeded: xx[i] - high(mu1[i], mu1[i])))
            let s2 = max(Int64(Int32(truncatingIfNeeded: yy[i] - high(mu2[i], mu2[i]))), 0)
            let s12 = Int64(Int32(truncatingIfNeeded: xy[i] - high(mu1[i], mu2[i])))
            guard s1 >= nsq else { flatVar += s2; flat += 1; continue }
            denLog += log2Fixed(nsq + s1) - 2048 * 17
            guard s12 > 0 && s2 > 0 else { continue }
            var g = Double(s12) / (Double(s1) + 65536 * 1.0e-10)
            let sv = max(Int64((Double(s2) - g * Double(s12)).rounded(.towardZero)), 0)
            g = min(g, gainLimit)
            let base = sv + nsq
            numLog += log2Fixed(Int64((g * g * Double(s1)).rounded(.towardZero)) + base) - log2Fixed(base)
        }
        let num = Double(numLog) / 2048 + (Double(flat) - (Double(flatVar) / 16384) / 65025)
        return (Float(num), Float(Double(denLog) / 2048 + Double(flat)))
    }

    static func decimate(_ image: [Int64], _ w: Int, _ h: Int, scale s: Int, bitDepth: Int) -> [Int64] {
        let shift = Int64(s == 0 ? bitDepth : 16)
        let full = filter(image, w, h, filters[s + 1], vShift: shift, hShift: 16)
        var out: [Int64] = []
        for y in 0..<(h / 2) { for x in 0..<(w / 2) { out.append(full[2 * y * w + 2 * x]) } }
        return out
    }

    static func compute(reference: Plane, distorted: Plane, gainLimit: Double = 100) -> [(Float, Float)] {
        var ref = reference.samples.map(Int64.init), dis = distorted.samples.map(Int64.init)
        var w = reference.width, h = reference.height
        var result: [(Float, Float)] = []
        for s in 0..<4 {
            result.append(scale(ref, dis, w, h, scale: s, bitDepth: reference.bitDepth, gainLimit: gainLimit))
            if s < 3 {
                ref = decimate(ref, w, h, scale: s, bitDepth: reference.bitDepth)
                dis = decimate(dis, w, h, scale: s, bitDepth: reference.bitDepth)
                w /= 2; h /= 2
            }
        }
        return result
    }
}
