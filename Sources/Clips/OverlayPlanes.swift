import Foundation
import Support
import PluginKit
import Presets
import Batch
import Imaging
import Media

/// An overlay converted once to YUV 4:2:0 with alpha, ready to blend into every frame it covers.
struct OverlayPlanes {
    let x: Int, y: Int, width: Int, height: Int
    let start: Double, end: Double
    let label: String
    /// Full-resolution luma and alpha (0…255), half-resolution chroma and chroma alpha.
    let luma: [UInt8], alpha: [UInt8]
    let cb: [UInt8], cr: [UInt8], chromaAlpha: [UInt8]

    /// `hd`: BT.709 coefficients (else BT.601), limited range, as x264 signals by default.
    init(_ overlay: OverlayImage, clipDuration: Double, hd: Bool) throws {
        let img = overlay.image
        let w = img.width & ~1, h = img.height & ~1
        let px = try img.pixelBytes()
        let bands = img.bands
        x = overlay.x & ~1; y = overlay.y & ~1; width = w; height = h
        start = overlay.start ?? 0; end = overlay.end ?? clipDuration; label = overlay.label
        let (kr, kb): (Double, Double) = hd ? (0.2126, 0.0722) : (0.299, 0.114)
        var Y = [UInt8](repeating: 0, count: w * h), A = [UInt8](repeating: 0, count: w * h)
        var U = [UInt8](repeating: 128, count: w * h / 4), V = [UInt8](repeating: 128, count: w * h / 4)
        var CA = [UInt8](repeating: 0, count: w * h / 4)
        var uAcc = [Double](repeating: 0, count: w * h / 4), vAcc = uAcc, aAcc = uAcc
        for row in 0..<h {
            for col in 0..<w {
                let i = (row * img.width + col) * bands
                let r = Double(px[i]) / 255, g = Double(px[i + 1]) / 255, b = Double(px[i + 2]) / 255
                let a = bands >= 4 ? Double(px[i + 3]) : 255
                let yy = kr * r + (1 - kr - kb) * g + kb * b
                Y[row * w + col] = UInt8(max(16, min(235, (16 + 219 * yy).rounded())))
                A[row * w + col] = UInt8(a)
                let ci = (row / 2) * (w / 2) + col / 2
                uAcc[ci] += (b - yy) / (2 * (1 - kb)) * a
                vAcc[ci] += (r - yy) / (2 * (1 - kr)) * a
                aAcc[ci] += a
            }
        }
        for ci in 0..<(w * h / 4) where aAcc[ci] > 0 {
            U[ci] = UInt8(max(16, min(240, (128 + 224 * uAcc[ci] / aAcc[ci]).rounded())))
            V[ci] = UInt8(max(16, min(240, (128 + 224 * vAcc[ci] / aAcc[ci]).rounded())))
            CA[ci] = UInt8((aAcc[ci] / 4).rounded())
        }
        luma = Y; alpha = A; cb = U; cr = V; chromaAlpha = CA
    }

    func isActive(at t: Double) -> Bool { t >= start - 1e-6 && t < end }

    /// Blends into a yuv420p frame, clipped to the frame.
    func blend(into frame: Frame) throws {
        try frame.withPlane(0) { blendPlane($0, src: luma, a: alpha, x: x, y: y, w: width, h: height) }
        try frame.withPlane(1) { blendPlane($0, src: cb, a: chromaAlpha, x: x / 2, y: y / 2, w: width / 2, h: height / 2) }
        try frame.withPlane(2) { blendPlane($0, src: cr, a: chromaAlpha, x: x / 2, y: y / 2, w: width / 2, h: height / 2) }
    }

    private func blendPlane(_ plane: PlaneView, src: [UInt8], a: [UInt8], x: Int, y: Int, w: Int, h: Int) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(plane.width, x + w), y1 = min(plane.height, y + h)
        guard x1 > x0, y1 > y0 else { return }
        src.withUnsafeBufferPointer { s in
            a.withUnsafeBufferPointer { al in
                for row in y0..<y1 {
                    let d = plane.row(row)
                    let o = (row - y) * w - x
                    for col in x0..<x1 {
                        let alpha = UInt32(al[o + col])
                        if alpha == 0 { continue }
                        d[col] = UInt8((UInt32(s[o + col]) * alpha + UInt32(d[col]) * (255 - alpha) + 127) / 255)
                    }
                }
            }
        }
    }
}
