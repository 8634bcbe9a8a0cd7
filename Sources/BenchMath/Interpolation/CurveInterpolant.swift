/// A continuous function fitted through (x, y) samples that can be evaluated and
/// integrated analytically. The Bjøntegaard maths uses it for log10(rate) as a function of
/// quality (BD-rate) and for quality as a function of log10(rate) (BD-quality).
public protocol CurveInterpolant: Sendable {
    /// The fitted function at `x` (extrapolates the end pieces outside the sample range).
    func value(at x: Double) -> Double
    /// The exact integral of the fitted function from `lower` to `upper`.
    func integral(from lower: Double, to upper: Double) -> Double
}

/// How a Bjøntegaard delta interpolates the curves.
public enum BDInterpolation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Piecewise cubic Hermite interpolation with Fritsch–Carlson/Fritsch–Butland slopes, as in
    /// the JCT-VC/JVET common-test-condition sheets and the `bjontegaard` package's "pchip".
    /// The default: it follows the points without overshoot.
    case pchip
    /// The classic VCEG-M33 method: one least-squares cubic polynomial through all points
    /// (exact through 4 points), as the `bjontegaard` package's "cubic".
    case cubic

    /// Fits this interpolation through strictly increasing `xs` with values `ys`.
    /// - Throws: `tooFewPoints` (pchip needs 2 points, cubic 4), `nonMonotonicCurve` when
    ///   `xs` is not strictly increasing, `numericalFailure` for a singular cubic fit.
    public func fit(xs: [Double], ys: [Double]) throws -> any CurveInterpolant {
        switch self {
        case .pchip: return try PCHIPInterpolant(xs: xs, ys: ys)
        case .cubic: return try CubicFitInterpolant(xs: xs, ys: ys)
        }
    }
}

/// Shared input check: equal lengths, finite, `xs` strictly increasing, at least `minimum`.
func validateSamples(xs: [Double], ys: [Double], minimum: Int, method: String) throws {
    guard xs.count == ys.count else {
        throw BenchMathError.invalidParameter(
            name: "\(method) samples", detail: "\(xs.count) x values but \(ys.count) y values")
    }
    guard xs.count >= minimum else {
        throw BenchMathError.tooFewPoints(what: "\(method) interpolation", count: xs.count, minimum: minimum)
    }
    for (x, y) in zip(xs, ys) {
        try requireFinite(x, "\(method) sample x")
        try requireFinite(y, "\(method) sample y")
    }
    for index in 1..<xs.count where !(xs[index] > xs[index - 1]) {
        throw BenchMathError.nonMonotonicCurve(
            what: "\(method) samples", detail: "x \(xs[index]) does not exceed \(xs[index - 1])")
    }
}
