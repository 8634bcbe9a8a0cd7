/// One value for each of the Y, U and V planes of a picture.
public struct PerPlane: Sendable, Equatable, CustomStringConvertible {
    public var y: Double
    public var u: Double
    public var v: Double

    public init(y: Double, u: Double, v: Double) {
        self.y = y
        self.u = u
        self.v = v
    }

    /// The three values in plane order (Y, U, V).
    public var values: [Double] { [y, u, v] }

    /// Applies `transform` to each plane's value.
    public func map(_ transform: (Double) -> Double) -> PerPlane {
        PerPlane(y: transform(y), u: transform(u), v: transform(v))
    }

    /// Weighted sum y*w.y + u*w.u + v*w.v.
    public func weightedSum(_ weights: PerPlane) -> Double {
        y * weights.y + u * weights.u + v * weights.v
    }

    /// Plane weights proportional to pixel counts, as FFmpeg's psnr and ssim filters use them
    /// for their "average" and "All" values (for 4:2:0 that is 4/6, 1/6, 1/6).
    public static func pixelCountWeights(_ picture: Picture) -> PerPlane {
        let counts = picture.planes.map { Double($0.width * $0.height) }
        let total = counts.reduce(0, +)
        return PerPlane(y: counts[0] / total, u: counts[1] / total, v: counts[2] / total)
    }

    public var description: String { "y:\(y) u:\(u) v:\(v)" }
}
