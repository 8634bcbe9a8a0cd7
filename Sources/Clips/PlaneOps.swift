import Foundation
import Support
import PluginKit
import Presets
import Batch
import Media

/// Small pixel operations on 8-bit planes the clip renderer needs besides swscale.
enum PlaneOps {
    /// A separable box blur, run three times (close to a Gaussian), and darkening by `dim` (0…1), in place.
    static func blur(_ plane: PlaneView, radius: Int, dim: Double, neutral: UInt8) {
        let width = plane.width, height = plane.height
        guard width > 0, height > 0 else { return }
        var buf = [Int](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = plane.row(y)
            for x in 0..<width { buf[y * width + x] = Int(row[x]) }
        }
        let r = max(1, radius)
        var tmp = buf
        for _ in 0..<3 {
            for y in 0..<height { boxLine(&buf, &tmp, start: y * width, step: 1, count: width, r: r) }
            for x in 0..<width { boxLine(&tmp, &buf, start: x, step: width, count: height, r: r) }
        }
        let keep = 1 - max(0, min(1, dim))
        for y in 0..<height {
            let row = plane.row(y)
            for x in 0..<width {
                let v = Double(buf[y * width + x] - Int(neutral)) * (neutral == 128 ? 1 : keep) + Double(neutral)
                row[x] = UInt8(max(0, min(255, v.rounded())))
            }
        }
    }

    private static func boxLine(_ src: inout [Int], _ dst: inout [Int], start: Int, step: Int, count: Int, r: Int) {
        var sum = 0
        let n = 2 * r + 1
        func at(_ i: Int) -> Int { src[start + max(0, min(count - 1, i)) * step] }
        for i in -r...r { sum += at(i) }
        for i in 0..<count {
            dst[start + i * step] = sum / n
            sum += at(i + r + 1) - at(i - r)
        }
    }

    /// Copies a yuv420p picture into `dst` at (x, y) (even), clipped.
    static func paste(_ src: Frame, into dst: Frame, x: Int, y: Int) throws {
        for p in 0..<3 {
            let sub = p == 0 ? 0 : 1
            try src.withPlane(p) { s in
                try dst.withPlane(p) { d in
                    let ox = x >> sub, oy = y >> sub
                    let x0 = max(0, ox), x1 = min(d.width, ox + s.width)
                    guard x1 > x0 else { return }
                    for row in 0..<s.height where oy + row >= 0 && oy + row < d.height {
                        let from = s.row(row)[(x0 - ox)..<(x1 - ox)]
                        _ = UnsafeMutableBufferPointer(rebasing: d.row(oy + row)[x0..<x1]).update(fromContentsOf: from)
                    }
                }
            }
        }
    }

    /// The luma plane of `frame` as a small grey picture `width` wide (for reframing decisions).
    static func thumbnail(_ frame: Frame, scaler: Scaler, into out: Frame) throws -> [UInt8] {
        try scaler.scale(frame, into: out)
        return try out.withPlane(0) { plane in
            var px = [UInt8](repeating: 0, count: plane.width * plane.height)
            for y in 0..<plane.height {
                let row = plane.row(y)
                for x in 0..<plane.width { px[y * plane.width + x] = row[x] }
            }
            return px
        }
    }
}
