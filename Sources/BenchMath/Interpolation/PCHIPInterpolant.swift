/// Piecewise cubic Hermite interpolating polynomial (PCHIP), shape preserving.
///
/// Knot slopes follow Fritsch & Butland (1984) as used by MATLAB's `pchip` and SciPy's
/// `PchipInterpolator`:
/// - interior knot k with secant slopes m₋ (left) and m₊ (right) and widths h₋, h₊: slope 0
///   when m₋ and m₊ differ in sign or either is 0, else the weighted harmonic mean
///   `(w₁ + w₂) / (w₁/m₋ + w₂/m₊)` with `w₁ = 2h₊ + h₋`, `w₂ = h₊ + 2h₋`;
/// - end knots: the one-sided three-point estimate `((2h₀ + h₁)m₀ − h₀m₁)/(h₀ + h₁)`, set to 0
///   if its sign differs from m₀, and limited to 3m₀ when m₀ and m₁ differ in sign;
/// - two knots only: the straight line.
/// Each piece is then the cubic Hermite polynomial matching values and slopes at its ends,
/// and `integral` integrates those cubics exactly.
public struct PCHIPInterpolant: CurveInterpolant, Hashable {
    public let xs: [Double]
    public let ys: [Double]
    /// Slope of the interpolant at each knot.
    public let slopes: [Double]
    /// Integral of the interpolant from `xs[0]` to each knot.
    private let cumulative: [Double]

    /// - Throws: `tooFewPoints` below 2 samples, `nonMonotonicCurve` unless `xs` strictly increases.
    public init(xs: [Double], ys: [Double]) throws {
        try validateSamples(xs: xs, ys: ys, minimum: 2, method: "PCHIP")
        self.xs = xs
        self.ys = ys
        self.slopes = PCHIPInterpolant.knotSlopes(xs: xs, ys: ys)
        var running = [0.0]
        running.reserveCapacity(xs.count)
        for piece in 0..<(xs.count - 1) {
            let total = running[piece] + PCHIPInterpolant.pieceIntegral(
                xs: xs, ys: ys, slopes: slopes, piece: piece, upTo: xs[piece + 1] - xs[piece])
            running.append(total)
        }
        self.cumulative = running
    }

    public func value(at x: Double) -> Double {
        let piece = pieceIndex(x)
        let (c0, c1, c2, c3) = PCHIPInterpolant.coefficients(xs: xs, ys: ys, slopes: slopes, piece: piece)
        let t = x - xs[piece]
        return c0 + t * (c1 + t * (c2 + t * c3))
    }

    public func integral(from lower: Double, to upper: Double) -> Double {
        antiderivative(upper) - antiderivative(lower)
    }

    /// ∫ from xs[0] to x.
    private func antiderivative(_ x: Double) -> Double {
        let piece = pieceIndex(x)
        return cumulative[piece] + PCHIPInterpolant.pieceIntegral(
            xs: xs, ys: ys, slopes: slopes, piece: piece, upTo: x - xs[piece])
    }

    /// Index of the piece [xs[i], xs[i+1]] holding x; end pieces extend outward.
    private func pieceIndex(_ x: Double) -> Int {
        var low = 0, high = xs.count - 2
        while low < high {
            let mid = (low + high + 1) / 2
            if xs[mid] <= x { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Local power-basis coefficients of piece i in t = x − xs[i].
    private static func coefficients(xs: [Double], ys: [Double], slopes: [Double],
                                     piece i: Int) -> (Double, Double, Double, Double) {
        let h = xs[i + 1] - xs[i]
        let secant = (ys[i + 1] - ys[i]) / h
        let c2 = (3 * secant - 2 * slopes[i] - slopes[i + 1]) / h
        let c3 = (slopes[i] + slopes[i + 1] - 2 * secant) / (h * h)
        return (ys[i], slopes[i], c2, c3)
    }

    /// ∫ of piece i from t = 0 to t = `upTo`.
    private static func pieceIntegral(xs: [Double], ys: [Double], slopes: [Double],
                                      piece: Int, upTo t: Double) -> Double {
        let (c0, c1, c2, c3) = coefficients(xs: xs, ys: ys, slopes: slopes, piece: piece)
        return t * (c0 + t * (c1 / 2 + t * (c2 / 3 + t * c3 / 4)))
    }

    /// Fritsch–Butland knot slopes (see the type's documentation).
    static func knotSlopes(xs: [Double], ys: [Double]) -> [Double] {
        let n = xs.count
        let widths = (0..<(n - 1)).map { xs[$0 + 1] - xs[$0] }
        let secants = (0..<(n - 1)).map { (ys[$0 + 1] - ys[$0]) / widths[$0] }
        if n == 2 { return [secants[0], secants[0]] }
        var slopes = [Double](repeating: 0, count: n)
        for k in 1..<(n - 1) {
            let left = secants[k - 1], right = secants[k]
            guard left != 0, right != 0, (left > 0) == (right > 0) else { continue }
            let w1 = 2 * widths[k] + widths[k - 1]
            let w2 = widths[k] + 2 * widths[k - 1]
            slopes[k] = (w1 + w2) / (w1 / left + w2 / right)
        }
        slopes[0] = endSlope(h0: widths[0], h1: widths[1], m0: secants[0], m1: secants[1])
        slopes[n - 1] = endSlope(h0: widths[n - 2], h1: widths[n - 3],
                                 m0: secants[n - 2], m1: secants[n - 3])
        return slopes
    }

    /// One-sided, shape-preserving three-point slope at an end knot.
    private static func endSlope(h0: Double, h1: Double, m0: Double, m1: Double) -> Double {
        let estimate = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1)
        if sign(estimate) != sign(m0) { return 0 }
        if sign(m0) != sign(m1) && abs(estimate) > 3 * abs(m0) { return 3 * m0 }
        return estimate
    }

    private static func sign(_ value: Double) -> Int { value > 0 ? 1 : (value < 0 ? -1 : 0) }
}
